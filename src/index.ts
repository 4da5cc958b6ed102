// oauth1-toolkit: the public API for Node (re-exports only). RedisNonceStore is in oauth1-toolkit/redis.

export * from './core/index.js';
export {
  loadFixtures, runVector, runFixtures, summarizeResults, defaultFixturesDir, FixtureError, FIXTURE_KINDS,
  type FixtureVector, type FixtureFile, type FixtureKind, type VectorResult, type FixtureSummary,
} from './tools/selftest.js';
export {
  verifyRequest, createRequestVerifier, type VerifyRequestOptions, type VerifiedRequest, type PlainHttpRequest,
  type ConsumerCredentials, type TokenCredentials, type Awaitable, type VerifiableRequest, type PlainHttpRequestWithHeaders,
  type FetchRequestLike, type HeadersLike,
} from './server/verify-request.js';
export {
  OAuthRequestRejected, sendOAuthRejection, wwwAuthenticate, problemParameters, type OAuthProblem, type OAuthRejectionDetails,
} from './server/rejection.js';
export { oauthMiddleware, koaOAuth, type OAuthMiddlewareOptions, type OAuthVerifiedIncomingMessage, type KoaLikeContext } from './server/middleware.js';
export {
  MemoryNonceStore, NonceStoreError, nonceKey, digestNonceKey,
  type NonceStore, type MemoryNonceStoreOptions,
} from './server/nonce-store/index.js';
export * from './providers/index.js';
export {
  ProviderError, decodeProviderError, decodeHttpError, providerErrorFromResponse, clockOffsetFromError, isClockProblem,
  decodeProviderResponse, providerErrorOf,
  type DecodeProviderErrorOptions, type ProviderErrorOptions, type ProviderErrorDecoder,
} from './providers/provider-error.js';
// The root OAuth1Client resolves profile names (`profile: 'twitter'`); the client layer's takes profile objects.
export { OAuth1Client, type OAuth1ClientOptions } from './providers/oauth1-client.js';
export * from './client/multipart/index.js';
export * from './forensics/index.js';
export * from './client/temporary-credential-store/index.js';
export {
  requestTemporaryCredentials, authorizationUrl, parseAuthorizationCallback, requestTokenCredentials, parseTokenResponse,
  TokenResponseError, CallbackNotConfirmedError, CallbackError,
  type TemporaryCredentials, type TemporaryCredentialsOptions, type AuthorizationCallback,
  type TokenCredentials as IssuedTokenCredentials, type TokenCredentialsOptions, type TokenResponse, type CallbackErrorCode, type ProfileOAuth1ClientOptions,
} from './client/flow/index.js';
export {
  createOAuthGot, createOAuthFetch, TransportError, isTimestampRefused,
  type OAuthGotTransport, type OAuthFetch, type OAuthFetchOptions, type TransportErrorCode, type OAuthCredentials,
  type OAuthTransportOptions, type OAuthHttpRequest, type OAuthHttpResponse, type RetryPolicy, type TimeoutPolicy, type SignedAttempt,
} from './client/transport/index.js';
export {
  createSandboxProvider, submitAuthorization, defaultRoutes, jsonReply, htmlReply,
  type SandboxOptions, type SandboxProvider, type SandboxFault, type SandboxRedirect, type SandboxRoute, type SandboxRouteContext,
  type SandboxReply, type SandboxServices, type SandboxProviderName, type SandboxAuthOutcome, type SandboxAccessToken,
  type SandboxRequestRecord, type AuthorizationDecision,
} from './tools/sandbox/index.js';
export { uploadRoute, UPLOAD_ENDPOINTS, type UploadRouteOptions } from './tools/sandbox/upload.js';
export { SANDBOX_EMULATIONS, type EmulatedProviderName, type SandboxEmulation } from './tools/sandbox/providers/index.js';
export { mediaUploadRoute, MEDIA_UPLOAD_PATH, type MediaUploadRouteOptions, type MediaAppendFault } from './tools/sandbox/media-upload.js';
// Types that public signatures refer to, exported so callers can name them.
export type { AuthenticationSuccess, AuthenticationKind } from './tools/sandbox/authenticate.js';
export type { SandboxState } from './tools/sandbox/state.js';
export type { PipelineContext, PipelineFaults } from './forensics/pipeline.js';
export type { MistakeVariant } from './forensics/catalogue.js';
export type { SandboxTemporaryToken, SandboxStatus } from './tools/sandbox/state.js';
export type { EncoderFaults, ParameterOrder } from './forensics/pipeline.js';
