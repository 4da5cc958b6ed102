// Sandbox request authentication: where the protocol parameters are, required ones, window, nonce, signature (RFC 5849 §3.2).
// The one place the sandbox decides whether a request is authentic; swap this module to change the verifier.

import { parseAuthorizationHeader } from '../authorization-header.js';
import { parseFormEncoded } from '../encoding.js';
import { verifySignature } from '../verify.js';
import type { Parameter, Parameters } from '../types.js';
import type { EncodeErrorOptions } from '../providers/profile.js';
import type { SandboxState, SandboxTemporaryToken, SandboxAccessToken, SandboxRequestRecord } from './state.js';

/** Which credentials a route needs. */
export type AuthenticationKind =
  /** Temporary-credentials request: client credentials and `oauth_callback`, no token (§2.1). */
  | 'temporary-credentials'
  /** Token-credentials request: an approved temporary token and `oauth_verifier` (§2.3). */
  | 'token-credentials'
  /** Protected resource: token credentials (§3). */
  | 'resource';

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

/** Protocol parameters by source; the record of what was received is filled in as a side effect. */
function locateProtocolParameters(request: SandboxAuthRequest, record: SandboxRequestRecord): { params: Parameter[]; where: SandboxRequestRecord['oauthIn'] } | AuthenticationFailure {
  const sources: Array<{ where: 'header' | 'query' | 'form'; params: Parameter[] }> = [];
  if (request.authorization !== undefined && /^\s*OAuth\b/i.test(request.authorization)) {
    try {
      sources.push({ where: 'header', params: parseAuthorizationHeader(request.authorization).params });
    } catch {
      return fail('parameter_rejected', { advice: 'the Authorization header is malformed', parametersRejected: ['Authorization'] });
    }
  }
  const q = request.url.indexOf('?');
  if (q !== -1) {
    let query: Parameter[];
    try { query = parseFormEncoded(request.url.slice(q + 1).split('#')[0]!); } catch {
      return fail('parameter_rejected', { advice: 'the query string is not valid percent-encoding' });
    }
    const oauth = query.filter(([n]) => n.startsWith('oauth_'));
    if (oauth.length > 0) sources.push({ where: 'query', params: oauth });
  }
  if (request.formIsBody && request.form !== undefined) {
    const oauth = request.form.filter(([n]) => n.startsWith('oauth_'));
    if (oauth.length > 0) sources.push({ where: 'form', params: [...oauth] });
  }
  if (sources.length === 0) return fail('parameter_absent', { parametersAbsent: ['oauth_consumer_key', 'oauth_signature_method', 'oauth_signature', 'oauth_timestamp', 'oauth_nonce'] });
  const first = sources[0]!;
  for (const [n, v] of first.params) record.oauth[n] = v;
  record.oauthIn = first.where;
  // RFC 5849 §3.5: protocol parameters are sent in exactly one place.
  if (sources.length > 1) return fail('parameter_rejected', { advice: `protocol parameters were sent in both the ${sources[0]!.where} and the ${sources[1]!.where}` });
  const names = new Set<string>();
  for (const [n] of first.params) {
    if (names.has(n)) return fail('parameter_rejected', { parametersRejected: [n], advice: `${n} was sent twice` });
    names.add(n);
  }
  return { params: first.params, where: first.where };
}

/**
 * Records which protocol parameters a request carries and where, without judging it (for the
 * request log of routes that do not authenticate, such as redirects and the authorisation page).
 *
 * @example observeProtocolParameters({ method: 'GET', url, authorization }, record); record.oauthIn // 'header'
 */
export function observeProtocolParameters(request: SandboxAuthRequest, record: SandboxRequestRecord): void {
  locateProtocolParameters(request, record);
}

/**
 * Authenticates a request the way a provider does (RFC 5849 §3.2): protocol parameters from
 * exactly one place, required parameters present, version and signature method accepted,
 * consumer and token known, timestamp inside the window, signature valid, nonce unused.
 * Records what it saw in `record` (without secrets).
 *
 * @example
 * const r = authenticateRequest({ method: 'GET', url, authorization }, 'resource', state, policy, record);
 * if (!r.ok) reply(profile.encodeError(r.problem, path, r.details));
 */
