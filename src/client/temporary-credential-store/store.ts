// TemporaryCredentialStore: where temporary credentials wait between the redirect and the callback (RFC 5849 §2.1–2.3).

import { OAuthError, type OAuthErrorOptions } from '../../core/errors.js';

/** A temporary credential store could not be reached (`ERR_OAUTH_TEMPORARY_CREDENTIAL_STORE_UNAVAILABLE`). */
export class TemporaryCredentialStoreError extends OAuthError {
  declare readonly code: 'ERR_OAUTH_TEMPORARY_CREDENTIAL_STORE_UNAVAILABLE';
  constructor(message: string, options?: OAuthErrorOptions) {
    super('ERR_OAUTH_TEMPORARY_CREDENTIAL_STORE_UNAVAILABLE', message, options);
  }
}

// Registers this module's code in the error family's union (see OAuthErrorRegistry).
declare module '../../core/errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_TEMPORARY_CREDENTIAL_STORE_UNAVAILABLE: TemporaryCredentialStoreError;
  }
}

/** What a store keeps for one authorisation: the temporary credentials and the caller's own state. */
export interface StoredTemporaryCredentials {
  /** `oauth_token` of the temporary credentials. */
  token: string;
  /** `oauth_token_secret` of the temporary credentials (needed to sign the token request). */
  tokenSecret: string;
  /** Caller data to get back at the callback (e.g. where to return to); JSON-able. */
  state?: string;
}

/**
 * The contract: `save` when the temporary credentials arrive, `take` once at the callback.
 * `save` returns a reference for the caller to keep with the user (a cookie, a session field):
 * server-side stores return the token itself; the sealed store returns the sealed credentials.
 * `take` is one-shot: a second `take` of the same token answers `undefined` (the sealed store,
 * which keeps nothing, answers until the seal expires; the provider refuses a spent token).
 */
export interface TemporaryCredentialStore {
  /** Keeps `credentials` for `ttlSeconds` (the store's default when omitted); returns the reference. */
  save(credentials: StoredTemporaryCredentials, ttlSeconds?: number): Promise<string>;
  /** The credentials of `token` (and the reference `save` returned), forgotten at once; undefined if unknown, expired or tampered with. */
  take(token: string, reference?: string): Promise<StoredTemporaryCredentials | undefined>;
}

/** Default lifetime of stored temporary credentials, seconds (a user completing a login). */
export const DEFAULT_TEMPORARY_CREDENTIAL_TTL = 600;

export function checkCredentials(credentials: StoredTemporaryCredentials): void {
  if (typeof credentials !== 'object' || credentials === null || typeof credentials.token !== 'string' || credentials.token === ''
    || typeof credentials.tokenSecret !== 'string' || (credentials.state !== undefined && typeof credentials.state !== 'string')) {
    throw new TypeError('temporary credentials must be { token: non-empty string, tokenSecret: string, state?: string }');
  }
}

export function checkTtl(ttlSeconds: number | undefined, fallback: number): number {
  const ttl = ttlSeconds ?? fallback;
  if (!Number.isInteger(ttl) || ttl < 1) throw new TypeError(`ttlSeconds must be a whole number of seconds ≥ 1, got ${String(ttl)}`);
  return ttl;
}

/** Options of {@link MemoryTemporaryCredentialStore}. */
export interface MemoryTemporaryCredentialStoreOptions {
  /** Lifetime, seconds. @default 600 */
  ttlSeconds?: number;
  /** Clock, ms. @default Date.now */
  now?: () => number;
  /** Most entries kept; the oldest go first. @default 100000 */
  maxEntries?: number;
}

/**
 * One process's store (tests, single-instance apps). Entries expire and are taken once.
 *
 * @example
 * const store = new MemoryTemporaryCredentialStore();
 * const ref = await store.save({ token, tokenSecret });
 * await store.take(token, ref); // the credentials, then undefined
 */
export class MemoryTemporaryCredentialStore implements TemporaryCredentialStore {
  readonly #entries = new Map<string, { credentials: StoredTemporaryCredentials; expiresAt: number }>();
  readonly #ttl: number;
  readonly #now: () => number;
  readonly #max: number;

  constructor(options: MemoryTemporaryCredentialStoreOptions = {}) {
    this.#ttl = checkTtl(options.ttlSeconds, DEFAULT_TEMPORARY_CREDENTIAL_TTL);
    this.#now = options.now ?? Date.now;
    this.#max = options.maxEntries ?? 100000;
  }

  /** {@inheritDoc TemporaryCredentialStore.save} */
  save(credentials: StoredTemporaryCredentials, ttlSeconds?: number): Promise<string> {
    checkCredentials(credentials);
    const ttl = checkTtl(ttlSeconds, this.#ttl);
    this.#entries.delete(credentials.token);
    while (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(credentials.token, { credentials: { ...credentials }, expiresAt: this.#now() + ttl * 1000 });
    return Promise.resolve(credentials.token);
  }

  /** {@inheritDoc TemporaryCredentialStore.take} */
  take(token: string): Promise<StoredTemporaryCredentials | undefined> {
    if (typeof token !== 'string') throw new TypeError('token must be a string');
    const entry = this.#entries.get(token);
    this.#entries.delete(token);
    if (entry === undefined || entry.expiresAt <= this.#now()) return Promise.resolve(undefined);
    return Promise.resolve(entry.credentials);
  }

  /** Entries held (expired ones included until taken or pushed out). */
  get size(): number {
    return this.#entries.size;
  }
}
