// oauth1-toolkit/server: the server layer — verifyRequest, rejections, middleware, the nonce-store contract and memory store.

export {
  verifyRequest, createRequestVerifier, type VerifyRequestOptions, type VerifiedRequest, type PlainHttpRequest,
  type ConsumerCredentials, type TokenCredentials, type Awaitable,
} from './verify-request.js';
export {
  OAuthRequestRejected, sendOAuthRejection, wwwAuthenticate, problemParameters, type OAuthProblem, type OAuthRejectionDetails,
} from './rejection.js';
export { oauthMiddleware, koaOAuth, type OAuthMiddlewareOptions, type OAuthVerifiedIncomingMessage, type KoaLikeContext } from './middleware.js';
export {
  MemoryNonceStore, NonceStoreError, nonceKey, digestNonceKey,
  type NonceStore, type MemoryNonceStoreOptions,
} from './nonce-store/index.js';
