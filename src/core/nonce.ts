// Nonces and timestamps (RFC 5849 §3.3): crypto-random ASCII alphanumerics, seconds since the epoch.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const pool = new Uint8Array(4096);
let poolPos = pool.length;

/**
 * Length of the default nonce: 25 letters and digits, log2(62^25) ≈ 148.9 bits. oauthlib's
 * default validator (`RequestValidator.check_nonce`) accepts only ASCII letters and digits, 20 to
 * 30 of them, so a 32-character nonce is refused there with "Invalid nonce format"; 25 sits in
 * the middle of that range and keeps more than 128 bits.
 */
export const DEFAULT_NONCE_LENGTH = 25;

/**
 * A nonce of `length` ASCII letters and digits (some providers, Sina Weibo among them, accept
 * nothing else) drawn from the platform's CSPRNG (`crypto.getRandomValues`, in every runtime)
 * without modulo bias.
 *
 * @param length number of characters, 8 to 256. @default 25 ({@link DEFAULT_NONCE_LENGTH})
 * @throws {RangeError} when `length` is not a whole number from 8 to 256.
 * @example generateNonce() // 'q3ZkT0…' (25 characters, ≈ 149 bits)
 */
// RFC 5849 §3.3
export function generateNonce(length = DEFAULT_NONCE_LENGTH): string {
  if (!Number.isInteger(length) || length < 8 || length > 256) throw new RangeError('nonce length must be an integer from 8 to 256');
  let out = '';
  while (out.length < length) {
    if (poolPos >= pool.length) { globalThis.crypto.getRandomValues(pool); poolPos = 0; }
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
