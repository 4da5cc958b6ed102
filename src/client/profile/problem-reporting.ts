// OAuth Problem Reporting (the 2008 oauth_problem draft): problem names, hints, parse and encode.

import { percentEncode, formEncode } from '../../core/encoding.js';
import type { Parameter } from '../../core/types.js';
import type { DecodedProviderError, EncodeErrorOptions, EncodedProviderError, ProviderResponse } from './profile.js';
import { boundText, decodeLoosely, headerValues, MESSAGE_LIMIT } from './wire.js';

/** What a hint may mention: the details a provider gave, and the measured clock offset. */
export interface HintContext {
  parametersAbsent?: readonly string[];
  parametersRejected?: readonly string[];
  acceptableTimestamps?: readonly [number, number];
  /** Server clock minus local clock, in ms. */
  clockOffsetMs?: number;
  /** The signature method the profile expects, for `signature_method_rejected`. */
  signatureMethod?: string;
}

/** One OAuth problem: what it means, the HTTP status OAuth Core 1.0 §10 gives it, whether a re-signed retry helps, the hint. */
export interface OAuthProblemInfo {
  readonly description: string;
  readonly status: 400 | 401;
  readonly retryable: boolean;
  readonly hint: (ctx: HintContext) => string;
}

const names = (list: readonly string[] | undefined, fallback: string): string =>
  list && list.length > 0 ? list.map((n) => `"${n}"`).join(', ') : fallback;

/**
 * Describes a clock offset for a human: `your clock is 600 s behind the provider`.
 *
 * @example describeClockOffset(-600_000) // 'your clock is off by 600 s (ahead of the provider)'
 */
export function describeClockOffset(offsetMs: number): string {
  const s = Math.round(Math.abs(offsetMs) / 1000);
  return `your clock is off by ${s} s (${offsetMs > 0 ? 'behind' : 'ahead of'} the provider)`;
}

/**
 * The problems of the Problem Reporting draft (plus Sina's `verifier_fail`), keyed by `oauth_problem` value.
 * `timestamp_refused` and `nonce_used` are retryable: the transport re-signs with a fresh nonce and
 * corrected timestamp. Nothing else is fixed by sending again.
 */
export const OAUTH_PROBLEMS: Readonly<Record<string, OAuthProblemInfo>> = Object.freeze({
  version_rejected: { description: 'the oauth_version is not supported', status: 400, retryable: false,
    hint: () => 'the provider rejects this oauth_version: send "1.0" (or omit it with version: null)' },
  parameter_absent: { description: 'a required parameter was not received', status: 400, retryable: false,
    hint: (c) => `add the missing parameter(s) ${names(c.parametersAbsent, '(the provider did not say which)')} and sign again` },
  parameter_rejected: { description: 'an unexpected parameter was received', status: 400, retryable: false,
    hint: (c) => `remove the parameter(s) ${names(c.parametersRejected, '(the provider did not say which)')} the provider refuses, and sign again` },
  timestamp_refused: { description: 'oauth_timestamp is too far from the server clock', status: 401, retryable: true,
    hint: (c) => c.clockOffsetMs !== undefined
      ? `${describeClockOffset(c.clockOffsetMs)}; fix the system clock (NTP) — a retry re-signs once with the measured offset`
      : 'your clock is probably off; fix the system clock (NTP) — a retry re-signs once with the offset from the response Date header' },
  nonce_used: { description: 'this oauth_nonce was already used', status: 401, retryable: true,
    hint: () => 'the nonce was already used: retry re-signs with a fresh nonce (never resend a signed request unchanged)' },
  signature_method_rejected: { description: 'the oauth_signature_method is not supported', status: 400, retryable: false,
    hint: (c) => `the provider does not accept this oauth_signature_method${c.signatureMethod ? `; use ${c.signatureMethod}` : ''}` },
  signature_invalid: { description: 'the signature does not verify', status: 401, retryable: false,
    hint: () => 'the signature does not match what the provider computed: run `oauth1 verify` on the captured request to name the mistake' },
  consumer_key_unknown: { description: 'the consumer key is not known', status: 401, retryable: false,
    hint: () => 'the provider does not know this consumer key: check the app key (no stray spaces) and that the app still exists' },
  consumer_key_rejected: { description: 'the consumer key is permanently refused', status: 401, retryable: false,
    hint: () => 'the provider has blocked this consumer key for good: contact the provider or register a new app' },
  consumer_key_refused: { description: 'the consumer key is temporarily refused', status: 401, retryable: false,
    hint: () => 'the consumer key is temporarily refused (suspended or throttled): wait, and check the app status with the provider' },
  token_used: { description: 'the token was already used', status: 401, retryable: false,
    hint: () => 'this token was already used (temporary credentials are single-use): start the flow again' },
  token_expired: { description: 'the token has expired', status: 401, retryable: false,
    hint: () => 'the token has expired: run the flow again (`oauth1 flow`) for new token credentials' },
  token_revoked: { description: 'the token was revoked', status: 401, retryable: false,
    hint: () => 'the user revoked this token: run the flow again (`oauth1 flow`) to be authorised anew' },
  token_rejected: { description: 'the token is not valid', status: 401, retryable: false,
    hint: () => 'the provider does not accept this token: check token and token secret belong to this consumer key (not a temporary token)' },
  verifier_fail: { description: 'the oauth_verifier is wrong', status: 401, retryable: false,
    hint: () => 'the oauth_verifier (PIN) is wrong or belongs to another request token: authorise again and pass the new verifier' },
  additional_authorization_required: { description: 'the token lacks a needed authorisation', status: 401, retryable: false,
    hint: () => 'the token is valid but not authorised for this resource: run the flow again asking for the needed permission' },
  permission_unknown: { description: 'the user has not decided yet', status: 401, retryable: false,
    hint: () => 'the user has not yet granted or denied access: finish the authorisation step first' },
  permission_denied: { description: 'the user refused this access', status: 401, retryable: false,
    hint: () => 'the user denied access: nothing to retry; ask the user to authorise again' },
  user_refused: { description: 'the user refused this access', status: 401, retryable: false,
    hint: () => 'the user refused access to the consumer: nothing to retry' },
});

