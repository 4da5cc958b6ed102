// Decoded provider errors: one typed ProviderError for every provider's error format, and clock-skew repair (RFC 5849 §3.3).
// Decoding here knows only the profile it is given (each profile carries its decoder); the providers layer adds the list of all.

import { OAuthError, type OAuthErrorOptions } from '../../core/errors.js';
import { httpStatusAdvice } from './codes.js';
import { decodeProblemReporting, describeClockOffset, hintForProblem, parseChallengeParams, problemReportOf, withReport } from './problem-reporting.js';
import type { DecodedProviderError, ProviderProfile, ProviderResponse } from './profile.js';
import { boundText, EXCERPT_LIMIT, headerValues, MESSAGE_LIMIT, redactSecrets } from './wire.js';

export { parseProblemReport, problemReportOf, OAUTH_PROBLEMS, hintForProblem, isRetryableProblem, type ProblemReport } from './problem-reporting.js';

/** An error decoder: undefined when the body is not its provider's format. */
export type ProviderErrorDecoder = (response: ProviderResponse) => DecodedProviderError | undefined;

/** Options of {@link decodeProviderResponse} (and the providers layer's `decodeProviderError`). */
export interface DecodeProviderErrorOptions {
  /** Local clock in ms, for the clock-offset hint. @default Date.now */
  now?: () => number;
  /** More decoders to try, in order, after the profile's own and before plain Problem Reporting. @default none */
  decoders?: ReadonlyArray<ProviderErrorDecoder>;
}

/** Options of the {@link ProviderError} constructor. */
export interface ProviderErrorOptions extends OAuthErrorOptions {
  /** The full response; kept on the error but not enumerable, so it is never serialised or logged. */
  response?: ProviderResponse;
  /** Name of the profile in use (`weibo-v1`…). */
  provider?: string;
}

function excerptOf(body: string): string {
  return boundText(redactSecrets(body), EXCERPT_LIMIT);
}

function describe(decoded: DecodedProviderError, provider: string | undefined): string {
  const what = decoded.problem ?? (decoded.providerCode !== undefined ? `code ${decoded.providerCode}` : 'error');
  const detail = [decoded.problem !== undefined && decoded.providerCode !== undefined ? `code ${decoded.providerCode}` : '',
    decoded.message ? JSON.stringify(boundText(String(decoded.message), 120)) : ''].filter((s) => s !== '').join(', ');
  return `HTTP ${decoded.status} from ${provider ?? 'the provider'}: ${what}${detail ? ` (${detail})` : ''} — ${decoded.hint}`;
}

/**
 * A provider answered with an error, decoded: HTTP status, the provider's code and message,
 * the OAuth problem, whether a re-signed retry can help, and a one-line hint. The full response
 * is on `response` but not enumerable — JSON, `util.inspect` and logs only see `bodyExcerpt`
 * (at most 500 characters, secrets redacted).
 *
 * @example
 * try { await client.get(url) } catch (e) {
 *   if (e instanceof ProviderError && e.problem === 'signature_invalid') console.error(e.hint)
 * }
 */
