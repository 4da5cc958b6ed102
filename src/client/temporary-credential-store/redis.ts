// RedisTemporaryCredentialStore: temporary credentials in Redis with a TTL, taken once with GETDEL — shared by every server.

import { createClient } from '@redis/client';
import { redactRedisUrl } from '../../server/nonce-store/redis.js';
import { checkCredentials, checkTtl, DEFAULT_TEMPORARY_CREDENTIAL_TTL, type StoredTemporaryCredentials, type TemporaryCredentialStore, TemporaryCredentialStoreError } from './store.js';

/** The node-redis commands the store uses. */
export interface RedisTemporaryCredentialClient {
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
  set(key: string, value: string, options: { expiration: { type: 'EX'; value: number } }): Promise<unknown>;
  getDel(key: string): Promise<string | null | unknown>;
  close?(): Promise<unknown>;
  quit?(): Promise<unknown>;
  on?(event: 'error', listener: (err?: unknown) => void): unknown;
}

/** Options of {@link RedisTemporaryCredentialStore}. */
export interface RedisTemporaryCredentialStoreOptions {
  /** @default 'redis://127.0.0.1:6379' */
  url?: string;
  /** An existing node-redis client instead of `url`. */
  client?: RedisTemporaryCredentialClient;
  /** Key prefix. @default 'oauth1:tmp:' */
  prefix?: string;
  /** Lifetime, seconds (Redis `EX`). @default 600 */
  ttlSeconds?: number;
}

/**
 * Temporary credentials in Redis (`SET … EX ttl`), taken once with `GETDEL` (Redis ≥ 6.2), so
 * the callback may reach any server sharing the Redis. Failures throw
 * `ERR_OAUTH_TEMPORARY_CREDENTIAL_STORE_UNAVAILABLE` (the URL's password redacted).
 *
 * @example
 * const store = new RedisTemporaryCredentialStore({ url: process.env.REDIS_URL });
 * const ref = await store.save({ token, tokenSecret }); // ref === token
 * const creds = await store.take(token);              // once
 */
export class RedisTemporaryCredentialStore implements TemporaryCredentialStore {
  readonly #client: RedisTemporaryCredentialClient;
  readonly #owns: boolean;
  readonly #prefix: string;
  readonly #ttl: number;
  readonly #where: string;

  constructor(options: RedisTemporaryCredentialStoreOptions = {}) {
    const url = options.url ?? 'redis://127.0.0.1:6379';
    this.#prefix = options.prefix ?? 'oauth1:tmp:';
    this.#ttl = checkTtl(options.ttlSeconds, DEFAULT_TEMPORARY_CREDENTIAL_TTL);
    this.#where = options.client ? 'the given Redis client' : redactRedisUrl(url);
    if (options.client) {
      this.#client = options.client;
      this.#owns = false;
    } else {
      if (!/^rediss?:\/\//i.test(url)) throw new TypeError(`Redis URL must start with redis:// or rediss://, got ${JSON.stringify(redactRedisUrl(url))}`);
      const client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 2000, reconnectStrategy: (n: number, cause: Error) => (n >= 3 ? cause : 100) } });
      client.on('error', () => undefined);
      this.#client = client as unknown as RedisTemporaryCredentialClient;
      this.#owns = true;
    }
  }

  /** {@inheritDoc TemporaryCredentialStore.save} */
  save(credentials: StoredTemporaryCredentials, ttlSeconds?: number): Promise<string> {
    checkCredentials(credentials);
    return this.#save(credentials, checkTtl(ttlSeconds, this.#ttl));
  }

  async #save(credentials: StoredTemporaryCredentials, ttl: number): Promise<string> {
    await this.#open();
    const value = JSON.stringify([credentials.tokenSecret, credentials.state ?? null]);
    try {
      await this.#client.set(this.#prefix + credentials.token, value, { expiration: { type: 'EX', value: ttl } });
    } catch (cause) {
      throw this.#unavailable('SET failed', cause);
    }
    return credentials.token;
  }

  /** {@inheritDoc TemporaryCredentialStore.take} */
  take(token: string): Promise<StoredTemporaryCredentials | undefined> {
    if (typeof token !== 'string') throw new TypeError('token must be a string');
    return this.#take(token);
  }

  async #take(token: string): Promise<StoredTemporaryCredentials | undefined> {
    await this.#open();
    let raw: unknown;
    try {
      raw = await this.#client.getDel(this.#prefix + token);
    } catch (cause) {
      throw this.#unavailable('GETDEL failed', cause);
    }
    if (typeof raw !== 'string') return undefined;
    const [tokenSecret, state] = JSON.parse(raw) as [string, string | null];
    return { token, tokenSecret, ...(state !== null ? { state } : {}) };
  }

  /** Closes the connection if the store opened it. */
  async close(): Promise<void> {
    if (!this.#owns || !this.#client.isOpen) return;
    if (this.#client.close) await this.#client.close(); else await this.#client.quit?.();
  }

  async #open(): Promise<void> {
    if (this.#client.isOpen) return;
    try {
      await this.#client.connect();
    } catch (cause) {
      throw this.#unavailable('cannot connect', cause);
    }
  }

  #unavailable(what: string, cause: unknown): TemporaryCredentialStoreError {
    const reason = cause instanceof Error ? cause.message || cause.name : 'unknown error';
    return new TemporaryCredentialStoreError(`Redis temporary credential store at ${this.#where}: ${what} (${reason})`, { cause });
  }
}
