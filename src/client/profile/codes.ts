// Provider error-code tables as data, and how a table entry becomes a decoded error.

import { ProfileError, type DecodedProviderError, type ProviderResponse } from './profile.js';
import { hintForProblem, isRetryableProblem, OAUTH_PROBLEMS, problemReportOf, withReport, type HintContext } from './problem-reporting.js';
import { boundText, MESSAGE_LIMIT, redactSecrets } from './wire.js';

/** One provider error code: what it means and what to do. Tables of these are exported per provider. */
export interface ProviderCode {
  /** The provider's code (`40107`, `32`, `21321`). */
  readonly code: number;
  /** The HTTP status the provider answered it with. */
  readonly status: number;
  /** The OAuth Problem Reporting name it stands for, when it is one. */
  readonly problem?: string;
  /** The provider's message text (verbatim where a source quotes it, else a description). */
  readonly message: string;
  /** Hint for this code; defaults to the problem's hint. */
  readonly hint?: string;
  /** Whether a re-signed retry helps; defaults to the problem's flag, else false. */
  readonly retryable?: boolean;
  /** Only one source (or none beyond the table's own) says so — see docs/errors.md. */
  readonly unconfirmed?: boolean;
}

/** An ordered, read-only table of provider codes. */
export type ProviderCodeTable = ReadonlyArray<ProviderCode>;

/**
 * The entry for a code, if the table has it.
 *
 * @example findCode(WEIBO_V1_CODES, '40107')?.problem // 'signature_invalid'
 */
export function findCode(table: ProviderCodeTable, code: number | string): ProviderCode | undefined {
  const n = typeof code === 'number' ? code : Number(String(code).trim());
  return Number.isFinite(n) ? table.find((e) => e.code === n) : undefined;
}

/**
 * The first entry standing for an OAuth problem name.
 *
 * @example findProblemCode(WEIBO_V1_CODES, 'signature_invalid')?.code // 40107
 */
export function findProblemCode(table: ProviderCodeTable, problem: string): ProviderCode | undefined {
  return table.find((e) => e.problem === problem);
}

/**
 * The `problem → code` view of a table's entries that carry a problem (first entry wins).
 *
 * @example problemCodeMap(WEIBO_V1_CODES).signature_invalid // 40107
 */
export function problemCodeMap(table: ProviderCodeTable): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const e of table) if (e.problem !== undefined && !(e.problem in out)) out[e.problem] = e.code;
  return Object.freeze(out);
}

/** What an HTTP status alone says: whether a retry can help, and what to do. */
export interface HttpStatusAdvice {
  readonly retryable: boolean;
  readonly hint: string;
}

const HTTP_STATUS_ADVICE: Readonly<Record<number, HttpStatusAdvice>> = {
  400: { retryable: false, hint: 'the provider refused the request as malformed without naming an OAuth problem: check required parameters and the Content-Type' },
  401: { retryable: false, hint: 'authentication failed without a reason: check consumer key/secret and token credentials, then the signature with `oauth1 verify`' },
  403: { retryable: false, hint: 'the provider forbids this: the app or token lacks permission for this resource, or a quota applies' },
  404: { retryable: false, hint: 'no such endpoint: check the URL and the profile\'s endpoints and apiBase' },
  405: { retryable: false, hint: 'the endpoint does not accept this HTTP method: check the profile\'s method for this step' },
  408: { retryable: true, hint: 'the provider timed out waiting for the request: retry (it is re-signed)' },
  429: { retryable: true, hint: 'rate limited: wait before retrying (see Retry-After)' },
  500: { retryable: true, hint: 'the provider failed internally: retry later with backoff' },
  502: { retryable: true, hint: 'a gateway in front of the provider failed: retry later with backoff' },
  503: { retryable: true, hint: 'the provider is unavailable: retry later with backoff (every attempt is re-signed)' },
  504: { retryable: true, hint: 'a gateway timed out: retry later with backoff' },
};

/**
 * The advice the HTTP status alone gives, for answers nothing else explains: 408, 429 and 5xx
 * are retryable, the rest not.
 *
 * @example httpStatusAdvice(503).retryable // true
 */
