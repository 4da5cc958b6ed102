// NetEase Weibo (api.t.163.com): endpoints, realm="" header, message_code errors — see docs/providers/netease.md.

import { decodeWithTable, resolveCode, type ProviderCodeTable } from '../client/profile/codes.js';
import { problemInText } from '../client/profile/problem-reporting.js';
import { freezeProfile, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { parseJsonObject, scalarText } from '../client/profile/wire.js';

const shifted = (code: number, problem: string) =>
  ({ code, status: 401, problem, message: problem, unconfirmed: true }) as const;

/**
 * NetEase's OAuth codes: Sina's 401xx table shifted by three (40110 signature_invalid). Every entry
 * is unconfirmed — one third-party source (providers.md).
 */
export const NETEASE_CODES: ProviderCodeTable = Object.freeze([
  shifted(40104, 'version_rejected'),
  shifted(40105, 'parameter_absent'),
  shifted(40106, 'parameter_rejected'),
  shifted(40107, 'timestamp_refused'),
  shifted(40108, 'nonce_used'),
  shifted(40109, 'signature_method_rejected'),
  shifted(40110, 'signature_invalid'),
  shifted(40111, 'consumer_key_unknown'),
  shifted(40112, 'consumer_key_refused'),
  shifted(40113, 'token_used'),
  shifted(40114, 'token_expired'),
  shifted(40115, 'token_revoked'),
  shifted(40116, 'token_rejected'),
  shifted(40117, 'verifier_fail'),
]);

/**
 * Decodes a NetEase error: a JSON object with `message_code`, whose last five digits are the code
 * (`error` carries the message). Undefined when there is no `message_code`.
 *
 * @example decodeNeteaseError({ status: 401, headers: {}, body: '{"error":"signature_invalid","message_code":"00140110"}' })?.providerCode
 * // '40110'
 */
export function decodeNeteaseError(response: ProviderResponse): DecodedProviderError | undefined {
  const json = parseJsonObject(response.body);
  const messageCode = json ? scalarText(json['message_code']) : undefined;
  if (!json || messageCode === undefined) return undefined;
  const digits = /(\d{5})\s*$/.exec(messageCode);
  const message = scalarText(json['error']) ?? scalarText(json['message']) ?? '';
  const problem = problemInText(message);
  return decodeWithTable(NETEASE_CODES, {
    status: response.status, ...(digits ? { code: digits[1]! } : {}), message, format: 'netease', ...(problem ? { problem } : {}),
  }, response);
}

/**
 * Builds a NetEase error answer `{"request","error","message_code"}`; `message_code` is the HTTP
 * status followed by the five-digit code (the prefix is our guess; decoders read the last five digits).
 *
 * @throws {ProfileError} `ERR_OAUTH_PROVIDER_CODE_UNKNOWN` for a problem or code not in {@link NETEASE_CODES}.
 * @example JSON.parse(encodeNeteaseError('signature_invalid', '/statuses/update.json').body).message_code // '40140110'
 */
export function encodeNeteaseError(problemOrCode: string | number, requestPath = '/', options: EncodeErrorOptions = {}): EncodedProviderError {
  const entry = resolveCode(NETEASE_CODES, 'netease', problemOrCode);
  const status = options.status ?? entry.status;
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ request: requestPath, error: options.message ?? entry.message, message_code: `${status}${entry.code}` }),
  };
}

/** NetEase Weibo: header placement with `realm=""`, only `oauth_*` signed on upload. Token-step methods unconfirmed (RFC default POST). */
export const netease: ProviderProfile = freezeProfile({
  name: 'netease',
  displayName: 'NetEase Weibo (api.t.163.com)',
  endpoints: {
    temporaryCredentials: 'http://api.t.163.com/oauth/request_token',
    authorization: 'http://api.t.163.com/oauth/authorize',
    tokenCredentials: 'http://api.t.163.com/oauth/access_token',
    apiBase: 'http://api.t.163.com/',
  },
  methods: { temporaryCredentials: 'POST', tokenCredentials: 'POST' },
  placement: 'header',
  signatureMethod: 'HMAC-SHA1',
  version: '1.0',
  realm: '',
  defaultCallback: 'oob',
  requireCallbackConfirmed: true,
  multipart: { policy: 'none', fileFields: ['pic'], textEncoding: 'raw' },
  errorFormat: 'netease',
  decodeError: decodeNeteaseError,
  encodeError: encodeNeteaseError,
} satisfies ProviderProfile);