export class ProviderError extends OAuthError {
  declare readonly code: 'ERR_OAUTH_PROVIDER';
  /** HTTP status. */
  readonly status: number;
  /** The provider's own code (`40107`, `32`, `21321`, Tencent `3/9`). */
  readonly providerCode: string | undefined;
  /** OAuth Problem Reporting name, when known. */
  readonly problem: string | undefined;
  /** The provider's message, verbatim (bounded). */
  readonly providerMessage: string;
  /** Whether re-signing and sending again can help (`timestamp_refused`, `nonce_used`, 503…). */
  readonly retryable: boolean;
  /** What to do next, in one line. */
  readonly hint: string;
  /** `oauth_acceptable_timestamps` [min, max] in seconds. */
  readonly acceptableTimestamps: readonly [number, number] | undefined;
  /** `oauth_parameters_absent`, decoded. */
  readonly parametersAbsent: string[] | undefined;
  /** `oauth_parameters_rejected`, decoded. */
  readonly parametersRejected: string[] | undefined;
  /** `oauth_problem_advice`. */
  readonly advice: string | undefined;
  /** The profile in use, when known. */
  readonly provider: string | undefined;
  /** Which decoder understood the body (`weibo-v1`, `twitter`, `problem-reporting`, `http`…). */
  readonly format: string | undefined;
  /** Server clock minus ours in ms, for a refused timestamp. */
  readonly clockOffsetMs: number | undefined;
  /** `Retry-After`, in seconds. */
  readonly retryAfterSeconds: number | undefined;
  /** The start of the body (≤ 500 characters, secret-looking values redacted). */
  readonly bodyExcerpt: string;
  /** The base string the provider computed, when it echoed one (compare with `oauth1 diff`). */
  readonly serverBaseString: string | undefined;
  /** The signature the provider expected, when it echoed one. */
  readonly serverSignature: string | undefined;
  /** The full response (not enumerable: never serialised). */
  declare readonly response: ProviderResponse | undefined;

  constructor(decoded: DecodedProviderError, options: ProviderErrorOptions = {}) {
    super('ERR_OAUTH_PROVIDER', redactSecrets(describe(decoded, options.provider)), options);
    this.status = decoded.status;
    this.providerCode = decoded.providerCode;
    this.problem = decoded.problem;
    this.providerMessage = redactSecrets(String(decoded.message ?? ''));
    this.retryable = decoded.retryable;
    this.hint = decoded.hint;
    this.acceptableTimestamps = decoded.acceptableTimestamps;
    this.parametersAbsent = decoded.parametersAbsent;
    this.parametersRejected = decoded.parametersRejected;
    this.advice = decoded.advice;
    this.provider = options.provider;
    this.format = decoded.format;
    this.clockOffsetMs = decoded.clockOffsetMs;
    this.retryAfterSeconds = decoded.retryAfterSeconds;
    this.serverBaseString = decoded.serverBaseString;
    this.serverSignature = decoded.serverSignature;
    this.bodyExcerpt = typeof options.response?.body === 'string' ? excerptOf(options.response.body) : '';
    Object.defineProperty(this, 'response', { value: options.response, enumerable: false, writable: false, configurable: false });
  }

  /** The decoded fields again, as a plain {@link DecodedProviderError}. */
  toDecoded(): DecodedProviderError {
    const out: DecodedProviderError = { status: this.status, message: this.providerMessage, retryable: this.retryable, hint: this.hint };
    if (this.providerCode !== undefined) out.providerCode = this.providerCode;
    if (this.problem !== undefined) out.problem = this.problem;
    if (this.acceptableTimestamps !== undefined) out.acceptableTimestamps = this.acceptableTimestamps;
    if (this.parametersAbsent !== undefined) out.parametersAbsent = this.parametersAbsent;
    if (this.parametersRejected !== undefined) out.parametersRejected = this.parametersRejected;
    if (this.advice !== undefined) out.advice = this.advice;
    if (this.format !== undefined) out.format = this.format;
    if (this.clockOffsetMs !== undefined) out.clockOffsetMs = this.clockOffsetMs;
    if (this.retryAfterSeconds !== undefined) out.retryAfterSeconds = this.retryAfterSeconds;
    if (this.serverBaseString !== undefined) out.serverBaseString = this.serverBaseString;
    if (this.serverSignature !== undefined) out.serverSignature = this.serverSignature;
    return out;
  }

  /** JSON view for the CLI and logs: code, message, every decoded field and the excerpt — never the full response. */
  override toJSON(): { code: string; message: string } & Record<string, unknown> {
    const { message: providerMessage, ...decoded } = this.toDecoded();
    return { code: this.code, message: this.message, provider: this.provider, ...decoded, providerMessage, bodyExcerpt: this.bodyExcerpt };
  }
}

function checkResponse(response: ProviderResponse): void {
  if (response === null || typeof response !== 'object') throw new TypeError(`provider response must be an object, got ${response === null ? 'null' : typeof response}`);
  if (typeof response.status !== 'number') throw new TypeError(`provider response status must be a number, got ${typeof response.status}`);
  if (typeof response.body !== 'string') throw new TypeError(`provider response body must be a string, got ${typeof response.body}`);
}

