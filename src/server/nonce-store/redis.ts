// Redis nonce store (RFC 5849 §3.3): atomic SET NX EX shared by several server processes.

import { createClient } from '@redis/client';
import { NonceStoreError, digestNonceKey, type NonceStore } from './store.js';

/** The part of a node-redis (v5+) client this store uses. */
export interface RedisLikeClient {
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
  set(key: string, value: string, options: { condition: 'NX'; expiration: { type: 'EX'; value: number } }): Promise<unknown>;
  close?(): Promise<unknown>;
  quit?(): Promise<unknown>;
  on?(event: 'error' | 'ready', listener: (err?: unknown) => void): unknown;
}

/** Options of {@link RedisNonceStore}. */
export interface RedisNonceStoreOptions {
  /** Redis URL (`redis://[:password@]host:port[/db]`). @default 'redis://127.0.0.1:6379' */
  url?: string;
  /** An existing node-redis client to use instead of creating one from `url` (its errors are yours to handle). */
  client?: RedisLikeClient;
  /** Prefix of every key this store writes. @default 'oauth1:nonce:' */
  prefix?: string;
  /** Per-command timeout in milliseconds; a slow Redis fails closed. @default 1000 */
  commandTimeoutMs?: number;
  /** Connection timeout in milliseconds. @default 2000 */
  connectTimeoutMs?: number;
  /** Clock in milliseconds, used to turn the timestamp window into a Redis expiry. @default Date.now */
  now?: () => number;
  /**
   * Treat every `oauth_timestamp` up to the second this store last (re)connected to Redis as
   * possibly seen: `checkAndStore` answers `false` (replay) for it. A Redis that restarted without
   * persistence has forgotten the nonces accepted before; this refuses their replays, at the cost
   * of refusing requests whose timestamps predate a reconnect (clients re-sign with a fresh
   * timestamp) for up to one window after it. Leave it off when Redis persists every write
   * (`appendonly yes`, `appendfsync always`); see docs/security.md.
   * @default false
   */
  refuseTimestampsBeforeConnect?: boolean;
}

/**
 * A Redis URL with any password removed, for messages.
 *
 * @example redactRedisUrl('redis://:hunter2@cache:6379/0') // 'redis://:***@cache:6379/0'
 */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable Redis URL)';
  }
}

/**
 * A {@link NonceStore} in Redis, for several server processes behind one load balancer: each
 * nonce is written with one atomic `SET key 1 NX EX ttl`, so exactly one process accepts it,
 * and Redis drops it when its timestamp leaves the window. Keys are 128-bit digests, so each
 * entry costs the same whatever the nonce.
 *
 * Any Redis failure (unreachable, timeout, reconnecting) throws `ERR_OAUTH_NONCE_STORE_UNAVAILABLE`
 * and the verifier refuses the request: it fails closed, never open.
 *
 * @example
 * ```ts
 * const store = new RedisNonceStore({ url: 'redis://127.0.0.1:6379' });
 * await store.connect();
 * await store.checkAndStore(nonceKey('ck', 'tok', 'n0nce', '1700000000'), 1700000000, 300); // true, then false
 * await store.close();
 * ```
 */
export class RedisNonceStore implements NonceStore {
  readonly #client: RedisLikeClient;
  readonly #ownsClient: boolean;
  readonly #prefix: string;
  readonly #now: () => number;
  readonly #where: string;
  readonly #guardReconnects: boolean;
  /** When the connection last became ready (ms on the store's clock); -Infinity before. */
  #connectedAt = -Infinity;
  #connecting: Promise<void> | undefined;
  #lastError: unknown;

