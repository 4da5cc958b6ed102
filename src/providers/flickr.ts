// Flickr: three-legged OAuth 1.0a on /services/oauth/*, `perms` on the authorise URL, uploads that sign every field but the photo — see docs/providers/flickr.md.

import { hintForProblem, isRetryableProblem, problemReportOf, withReport } from '../client/profile/problem-reporting.js';
import { freezeProfile, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { boundText, MESSAGE_LIMIT, parseFormLoosely, parseJsonObject, scalarText } from '../client/profile/wire.js';
import type { Parameters } from '../core/types.js';

/** Flickr's permission levels for the authorise URL (each includes the ones before it). */
export const FLICKR_PERMS = Object.freeze(['read', 'write', 'delete'] as const);

/** A Flickr permission level. */
export type FlickrPerms = (typeof FLICKR_PERMS)[number];

/**
 * The `perms` query parameter of Flickr's authorise URL — pass it to
 * `client.authorizationUrl(temp, flickrAuthorizeParams('write'))`. It belongs on the (unsigned)
 * authorise URL; without it Flickr's page says it does not recognise the permission set.
 *
 * @throws {TypeError} a value other than read, write or delete.
 * @example flickrAuthorizeParams('write') // [['perms', 'write']]
 */
export function flickrAuthorizeParams(perms: FlickrPerms): Parameters {
  if (!(FLICKR_PERMS as readonly string[]).includes(perms)) throw new TypeError(`flickrAuthorizeParams: perms must be one of ${FLICKR_PERMS.join(', ')}, got ${JSON.stringify(perms)}`);
  return [['perms', perms]];
}

/** Flickr's API error codes that concern authentication (upload.api.html, the API's common error list). */
export const FLICKR_ERROR_CODES: Readonly<Record<number, { message: string; problem?: string }>> = Object.freeze({
  1: { message: 'Photo not found' },
  2: { message: 'No photo specified' },
  3: { message: 'General upload failure' },
  4: { message: 'Filesize was zero' },
  95: { message: 'SSL is required' },
  96: { message: 'Invalid signature', problem: 'signature_invalid' },
  97: { message: 'Missing signature', problem: 'parameter_absent' },
  98: { message: 'Invalid auth token', problem: 'token_rejected' },
  99: { message: 'Insufficient permissions', problem: 'permission_denied' },
  100: { message: 'Invalid API Key (Key not found)', problem: 'consumer_key_unknown' },
  112: { message: 'Method not found' },
});

/** Which Flickr code answers an OAuth problem on the API (REST and upload) endpoints. */
const PROBLEM_CODES: Readonly<Record<string, number>> = {
  signature_invalid: 96, signature_method_rejected: 96, timestamp_refused: 96, nonce_used: 96, version_rejected: 96,
  parameter_absent: 97, parameter_rejected: 96,
  token_rejected: 98, token_expired: 98, token_revoked: 98, token_used: 98,
  permission_denied: 99, permission_unknown: 99,
  consumer_key_unknown: 100, consumer_key_rejected: 100,
};

const HINT = 'Flickr refused the request: sign every parameter (query and form) with HMAC-SHA1 — on uploads every field but "photo" — and check the token';

/** The code and message of a REST error answer, JSON (`{"stat":"fail","code":96,"message":…}`) or XML (`<rsp stat="fail"><err code="96" msg="…"/>`). */
function restFailure(body: string): { code: string; message: string } | undefined {
  const json = parseJsonObject(body);
  if (json !== undefined) {
    if (json['stat'] !== 'fail') return undefined;
    const code = scalarText(json['code']);
    const message = scalarText(json['message']);
    return code === undefined || message === undefined ? undefined : { code, message };
  }
  const m = /<rsp\s+stat="fail"\s*>\s*<err\s+code="(\d+)"\s+msg="([^"]*)"\s*\/>/.exec(body);
  if (m === null) return undefined;
  const message = m[2]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return { code: m[1]!, message };
}

/**
 * Decodes Flickr's error answers: the OAuth endpoints' form-encoded
 * `oauth_problem=signature_invalid&debug_sbs=…` (the base string Flickr computed, returned as
 * `serverBaseString`), and the API's `{"stat":"fail","code":96,"message":"Invalid signature"}`
 * (JSON) or `<rsp stat="fail"><err code="96" msg="…"/></rsp>` (XML). Undefined for anything else.
 *
 * @example decodeFlickrError({ status: 401, headers: {}, body: 'oauth_problem=signature_invalid&debug_sbs=GET&https%3A%2F%2Fwww.flickr.com%2Fservices%2Foauth%2Faccess_token&…' })?.problem // 'signature_invalid'
 */
