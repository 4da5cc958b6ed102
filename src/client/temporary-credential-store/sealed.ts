// SealedTemporaryCredentialStore: temporary credentials sealed with AES-256-GCM into the reference itself — no server state.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { checkCredentials, checkTtl, DEFAULT_TEMPORARY_CREDENTIAL_TTL, type StoredTemporaryCredentials, type TemporaryCredentialStore } from './store.js';

/** A sealing key: an id (goes in the clear, picks the key when unsealing) and 32 secret bytes. */
export interface SealingKey {
  /** Short id, letters, digits, `-` or `_` (1–16 characters). */
  id: string;
  /** 32 bytes (AES-256). */
  key: Uint8Array;
}

/** Options of {@link SealedTemporaryCredentialStore}. */
export interface SealedTemporaryCredentialStoreOptions {
  /** Keys, newest first: the first seals, every one unseals (rotation: add a new key in front, drop the old one after the TTL). */
  keys: readonly SealingKey[];
  /** Lifetime of a seal, seconds. @default 600 */
  ttlSeconds?: number;
  /** Clock, ms. @default Date.now */
  now?: () => number;
}

const ID = /^[A-Za-z0-9_-]{1,16}$/;
const VERSION = 'v1';

/**
 * A store that keeps nothing: `save` returns `v1.<keyId>.<base64url(iv | ciphertext | tag)>`, the
 * credentials and their expiry sealed with AES-256-GCM (authenticated: a changed byte, another
 * key or another token fails), about 150 characters for a Twitter-sized token — small enough for
 * a cookie. Any process with the key can `take` it, so the callback may land on another server.
 * It cannot forget a seal it never held: a replay works until the seal expires (the provider
 * refuses a temporary token already exchanged). The key id and the token are bound into the
 * authenticated data. Keep the cookie `HttpOnly; Secure; SameSite=Lax`.
 *
 * @example
 * const store = new SealedTemporaryCredentialStore({ keys: [{ id: '2026-12', key: randomBytes(32) }] });
 * res.cookie('oauth_tmp', await store.save({ token, tokenSecret }), { httpOnly: true, secure: true, sameSite: 'lax' });
 * const creds = await store.take(req.query.oauth_token, req.cookies.oauth_tmp);
 */
export class SealedTemporaryCredentialStore implements TemporaryCredentialStore {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #current: string;
  readonly #ttl: number;
  readonly #now: () => number;

  /** @throws {TypeError} without keys, for a key that is not 32 bytes or an invalid or repeated id. */
  constructor(options: SealedTemporaryCredentialStoreOptions) {
    const keys = new Map<string, Buffer>();
    if (!options || !Array.isArray(options.keys) || options.keys.length === 0) throw new TypeError('SealedTemporaryCredentialStore needs keys: [{ id, key }] (newest first)');
    for (const k of options.keys) {
      if (typeof k?.id !== 'string' || !ID.test(k.id)) throw new TypeError('sealing key id must be 1–16 letters, digits, "-" or "_"');
      if (!(k.key instanceof Uint8Array) || k.key.length !== 32) throw new TypeError(`sealing key ${k.id} must be 32 bytes`);
      if (keys.has(k.id)) throw new TypeError(`sealing key id ${k.id} is given twice`);
      keys.set(k.id, Buffer.from(k.key));
    }
    this.#keys = keys;
    this.#current = options.keys[0]!.id;
    this.#ttl = checkTtl(options.ttlSeconds, DEFAULT_TEMPORARY_CREDENTIAL_TTL);
    this.#now = options.now ?? Date.now;
  }

  /** {@inheritDoc TemporaryCredentialStore.save} */
  save(credentials: StoredTemporaryCredentials, ttlSeconds?: number): Promise<string> {
    checkCredentials(credentials);
    const ttl = checkTtl(ttlSeconds, this.#ttl);
    const expiresAt = Math.floor(this.#now() / 1000) + ttl;
    const plain = JSON.stringify([credentials.tokenSecret, expiresAt, credentials.state ?? null]);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#keys.get(this.#current)!, iv);
    cipher.setAAD(Buffer.from(`${VERSION}.${this.#current}.${credentials.token}`));
    const sealed = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return Promise.resolve(`${VERSION}.${this.#current}.${sealed.toString('base64url')}`);
  }

  /** {@inheritDoc TemporaryCredentialStore.take} */
  take(token: string, reference?: string): Promise<StoredTemporaryCredentials | undefined> {
    if (typeof token !== 'string') throw new TypeError('token must be a string');
    if (typeof reference !== 'string') return Promise.resolve(undefined);
    const [version, id, data, extra] = reference.split('.');
    const key = id === undefined ? undefined : this.#keys.get(id);
    if (version !== VERSION || key === undefined || data === undefined || extra !== undefined) return Promise.resolve(undefined);
    const raw = Buffer.from(data, 'base64url');
    if (raw.length < 12 + 16 + 1) return Promise.resolve(undefined);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(`${VERSION}.${id}.${token}`));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
      const [tokenSecret, expiresAt, state] = JSON.parse(plain) as [string, number, string | null];
      if (expiresAt <= Math.floor(this.#now() / 1000)) return Promise.resolve(undefined);
      return Promise.resolve({ token, tokenSecret, ...(state !== null ? { state } : {}) });
    } catch {
      return Promise.resolve(undefined); // tampered, another token, or a key that is not this one
    }
  }
}
