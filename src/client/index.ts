// oauth1-toolkit/client: the client layer — three-legged flow, signed transports (got, fetch), multipart upload, provider profiles.

export * from '../providers/index.js';
export {
  ProviderError, decodeProviderError, decodeHttpError, providerErrorFromResponse, clockOffsetFromError,
  type DecodeProviderErrorOptions, type ProviderErrorOptions,
} from '../providers/provider-error.js';
export * from './multipart/index.js';
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