/** Known problem names, longest first (so a text scan never stops at a prefix). */
const PROBLEM_NAMES = Object.keys(OAUTH_PROBLEMS).sort((a, b) => b.length - a.length);
const PROBLEM_IN_TEXT = new RegExp(`(?:^|[^a-z_])(${PROBLEM_NAMES.join('|')})(?![a-z_])`, 'i');

/**
 * Finds an OAuth problem name mentioned in free text (`"40107:Oauth Error: signature_invalid!"`).
 *
 * @example problemInText('Oauth Error: signature_invalid!') // 'signature_invalid'
 */
export function problemInText(text: string): string | undefined {
  const m = PROBLEM_IN_TEXT.exec(text);
  return m ? m[1]!.toLowerCase() : undefined;
}

/**
 * The one-line hint for a problem, with the details the provider gave; undefined for an unknown name.
 *
 * @example hintForProblem('nonce_used') // 'the nonce was already used: retry re-signs with a fresh nonce …'
 */
export function hintForProblem(problem: string, ctx: HintContext = {}): string | undefined {
  return OAUTH_PROBLEMS[problem]?.hint(ctx);
}

/**
 * Whether re-signing and sending again can fix this problem (`timestamp_refused`, `nonce_used`).
 *
 * @example isRetryableProblem('signature_invalid') // false
 */
export function isRetryableProblem(problem: string | undefined): boolean {
  return problem !== undefined && OAUTH_PROBLEMS[problem]?.retryable === true;
}

/** The parts of a Problem Report, decoded. */
export interface ProblemReport {
  /** `oauth_problem`. */
  problem?: string;
  /** `oauth_acceptable_versions` as [min, max]. */
  acceptableVersions?: readonly [string, string];
  /** `oauth_acceptable_timestamps` as [min, max] seconds. */
  acceptableTimestamps?: readonly [number, number];
  /** `oauth_parameters_absent`, the names decoded (the value is encoded twice on the wire). */
  parametersAbsent?: string[];
  /** `oauth_parameters_rejected`, likewise. */
  parametersRejected?: string[];
  /** `oauth_problem_advice`. */
  advice?: string;
  /** Every parameter found, decoded once, in order (includes `realm` when from a header). */
  params: Parameter[];
}

// Problem Reporting §2: "a list of parameter names … percent-encoded … separated by '&'", then encoded again as a value.
function nameList(once: string): string[] {
  return once.split('&').filter((s) => s !== '').map(decodeLoosely);
}

/**
 * Reads the parameters of a `WWW-Authenticate: OAuth …` challenge tolerantly (values decoded once,
 * `realm` as written), whatever they are — Problem Reporting or not.
 *
 * @example parseChallengeParams('OAuth realm="x", oauth_signature_base_string="GET%26a"') // [['realm','x'], ['oauth_signature_base_string','GET&a']]
 */
