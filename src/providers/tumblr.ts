// Tumblr: three-legged OAuth 1.0a on www.tumblr.com/oauth/*, HMAC-SHA1 in the header, the v2 API's `{"meta","response","errors"}` answers — see docs/providers/tumblr.md.

import { hintForProblem, isRetryableProblem, problemReportOf, withReport } from '../client/profile/problem-reporting.js';
import { freezeProfile, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { boundText, MESSAGE_LIMIT, parseJsonObject, scalarText } from '../client/profile/wire.js';

/** Tumblr's v2 error code for a request it could not authorise, with its detail text, as users quoted it. */
export const TUMBLR_UNABLE_TO_AUTHORIZE = Object.freeze({ title: 'Unauthorized', code: 1016, detail: 'Unable to authorize' });

const HINT = 'Tumblr could not authorise the request: sign with HMAC-SHA1 in the Authorization header, include every query and form parameter (a JSON body is not signed), and check the token';

/** The `oauth_signature [X] does not match expected value [Y]` line of Tumblr's OAuth endpoints. */
const MISMATCH = /^oauth_signature \[([^\]]*)\] does not match expected value \[([^\]]*)\]$/;

/**
 * Decodes Tumblr's answers: the v2 API's `{"meta":{"status":401,"msg":"Unauthorized"},
 * "response":[],"errors":[{"title","code","detail"}]}` (older answers: `"msg":"Not Authorized"`
 * without `errors`), and the OAuth endpoints' plain-text `oauth_signature [X] does not match
 * expected value [Y]` (Y is returned as `serverSignature`). Undefined for anything else.
 *
 * @example decodeTumblrError({ status: 401, headers: {}, body: '{"meta":{"status":401,"msg":"Unauthorized"},"response":[],"errors":[{"title":"Unauthorized","code":1016,"detail":"Unable to authorize"}]}' })?.providerCode // '1016'
 */
export function decodeTumblrError(response: ProviderResponse): DecodedProviderError | undefined {
  const report = problemReportOf(response);
  const text = response.body.trim();
  const mismatch = MISMATCH.exec(text);
  if (mismatch !== null) {
    const decoded: DecodedProviderError = {
      status: response.status, problem: 'signature_invalid', message: boundText(text, MESSAGE_LIMIT), retryable: false,
      hint: hintForProblem('signature_invalid') ?? HINT, format: 'tumblr', serverSignature: mismatch[2]!,
    };
    return withReport(decoded, report);
  }
  const json = parseJsonObject(text);
  const meta = json?.['meta'];
  if (json === undefined || meta === null || typeof meta !== 'object' || !('response' in json)) return undefined;
  const msg = scalarText((meta as Record<string, unknown>)['msg']);
  if (msg === undefined) return undefined;
  const errors = Array.isArray(json['errors']) ? json['errors'] as unknown[] : [];
  const first = errors[0] !== null && typeof errors[0] === 'object' ? errors[0] as Record<string, unknown> : undefined;
  const code = first !== undefined ? scalarText(first['code']) : undefined;
  const detail = first !== undefined ? scalarText(first['detail']) : undefined;
  const problem = report?.problem;
  const decoded: DecodedProviderError = {
    status: response.status, message: boundText(detail !== undefined ? `${msg}: ${detail}` : msg, MESSAGE_LIMIT), retryable: isRetryableProblem(problem),
    hint: (problem !== undefined ? hintForProblem(problem) : undefined) ?? HINT, format: 'tumblr',
    ...(code !== undefined ? { providerCode: code } : {}), ...(problem !== undefined ? { problem } : {}),
  };
  return withReport(decoded, report);
}

/**
 * Builds Tumblr's error answer: on the `/oauth/` endpoints a 401 plain-text line (for a bad
 * signature `oauth_signature [sent] does not match expected value [expected]` when
 * `options.message` carries it, else the problem name); elsewhere the v2 JSON with
 * `meta.status` 401, `"msg":"Unauthorized"` and the error `1016 Unable to authorize`.
 *
 * @example encodeTumblrError('signature_invalid', '/v2/user/info').body
 * // '{"meta":{"status":401,"msg":"Unauthorized"},"response":[],"errors":[{"title":"Unauthorized","code":1016,"detail":"Unable to authorize"}]}'
 */
export function encodeTumblrError(problemOrCode: string | number, requestPath = '/v2/', options: EncodeErrorOptions = {}): EncodedProviderError {
  const status = options.status ?? 401;
  if (requestPath.startsWith('/oauth/')) {
    return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: options.message ?? String(problemOrCode) };
  }
  const error = options.message !== undefined ? { ...TUMBLR_UNABLE_TO_AUTHORIZE, detail: options.message } : TUMBLR_UNABLE_TO_AUTHORIZE;
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ meta: { status, msg: 'Unauthorized' }, response: [], errors: [error] }) };
}

/** Tumblr: HMAC-SHA1 only, Authorization header, POST token steps, v2 API on api.tumblr.com. */
export const tumblr: ProviderProfile = freezeProfile({
  name: 'tumblr',
  displayName: 'Tumblr',
  endpoints: {
    temporaryCredentials: 'https://www.tumblr.com/oauth/request_token',
    authorization: 'https://www.tumblr.com/oauth/authorize',
    tokenCredentials: 'https://www.tumblr.com/oauth/access_token',
    apiBase: 'https://api.tumblr.com/v2/',
  },
  methods: { temporaryCredentials: 'POST', tokenCredentials: 'POST' },
  placement: 'header',
  signatureMethod: 'HMAC-SHA1',
  version: '1.0',
  defaultCallback: 'oob',
  requireCallbackConfirmed: true,
  multipart: { policy: 'none', fileFields: [], textEncoding: 'raw' },
  decodeError: decodeTumblrError,
  encodeError: encodeTumblrError,
} satisfies ProviderProfile);