function retryAfterOf(response: ProviderResponse, nowMs: number): number | undefined {
  const value = headerValues(response.headers, 'retry-after')[0]?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.round((at - nowMs) / 1000)) : undefined;
}

function plainText(body: string): string {
  const text = body.replace(/^\uFEFF/, '');
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text);
  const stripped = (title ? title[1]! : text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return boundText(redactSecrets(stripped), MESSAGE_LIMIT);
}

/**
 * The last-resort decoding from the HTTP status alone, for bodies no decoder understands.
 *
 * @example decodeHttpError({ status: 503, headers: {}, body: 'Service Unavailable' }).retryable // true
 */
export function decodeHttpError(response: ProviderResponse): DecodedProviderError {
  const { hint, retryable } = httpStatusAdvice(response.status);
  return { status: response.status, message: plainText(response.body), retryable, hint, format: 'http' };
}

/**
 * Whether a decoded error is a refused timestamp: the `timestamp_refused` problem, or one of the
 * profile's own codes for it (`profile.timestampRefusedCodes`: Weibo 40104, Twitter 135).
 *
 * @example isClockProblem({ providerCode: '135' }, getProfile('twitter')) // true
 */
export function isClockProblem(decoded: Pick<DecodedProviderError, 'problem' | 'providerCode'>, profile?: Pick<ProviderProfile, 'timestampRefusedCodes'>): boolean {
  if (decoded.problem === 'timestamp_refused') return true;
  return decoded.providerCode !== undefined && (profile?.timestampRefusedCodes?.includes(decoded.providerCode) ?? false);
}

/**
 * The clock offset to re-sign with (ms, server clock minus local clock) after a refused
 * timestamp (`timestamp_refused`, or a code in `profile.timestampRefusedCodes`: Weibo 40104, Twitter 135): the midpoint of
 * `oauth_acceptable_timestamps` when the provider gave it, else the response's `Date` header
 * (one-second resolution). Undefined when the error is not about the clock or no time is given.
 * Pure: pass the local time in.
 *
 * @example clockOffsetFromError({ problem: 'timestamp_refused', acceptableTimestamps: [1700000000, 1700000600] }, response, 1699999700_000)
 * // 600000 (our clock is ten minutes slow)
 */
export function clockOffsetFromError(
  decoded: Pick<DecodedProviderError, 'problem' | 'providerCode' | 'acceptableTimestamps'>,
  response: ProviderResponse,
  nowMs: number,
  profile?: Pick<ProviderProfile, 'timestampRefusedCodes'>,
): number | undefined {
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) throw new TypeError(`clockOffsetFromError: nowMs must be a finite number, got ${String(nowMs)}`);
  if (!isClockProblem(decoded, profile)) return undefined;
  const range = decoded.acceptableTimestamps ?? (response ? problemReportOf(response)?.acceptableTimestamps : undefined);
  if (range && range[1] >= range[0]) return Math.round(((range[0] + range[1]) / 2) * 1000 - nowMs);
  const date = response ? headerValues(response.headers, 'date')[0] : undefined;
  if (date === undefined) return undefined;
  const serverMs = Date.parse(date);
  return Number.isFinite(serverMs) ? serverMs - nowMs : undefined;
}

