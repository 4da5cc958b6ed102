// The nonce-store contract: remember (consumer key, token, nonce, timestamp) so a request cannot be replayed (RFC 5849 §3.3).

import { hash } from 'node:crypto';
import { OAuthError, type OAuthErrorOptions } from '../../core/errors.js';

/**
 * Where a verifier remembers the nonces it has accepted. One method, atomic: it answers whether
 * the key is new and records it in the same step, so two requests racing with the same nonce
 * cannot both pass.
 *
 * @example
 * ```ts
 * const fresh = await store.checkAndStore(nonceKey('key', 'token', 'nonce', '1318622958'), 1318622958, 300);
 * if (!fresh) reject('nonce_used');
 * ```
 */
export interface NonceStore {
  /**
   * Records `key` unless it is already recorded.
   *
   * @param key the nonce key: consumer key, token, nonce and timestamp (see {@link nonceKey}).
   * @param timestampSeconds the request's `oauth_timestamp`.
   * @param ttlSeconds how long after `timestampSeconds` the key must be remembered (the timestamp window).
   * @returns `true` when the key was new (and is now recorded), `false` when it was seen before.
   * @throws {NonceStoreError} when the key cannot be recorded (store full, store unreachable): fail closed.
   */
  checkAndStore(key: string, timestampSeconds: number, ttlSeconds: number): Promise<boolean>;

  /**
   * Optional: the same answer synchronously, from the key's parts — what
   * `checkAndStore(nonceKey(consumerKey, token, nonce, timestamp), timestampSeconds, ttlSeconds)`
   * would answer, sharing its records. A store that can answer without I/O (in memory) implements
   * it, and the verifier then calls it instead, saving a promise turn per request.
   *
   * @param timestamp `oauth_timestamp` as sent (digits), `timestampSeconds` its value.
   * @throws {NonceStoreError} when the nonce cannot be recorded: fail closed.
   */
  checkAndStorePartsSync?(consumerKey: string, token: string | undefined, nonce: string, timestamp: string, timestampSeconds: number, ttlSeconds: number): boolean;
}

/** A nonce store could not record a nonce; the verifier rejects the request (fails closed). */
export class NonceStoreError extends OAuthError {
  constructor(code: 'ERR_OAUTH_NONCE_STORE_FULL' | 'ERR_OAUTH_NONCE_STORE_UNAVAILABLE', message: string, options?: OAuthErrorOptions) {
    super(code, message, options);
  }
}

/**
 * The key a verifier stores for one request: each part length-prefixed so that no two different
 * (consumer key, token, nonce, timestamp) tuples can produce the same key.
 *
 * @example nonceKey('dpf43f3p2l4k3l03', 'nnch734d00sl2jdk', 'chapoH', '137131202') // '16:dpf43f3p2l4k3l03|16:nnch734d00sl2jdk|6:chapoH|137131202'
 */
// RFC 5849 §3.3: "The nonce value MUST be unique across all requests with the same timestamp, client credentials, and token combinations."
export function nonceKey(consumerKey: string, token: string | undefined, nonce: string, timestamp: string): string {
  const t = token ?? '';
  return `${consumerKey.length}:${consumerKey}|${t.length}:${t}|${nonce.length}:${nonce}|${timestamp}`;
}

/**
 * A fixed-size digest of a nonce key (SHA-256, first 128 bits), so a stored entry costs the
 * same whatever the length of the consumer key, token and nonce.
 *
 * @example digestNonceKey('16:dpf43f3p2l4k3l03|0:|6:chapoH|137131202').length // 22
 */
export function digestNonceKey(key: string): string {
  return hash('sha256', key, 'base64url').slice(0, 22);
}

// Registers this module's codes in the error family's union (see OAuthErrorRegistry).
declare module '../../core/errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_NONCE_STORE_FULL: NonceStoreError;
    ERR_OAUTH_NONCE_STORE_UNAVAILABLE: NonceStoreError;
  }
}
