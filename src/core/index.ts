// oauth1-toolkit/core: the runtime-neutral signing core — no `node:` import, no dependency (RFC 5849 §3).
//
// Runs in browsers, Cloudflare Workers, Deno, Bun and Node. signRequestAsync / verifySignatureAsync
// use WebCrypto everywhere; the synchronous signRequest / verifySignature use node:crypto, found at
// run time, and throw ERR_OAUTH_SYNC_CRYPTO_UNAVAILABLE where there is none.

export * from './errors.js';
export { SyncCryptoUnavailableError, hasNodeCrypto, type KeyObjectLike } from './node-crypto.js';
export type { CryptoKeyLike } from './webcrypto.js';
export type * from './types.js';
export { percentEncode, percentDecode, parseFormEncoded, formEncode } from './encoding.js';
export {
  baseStringUri, parseRequestUrl, collectParameters, normalizeParameters, composeBaseString,
  signatureBaseString, isFormContentType, normalizeMethod, type ReceivedRequest, type ParsedRequestUrl,
} from './base-string.js';
export { formatAuthorizationHeader, parseAuthorizationHeader, type ParsedAuthorizationHeader } from './authorization-header.js';
export {
  HMAC_SHA1, HMAC_SHA256, HMAC_SHA512, RSA_SHA1, RSA_SHA256, PLAINTEXT, BUILT_IN_SIGNATURE_METHODS,
  signatureMethodTable, resolveSignatureMethod, signingKey, constantTimeEqual, type SignatureMethodTable,
} from './signature-methods/index.js';
export { computeBodyHash } from './body-hash.js';
export { pemPrivateKeyForm, type PemPrivateKeyForm } from './pem-private-key.js';
export { generateNonce, timestampSeconds, DEFAULT_NONCE_LENGTH } from './nonce.js';
export { signRequest, createSigner, type Signer } from './sign.js';
export { signRequestAsync, computeBodyHashAsync } from './sign-async.js';
export { verifySignature, type SignatureVerification } from './verify-signature.js';
export type { ProtocolParameterLocation } from './protocol-parameters.js';
export { verifySignatureAsync } from './verify-signature-async.js';
