// Sandbox request authentication: where the protocol parameters are, required ones, window, nonce, signature (RFC 5849 §3.2).
// The one place the sandbox decides whether a request is authentic; swap this module to change the verifier.

import { parseAuthorizationHeader } from '../../core/authorization-header.js';
import { protocolParameterPlaces, protocolParametersIn } from '../../core/protocol-parameters.js';
import { formEncode, parseFormEncoded } from '../../core/encoding.js';
import { verifyRequest, type VerifiedRequest } from '../../server/verify-request.js';
import { OAuthRequestRejected } from '../../server/rejection.js';
import { MemoryNonceStore } from '../../server/nonce-store/memory.js';
import type { NonceStore } from '../../server/nonce-store/store.js';
import type { Parameter, Parameters } from '../../core/types.js';
import type { EncodeErrorOptions } from '../../client/profile/profile.js';
import type { SandboxState, SandboxTemporaryToken, SandboxAccessToken, SandboxRequestRecord } from './state.js';

/** Which credentials a route needs. */
export type AuthenticationKind =
  /** Temporary-credentials request: client credentials and `oauth_callback`, no token (§2.1). */
  | 'temporary-credentials'
  /** Token-credentials request: an approved temporary token and `oauth_verifier` (§2.3). */
  | 'token-credentials'
  /** Protected resource: token credentials (§3). */
  | 'resource'
  /** One-legged (WooCommerce): client credentials only, no token (RFC 5849 §3 with empty token credentials). */
  | 'consumer';

/** The request as the sandbox received it. */
export interface SandboxAuthRequest {
  /** HTTP method. */
  method: string;
  /** Absolute URL as the client addressed it (`http://` + Host + path and query). */
  url: string;
  /** `Authorization` header, if any. */
  authorization?: string;
  /** Form parameters of the body (form-encoded bodies, or the signed text fields of a multipart body). */
  form?: Parameters;
  /** Whether the form parameters came from an `application/x-www-form-urlencoded` body (protocol parameters may travel there). */
  formIsBody?: boolean;
}

/** Sandbox policy for authentication. */
export interface AuthenticationPolicy {
  /** Current time, ms. */
  now: () => number;
  /** Accepted timestamp distance from `now`, seconds. */
  timestampWindow: number;
  /** Signature methods accepted. */
  signatureMethods: readonly string[];
  /** Where nonces are remembered. @default an in-memory store per sandbox, on the sandbox clock */
  nonceStore?: NonceStore;
  /** `oauth_version` values accepted besides its absence (see `VerifyRequestOptions.acceptVersions`). @default ['1.0'] */
  acceptVersions?: readonly string[];
}

/** A request that passed. */
export interface AuthenticationSuccess {
  ok: true;
  consumerKey: string;
  /** The protocol parameters, decoded. */
  oauth: Map<string, string>;
  /** The temporary token for `token-credentials`. */
  temporary?: SandboxTemporaryToken;
  /** The access token for `resource`. */
  access?: Required<SandboxAccessToken>;
}

/** A request that failed, with the OAuth problem to report. */
export interface AuthenticationFailure {
  ok: false;
  /** OAuth Problem Reporting name (`signature_invalid`…). */
  problem: string;
  /** Details for the Problem Report. */
  details: EncodeErrorOptions;
}

/** Outcome of {@link authenticateRequest}. */
export type AuthenticationResult = AuthenticationSuccess | AuthenticationFailure;

const fail = (problem: string, details: EncodeErrorOptions = {}): AuthenticationFailure => ({ ok: false, problem, details });

/**
 * Fills the request record with the protocol parameters and where they were (the first place
 * holding any, when the request wrongly uses several), without judging the request: the verdict
 * is verifyRequest's.
 */
function recordProtocolParameters(request: SandboxAuthRequest, record: SandboxRequestRecord): void {
  let header: Parameter[] | undefined;
  let query: Parameter[] = [];
  try {
    if (request.authorization !== undefined && /^\s*OAuth\b/i.test(request.authorization)) header = parseAuthorizationHeader(request.authorization).params;
    const q = request.url.indexOf('?');
    if (q !== -1) query = parseFormEncoded(request.url.slice(q + 1).split('#')[0]!);
  } catch {
    return;
  }
  const form = request.formIsBody === true && request.form !== undefined ? request.form : undefined;
  const first = protocolParameterPlaces(header, query, form)[0];
  if (first === undefined) return;
  for (const [n, v] of protocolParametersIn(first, first === 'header' ? header! : first === 'query' ? query : form!)) record.oauth[n] = v;
  record.oauthIn = first;
}

/**
 * Records which protocol parameters a request carries and where, without judging it (for the
 * request log of routes that do not authenticate, such as redirects and the authorisation page).
 *
 * @example observeProtocolParameters({ method: 'GET', url, authorization }, record); record.oauthIn // 'header'
 */
