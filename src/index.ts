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
export {
  loadFixtures, runVector, runFixtures, summarizeResults, defaultFixturesDir, FixtureError, FIXTURE_KINDS,
  type FixtureVector, type FixtureFile, type FixtureKind, type VectorResult, type FixtureSummary,
} from './selftest.js';
export {
  verifyRequest, createRequestVerifier, type VerifyRequestOptions, type VerifiedRequest, type PlainHttpRequest,
  type ConsumerCredentials, type TokenCredentials, type Awaitable,
} from './verify-request.js';
export {
  OAuthRequestRejected, sendOAuthRejection, wwwAuthenticate, problemParameters, type OAuthProblem, type OAuthRejectionDetails,
} from './verify-request-rejected.js';
export { oauthMiddleware, koaOAuth, type OAuthMiddlewareOptions, type OAuthVerifiedIncomingMessage, type KoaLikeContext } from './verify-request-middleware.js';
export {
  MemoryNonceStore, RedisNonceStore, NonceStoreError, nonceKey, digestNonceKey,
  type NonceStore, type MemoryNonceStoreOptions, type RedisNonceStoreOptions,
} from './nonce-store/index.js';
export * from './providers/index.js';
export {
  ProviderError, decodeProviderError, decodeHttpError, providerErrorFromResponse, clockOffsetFromError,
  type DecodeProviderErrorOptions, type ProviderErrorOptions,
} from './provider-error.js';
export * from './multipart/index.js';
export * from './forensics/index.js';
export {
  requestTemporaryCredentials, authorizationUrl, parseAuthorizationCallback, requestTokenCredentials, parseTokenResponse,
  TokenResponseError, CallbackNotConfirmedError, CallbackError, OAuth1Client,
  type TemporaryCredentials, type TemporaryCredentialsOptions, type AuthorizationCallback,
  type TokenCredentials as IssuedTokenCredentials, type TokenCredentialsOptions, type TokenResponse, type CallbackErrorCode, type OAuth1ClientOptions,
} from './flow/index.js';
export {
  createOAuthGot, createOAuthFetch, TransportError, isTimestampRefused,
  type OAuthGotTransport, type OAuthFetch, type OAuthFetchOptions, type TransportErrorCode, type OAuthCredentials,
  type OAuthTransportOptions, type OAuthHttpRequest, type OAuthHttpResponse, type RetryPolicy, type TimeoutPolicy, type SignedAttempt,
} from './transport/index.js';
export {
  createSandboxProvider, submitAuthorization, defaultRoutes, jsonReply, htmlReply,
  type SandboxOptions, type SandboxProvider, type SandboxFault, type SandboxRedirect, type SandboxRoute, type SandboxRouteContext,
  type SandboxReply, type SandboxServices, type SandboxProviderName, type SandboxAuthOutcome, type SandboxAccessToken,
  type SandboxRequestRecord, type AuthorizationDecision,
} from './sandbox/index.js';
export { uploadRoute, UPLOAD_ENDPOINTS, type UploadRouteOptions } from './sandbox/upload.js';
// Types that public signatures refer to, exported so callers can name them.
export type { AuthenticationSuccess, AuthenticationKind } from './sandbox/authenticate.js';
export type { SandboxState } from './sandbox/state.js';
export type { RedisLikeClient } from './nonce-store/redis.js';
export type { PipelineContext, PipelineFaults } from './forensics/pipeline.js';
export type { MistakeVariant } from './forensics/catalogue.js';
export type { SandboxTemporaryToken, SandboxStatus } from './sandbox/state.js';
export type { EncoderFaults, ParameterOrder } from './forensics/pipeline.js';
