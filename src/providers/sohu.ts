// Sohu Weibo (api.t.sohu.com): endpoints, header placement, {"code","error","request"} errors — see docs/providers/sohu.md.

import { decodeWithTable } from '../client/profile/codes.js';
import { problemInText } from '../client/profile/problem-reporting.js';
import { freezeProfile, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { parseJsonObject, scalarText } from '../client/profile/wire.js';

/**
 * Decodes Sohu's `{"code","error","request"}`. Sohu's code table is not in our sources, so the
 * problem comes only from an OAuth problem name in the message. Undefined for other bodies.
 *
 * @example decodeSohuError({ status: 401, headers: {}, body: '{"code":401,"error":"signature_invalid","request":"/statuses/update.json"}' })?.problem
 * // 'signature_invalid'
 */
export function decodeSohuError(response: ProviderResponse): DecodedProviderError | undefined {
  const json = parseJsonObject(response.body);
  // All three fields, so that any API's {"code","error"} is not taken for Sohu's.
  if (!json || !('code' in json) || !('error' in json) || !('request' in json) || 'error_code' in json) return undefined;
  const code = scalarText(json['code']);
  const message = scalarText(json['error']) ?? '';
  if (code === undefined) return undefined;
  const problem = problemInText(message);
  return decodeWithTable([], { status: response.status, code, message, format: 'sohu', ...(problem ? { problem } : {}) }, response);
}

/**
 * Builds a Sohu-shaped error answer `{"code","error","request"}` with the problem name as message
 * (Sohu's own wording is not in our sources).
 *
 * @example encodeSohuError('signature_invalid', '/statuses/update.json').status // 401
 */
export function encodeSohuError(problemOrCode: string | number, requestPath = '/', options: EncodeErrorOptions = {}): EncodedProviderError {
  const status = options.status ?? 401;
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ code: status, error: options.message ?? String(problemOrCode), request: requestPath }),
  };
}

/** Sohu Weibo: header placement, HMAC-SHA1; xAuth also offered; upload signing unconfirmed (`none`). */
export const sohu: ProviderProfile = freezeProfile({
  name: 'sohu',
  displayName: 'Sohu Weibo (api.t.sohu.com)',
  endpoints: {
    temporaryCredentials: 'http://api.t.sohu.com/oauth/request_token',
    authorization: 'http://api.t.sohu.com/oauth/authorize',
    tokenCredentials: 'http://api.t.sohu.com/oauth/access_token',
    apiBase: 'http://api.t.sohu.com/',
  },
  methods: { temporaryCredentials: 'POST', tokenCredentials: 'POST' },
  placement: 'header',
  signatureMethod: 'HMAC-SHA1',
  version: '1.0',
  defaultCallback: 'oob',
  requireCallbackConfirmed: true,
  multipart: { policy: 'none', fileFields: ['pic'], textEncoding: 'raw' },
  errorFormat: 'sohu',
  decodeError: decodeSohuError,
  encodeError: encodeSohuError,
} satisfies ProviderProfile);