export function observeProtocolParameters(request: SandboxAuthRequest, record: SandboxRequestRecord): void {
  recordProtocolParameters(request, record);
}

/** Per-sandbox in-memory nonce stores (on the sandbox clock), for sandboxes given no store. */
const defaultNonceStores = new WeakMap<SandboxState, NonceStore>();

/** The Problem Reporting details of a rejection, in the provider-profile shape. */
function detailsOf(e: OAuthRequestRejected): EncodeErrorOptions {
  const d = e.details;
  return {
    ...(d.acceptableTimestamps ? { acceptableTimestamps: d.acceptableTimestamps } : {}),
    ...(d.parametersAbsent ? { parametersAbsent: d.parametersAbsent } : {}),
    ...(d.parametersRejected ? { parametersRejected: d.parametersRejected } : {}),
    ...(d.advice !== undefined ? { advice: d.advice } : e.problem === 'parameter_rejected' || e.problem === 'version_rejected' ? { advice: e.message } : {}),
  };
}

/**
 * Authenticates a request the way a provider does (RFC 5849 §3.2) with the toolkit's
 * {@link verifyRequest}: protocol parameters from exactly one place, required parameters
 * present, version and signature method accepted, consumer and token known, timestamp inside
 * the window, signature valid, nonce unused (spent only after the signature) — then the
 * sandbox's own rules for the flow: the temporary token approved and unused, the verifier right.
 * Records what it saw in `record` (without secrets).
 *
 * @example
 * const r = await authenticateRequest({ method: 'GET', url, authorization }, 'resource', state, policy, record);
 * if (!r.ok) reply(profile.encodeError(r.problem, path, r.details));
 */
// RFC 5849 §3.2
export async function authenticateRequest(
  request: SandboxAuthRequest, kind: AuthenticationKind, state: SandboxState, policy: AuthenticationPolicy, record: SandboxRequestRecord,
): Promise<AuthenticationResult> {
  // The request log shows what was received whatever the verdict.
  recordProtocolParameters(request, record);
  let nonceStore = policy.nonceStore ?? defaultNonceStores.get(state);
  if (nonceStore === undefined) {
    nonceStore = new MemoryNonceStore({ now: policy.now });
    defaultNonceStores.set(state, nonceStore);
  }
  const required = kind === 'temporary-credentials' ? ['oauth_callback'] : kind === 'token-credentials' ? ['oauth_token', 'oauth_verifier'] : kind === 'consumer' ? [] : ['oauth_token'];
  const formBody = request.formIsBody === true && request.form !== undefined;
  let verified: VerifiedRequest;
  try {
    verified = await verifyRequest({
      method: request.method,
      url: request.url,
      headers: {
        ...(request.authorization !== undefined ? { authorization: request.authorization } : {}),
        ...(formBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(formBody ? { body: formEncode(request.form!) } : {}),
      // Signed multipart text fields: covered by the signature, never a place for protocol parameters.
      ...(!formBody && request.form !== undefined ? { extraSignedParams: request.form } : {}),
    }, {
      lookupConsumer: (key) => {
        const secret = state.consumers.get(key);
        const publicKey = state.publicKeys.get(key);
        return secret === undefined ? undefined : { secret, ...(publicKey !== undefined ? { publicKey } : {}) };
      },
      // A temporary-credentials request carries no token, so any token it sends is unknown.
      lookupToken: (key, token) => {
        const found = kind === 'token-credentials' ? state.temporary.get(token) : kind === 'resource' ? state.access.get(token) : undefined;
        return found === undefined || found.consumerKey !== key ? undefined : { secret: found.tokenSecret };
      },
      nonceStore,
      now: policy.now,
      timestampWindowSeconds: policy.timestampWindow,
      signatureMethods: policy.signatureMethods,
      ...(policy.acceptVersions !== undefined ? { acceptVersions: policy.acceptVersions } : {}),
      requiredParameters: required,
      // The upload routes compare oauth_body_hash with the multipart bytes themselves.
      bodyHash: 'ignore',
    });
  } catch (e) {
    if (e instanceof OAuthRequestRejected) return fail(e.problem, detailsOf(e));
    throw e;
  }
  const oauth = new Map(verified.oauthParams);
  const result: AuthenticationSuccess = { ok: true, consumerKey: verified.consumerKey, oauth };
  if (kind === 'token-credentials') {
    const temp = state.temporary.get(verified.token!)!;
    if (temp.state === 'used') return fail('token_used');
    if (temp.state !== 'approved') return fail('permission_unknown', { advice: 'the temporary credentials have not been authorised by the user' });
    if (oauth.get('oauth_verifier') !== temp.verifier) return fail('verifier_fail');
    result.temporary = temp;
  }
  if (kind === 'resource') result.access = state.access.get(verified.token!)! as Required<SandboxAccessToken>;
  return result;
}
