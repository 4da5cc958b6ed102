// Token credentials, a.k.a. the access token (RFC 5849 §2.3).

import type { OAuthGotTransport } from '../transport/got.js';
import type { OAuthHttpResponse } from '../transport/options.js';
import type { Parameters } from '../../core/types.js';
import { parseTokenResponse } from './token-response.js';

/** Token credentials issued by the server (RFC 5849 §2.3). */
export interface TokenCredentials {
  /** `oauth_token`. */
  token: string;
  /** `oauth_token_secret`. */
  tokenSecret: string;
  /** Every response parameter (`user_id`, `screen_name`, Tencent's `name`…). */
  params: Parameters;
  /** The HTTP exchange. */
  response: OAuthHttpResponse;
}

/** Options of {@link requestTokenCredentials}. */
export interface TokenCredentialsOptions {
  /** Endpoint, when there is no profile or to override it. */
  url?: string;
  /** HTTP method. @default the profile's, else 'POST' */
  method?: 'GET' | 'POST';
}

/**
 * Exchanges authorised temporary credentials and the verifier for token credentials (a.k.a.
 * access token). The request carries `oauth_token` = the temporary token and `oauth_verifier`,
 * and is signed with the temporary token secret.
 *
 * @throws {ProviderError} non-2xx answer (e.g. `verifier_fail`). {@link TokenResponseError} no token or secret.
 * @example
 * const access = await requestTokenCredentials(transport, temp, callback.verifier);
 * access.params // [['oauth_token','nnch734d00sl2jdk'], ['oauth_token_secret','pfkkdhi9sl3r4s00'], ['user_id','1']]
 */
// RFC 5849 §2.3: "the client makes an authenticated request ... using the temporary credentials"
export async function requestTokenCredentials(
  transport: OAuthGotTransport,
  temporary: { token: string; tokenSecret: string },
  verifier: string,
  options: TokenCredentialsOptions = {},
): Promise<TokenCredentials> {
  if (temporary === null || typeof temporary !== 'object' || typeof temporary.token !== 'string' || typeof temporary.tokenSecret !== 'string') {
    throw new TypeError('requestTokenCredentials needs the temporary credentials { token, tokenSecret }');
  }
  if (typeof verifier !== 'string') throw new TypeError('verifier must be a string');
  const profile = transport.profile;
  const url = options.url ?? profile?.endpoints.tokenCredentials;
  if (url === undefined) throw new TypeError('requestTokenCredentials needs options.url or a transport with a provider profile');
  const method = options.method ?? profile?.methods.tokenCredentials ?? 'POST';
  // §2.3: signed with the client credentials and the temporary credentials (its secret is the token secret).
  const t = transport.withCredentials({ token: temporary.token, tokenSecret: temporary.tokenSecret });
  const response = await t.request({ method, url, verifier: verifier.trim() });
  const parsed = parseTokenResponse(response.body, response.status);
  return { token: parsed.token, tokenSecret: parsed.tokenSecret, params: parsed.params, response };
}
