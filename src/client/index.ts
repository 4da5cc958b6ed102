// oauth1-toolkit/client: the client layer — the provider-profile contract, three-legged flow, signed transports (got, fetch), multipart upload.

export * from './profile/profile.js';
export * from './profile/codes.js';
export * from './profile/problem-reporting.js';
export { boundText, headerValues, EXCERPT_LIMIT, MESSAGE_LIMIT } from './profile/wire.js';
export {
  ProviderError, decodeHttpError, clockOffsetFromError, isClockProblem, decodeProviderResponse, providerErrorOf,
  type DecodeProviderErrorOptions, type ProviderErrorOptions, type ProviderErrorDecoder,
} from './profile/provider-error.js';
export * from './multipart/index.js';
// This layer's OAuth1Client takes a profile object; the root package's also resolves built-in names.
export {
  requestTemporaryCredentials, authorizationUrl, parseAuthorizationCallback, requestTokenCredentials, parseTokenResponse,
  TokenResponseError, CallbackNotConfirmedError, CallbackError, OAuth1Client,
  type TemporaryCredentials, type TemporaryCredentialsOptions, type AuthorizationCallback,
  type TokenCredentials as IssuedTokenCredentials, type TokenCredentialsOptions, type TokenResponse, type CallbackErrorCode, type ProfileOAuth1ClientOptions,
} from './flow/index.js';
export {
  createOAuthGot, createOAuthFetch, TransportError, isTimestampRefused,
  type OAuthGotTransport, type OAuthFetch, type OAuthFetchOptions, type TransportErrorCode, type OAuthCredentials,
  type OAuthTransportOptions, type OAuthHttpRequest, type OAuthHttpResponse, type RetryPolicy, type TimeoutPolicy, type SignedAttempt,
} from './transport/index.js';
export * from './temporary-credential-store/index.js';
