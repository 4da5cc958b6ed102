// Parsing temporary- and token-credentials responses robustly: form-encoded or JSON, BOM, whitespace (RFC 5849 §2.1, §2.3).

import { parseFormEncoded } from '../../core/encoding.js';
import type { Parameter, Parameters } from '../../core/types.js';
import { BODY_EXCERPT_LIMIT, TokenResponseError } from './flow-error.js';

/** A parsed credentials response. */
export interface TokenResponse {
  /** `oauth_token`. */
  token: string;
  /** `oauth_token_secret` (may be `""`). */
  tokenSecret: string;
  /** Every parameter of the response in order, including the two above (e.g. `user_id`, `screen_name`). */
  params: Parameters;
}

const SECRET_NAMES = /((?:^|[&{,\s"])"?(?:oauth_token_secret|token_secret|tokenSecret|oauth_verifier)"?\s*[=:]\s*"?)([^&",}\s]*)/g;

/**
 * A bounded excerpt of a body for error messages, with secret-looking values replaced.
 *
 * @example bodyExcerpt('oauth_token=a&oauth_token_secret=s') // 'oauth_token=a&oauth_token_secret=<redacted>'
 */
export function bodyExcerpt(body: string, limit = BODY_EXCERPT_LIMIT): string {
  const redacted = body.replace(SECRET_NAMES, (_m, prefix: string, value: string) => prefix + (value === '' ? '' : '<redacted>'));
  return redacted.length <= limit ? redacted : redacted.slice(0, limit - 1) + '…';
}

function jsonParams(text: string): Parameter[] | undefined {
  let value: unknown;
  try { value = JSON.parse(text); } catch { return undefined; }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Parameter[] = [];
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') out.push([name, v]);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push([name, String(v)]);
  }
  return out;
}

/**
 * Parses a credentials response body. Accepts `application/x-www-form-urlencoded` (the RFC's
 * format) and JSON objects, ignoring a UTF-8 BOM and surrounding whitespace or newlines.
 *
 * @param status HTTP status, kept on the error.
 * @throws {TokenResponseError} `ERR_OAUTH_TOKEN_RESPONSE_INVALID` when the body cannot be parsed or
 *   `oauth_token`/`oauth_token_secret` is missing; the error carries the status and a redacted excerpt.
 * @example parseTokenResponse('\uFEFFoauth_token=t&oauth_token_secret=s&user_id=7\n').params
 * // [['oauth_token','t'],['oauth_token_secret','s'],['user_id','7']]
 */
// RFC 5849 §2.1 and §2.3: "the response contains the following REQUIRED parameters: oauth_token, oauth_token_secret"
export function parseTokenResponse(body: string, status = 200): TokenResponse {
  if (typeof body !== 'string') throw new TypeError(`parseTokenResponse expects a string body, got ${typeof body}`);
  const text = (body.charCodeAt(0) === 0xfeff ? body.slice(1) : body).trim();
  let params: Parameter[] | undefined;
  if (text.startsWith('{')) params = jsonParams(text);
  else if (text !== '' && !text.startsWith('<')) {
    try {
      params = parseFormEncoded(text.replace(/[\r\n]+/g, '&'));
    } catch (e) {
      throw new TokenResponseError(`the credentials response (HTTP ${status}) is not valid form encoding`, status, bodyExcerpt(body), { cause: e });
    }
  }
  if (params === undefined) {
    throw new TokenResponseError(`the credentials response (HTTP ${status}) is neither form-encoded nor a JSON object`, status, bodyExcerpt(body));
  }
  params = params.map(([n, v]) => [n.trim(), v.trim()] as const);
  const first = (name: string): string | undefined => params!.find(([n]) => n === name)?.[1];
  const token = first('oauth_token');
  const tokenSecret = first('oauth_token_secret');
  const missing = [token === undefined || token === '' ? 'oauth_token' : undefined, tokenSecret === undefined ? 'oauth_token_secret' : undefined].filter((x) => x !== undefined);
  if (missing.length > 0) {
    throw new TokenResponseError(`the credentials response (HTTP ${status}) has no ${missing.join(' and no ')}`, status, bodyExcerpt(body));
  }
  return { token: token!, tokenSecret: tokenSecret!, params };
}
