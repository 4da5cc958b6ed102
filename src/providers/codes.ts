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
  const hint = entry?.hint
    ?? (problem !== undefined ? hintForProblem(problem, ctx) : undefined)
    ?? reading.fallbackHint
    ?? `the provider answered ${reading.status}${reading.code !== undefined ? ` with code ${reading.code}` : ''}: ${message || 'no message'}`;
  const out: DecodedProviderError = {
    status: reading.status,
    message,
    retryable: entry?.retryable ?? (problem !== undefined && OAUTH_PROBLEMS[problem] !== undefined ? isRetryableProblem(problem) : false),
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
