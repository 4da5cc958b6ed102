// The three-legged flow (RFC 5849 §2): temporary credentials, authorisation, token credentials.

export { requestTemporaryCredentials, type TemporaryCredentials, type TemporaryCredentialsOptions } from './temporary-credentials.js';
export { authorizationUrl, parseAuthorizationCallback, type AuthorizationCallback } from './authorization.js';
export { requestTokenCredentials, type TokenCredentials, type TokenCredentialsOptions } from './token-credentials.js';
export { parseTokenResponse, bodyExcerpt, type TokenResponse } from './token-response.js';
export { TokenResponseError, CallbackNotConfirmedError, CallbackError, type CallbackErrorCode } from './flow-error.js';
export { OAuth1Client, type ProfileOAuth1ClientOptions } from './client.js';
