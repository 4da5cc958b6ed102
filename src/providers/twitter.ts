// Twitter / X API v1.1 (the RFC-correct contrast): endpoints, rules, error codes and codec — see docs/providers/twitter.md.

import { decodeWithTable, findProblemCode, resolveCode, type ProviderCodeTable } from '../client/profile/codes.js';
import { problemInText, problemReportHeader } from '../client/profile/problem-reporting.js';
import { freezeProfile, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { parseJsonObject, scalarText } from '../client/profile/wire.js';

/**
 * Twitter v1.1 error codes. 32, 89 and 135 are in providers.md (135 unconfirmed); the others are
 * from Twitter's response-code list as users quoted it and are marked unconfirmed. Twitter's 32
 * is its catch-all "could not authenticate": usually the signature, sometimes the keys or clock.
 */
export const TWITTER_CODES: ProviderCodeTable = Object.freeze([
  { code: 32, status: 401, problem: 'signature_invalid', message: 'Could not authenticate you',
    hint: 'Twitter could not authenticate the request — usually the signature: run `oauth1 verify` on the captured request; else check consumer key/secret and the clock' },
  { code: 89, status: 401, problem: 'token_rejected', message: 'Invalid or expired token',
    hint: 'the token is invalid, expired or revoked: check token and token secret, or run the flow again (`oauth1 flow`)' },
  { code: 135, status: 401, problem: 'timestamp_refused', message: 'Timestamp out of bounds', unconfirmed: true },
  { code: 215, status: 400, problem: 'parameter_absent', message: 'Bad Authentication data', unconfirmed: true,
    hint: 'the OAuth parameters are missing or malformed: send the Authorization header with every oauth_* parameter' },
  { code: 88, status: 429, message: 'Rate limit exceeded', unconfirmed: true,
    hint: 'rate limit reached for this endpoint: wait for the window in x-rate-limit-reset before retrying' },
  { code: 130, status: 503, message: 'Over capacity', retryable: true, unconfirmed: true, hint: 'Twitter is over capacity: retry later with backoff' },
  { code: 131, status: 500, message: 'Internal error', retryable: true, unconfirmed: true, hint: 'Twitter had an internal error: retry later with backoff' },
  { code: 186, status: 403, message: 'Status is over 140 characters', unconfirmed: true, hint: 'the status is too long: shorten it' },
  { code: 187, status: 403, message: 'Status is a duplicate', unconfirmed: true, hint: 'Twitter refuses the same status twice: change the text' },
]);

/**
 * Decodes Twitter's `{"errors":[{"message","code"}]}` (v1.1) and the older v1
 * `{"request","error"}` form. Undefined when the body is neither.
 *
 * @example decodeTwitterError({ status: 401, headers: {}, body: '{"errors":[{"message":"Could not authenticate you","code":32}]}' })?.problem
 * // 'signature_invalid'
 */
export function decodeTwitterError(response: ProviderResponse): DecodedProviderError | undefined {
  const json = parseJsonObject(response.body);
  if (!json) return undefined;
  const errors = json['errors'];
  if (Array.isArray(errors) && errors.length > 0) {
    const first: unknown = errors[0];
    const item = first !== null && typeof first === 'object' ? first as Record<string, unknown> : {};
    const code = scalarText(item['code']);
    const message = scalarText(item['message']) ?? '';
    const problem = problemInText(message);
    return decodeWithTable(TWITTER_CODES, { status: response.status, ...(code !== undefined ? { code } : {}), message, format: 'twitter', ...(problem ? { problem } : {}) }, response);
  }
  if (typeof errors === 'string') {
    return decodeWithTable(TWITTER_CODES, { status: response.status, message: errors, format: 'twitter' }, response);
  }
  // v1: {"request":"/1/statuses/update.json","error":"Could not authenticate you."} — no code field at all.
  const error = json['error'];
  if (typeof error === 'string' && typeof json['request'] === 'string' && !('error_code' in json) && !('code' in json)) {
    const known = TWITTER_CODES.find((e) => error.toLowerCase().startsWith(e.message.toLowerCase()));
    return decodeWithTable(TWITTER_CODES, { status: response.status, ...(known ? { code: String(known.code) } : {}), message: error, format: 'twitter' }, response);
  }
  return undefined;
}

/** Options of {@link encodeTwitterError}. */
export interface TwitterEncodeOptions extends EncodeErrorOptions {
  /** Also send a Problem Reporting `WWW-Authenticate` (Twitter did not; useful for tests). @default false */
  problemReporting?: boolean;
}

/**
 * Builds a Twitter v1.1 error answer `{"errors":[{"message","code"}]}` for a code or a problem
 * name. An OAuth problem Twitter has no code for is answered with 32, its catch-all.
 *
 * @throws {ProfileError} `ERR_OAUTH_PROVIDER_CODE_UNKNOWN` for a code not in {@link TWITTER_CODES}.
 * @example encodeTwitterError('signature_invalid').body // '{"errors":[{"message":"Could not authenticate you","code":32}]}'
 */
export function encodeTwitterError(problemOrCode: string | number, _requestPath = '/', options: TwitterEncodeOptions = {}): EncodedProviderError {
  const isProblem = typeof problemOrCode === 'string' && !/^\s*\d+\s*$/.test(problemOrCode);
  const entry = isProblem && !findProblemCode(TWITTER_CODES, problemOrCode) && /^[a-z_]+$/.test(problemOrCode)
    ? resolveCode(TWITTER_CODES, 'twitter', 32)
    : resolveCode(TWITTER_CODES, 'twitter', problemOrCode);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (options.problemReporting === true) {
    headers['www-authenticate'] = problemReportHeader(isProblem ? problemOrCode : entry.problem ?? 'signature_invalid', options);
  }
  return {
    status: options.status ?? entry.status,
    headers,
    body: JSON.stringify({ errors: [{ message: options.message ?? entry.message, code: entry.code }] }),
  };
}

/** Twitter v1.1: POST token steps, header placement, HMAC-SHA1, no multipart field signed (`media[]`). */
export const twitter: ProviderProfile = freezeProfile({
  name: 'twitter',
  displayName: 'Twitter / X (API v1.1)',
  endpoints: {
    temporaryCredentials: 'https://api.twitter.com/oauth/request_token',
    authorization: 'https://api.twitter.com/oauth/authorize',
    tokenCredentials: 'https://api.twitter.com/oauth/access_token',
    apiBase: 'https://api.twitter.com/1.1/',
  },
  methods: { temporaryCredentials: 'POST', tokenCredentials: 'POST' },
  placement: 'header',
  signatureMethod: 'HMAC-SHA1',
  version: '1.0',
  defaultCallback: 'oob',
  requireCallbackConfirmed: true,
  multipart: { policy: 'none', fileFields: ['media[]', 'media'], textEncoding: 'raw' },
  errorFormat: 'twitter',
  decodeError: decodeTwitterError,
  // 135 "Timestamp out of bounds" (unconfirmed): clock-skew repair re-signs on it.
  timestampRefusedCodes: ['135'],
  encodeError: encodeTwitterError,
} satisfies ProviderProfile);
