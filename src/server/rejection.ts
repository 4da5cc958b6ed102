// Rejections of received requests and how to report them: OAuth Problem Reporting on RFC 5849 §3.2 status codes.

import type { ServerResponse } from 'node:http';
import { OAuthError, type OAuthErrorOptions } from '../core/errors.js';
import { formEncode, percentEncode } from '../core/encoding.js';
import type { Parameter } from '../core/types.js';

/**
 * Why a request was refused: the `oauth_problem` values of the OAuth Problem Reporting extension
 * that a verifier can produce, plus `body_too_large` and `nonce_store_unavailable`/`nonce_store_full`
 * (this toolkit's own, for failures that are not the client's signature).
 */
export type OAuthProblem =
  | 'version_rejected'
  | 'parameter_absent'
  | 'parameter_rejected'
  | 'timestamp_refused'
  | 'nonce_used'
  | 'signature_method_rejected'
  | 'signature_invalid'
  | 'consumer_key_unknown'
  | 'token_rejected'
  | 'body_too_large'
  | 'nonce_store_full'
  | 'nonce_store_unavailable';

/** Details of a rejection that are sent back to the client (none of them secret). */
export interface OAuthRejectionDetails {
  /** `oauth_parameters_absent`: the protocol parameters that were missing. */
  parametersAbsent?: readonly string[];
  /** `oauth_parameters_rejected`: the parameters that were refused (repeated, misplaced, malformed). */
  parametersRejected?: readonly string[];
  /** `oauth_acceptable_timestamps`: `[earliest, latest]` seconds the server would accept now. */
  acceptableTimestamps?: readonly [number, number];
  /** `oauth_acceptable_versions`: e.g. `['1.0', '1.0']`. */
  acceptableVersions?: readonly [string, string];
  /** `oauth_problem_advice`: a short human-readable hint, safe to show the client. */
  advice?: string;
  /** Consumer key of the request when one was read (an identifier, not a secret), for logs. */
  consumerKey?: string;
}

/**
 * Status per RFC 5849 §3.2 — 400 for an unsupported, missing or repeated parameter or an
 * unsupported signature method; 401 for bad credentials, token, signature, nonce or timestamp —
 * plus 413 for an oversized body and 503 when the nonce store cannot record the nonce.
 */
const STATUS: Readonly<Record<OAuthProblem, 400 | 401 | 413 | 503>> = {
  version_rejected: 400,
  parameter_absent: 400,
  parameter_rejected: 400,
  signature_method_rejected: 400,
  timestamp_refused: 401,
  nonce_used: 401,
  signature_invalid: 401,
  consumer_key_unknown: 401,
  token_rejected: 401,
  body_too_large: 413,
  nonce_store_full: 503,
  nonce_store_unavailable: 503,
};

/**
 * A received request failed verification. Switch on `problem`; `status` is the HTTP status to
 * answer; the message and {@link toJSON} are safe to log (no secrets, no signatures).
 *
 * @example
 * ```ts
 * try { await verifyRequest(req, options) } catch (e) {
 *   if (e instanceof OAuthRequestRejected) { log.warn(e.toJSON()); return sendOAuthRejection(res, e) }
 *   throw e
 * }
 * ```
 */
export class OAuthRequestRejected extends OAuthError {
  /** The `oauth_problem` value. */
  readonly problem: OAuthProblem;
  /** HTTP status to answer: 400, 401, 413 or 503. */
  readonly status: 400 | 401 | 413 | 503;
  /** Problem Reporting details sent back with the rejection. */
  readonly details: Readonly<OAuthRejectionDetails>;

  constructor(problem: OAuthProblem, message: string, details: OAuthRejectionDetails = {}, options?: OAuthErrorOptions) {
    super('ERR_OAUTH_REQUEST_REJECTED', message, options);
    this.problem = problem;
    this.status = STATUS[problem];
    this.details = Object.freeze({ ...details });
  }

  /** A JSON-safe view for logs: code, problem, status, message and the (non-secret) details. */
  override toJSON(): { code: string; message: string; problem: OAuthProblem; status: number } & OAuthRejectionDetails {
    return { code: this.code, message: this.message, problem: this.problem, status: this.status, ...this.details };
  }
}

/**
 * The Problem Reporting parameters of a rejection, in wire order: `oauth_problem` first, then
 * the details that apply.
 *
 * @example problemParameters(new OAuthRequestRejected('parameter_absent', 'no nonce', { parametersAbsent: ['oauth_nonce'] }))
 * // [['oauth_problem', 'parameter_absent'], ['oauth_parameters_absent', 'oauth_nonce']]
 */
export function problemParameters(error: OAuthRequestRejected): Parameter[] {
  const d = error.details;
  const out: Parameter[] = [['oauth_problem', error.problem]];
  if (d.parametersAbsent?.length) out.push(['oauth_parameters_absent', d.parametersAbsent.join('&')]);
  if (d.parametersRejected?.length) out.push(['oauth_parameters_rejected', d.parametersRejected.join('&')]);
  if (d.acceptableTimestamps) out.push(['oauth_acceptable_timestamps', `${d.acceptableTimestamps[0]}-${d.acceptableTimestamps[1]}`]);
  if (d.acceptableVersions) out.push(['oauth_acceptable_versions', `${d.acceptableVersions[0]}-${d.acceptableVersions[1]}`]);
  if (d.advice !== undefined) out.push(['oauth_problem_advice', d.advice]);
  return out;
}

function quote(value: string): string {
  // Only printable ASCII goes into a header; a quoted-string escapes `"` and `\`.
  return '"' + value.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, (c) => '\\' + c) + '"';
}

/**
 * The `WWW-Authenticate` value for a rejection: `OAuth realm="…", oauth_problem="…"` and the
 * Problem Reporting details (values percent-encoded, as in the Authorization header).
 *
 * @example wwwAuthenticate(new OAuthRequestRejected('nonce_used', 'replayed'), 'Example')
 * // 'OAuth realm="Example", oauth_problem="nonce_used"'
 */
// RFC 5849 §3.2 status codes; OAuth Problem Reporting (oauth.net) §2
export function wwwAuthenticate(error: OAuthRequestRejected, realm = ''): string {
  const parts = [`realm=${quote(realm)}`];
  for (const [name, value] of problemParameters(error)) parts.push(`${name}=${quote(percentEncode(value))}`);
  return 'OAuth ' + parts.join(', ');
}

/**
 * Writes the answer to a rejected request on a `node:http` (or Express) response: the status,
 * `WWW-Authenticate` with the Problem Reporting parameters, and the same parameters as a
 * form-encoded body. Adds `Connection: close` for an oversized body and `Retry-After` when the
 * nonce store is unavailable.
 *
 * @example
 * server.on('request', async (req, res) => {
 *   try { const v = await verifyRequest(req, opts); … } catch (e) {
 *     if (e instanceof OAuthRequestRejected) return sendOAuthRejection(res, e, { realm: 'Example' });
 *     throw e;
 *   }
 * })
 */
export function sendOAuthRejection(res: ServerResponse, error: OAuthRequestRejected, options: { realm?: string } = {}): void {
  const body = formEncode(problemParameters(error));
  const headers: Record<string, string> = {
    'www-authenticate': wwwAuthenticate(error, options.realm),
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
  };
  if (error.status === 413) headers.connection = 'close';
  if (error.status === 503) headers['retry-after'] = '1';
  res.writeHead(error.status, headers);
  res.end(body);
}

// Registers this module's codes in the error family's union (see OAuthErrorRegistry).
declare module '../core/errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_REQUEST_REJECTED: OAuthRequestRejected;
  }
}