export function parseChallengeParams(text: string): Parameter[] {
  const out: Parameter[] = [];
  const scheme = /(?:^|[\s,])OAuth(?:\s+|$)/i.exec(text);
  let i = scheme ? scheme.index + scheme[0].length : 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /[\s,]/.test(text[i]!)) i++;
    const nameStart = i;
    while (i < n && !/[\s,="]/.test(text[i]!)) i++;
    const name = text.slice(nameStart, i);
    while (i < n && /\s/.test(text[i]!)) i++;
    if (name === '' || text[i] !== '=') { while (i < n && text[i] !== ',') i++; continue; }
    i++;
    while (i < n && /\s/.test(text[i]!)) i++;
    let raw = '';
    if (text[i] === '"') {
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n) i++;
        raw += text[i];
        i++;
      }
      i++;
    } else {
      const start = i;
      while (i < n && !/[\s,]/.test(text[i]!)) i++;
      raw = text.slice(start, i);
    }
    // realm is an RFC 2617 quoted-string; every oauth_ value is percent-encoded (RFC 5849 §3.5.1 style).
    out.push([name, name === 'realm' ? raw : decodeLoosely(raw)]);
  }
  return out;
}

function parseFormParams(text: string): Parameter[] {
  const out: Parameter[] = [];
  for (const piece of text.trim().split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    out.push([decodeLoosely((eq === -1 ? piece : piece.slice(0, eq)).replace(/\+/g, ' ')),
      eq === -1 ? '' : decodeLoosely(piece.slice(eq + 1).replace(/\+/g, ' '))]);
  }
  return out;
}

function rangeOf(value: string): [string, string] | undefined {
  const m = /^\s*([^\s-]+)\s*-\s*([^\s-]+)\s*$/.exec(value);
  return m ? [m[1]!, m[2]!] : undefined;
}

/**
 * Parses a Problem Report from a `WWW-Authenticate: OAuth …` header value or a form-encoded body.
 * Tolerant on purpose (unlike the strict request-header parser): unquoted values, stray
 * whitespace, other challenges and bad escapes are accepted. Returns undefined when the text
 * carries no `oauth_problem` or other problem parameter.
 *
 * @example
 * parseProblemReport('OAuth realm="x", oauth_problem="parameter_absent", oauth_parameters_absent="oauth_nonce%26oauth_timestamp"')
 * // { problem: 'parameter_absent', parametersAbsent: ['oauth_nonce', 'oauth_timestamp'], params: [...] }
 */
export function parseProblemReport(text: string): ProblemReport | undefined {
  if (typeof text !== 'string') throw new TypeError(`parseProblemReport expects a string, got ${typeof text}`);
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '' || trimmed.startsWith('{') || trimmed.startsWith('<')) return undefined;
  const looksLikeHeader = /^OAuth(\s|$)/i.test(trimmed) || /^[^=&]+=\s*"/.test(trimmed) || /,\s*oauth_/i.test(trimmed);
  const params = looksLikeHeader ? parseChallengeParams(trimmed) : parseFormParams(trimmed);
  const report: ProblemReport = { params };
  let found = false;
  for (const [name, value] of params) {
    switch (name) {
      case 'oauth_problem': report.problem ??= value.trim(); found = true; break;
      case 'oauth_acceptable_versions': { const r = rangeOf(value); if (r) report.acceptableVersions = r; found = true; break; }
      case 'oauth_acceptable_timestamps': {
        const r = rangeOf(value);
        if (r && /^\d+$/.test(r[0]) && /^\d+$/.test(r[1])) report.acceptableTimestamps = [Number(r[0]), Number(r[1])];
        found = true; break;
      }
      case 'oauth_parameters_absent': report.parametersAbsent = nameList(value); found = true; break;
      case 'oauth_parameters_rejected': report.parametersRejected = nameList(value); found = true; break;
      case 'oauth_problem_advice': report.advice = value; found = true; break;
      default: break;
    }
  }
  return found ? report : undefined;
}

/**
 * The Problem Report in a response: the `WWW-Authenticate: OAuth` header first, then the body
 * (fields the header lacks are taken from the body). Undefined when neither carries one.
 *
 * @example problemReportOf({ status: 401, headers: {}, body: 'oauth_problem=nonce_used' })?.problem // 'nonce_used'
 */
export function problemReportOf(response: ProviderResponse): ProblemReport | undefined {
  let merged: ProblemReport | undefined;
  const sources = [...headerValues(response.headers, 'www-authenticate'), typeof response.body === 'string' ? response.body : ''];
  for (const text of sources) {
    const r = parseProblemReport(text);
    if (!r) continue;
    if (!merged) { merged = r; continue; }
    merged.problem ??= r.problem;
    merged.acceptableVersions ??= r.acceptableVersions;
    merged.acceptableTimestamps ??= r.acceptableTimestamps;
    merged.parametersAbsent ??= r.parametersAbsent;
    merged.parametersRejected ??= r.parametersRejected;
    merged.advice ??= r.advice;
    merged.params.push(...r.params);
  }
  return merged;
}