// RFC 5849 §3.2
export function authenticateRequest(
  request: SandboxAuthRequest, kind: AuthenticationKind, state: SandboxState, policy: AuthenticationPolicy, record: SandboxRequestRecord,
): AuthenticationResult {
  const located = locateProtocolParameters(request, record);
  if ('ok' in located) return located;
  const oauth = new Map(located.params);
  const required = ['oauth_consumer_key', 'oauth_signature_method', 'oauth_signature', 'oauth_timestamp', 'oauth_nonce'];
  if (kind === 'temporary-credentials') required.push('oauth_callback');
  if (kind === 'token-credentials') required.push('oauth_token', 'oauth_verifier');
  if (kind === 'resource') required.push('oauth_token');
  const absent = required.filter((n) => !oauth.has(n));
  // §3.2: "Ensure ... the REQUIRED parameters ... are present."
  if (absent.length > 0) return fail('parameter_absent', { parametersAbsent: absent });
  const version = oauth.get('oauth_version');
  if (version !== undefined && version !== '1.0') return fail('version_rejected', { advice: 'oauth_version must be 1.0 or absent' });
  const method = oauth.get('oauth_signature_method')!;
  if (!policy.signatureMethods.includes(method)) return fail('signature_method_rejected', { advice: `accepted: ${policy.signatureMethods.join(', ')}` });
  const consumerKey = oauth.get('oauth_consumer_key')!;
  const consumerSecret = state.consumers.get(consumerKey);
  if (consumerSecret === undefined) return fail('consumer_key_unknown');

  // §3.2: "verify the timestamp ... within a reasonable window".
  const nowSeconds = Math.floor(policy.now() / 1000);
  const timestamp = oauth.get('oauth_timestamp')!;
  const ts = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(ts) || Math.abs(ts - nowSeconds) > policy.timestampWindow) {
    return fail('timestamp_refused', { acceptableTimestamps: [nowSeconds - policy.timestampWindow, nowSeconds + policy.timestampWindow] });
  }

  let tokenSecret = '';
  const result: AuthenticationSuccess = { ok: true, consumerKey, oauth };
  const token = oauth.get('oauth_token');
  if (kind === 'temporary-credentials' && token !== undefined) return fail('parameter_rejected', { parametersRejected: ['oauth_token'] });
  if (kind === 'token-credentials') {
    const temp = state.temporary.get(token!);
    if (temp === undefined || temp.consumerKey !== consumerKey) return fail('token_rejected');
    if (temp.state === 'used') return fail('token_used');
    if (temp.state !== 'approved') return fail('permission_unknown', { advice: 'the temporary credentials have not been authorised by the user' });
    tokenSecret = temp.tokenSecret;
    result.temporary = temp;
  }
  if (kind === 'resource') {
    const access = state.access.get(token!);
    if (access === undefined || access.consumerKey !== consumerKey) return fail('token_rejected');
    tokenSecret = access.tokenSecret;
    result.access = access;
  }

  // §3.2: "Validate the signature".
  const verification = verifySignature({
    method: request.method, url: request.url,
    ...(request.authorization !== undefined && located.where === 'header' ? { authorization: request.authorization } : {}),
    ...(request.form !== undefined ? { form: request.form } : {}),
  }, { consumerSecret, tokenSecret });
  if (!verification.valid) return fail('signature_invalid');

  // §3.3: reject a replayed nonce (checked after the signature, so forged requests cannot burn nonces).
  if (!state.useNonce(consumerKey, token ?? '', oauth.get('oauth_nonce')!, timestamp, nowSeconds, policy.timestampWindow)) return fail('nonce_used');

  if (kind === 'token-credentials' && oauth.get('oauth_verifier') !== result.temporary!.verifier) return fail('verifier_fail');
  return result;
}
