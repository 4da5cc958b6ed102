// The built-in signature methods and per-instance method tables (RFC 5849 §3.4).

import { SignatureMethodError } from '../errors.js';
import type { SignatureMethod } from '../types.js';
import { HMAC_SHA1, HMAC_SHA256, HMAC_SHA512 } from './hmac.js';
import { RSA_SHA1, RSA_SHA256 } from './rsa.js';
import { PLAINTEXT } from './plaintext.js';

export { HMAC_SHA1, HMAC_SHA256, HMAC_SHA512, signingKey, constantTimeEqual } from './hmac.js';
export { RSA_SHA1, RSA_SHA256, loadPrivateKey, loadPublicKey } from './rsa.js';
export { PLAINTEXT } from './plaintext.js';

/** A table of signature methods by name; each signer or verifier has its own. */
export type SignatureMethodTable = ReadonlyMap<string, SignatureMethod>;

/** The methods every signer knows: HMAC-SHA1/256/512, RSA-SHA1/256 and PLAINTEXT. */
export const BUILT_IN_SIGNATURE_METHODS: SignatureMethodTable = new Map(
  [HMAC_SHA1, HMAC_SHA256, HMAC_SHA512, RSA_SHA1, RSA_SHA256, PLAINTEXT].map((m) => [m.name, m] as const),
);

/**
 * A method table made of the built-ins plus the caller's own (a caller's method replaces a
 * built-in of the same name, for this table only).
 *
 * @example verifySignature(request, keys, signatureMethodTable([myMethod]))
 */
export function signatureMethodTable(extra: Iterable<SignatureMethod> = []): SignatureMethodTable {
  const table = new Map(BUILT_IN_SIGNATURE_METHODS);
  for (const m of extra) {
    if (!m || typeof m.name !== 'string' || typeof m.sign !== 'function' || typeof m.verify !== 'function') {
      throw new TypeError('a signature method needs a string name and sign/verify functions');
    }
    table.set(m.name, m);
  }
  return table;
}

/**
 * Finds a signature method by name (exact, as sent in `oauth_signature_method`), or accepts a
 * method object as is.
 *
 * @throws {SignatureMethodError} `ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED` naming the known ones.
 * @example resolveSignatureMethod('HMAC-SHA256') // HMAC_SHA256
 */
export function resolveSignatureMethod(method: string | SignatureMethod | undefined, table: SignatureMethodTable = BUILT_IN_SIGNATURE_METHODS): SignatureMethod {
  if (method === undefined) return HMAC_SHA1;
  if (typeof method !== 'string') {
    if (method && typeof method.sign === 'function') return method;
    throw new TypeError('signatureMethod must be a name or a SignatureMethod object');
  }
  const found = table.get(method);
  if (found) return found;
  throw new SignatureMethodError(`unsupported signature method ${JSON.stringify(method.slice(0, 40))}; known: ${[...table.keys()].join(', ')}`);
}