export function decodeFlickrError(response: ProviderResponse): DecodedProviderError | undefined {
  const report = problemReportOf(response);
  const rest = restFailure(response.body);
  if (rest !== undefined) {
    const known = FLICKR_ERROR_CODES[Number(rest.code)];
    const problem = known?.problem ?? report?.problem;
    const decoded: DecodedProviderError = {
      status: response.status, providerCode: rest.code, message: boundText(rest.message, MESSAGE_LIMIT), retryable: isRetryableProblem(problem),
      hint: (problem !== undefined ? hintForProblem(problem) : undefined) ?? HINT, format: 'flickr', ...(problem !== undefined ? { problem } : {}),
    };
    return withReport(decoded, report);
  }
  const text = response.body.trim();
  if (!text.startsWith('oauth_problem=')) return undefined;
  // debug_sbs is the base string appended as it is (its own `&`s unescaped): everything after it is the value.
  const at = text.indexOf('&debug_sbs=');
  const problem = parseFormLoosely(at === -1 ? text : text.slice(0, at))?.get('oauth_problem');
  if (problem === undefined || problem === '' || !/^[a-z_]+$/.test(problem)) return undefined;
  const sbs = at === -1 ? undefined : text.slice(at + '&debug_sbs='.length);
  const decoded: DecodedProviderError = {
    status: response.status, problem, message: boundText(`oauth_problem=${problem}`, MESSAGE_LIMIT), retryable: isRetryableProblem(problem),
    hint: sbs !== undefined ? 'Flickr echoed the base string it signed (debug_sbs): compare it with yours — `oauth1 diff`' : hintForProblem(problem) ?? HINT,
    format: 'flickr', ...(sbs !== undefined ? { serverBaseString: sbs } : {}),
  };
  return withReport(decoded, report);
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Builds Flickr's error answer for a path: under `/services/oauth/` a 401 `text/plain`
 * `oauth_problem=…` body; on `/services/upload/` the REST XML `<rsp stat="fail"><err …/></rsp>`;
 * elsewhere (the REST endpoint, `format=json`) `{"stat":"fail","code":…,"message":…}`. An OAuth
 * problem is answered 401, a Flickr code (a number) 200.
 *
 * @example encodeFlickrError('signature_invalid', '/services/rest').body // '{"stat":"fail","code":96,"message":"Invalid signature"}'
 */
export function encodeFlickrError(problemOrCode: string | number, requestPath = '/services/rest', options: EncodeErrorOptions = {}): EncodedProviderError {
  if (requestPath.startsWith('/services/oauth/') && typeof problemOrCode === 'string') {
    return { status: options.status ?? 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `oauth_problem=${encodeURIComponent(problemOrCode)}` };
  }
  const code = typeof problemOrCode === 'number' ? problemOrCode : PROBLEM_CODES[problemOrCode] ?? 96;
  const message = options.message ?? FLICKR_ERROR_CODES[code]?.message ?? String(problemOrCode).replace(/_/g, ' ');
  // An OAuth refusal is answered 401 (unconfirmed: Flickr may answer its API errors with 200); a Flickr code with 200.
  const status = options.status ?? (typeof problemOrCode === 'string' ? 401 : 200);
  if (requestPath.startsWith('/services/upload')) {
    return { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: `<?xml version="1.0" encoding="utf-8" ?>\n<rsp stat="fail">\n\t<err code="${code}" msg="${xmlEscape(message)}" />\n</rsp>\n` };
  }
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stat: 'fail', code, message }) };
}

/**
 * Flickr: HMAC-SHA1 only, Authorization header, `perms` on the authorise URL
 * ({@link flickrAuthorizeParams}), REST calls on `https://api.flickr.com/services/rest` with
 * `method=`, and uploads to `https://up.flickr.com/services/upload/` that sign every text field
 * but not the `photo` file (multipart policy `text-fields`, the Weibo v1 rule).
 */
export const flickr: ProviderProfile = freezeProfile({
  name: 'flickr',
  displayName: 'Flickr',
  endpoints: {
    temporaryCredentials: 'https://www.flickr.com/services/oauth/request_token',
    authorization: 'https://www.flickr.com/services/oauth/authorize',
    tokenCredentials: 'https://www.flickr.com/services/oauth/access_token',
    apiBase: 'https://api.flickr.com/services/',
  },
  methods: { temporaryCredentials: 'GET', tokenCredentials: 'GET' },
  placement: 'header',
  signatureMethod: 'HMAC-SHA1',
  version: '1.0',
  defaultCallback: 'oob',
  requireCallbackConfirmed: true,
  multipart: { policy: 'text-fields', fileFields: ['photo'], textEncoding: 'raw' },
  decodeError: decodeFlickrError,
  encodeError: encodeFlickrError,
} satisfies ProviderProfile);
