// Resource-owner authorisation: the URL the user opens, and the callback that comes back (RFC 5849 §2.2).

import type { Parameter, Parameters } from '../../core/types.js';
import type { ProviderProfile } from '../profile/profile.js';
import { CallbackError } from './flow-error.js';

/**
 * The resource-owner authorisation URL: the provider's authorisation endpoint with
 * `oauth_token` (and any extra query parameters, such as Sina's `display=page`) appended.
 *
 * @param endpoint a profile, or the authorisation endpoint URL itself.
 * @example authorizationUrl('https://api.twitter.com/oauth/authorize', 'hh5s93j4hdidpola')
 * // 'https://api.twitter.com/oauth/authorize?oauth_token=hh5s93j4hdidpola'
 */
// RFC 5849 §2.2: "the client ... MUST include the temporary credentials identifier ... in the oauth_token parameter"
export function authorizationUrl(endpoint: ProviderProfile | string, token: string | { token: string }, extra: Parameters = []): string {
  const base = typeof endpoint === 'string' ? endpoint : endpoint?.endpoints?.authorization;
  if (typeof base !== 'string') throw new TypeError('authorizationUrl needs a profile or an endpoint URL');
  const value = typeof token === 'string' ? token : token?.token;
  if (typeof value !== 'string') throw new TypeError('authorizationUrl needs the temporary token');
  const url = new URL(base);
  url.searchParams.append('oauth_token', value);
  for (const [n, v] of extra) url.searchParams.append(n, v);
  return url.href;
}

/** The verified result of {@link parseAuthorizationCallback}. */
export interface AuthorizationCallback {
  /** `oauth_token` from the callback (equal to the temporary token). */
  token: string;
  /** `oauth_verifier`. */
  verifier: string;
  /** Every query parameter of the callback. */
  params: Parameters;
}

/**
 * Reads the callback the provider redirected the user to: takes `oauth_token` and
 * `oauth_verifier` from the query, checks the token is the one we asked to authorise, and turns
 * a `denied=…` callback (the user pressed Deny) into an error.
 *
 * @param callback the full callback URL, or only its query (`?oauth_token=…`).
 * @throws {CallbackError} `ERR_OAUTH_CALLBACK_INVALID`, `ERR_OAUTH_CALLBACK_TOKEN_MISMATCH` or `ERR_OAUTH_AUTHORIZATION_DENIED`.
 * @example parseAuthorizationCallback('http://127.0.0.1:8000/callback?oauth_token=hh5s&oauth_verifier=hfdp7', { token: 'hh5s' })
 * // { token: 'hh5s', verifier: 'hfdp7', params: [...] }
 */
// RFC 5849 §2.2: "the server ... constructs a request URI by adding ... oauth_token ... oauth_verifier"
export function parseAuthorizationCallback(callback: string, expected?: string | { token: string }): AuthorizationCallback {
  if (typeof callback !== 'string') throw new TypeError(`callback must be a string, got ${typeof callback}`);
  let query: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(callback)) {
    try { query = new URL(callback).search; } catch (e) {
      throw new CallbackError('ERR_OAUTH_CALLBACK_INVALID', 'the callback is not a valid URL', { cause: e });
    }
  } else {
    const q = callback.indexOf('?');
    query = q === -1 ? callback : callback.slice(q);
  }
  const params: Parameter[] = [...new URLSearchParams(query)].map(([n, v]) => [n, v] as const);
  const get = (name: string): string | undefined => params.find(([n]) => n === name)?.[1];
  const expectedToken = typeof expected === 'string' ? expected : expected?.token;
  if (get('denied') !== undefined) {
    throw new CallbackError('ERR_OAUTH_AUTHORIZATION_DENIED', 'the user denied access (the callback carries denied=…)');
  }
  const token = get('oauth_token');
  const verifier = get('oauth_verifier');
  if (verifier === undefined || verifier === '') throw new CallbackError('ERR_OAUTH_CALLBACK_INVALID', 'the callback has no oauth_verifier');
  if (token === undefined || token === '') {
    if (expectedToken === undefined) throw new CallbackError('ERR_OAUTH_CALLBACK_INVALID', 'the callback has no oauth_token');
    return { token: expectedToken, verifier, params };
  }
  if (expectedToken !== undefined && token !== expectedToken) {
    throw new CallbackError('ERR_OAUTH_CALLBACK_TOKEN_MISMATCH', 'the callback\'s oauth_token is not the temporary token this flow asked to authorise');
  }
  return { token, verifier, params };
}
