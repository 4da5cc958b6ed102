// The oauth_body_hash extension (draft-eaton-oauth-bodyhash-00): an unkeyed digest of the raw body.

import { nodeBuffer, nodeCrypto } from './node-crypto.js';
import type { BodyHashAlgorithm } from './types.js';

/**
 * `oauth_body_hash`: Base64 of the digest of the exact body bytes (an empty body hashes the
 * empty string). Never used with form-encoded bodies.
 *
 * The draft defines the digest as the one the signature method uses (SHA-1 for the *-SHA1
 * methods). For *-SHA256 methods implementations disagree; we default to SHA-256 and let the
 * caller choose with `algorithm`.
 *
 * Synchronous, so it needs node:crypto; `signRequestAsync` computes the same hash with WebCrypto.
 *
 * @throws {SyncCryptoUnavailableError} where the runtime has no node:crypto.
 * @example computeBodyHash('Hello World!') // 'Lve95gjOVATpfV8EL5X4nxwjKHE='
 */
export function computeBodyHash(body: string | Uint8Array | undefined, algorithm: BodyHashAlgorithm = 'sha1'): string {
  const h = nodeCrypto('computeBodyHash').createHash(algorithm);
  if (body !== undefined) h.update(typeof body === 'string' ? nodeBuffer('computeBodyHash').from(body, 'utf8') : body);
  return h.digest('base64');
}