export function httpStatusAdvice(status: number): HttpStatusAdvice {
  const known = HTTP_STATUS_ADVICE[status];
  if (known) return known;
  if (status >= 300 && status < 400) return { retryable: false, hint: `unexpected redirect (HTTP ${status}): check the endpoint URL (http vs https, trailing slash)` };
  if (status >= 500) return { retryable: true, hint: `the provider failed (HTTP ${status}): retry later with backoff` };
  return { retryable: false, hint: `the provider answered HTTP ${status} in a format no profile decodes: read the body excerpt` };
}

/** What a decoder read off the wire, before the table is consulted. */
export interface CodeReading {
  status: number;
  /** The provider code as found (`'40107'`). */
  code?: string;
  /** The provider's message as found. */
  message: string;
  /** Decoder name (`weibo-v1`, `twitter`…). */
  format: string;
  /** Problem name read from elsewhere (e.g. the message text), used when the table has none. */
  problem?: string;
  /** Hint for an unknown code. */
  fallbackHint?: string;
}

/**
 * Turns what a decoder read into a {@link DecodedProviderError} using a code table: the
 * table gives problem, hint and retryable flag; unknown codes keep the provider's message.
 *
 * @example decodedFromCode(WEIBO_V1_CODES, { status: 401, code: '40107', message: 'Oauth Error: signature_invalid!', format: 'weibo-v1' }).problem
 * // 'signature_invalid'
 */
export function decodedFromCode(table: ProviderCodeTable, reading: CodeReading, ctx: HintContext = {}): DecodedProviderError {
  const entry = reading.code !== undefined ? findCode(table, reading.code) : undefined;
  const problem = entry?.problem ?? reading.problem;
  const message = boundText(redactSecrets(reading.message), MESSAGE_LIMIT);
  // Nothing provider-specific known: a 5xx/408/429 is still worth retrying, whatever the body says.
  const byStatus = entry === undefined && problem === undefined ? httpStatusAdvice(reading.status) : undefined;
  const hint = entry?.hint
    ?? (problem !== undefined ? hintForProblem(problem, ctx) : undefined)
    ?? reading.fallbackHint
    ?? (byStatus?.retryable ? byStatus.hint : undefined)
    ?? `the provider answered ${reading.status}${reading.code !== undefined ? ` with code ${reading.code}` : ''}: ${message || 'no message'}`;
  const out: DecodedProviderError = {
    status: reading.status,
    message,
    retryable: entry?.retryable ?? (problem !== undefined && OAUTH_PROBLEMS[problem] !== undefined ? isRetryableProblem(problem) : byStatus?.retryable ?? false),
    hint,
    format: reading.format,
  };
  if (reading.code !== undefined) out.providerCode = reading.code;
  if (problem !== undefined) out.problem = problem;
  return out;
}

/**
 * The usual end of a provider decoder: table lookup, hint with the Problem Report's details,
 * and the report's extra fields (a provider may send both its own body and a `WWW-Authenticate`).
 *
 * @example decodeWithTable(TWITTER_CODES, { status: 401, code: '32', message: 'Could not authenticate you', format: 'twitter' }, response)
 */
export function decodeWithTable(table: ProviderCodeTable, reading: CodeReading, response: ProviderResponse): DecodedProviderError {
  const report = problemReportOf(response);
  return withReport(decodedFromCode(table, reading, report ?? {}), report);
}

/**
 * Resolves what an encoder was asked for — a provider code (`40107`, `'40107'`) or a problem
 * name (`'signature_invalid'`) — to a table entry.
 *
 * @throws {ProfileError} `ERR_OAUTH_PROVIDER_CODE_UNKNOWN` when the table has neither.
 * @example resolveCode(TWITTER_CODES, 'twitter', 'signature_invalid').code // 32
 */
export function resolveCode(table: ProviderCodeTable, provider: string, problemOrCode: string | number): ProviderCode {
  const entry = typeof problemOrCode === 'number' || /^\s*\d+\s*$/.test(problemOrCode)
    ? findCode(table, problemOrCode)
    : findProblemCode(table, problemOrCode);
  if (!entry) {
    throw new ProfileError('ERR_OAUTH_PROVIDER_CODE_UNKNOWN', `${provider} has no error code for ${JSON.stringify(String(problemOrCode))}; known: ${table.map((e) => e.problem ?? e.code).join(', ')}`);
  }
  return entry;
}
