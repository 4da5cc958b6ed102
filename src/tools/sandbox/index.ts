// The sandbox provider: a local OAuth 1.0a server for the demo, the tests and `oauth1 serve` (RFC 5849 §2, §3).

export { createSandboxProvider, type SandboxOptions, type SandboxProvider, type SandboxFault, type SandboxRedirect } from './server.js';
export {
  defaultRoutes, jsonReply, htmlReply,
  type SandboxRoute, type SandboxRouteContext, type SandboxReply, type SandboxServices, type SandboxProviderName, type SandboxAuthOutcome,
} from './routes.js';
export { authenticateRequest, type AuthenticationKind, type AuthenticationResult, type AuthenticationSuccess, type AuthenticationFailure, type SandboxAuthRequest, type AuthenticationPolicy } from './authenticate.js';
export { SandboxState, type SandboxAccessToken, type SandboxTemporaryToken, type SandboxRequestRecord, type SandboxStatus } from './state.js';
export { submitAuthorization, type AuthorizationDecision } from './approve.js';
