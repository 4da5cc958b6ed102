// The shape of a sandbox route: what a handler gets (request, authentication, services) and what it answers (RFC 5849 §2, §3).

import type { IncomingMessage } from 'node:http';
import type { Parameters } from '../../core/types.js';
import type { EncodeErrorOptions, ProviderProfile } from '../../client/profile/profile.js';
import type { AuthenticationKind, AuthenticationSuccess } from './authenticate.js';
import type { SandboxRequestRecord, SandboxState } from './state.js';
import type { EmulatedProviderName } from './providers/index.js';

/** The providers the sandbox can play. */
export type SandboxProviderName = 'weibo-v1' | 'twitter' | EmulatedProviderName;

/** A response the sandbox sends. */
export interface SandboxReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** Outcome of {@link SandboxRouteContext.authenticate}: success, or the error reply to send. */
export type SandboxAuthOutcome = AuthenticationSuccess | { ok: false; problem: string; reply: SandboxReply };

/** Everything a route handler gets. */
export interface SandboxRouteContext {
  /** The raw request; a `body: 'raw'` route reads the body from it. */
  req: IncomingMessage;
  /** Upper-case HTTP method. */
  method: string;
  /** Path without the query. */
  path: string;
  /** Absolute URL as the client addressed it (the base string URI is computed from this). */
  url: string;
  /** Query parameters. */
  query: URLSearchParams;
  /** Decoded form body (for `body: 'form'` routes with a form-encoded body). */
  form?: Parameters;
  /** The authenticated request (routes with `auth`). */
  auth?: AuthenticationSuccess;
  /** What the sandbox logs about this request (add `problem` if you refuse it). */
  record: SandboxRequestRecord;
  /** The sandbox's state and helpers. */
  sandbox: SandboxServices;
  /**
   * Authenticates the request (for `body: 'raw'` routes, pass the signed text fields as `form`).
   * Applies a pending `failNext` fault after a successful check, so the nonce is spent either way.
   */
  authenticate(kind: AuthenticationKind, form?: Parameters): Promise<SandboxAuthOutcome>;
}

/** Shared services for route handlers. */
export interface SandboxServices {
  /** `weibo-v1` or `twitter`. */
  provider: SandboxProviderName;
  /** The profile whose error format the sandbox answers in. */
  profile: ProviderProfile;
  /** Tokens, nonces, statuses and the request log. */
  state: SandboxState;
  /** Sandbox clock, ms. */
  now: () => number;
  /** Approve authorisation requests without showing the page. */
  autoApprove: boolean;
  /** Test-only: leave `oauth_callback_confirmed` out of temporary-credentials answers. */
  omitCallbackConfirmed: boolean;
  /** Format of credentials answers. */
  tokenResponseFormat: 'form' | 'json';
  /** An error reply in the provider's format, from a problem name or a provider code. */
  error(problemOrCode: string | number, path: string, options?: EncodeErrorOptions): SandboxReply;
}

/** One entry of the route table. */
export interface SandboxRoute {
  /** HTTP method(s), upper case, or `*`. */
  method: string | readonly string[];
  /** Exact path. */
  path: string;
  /** Credentials the route requires; the dispatcher authenticates before calling `handle`. */
  auth?: AuthenticationKind;
  /** `form` (default): a form body is read (≤ 1 MiB) and decoded; `raw`: the handler reads `req` itself. */
  body?: 'form' | 'raw';
  /** Produces the reply. */
  handle(ctx: SandboxRouteContext): SandboxReply | Promise<SandboxReply>;
}