  constructor(options: RedisNonceStoreOptions = {}) {
    const { url = 'redis://127.0.0.1:6379', prefix = 'oauth1:nonce:', commandTimeoutMs = 1000, connectTimeoutMs = 2000, now = Date.now } = options;
    this.#prefix = prefix;
    this.#now = now;
    this.#guardReconnects = options.refuseTimestampsBeforeConnect === true;
    this.#where = options.client === undefined ? redactRedisUrl(url) : 'the given Redis client';
    if (options.client !== undefined) {
      this.#client = options.client;
      this.#ownsClient = false;
    } else {
      if (!/^rediss?:\/\//i.test(url)) throw new TypeError(`Redis nonce store URL must start with redis:// or rediss://, got ${JSON.stringify(redactRedisUrl(url))}`);
      const client = createClient({
        url,
        // Fail closed at once while disconnected instead of queueing requests behind a dead link.
        disableOfflineQueue: true,
        commandOptions: { timeout: commandTimeoutMs },
        socket: {
          connectTimeout: connectTimeoutMs,
          // A few quick retries; after that the client closes and the next request reconnects.
          reconnectStrategy: (retries: number, cause: Error) => (retries >= 3 ? cause : Math.min(50 * 2 ** retries, 500)),
        },
      });
      client.on('error', (err: unknown) => { this.#lastError = err; });
      this.#client = client as unknown as RedisLikeClient;
      this.#ownsClient = true;
    }
    // 'ready' fires on the first connection and on every reconnection (Redis may have restarted).
    this.#client.on?.('ready', () => { this.#connectedAt = this.#now(); });
    if (this.#client.isOpen) this.#connectedAt = this.#now();
  }

  /**
   * Opens the connection (also done lazily by the first {@link checkAndStore}).
   *
   * @throws {NonceStoreError} `ERR_OAUTH_NONCE_STORE_UNAVAILABLE` when Redis cannot be reached.
   * @example await new RedisNonceStore({ url }).connect()
   */
  async connect(): Promise<this> {
    await this.#ensureOpen();
    return this;
  }

  /** {@inheritDoc NonceStore.checkAndStore} */
  async checkAndStore(key: string, timestampSeconds: number, ttlSeconds: number): Promise<boolean> {
    if (typeof key !== 'string') throw new TypeError('nonce key must be a string');
    if (!Number.isFinite(timestampSeconds) || !Number.isFinite(ttlSeconds) || ttlSeconds < 0) {
      throw new TypeError('timestampSeconds and ttlSeconds must be finite numbers (ttlSeconds ≥ 0)');
    }
    await this.#ensureOpen();
    // A timestamp from before the (re)connection may belong to a nonce a restarted Redis forgot.
    if (this.#guardReconnects && timestampSeconds <= Math.floor(this.#connectedAt / 1000)) return false;
    // Keep the key until its timestamp leaves the window (at least one second).
    const expiresIn = Math.max(1, Math.ceil(timestampSeconds + ttlSeconds - this.#now() / 1000));
    let reply: unknown;
    try {
      reply = await this.#client.set(this.#prefix + digestNonceKey(key), '1', { condition: 'NX', expiration: { type: 'EX', value: expiresIn } });
    } catch (cause) {
      throw this.#unavailable('SET NX failed', cause);
    }
    return reply === 'OK';
  }

  /** Closes the connection if this store opened it. @example await store.close() */
  async close(): Promise<void> {
    if (!this.#ownsClient || !this.#client.isOpen) return;
    if (this.#client.close) await this.#client.close();
    else if (this.#client.quit) await this.#client.quit();
  }

  async #ensureOpen(): Promise<void> {
    if (this.#client.isOpen) return;
    this.#connecting ??= this.#client.connect().then(
      () => { this.#connecting = undefined; },
      (cause: unknown) => { this.#connecting = undefined; throw this.#unavailable('cannot connect', cause); },
    );
    await this.#connecting;
  }

  #unavailable(what: string, cause: unknown): NonceStoreError {
    const describe = (e: unknown): string | undefined => (e instanceof Error ? e.message || e.name : undefined);
    const reason = describe(cause) ?? describe(this.#lastError) ?? 'unknown error';
    return new NonceStoreError('ERR_OAUTH_NONCE_STORE_UNAVAILABLE', `Redis nonce store at ${this.#where}: ${what} (${reason}); refusing the request (fail closed)`, { cause });
  }
}