/**
 * Decodes a response that uses plain OAuth Problem Reporting (header and/or body) — the
 * `generic` profile's decoder. Undefined when the response carries no Problem Report.
 *
 * @example decodeProblemReporting({ status: 401, headers: { 'www-authenticate': 'OAuth oauth_problem="signature_invalid"' }, body: '' })?.problem
 * // 'signature_invalid'
 */
export function decodeProblemReporting(response: ProviderResponse): DecodedProviderError | undefined {
  const report = problemReportOf(response);
  if (!report) return undefined;
  return withReport({
    status: response.status,
    ...(report.problem !== undefined ? { problem: report.problem } : {}),
    message: boundText(report.advice ?? (report.problem !== undefined ? `oauth_problem=${report.problem}` : 'OAuth problem report'), MESSAGE_LIMIT),
    retryable: isRetryableProblem(report.problem),
    hint: (report.problem !== undefined ? hintForProblem(report.problem, report) : undefined)
      ?? `the provider reported an OAuth problem${report.problem ? ` "${report.problem}"` : ''}${report.advice ? `: ${report.advice}` : ''}`,
    format: 'problem-reporting',
  }, report);
}

/**
 * Copies the Problem Report details (timestamps, parameter lists, advice) onto a decoded error
 * where it has none of its own.
 *
 * @example withReport(decoded, parseProblemReport('oauth_acceptable_timestamps=1-2'))
 */
export function withReport(decoded: DecodedProviderError, report: ProblemReport | undefined): DecodedProviderError {
  if (!report) return decoded;
  const out = { ...decoded };
  if (out.acceptableTimestamps === undefined && report.acceptableTimestamps) out.acceptableTimestamps = report.acceptableTimestamps;
  if (out.parametersAbsent === undefined && report.parametersAbsent) out.parametersAbsent = report.parametersAbsent;
  if (out.parametersRejected === undefined && report.parametersRejected) out.parametersRejected = report.parametersRejected;
  if (out.advice === undefined && report.advice !== undefined) out.advice = report.advice;
  if (out.problem === undefined && report.problem !== undefined) {
    out.problem = report.problem;
    out.retryable = out.retryable || isRetryableProblem(report.problem);
  }
  return out;
}

/**
 * The Problem Reporting parameters for a problem, encoded once (values percent-encoded,
 * parameter-name lists encoded per name and joined with `&`, so that the outer encoding of a
 * header or form makes them "encoded twice").
 */
function problemParams(problem: string, options: EncodeErrorOptions): Parameter[] {
  const out: Parameter[] = [['oauth_problem', problem]];
  if (options.acceptableTimestamps) out.push(['oauth_acceptable_timestamps', `${options.acceptableTimestamps[0]}-${options.acceptableTimestamps[1]}`]);
  if (options.parametersAbsent?.length) out.push(['oauth_parameters_absent', options.parametersAbsent.map(percentEncode).join('&')]);
  if (options.parametersRejected?.length) out.push(['oauth_parameters_rejected', options.parametersRejected.map(percentEncode).join('&')]);
  if (options.advice !== undefined) out.push(['oauth_problem_advice', options.advice]);
  return out;
}

/**
 * Formats a `WWW-Authenticate: OAuth …` challenge carrying a Problem Report.
 *
 * @example problemReportHeader('nonce_used', {}, 'Sandbox') // 'OAuth realm="Sandbox", oauth_problem="nonce_used"'
 */
export function problemReportHeader(problem: string, options: EncodeErrorOptions = {}, realm?: string): string {
  const parts = problemParams(problem, options).map(([n, v]) => `${n}="${percentEncode(v)}"`);
  if (realm !== undefined) parts.unshift(`realm="${realm.replace(/["\\]/g, (c) => '\\' + c)}"`);
  return 'OAuth ' + parts.join(', ');
}

/**
 * Formats a form-encoded Problem Report body.
 *
 * @example problemReportBody('parameter_absent', { parametersAbsent: ['oauth_nonce', 'oauth_timestamp'] })
 * // 'oauth_problem=parameter_absent&oauth_parameters_absent=oauth_nonce%26oauth_timestamp'
 */
export function problemReportBody(problem: string, options: EncodeErrorOptions = {}): string {
  return formEncode(problemParams(problem, options));
}

/**
 * Encodes a plain Problem Reporting error (the `generic` profile's format): the status OAuth
 * Core 1.0 §10 gives the problem, a `WWW-Authenticate: OAuth` challenge and the same
 * parameters as a form body.
 *
 * @example encodeProblemReportError('signature_invalid').status // 401
 */
export function encodeProblemReportError(problem: string, options: EncodeErrorOptions = {}, realm?: string): EncodedProviderError {
  return {
    status: options.status ?? OAUTH_PROBLEMS[problem]?.status ?? 401,
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'www-authenticate': problemReportHeader(problem, options, realm),
    },
    body: problemReportBody(problem, options),
  };
}
