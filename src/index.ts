// oauth1-toolkit: the public API (re-exports only).

export * from './errors.js';
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
export { generateNonce, timestampSeconds } from './nonce.js';
export { signRequest, createSigner, type Signer } from './sign.js';
export { verifySignature, type SignatureVerification } from './verify.js';
