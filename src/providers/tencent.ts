// Tencent Weibo (open.t.qq.com): endpoints, query/form placement, error codes and codec — see docs/providers/tencent.md.

import { decodeWithTable, findCode, resolveCode, type ProviderCodeTable } from '../client/profile/codes.js';
import { freezeProfile, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { parseJsonObject, scalarText } from '../client/profile/wire.js';

/** Tencent's `errcode` values under `ret: 3` (authentication failed), from providers.md. */
export const TENCENT_AUTH_CODES: ProviderCodeTable = Object.freeze([
  { code: 1, status: 401, problem: 'token_rejected', message: 'invalid token' },
  { code: 2, status: 401, problem: 'nonce_used', message: 'replayed nonce' },
  { code: 4, status: 401, problem: 'token_expired', message: 'token expired' },
  { code: 6, status: 401, problem: 'signature_method_rejected', message: 'bad signature method' },
  { code: 9, status: 401, problem: 'signature_invalid', message: 'signature invalid' },
]);

/**
 * Tencent's top-level `ret` values. Only 3 (authentication failed) is in providers.md; 1, 2 and 4
 * follow the Tencent wiki as remembered by its users and are unconfirmed.
 */
export const TENCENT_RET_CODES: ProviderCodeTable = Object.freeze([
  { code: 1, status: 400, message: 'parameter error', unconfirmed: true, hint: 'a parameter is missing or invalid: check the call against the API documentation' },
  { code: 2, status: 403, message: 'rate limited', unconfirmed: true, hint: 'rate limited: wait before calling again' },
  { code: 3, status: 401, message: 'authentication failed', hint: 'authentication failed: check consumer key, token credentials and the signature (`oauth1 verify`)' },
  { code: 4, status: 500, message: 'server error', retryable: true, unconfirmed: true, hint: 'Tencent had an internal error: retry later' },
]);

/**
 * Decodes Tencent's `{"ret","errcode","msg","data"}`. `providerCode` is `ret/errcode` (`3/9`).
 * Undefined for bodies without a non-zero `ret`.
 *
 * @example decodeTencentError({ status: 200, headers: {}, body: '{"ret":3,"errcode":9,"msg":"check sign error","data":null}' })?.problem
 * // 'signature_invalid'
 */
export function decodeTencentError(response: ProviderResponse): DecodedProviderError | undefined {
  const json = parseJsonObject(response.body);
  if (!json || !('ret' in json)) return undefined;
  const ret = scalarText(json['ret']);
  if (ret === undefined || !/^\d+$/.test(ret) || ret === '0') return undefined;
  const errcode = scalarText(json['errcode']);
  const message = scalarText(json['msg']) ?? '';
  const authEntry = ret === '3' && errcode !== undefined ? findCode(TENCENT_AUTH_CODES, errcode) : undefined;
  const decoded = authEntry
    ? decodeWithTable(TENCENT_AUTH_CODES, { status: response.status, code: errcode!, message, format: 'tencent' }, response)
    : decodeWithTable(TENCENT_RET_CODES, { status: response.status, code: ret, message, format: 'tencent' }, response);
  return { ...decoded, providerCode: errcode !== undefined ? `${ret}/${errcode}` : ret };
}

/**
 * Builds a Tencent error answer `{"ret","errcode","msg","data":null}` for an OAuth problem name or
 * an auth `errcode`. The HTTP status Tencent used is not in our sources: 401 by default.
 *
 * @throws {ProfileError} `ERR_OAUTH_PROVIDER_CODE_UNKNOWN` for a problem or errcode not in {@link TENCENT_AUTH_CODES}.
 * @example encodeTencentError('signature_invalid').body // '{"ret":3,"errcode":9,"msg":"signature invalid","data":null}'
 */
export function encodeTencentError(problemOrCode: string | number, _requestPath = '/', options: EncodeErrorOptions = {}): EncodedProviderError {
  const entry = resolveCode(TENCENT_AUTH_CODES, 'tencent', problemOrCode);
  return {
    status: options.status ?? entry.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ ret: 3, errcode: entry.code, msg: options.message ?? entry.message, data: null }),
  };
}

/** Tencent Weibo: GET token steps, OAuth parameters in the query (GET) or form body (POST), callback `null`. */
export const tencent: ProviderProfile = freezeProfile({
  name: 'tencent',
  displayName: 'Tencent Weibo (open.t.qq.com)',
  endpoints: {
    temporaryCredentials: 'https://open.t.qq.com/cgi-bin/request_token',
    authorization: 'https://open.t.qq.com/cgi-bin/authorize',
    tokenCredentials: 'https://open.t.qq.com/cgi-bin/access_token',
    apiBase: 'http://open.t.qq.com/api/',
  },
  methods: { temporaryCredentials: 'GET', tokenCredentials: 'GET' },
  placement: 'query',
  bodyPlacement: 'form',
  signatureMethod: 'HMAC-SHA1',
  version: '1.0',
  defaultCallback: 'null',
  requireCallbackConfirmed: true,
  multipart: { policy: 'text-fields', fileFields: ['pic'], textEncoding: 'raw' },
  errorFormat: 'tencent',
  // Tencent's API answers failures with HTTP 200 and a non-zero `ret` (providers.md).
  errorsWith2xx: true,
  decodeError: decodeTencentError,
  encodeError: encodeTencentError,
} satisfies ProviderProfile);
