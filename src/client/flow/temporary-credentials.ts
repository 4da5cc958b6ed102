// Temporary credentials, a.k.a. the request token (RFC 5849 §2.1).

import type { Parameters } from '../../core/types.js';
import type { OAuthGotTransport } from '../transport/got.js';
import type { OAuthHttpResponse } from '../transport/options.js';
import { CallbackNotConfirmedError } from './flow-error.js';
import { parseTokenResponse } from './token-response.js';

/** Options of {@link requestTemporaryCredentials}. */
export interface TemporaryCredentialsOptions {
  /** `oauth_callback`: an absolute URL, or `oob` for the PIN flow. @default the profile's default callback, else 'oob' */
  callback?: string;
  /** Accept a response without `oauth_callback_confirmed=true` (OAuth 1.0, pre-1.0a providers). @default the profile says, else false */
  allowUnconfirmedCallback?: boolean;
  /** Endpoint, when there is no profile or to override it. */
  url?: string;
  /** HTTP method. @default the profile's, else 'POST' (RFC 5849 §2.1 recommends POST) */
  method?: 'GET' | 'POST';
  /** Extra ordinary parameters for the request (e.g. Twitter's `x_auth_access_type`), sent and signed. */
  params?: Parameters;
}

/** Temporary credentials issued by the server (RFC 5849 §2.1). */
export interface TemporaryCredentials {
  /** `oauth_token` of the temporary credentials. */
  token: string;
  /** `oauth_token_secret`: signs the token-credentials request. */
  tokenSecret: string;
  /** Whether the server sent `oauth_callback_confirmed=true`. */
  callbackConfirmed: boolean;
  /** The `oauth_callback` sent. */
  callback: string;
  /** Every response parameter. */
  params: Parameters;
  /** The HTTP exchange (status, headers, each signed attempt). */
  response: OAuthHttpResponse;
}

/**
 * Requests temporary credentials (a.k.a. request token): a signed request carrying
 * `oauth_callback` (a URL, or `oob`), answered with `oauth_token`, `oauth_token_secret` and
 * `oauth_callback_confirmed=true`. A response without the confirmation is refused unless
 * `allowUnconfirmedCallback` is set.
 *
 * @throws {ProviderError} non-2xx answer. {@link TokenResponseError} no token or secret. {@link CallbackNotConfirmedError} not confirmed.
 * @example
 * const temp = await requestTemporaryCredentials(transport, { callback: 'http://127.0.0.1:8080/callback' });
 * temp.token // 'hh5s93j4hdidpola'
 */
// RFC 5849 §2.1
export async function requestTemporaryCredentials(transport: OAuthGotTransport, options: TemporaryCredentialsOptions = {}): Promise<TemporaryCredentials> {
  const profile = transport.profile;
  const url = options.url ?? profile?.endpoints.temporaryCredentials;
  if (url === undefined) throw new TypeError('requestTemporaryCredentials needs options.url or a transport with a provider profile');
  const method = options.method ?? profile?.methods.temporaryCredentials ?? 'POST';
  const callback = options.callback ?? profile?.defaultCallback ?? 'oob';
  // §2.1: the temporary-credentials request carries no token.
  const bare = transport.withCredentials({ token: undefined, tokenSecret: undefined });
  const response = await bare.request({
    method, url, callback,
    ...(options.params !== undefined ? (method === 'POST' ? { form: options.params } : { url: appendQuery(url, options.params) }) : {}),
  });
  const parsed = parseTokenResponse(response.body, response.status);
  const confirmed = parsed.params.find(([n]) => n === 'oauth_callback_confirmed')?.[1];
  const allow = options.allowUnconfirmedCallback ?? (profile ? !profile.requireCallbackConfirmed : false);
  // §2.1: "oauth_callback_confirmed: MUST be present and set to "true"."
  if (confirmed !== 'true' && !allow) throw new CallbackNotConfirmedError(confirmed);
  return { token: parsed.token, tokenSecret: parsed.tokenSecret, callbackConfirmed: confirmed === 'true', callback, params: parsed.params, response };
}

function appendQuery(url: string, params: Parameters): string {
  const q = new URLSearchParams();
  for (const [n, v] of params) q.append(n, v);
  const s = q.toString().replace(/\+/g, '%20');
  return s === '' ? url : url + (url.includes('?') ? '&' : '?') + s;
}
