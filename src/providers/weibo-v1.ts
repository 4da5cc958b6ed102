// Sina Weibo v1 (api.t.sina.com.cn, 2009–2012): endpoints, rules, error tables and codec — see docs/providers/weibo-v1.md.

import { formEncode } from '../core/encoding.js';
import { decodeWithTable, findCode, problemCodeMap, resolveCode, type ProviderCodeTable } from '../client/profile/codes.js';
import { problemInText, problemReportHeader } from '../client/profile/problem-reporting.js';
import { freezeProfile, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type MultipartSigningPolicy, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { parseFormLoosely, parseJsonObject, scalarText } from '../client/profile/wire.js';

const oauthCode = (code: number, problem: string) =>
  ({ code, status: 401, problem, message: `Oauth Error: ${problem}!` }) as const;

/**
 * Sina Weibo v1 error codes (providers.md "Sina errors"): the OAuth table 40101–40114 — each an
 * OAuth problem, answered with HTTP 401 and the message `Oauth Error: <problem>!` — and the other
 * codes seen. The first three digits are the HTTP status. Messages other than the OAuth ones and
 * 40025 are descriptions, not Sina's verbatim text.
 */
export const WEIBO_V1_CODES: ProviderCodeTable = Object.freeze([
  oauthCode(40101, 'version_rejected'),
  oauthCode(40102, 'parameter_absent'),
  oauthCode(40103, 'parameter_rejected'),
  oauthCode(40104, 'timestamp_refused'),
  oauthCode(40105, 'nonce_used'),
  oauthCode(40106, 'signature_method_rejected'),
  oauthCode(40107, 'signature_invalid'),
  oauthCode(40108, 'consumer_key_unknown'),
  oauthCode(40109, 'consumer_key_refused'),
  oauthCode(40110, 'token_used'),
  oauthCode(40111, 'token_expired'),
  oauthCode(40112, 'token_revoked'),
  oauthCode(40113, 'token_rejected'),
  oauthCode(40114, 'verifier_fail'),
  { code: 40008, status: 400, message: 'Error: image size too large!', hint: 'the image is over 5 MB: send a JPEG, GIF or PNG of at most 5 MB' },
  { code: 40009, status: 400, message: 'Error: image is not multipart!', hint: 'send the image as a multipart/form-data file part named "pic" (statuses/upload.json)' },
  { code: 40012, status: 400, message: 'Error: content is null!', hint: 'the status text is empty: send a non-empty "status"' },
  { code: 40013, status: 400, message: 'Error: text too long!', hint: 'the status is over 140 characters: shorten it' },
  { code: 40022, status: 400, message: 'Error: source paramter(appkey) is missing!', hint: 'add source=<app key> as an ordinary signed parameter (the weibo-v1 profile does unless created with source: false)' },
  { code: 40025, status: 400, message: 'Error: repeated weibo text!', hint: 'Sina refuses the same status text twice in a row: change the text' },
  { code: 40045, status: 400, message: 'Error: unsupported image type!', hint: 'only JPEG, GIF and PNG images are accepted' },
  { code: 40302, status: 403, message: 'Error: auth faild!', hint: 'authentication failed: check the consumer key and token credentials, then the signature with `oauth1 verify`' },
  { code: 40307, status: 403, message: 'Error: HTTP METHOD is not suported for this request!', hint: 'this API wants another HTTP method (statuses/update and statuses/upload are POST)' },
  { code: 40308, status: 403, message: 'Error: Rate limit exceeded!', hint: 'rate limit reached: wait for the hourly window to reset — retrying now will not help' },
  { code: 40313, status: 403, message: 'Error: invalid weibo user!', hint: 'this account is not a valid (activated) Weibo user: log in on weibo.com once to activate it' },
]);

/** Sina Weibo v1 OAuth codes by problem name (`signature_invalid` → 40107): what the sandbox encodes. */
export const WEIBO_V1_OAUTH_CODES: Readonly<Record<string, number>> = problemCodeMap(WEIBO_V1_CODES);

/**
 * The later Weibo API (`api.weibo.com/2/`, open.weibo.com/wiki/Error_code): numeric `error_code`s.
 * providers.md names 21310, 21317, 21321 and 21327; the rest of the 213xx block and 10006 follow
 * the wiki's table. HTTP statuses other than 21321's 403 (seed 001) are not documented: 401 assumed.
 */
export const WEIBO_V2_CODES: ProviderCodeTable = Object.freeze([
  { code: 10006, status: 400, message: 'Source paramter (appkey) is missing', hint: 'add source=<app key> to the request' },
  { code: 21301, status: 401, message: 'Auth faild', hint: 'authentication failed: check the consumer key and token credentials, then the signature with `oauth1 verify`' },
  { code: 21302, status: 401, message: 'Username or password error', hint: 'the username or password (xAuth/Basic) is wrong' },
  { code: 21303, status: 403, message: 'Username and pwd auth out of rate limit', hint: 'too many username/password logins: wait before trying again' },
  { code: 21304, status: 401, problem: 'version_rejected', message: 'Version rejected' },
  { code: 21305, status: 401, problem: 'parameter_absent', message: 'Parameter absent' },
  { code: 21306, status: 401, problem: 'parameter_rejected', message: 'Parameter rejected' },
  { code: 21307, status: 401, problem: 'timestamp_refused', message: 'Timestamp refused' },
  { code: 21308, status: 401, problem: 'nonce_used', message: 'Nonce used' },
  { code: 21309, status: 401, problem: 'signature_method_rejected', message: 'Signature method rejected' },
  { code: 21310, status: 401, problem: 'signature_invalid', message: 'Signature invalid' },
  { code: 21311, status: 401, problem: 'consumer_key_unknown', message: 'Consumer key unknown' },
  { code: 21312, status: 401, problem: 'consumer_key_refused', message: 'Consumer key refused' },
  { code: 21313, status: 401, problem: 'parameter_absent', message: 'Miss consumer key', hint: 'oauth_consumer_key is missing: send the app key' },
  { code: 21314, status: 401, problem: 'token_used', message: 'Token used' },
  { code: 21315, status: 401, problem: 'token_expired', message: 'Token expired' },
  { code: 21316, status: 401, problem: 'token_revoked', message: 'Token revoked' },
  { code: 21317, status: 401, problem: 'token_rejected', message: 'Token rejected' },
  { code: 21318, status: 401, problem: 'verifier_fail', message: 'Verifier fail' },
  { code: 21319, status: 401, problem: 'token_revoked', message: 'Accessor was revoked' },
  { code: 21320, status: 400, message: 'OAuth2 must use https', hint: 'the OAuth 2.0 API must be called over https' },
  { code: 21321, status: 403, message: 'applications over the unaudited use restrictions!',
    hint: 'the app is not yet audited and this account is not one of its test users: add the account as a test user in the app settings, or submit the app for review' },
  { code: 21327, status: 401, problem: 'token_expired', message: 'Expired token' },
]);

const V1_ERROR_TEXT = /^\s*(\d{5})\s*:\s*/;

/**
 * Decodes Sina's error answers: v1 JSON `{"request","error_code":"401","error":"40107:Oauth Error: signature_invalid!"}`
 * (the code leads the `error` text; `error_code` is the HTTP status as a string), the same fields
 * form-encoded from the OAuth endpoints, and the v2 form with a numeric `error_code` (`21321`).
 * Undefined when the body is neither.
 *
 * @example decodeWeiboError({ status: 403, headers: {}, body: '{"error":"applications over the unaudited use restrictions!","error_code":21321}' })?.providerCode
 * // '21321'
 */
export function decodeWeiboError(response: ProviderResponse): DecodedProviderError | undefined {
  const json = parseJsonObject(response.body);
  let errorText: string | undefined;
  let errorCode: string | undefined;
  if (json) {
    errorText = scalarText(json['error']);
    errorCode = scalarText(json['error_code']);
  } else {
    const form = parseFormLoosely(response.body);
    if (form) { errorText = form.get('error'); errorCode = form.get('error_code'); }
  }
  // error_code is what sets Sina apart from Twitter's old {"request","error"} and Sohu's {"code","error"}.
  if (errorCode === undefined || !/^\s*\d+\s*$/.test(errorCode)) return undefined;
  errorCode = errorCode.trim();
  const text = errorText ?? '';
  const v1 = V1_ERROR_TEXT.exec(text);
  if (v1) {
    return decodeWithTable(WEIBO_V1_CODES, { status: response.status, code: v1[1]!, message: text, format: 'weibo-v1', ...problemOf(text) }, response);
  }
  // A numeric error_code that only the v1 OAuth table knows (40107…) is v1, not v2.
  if (errorCode.length === 5 && findCode(WEIBO_V1_CODES, errorCode) !== undefined && findCode(WEIBO_V2_CODES, errorCode) === undefined) {
    return decodeWithTable(WEIBO_V1_CODES, { status: response.status, code: errorCode, message: text, format: 'weibo-v1', ...problemOf(text) }, response);
  }
  if (errorCode.length === 5) {
    return decodeWithTable(WEIBO_V2_CODES, { status: response.status, code: errorCode, message: text, format: 'weibo-v2', ...problemOf(text) }, response);
  }
  return decodeWithTable(WEIBO_V1_CODES, { status: response.status, message: text, format: 'weibo-v1', ...problemOf(text) }, response);
}

function problemOf(text: string): { problem?: string } {
  const p = problemInText(text);
  return p === undefined ? {} : { problem: p };
}

/** Options of {@link encodeWeiboV1Error}. */
export interface WeiboV1EncodeOptions extends EncodeErrorOptions {
  /** `json` (API calls) or `form` (the OAuth endpoints). @default 'form' for paths under /oauth/, else 'json' */
  format?: 'json' | 'form';
  /** Also send a Problem Reporting `WWW-Authenticate: OAuth` challenge for OAuth problems. @default true */
  problemReporting?: boolean;
}

/**
 * Builds a Sina Weibo v1 error answer for a problem name or a code: status from the code,
 * `{"request","error_code":"<status>","error":"<code>:<message>"}` as JSON (or form-encoded for
 * the OAuth endpoints), plus a Problem Reporting `WWW-Authenticate` for the 401xx OAuth codes.
 *
 * @throws {ProfileError} `ERR_OAUTH_PROVIDER_CODE_UNKNOWN` for a problem or code not in {@link WEIBO_V1_CODES}.
 * @example encodeWeiboV1Error('signature_invalid', '/statuses/update.json').body
 * // '{"request":"/statuses/update.json","error_code":"401","error":"40107:Oauth Error: signature_invalid!"}'
 */
export function encodeWeiboV1Error(problemOrCode: string | number, requestPath: string, options: WeiboV1EncodeOptions = {}): EncodedProviderError {
  const entry = resolveCode(WEIBO_V1_CODES, 'weibo-v1', problemOrCode);
  const status = options.status ?? entry.status;
  const fields: Array<readonly [string, string]> = [
    ['request', requestPath],
    ['error_code', String(status)],
    ['error', `${entry.code}:${options.message ?? entry.message}`],
  ];
  const format = options.format ?? (/^\/oauth\//.test(requestPath) ? 'form' : 'json');
  const headers: Record<string, string> = format === 'json'
    ? { 'content-type': 'application/json; charset=utf-8' }
    : { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (entry.problem !== undefined && options.problemReporting !== false) headers['www-authenticate'] = problemReportHeader(entry.problem, options);
  const body = format === 'json' ? JSON.stringify(Object.fromEntries(fields)) : formEncode(fields);
  return { status, headers, body };
}

/**
 * Builds a later-API (v2) Weibo error answer: `{"error","error_code":<number>,"request"}`.
 *
 * @throws {ProfileError} `ERR_OAUTH_PROVIDER_CODE_UNKNOWN` for a problem or code not in {@link WEIBO_V2_CODES}.
 * @example encodeWeiboV2Error(21321, '/2/statuses/update.json').status // 403
 */
export function encodeWeiboV2Error(problemOrCode: string | number, requestPath: string, options: EncodeErrorOptions = {}): EncodedProviderError {
  const entry = resolveCode(WEIBO_V2_CODES, 'weibo-v2', problemOrCode);
  return {
    status: options.status ?? entry.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ error: options.message ?? entry.message, error_code: entry.code, request: requestPath }),
  };
}

/** Options of {@link weiboV1Profile}. */
export interface WeiboV1ProfileOptions {
  /** Add `source=<app key>` to every request as an ordinary, signed parameter, as every SDK did (error 40022 otherwise). @default true */
  source?: boolean;
  /** Method of the access-token step: POST per the wiki, GET as several SDKs did. @default 'POST' */
  tokenCredentialsMethod?: 'GET' | 'POST';
  /** Multipart rule: `text-fields` (2010–2011 wiki and SDKs) or `none` (the ~2012 revision). @default 'text-fields' */
  multipartPolicy?: MultipartSigningPolicy;
  /** Status text in the multipart part: raw UTF-8 or percent-encoded (unconfirmed which Sina required). @default 'raw' */
  textEncoding?: 'raw' | 'percent';
}

/**
 * A Sina Weibo v1 profile with its documented variants as options.
 *
 * @example weiboV1Profile({ source: false, multipartPolicy: 'none' }).multipart.policy // 'none'
 */
export function weiboV1Profile(options: WeiboV1ProfileOptions = {}): ProviderProfile {
  const source = options.source ?? true;
  return freezeProfile({
    name: 'weibo-v1',
    displayName: 'Sina Weibo (API v1, OAuth 1.0a)',
    endpoints: {
      temporaryCredentials: 'http://api.t.sina.com.cn/oauth/request_token',
      authorization: 'http://api.t.sina.com.cn/oauth/authorize',
      tokenCredentials: 'http://api.t.sina.com.cn/oauth/access_token',
      apiBase: 'http://api.t.sina.com.cn/',
    },
    methods: { temporaryCredentials: 'GET', tokenCredentials: options.tokenCredentialsMethod ?? 'POST' },
    placement: 'header',
    signatureMethod: 'HMAC-SHA1',
    version: '1.0',
    defaultCallback: 'oob',
    requireCallbackConfirmed: true,
    ...(source ? { extraParams: (consumerKey: string) => [['source', consumerKey] as const] } : {}),
    multipart: { policy: options.multipartPolicy ?? 'text-fields', fileFields: ['pic'], textEncoding: options.textEncoding ?? 'raw' },
    errorFormat: 'weibo-v1',
    decodeError: decodeWeiboError,
    encodeError: encodeWeiboV1Error,
    // v1 40104 and the later API's 21307 (the decoder reads both formats): clock-skew repair re-signs on them.
    timestampRefusedCodes: ['40104', '21307'],
  });
}

/** Sina Weibo v1 with its defaults: header placement, HMAC-SHA1, `source` added, Weibo upload rule. */
export const weiboV1: ProviderProfile = freezeProfile(weiboV1Profile());
