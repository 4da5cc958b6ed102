// Nonces and timestamps (RFC 5849 §3.3): crypto-random ASCII alphanumerics, seconds since the epoch.

import { randomFillSync } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const pool = Buffer.alloc(4096);
let poolPos = pool.length;

/**
 * A nonce of `length` ASCII letters and digits (some providers, Sina Weibo among them, accept
 * nothing else) drawn from the operating system's CSPRNG without modulo bias.
 *
 * @example generateNonce() // 'q3ZkT0…' (32 characters)
 */
// RFC 5849 §3.3
export function generateNonce(length = 32): string {
  if (!Number.isInteger(length) || length < 8 || length > 256) throw new RangeError('nonce length must be an integer from 8 to 256');
  let out = '';
  while (out.length < length) {
    if (poolPos >= pool.length) { randomFillSync(pool); poolPos = 0; }
    const b = pool[poolPos++]!;
    // 248 = 4 × 62: rejecting the top 8 values keeps every character equally likely.
    if (b < 248) out += ALPHABET[b % 62];
  }
  return out;
}

/**
 * `oauth_timestamp`: whole seconds since 1970-01-01T00:00:00Z.
 *
 * @param nowMs the clock, in milliseconds. @default Date.now()
 * @example timestampSeconds(1318622958999) // '1318622958'
 */
// RFC 5849 §3.3
export function timestampSeconds(nowMs: number = Date.now()): string {
  return String(Math.floor(nowMs / 1000));
}