const EXPECTED_BASE_STRING = /(?:expected|server(?:'s)?)\s+(?:signature\s+)?base\s*string\s*(?:is|was)?\s*[:=]?\s*['"]?([A-Z]+&[^\s'"&]+&[^\s'"]*)/i;

/** The base string / signature a provider echoed back (Sina's WWW-Authenticate extras, or "expected … base string" text). */
function echoedSignature(response: ProviderResponse): Pick<DecodedProviderError, 'serverBaseString' | 'serverSignature'> {
  const out: Pick<DecodedProviderError, 'serverBaseString' | 'serverSignature'> = {};
  const params = headerValues(response.headers, 'www-authenticate').filter((h) => /oauth/i.test(h)).flatMap(parseChallengeParams);
  for (const [name, value] of params) {
    if (name === 'oauth_signature_base_string' && out.serverBaseString === undefined) out.serverBaseString = value;
    if (name === 'oauth_right_signature' && out.serverSignature === undefined) out.serverSignature = value;
  }
  if (out.serverBaseString === undefined) {
    for (const text of [...headerValues(response.headers, 'www-authenticate'), response.body.slice(0, 64 * 1024)]) {
      const m = EXPECTED_BASE_STRING.exec(text);
      if (m) { out.serverBaseString = m[1]!; break; }
    }
  }
  return out;
}

function tryDecode(decode: (r: ProviderResponse) => DecodedProviderError | undefined, response: ProviderResponse): DecodedProviderError | undefined {
  try {
    return decode(response);
  } catch {
    // A decoder that chokes on a body simply does not understand it; the next one gets a turn.
    return undefined;
  }
}

/**
 * Decodes an error response: the profile's own decoder first (each profile carries its own),
 * then `options.decoders` in order, then plain OAuth Problem Reporting, then the HTTP status
 * alone — so it always answers. Problem Reporting details in a `WWW-Authenticate` header are
 * merged into a provider's own decoding; a refused timestamp (the problem, or one of the
 * profile's `timestampRefusedCodes`) gets the measured clock offset in `clockOffsetMs` and the
 * hint. The providers layer's `decodeProviderError` is this with every known provider's
 * decoder in `decoders`.
 *
 * @throws {TypeError} when `response` is not `{status: number, headers, body: string}`.
 * @example decodeProviderResponse({ status: 401, headers: {}, body: '{"errors":[{"code":32,"message":"Could not authenticate you"}]}' }, twitterProfile).problem
 * // 'signature_invalid'
 */
export function decodeProviderResponse(response: ProviderResponse, profile?: ProviderProfile, options: DecodeProviderErrorOptions = {}): DecodedProviderError {
  checkResponse(response);
  const nowMs = (options.now ?? Date.now)();
  let decoded = profile ? tryDecode(profile.decodeError.bind(profile), response) : undefined;
  for (const decode of options.decoders ?? []) {
    if (decoded) break;
    decoded = tryDecode(decode, response);
  }
  decoded ??= decodeProblemReporting(response) ?? decodeHttpError(response);
  // A copy: a user decoder may hand back a shared or frozen object.
  decoded = { ...withReport(decoded, problemReportOf(response)) };
  if (isClockProblem(decoded, profile)) {
    const offset = clockOffsetFromError(decoded, response, nowMs, profile);
    if (offset !== undefined) decoded.clockOffsetMs = offset;
    decoded.retryable = true;
    if (decoded.problem === 'timestamp_refused' || decoded.problem === undefined) {
      decoded.hint = hintForProblem('timestamp_refused', decoded) ?? decoded.hint;
    }
  } else if (decoded.problem === 'signature_method_rejected' && profile) {
    decoded.hint = hintForProblem('signature_method_rejected', { signatureMethod: profile.signatureMethod }) ?? decoded.hint;
  }
  Object.assign(decoded, echoedSignature(response));
  const retryAfter = retryAfterOf(response, nowMs);
  if (retryAfter !== undefined) decoded.retryAfterSeconds = retryAfter;
  return decoded;
}

/**
 * Decodes a response (see {@link decodeProviderResponse}) straight into a throwable {@link ProviderError}.
 *
 * @example throw providerErrorOf({ status: 401, headers, body }, profile)
 */
export function providerErrorOf(response: ProviderResponse, profile?: ProviderProfile, options: DecodeProviderErrorOptions = {}): ProviderError {
  return new ProviderError(decodeProviderResponse(response, profile, options), { response, ...(profile ? { provider: profile.name } : {}) });
}

export { describeClockOffset };

// Registers this module's codes in the error family's union (see OAuthErrorRegistry).
declare module '../../core/errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_PROVIDER: ProviderError;
  }
}
