// The HTTP transports: got with per-attempt signing hooks, and a signing fetch wrapper (RFC 5849 §3).

export { createOAuthGot, providerResponseOf, type OAuthGotTransport } from './got.js';
export { createOAuthFetch, type OAuthFetch, type OAuthFetchOptions } from './fetch.js';
export { TransportError, type TransportErrorCode } from './transport-error.js';
export { providerErrorFor, skewOffsetFor, isTimestampRefused } from './skew.js';
export type { OAuthCredentials, OAuthTransportOptions, OAuthHttpRequest, OAuthHttpResponse, RetryPolicy, TimeoutPolicy, SignedAttempt } from './options.js';
