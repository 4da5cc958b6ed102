// OAuth1Client: client credentials, a provider profile and the transport, bundled for the flow and API calls (RFC 5849 §2, §3).

import { withBaseUrl, type ProviderProfile } from '../profile/profile.js';
import { createOAuthGot, type OAuthGotTransport } from '../transport/got.js';
import type { OAuthCredentials, OAuthHttpRequest, OAuthHttpResponse, OAuthTransportOptions } from '../transport/options.js';
import type { Parameters } from '../../core/types.js';
import { requestTemporaryCredentials, type TemporaryCredentials, type TemporaryCredentialsOptions } from './temporary-credentials.js';
import { authorizationUrl, parseAuthorizationCallback, type AuthorizationCallback } from './authorization.js';
import { requestTokenCredentials, type TokenCredentials } from './token-credentials.js';
import { CallbackError } from './flow-error.js';
import type { TemporaryCredentialStore } from '../temporary-credential-store/store.js';

/** Options of the client layer's {@link OAuth1Client}: the profile is an object (the root package also takes a name). */
export interface ProfileOAuth1ClientOptions extends OAuthCredentials, Omit<OAuthTransportOptions, 'profile'> {
  /** The provider profile (`getProfile('twitter')`, `defineProfile(…)`, `sandbox.profile`). */
  profile: ProviderProfile;
  /** Point the profile at another host (e.g. the sandbox): every endpoint keeps its path. */
  baseUrl?: string;
}

/**
 * The three-legged flow as four calls, in the shape of requests-oauthlib's `OAuth1Session`:
 * `requestTemporaryCredentials` → `authorizationUrl` → `parseAuthorizationCallback` →
 * `requestTokenCredentials`; then `request()` calls protected resources with the token.
 * This class (client layer) takes a profile object; the root package's `OAuth1Client` extends it
 * and also takes a built-in profile's name (`profile: 'twitter'`), defaulting to `generic`.
 *
 * @example
 * const client = new OAuth1Client({ profile: 'twitter', consumerKey, consumerSecret });
 * const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:8080/callback' });
 * open(client.authorizationUrl(temp));
 * const { verifier } = client.parseAuthorizationCallback(callbackUrl, temp);
 * const access = await client.requestTokenCredentials(temp, verifier); // the client now uses these
 * const me = await client.request({ url: 'https://api.twitter.com/1.1/account/verify_credentials.json' });
 */
export class OAuth1Client {
  /** The provider profile in use. */
  readonly profile: ProviderProfile;
  #transport: OAuthGotTransport;

  constructor(options: ProfileOAuth1ClientOptions) {
    if (options === null || typeof options !== 'object') throw new TypeError('OAuth1Client needs an options object');
    if (options.profile === null || typeof options.profile !== 'object') {
      throw new TypeError(`OAuth1Client needs a profile object, got ${options.profile === null ? 'null' : typeof options.profile} (the root package 'oauth1-toolkit' also resolves names such as 'twitter')`);
    }
    let profile = options.profile;
    if (options.baseUrl !== undefined) profile = withBaseUrl(profile, options.baseUrl);
    this.profile = profile;
    const { consumerKey, consumerSecret, token, tokenSecret, privateKey, privateKeyPassphrase, profile: _p, baseUrl: _b, ...transportOptions } = options;
    const credentials: OAuthCredentials = { consumerKey };
    if (consumerSecret !== undefined) credentials.consumerSecret = consumerSecret;
    if (token !== undefined) credentials.token = token;
    if (tokenSecret !== undefined) credentials.tokenSecret = tokenSecret;
    if (privateKey !== undefined) credentials.privateKey = privateKey;
    if (privateKeyPassphrase !== undefined) credentials.privateKeyPassphrase = privateKeyPassphrase;
    this.#transport = createOAuthGot(credentials, { ...transportOptions, profile });
  }

  /** The transport (got with signing hooks) with the current credentials. */
  get transport(): OAuthGotTransport { return this.#transport; }

  /** Server time minus local time (ms) learnt from `timestamp_refused` answers. */
  get clockOffsetMs(): number { return this.#transport.clockOffsetMs; }

  /** The token credentials in use, if any (the secret is included: do not log it). */
  get token(): { token: string; tokenSecret: string } | undefined {
    const c = this.#transport.credentials;
    return c.token === undefined ? undefined : { token: c.token, tokenSecret: c.tokenSecret ?? '' };
  }

  /** Use these token credentials from now on (e.g. ones saved from an earlier flow). */
  setToken(token: string, tokenSecret: string): void {
    this.#transport = this.#transport.withCredentials({ token, tokenSecret });
  }

  /** Step 1, a.k.a. fetch request token. See {@link requestTemporaryCredentials}. */
  requestTemporaryCredentials(options: TemporaryCredentialsOptions = {}): Promise<TemporaryCredentials> {
    return requestTemporaryCredentials(this.#transport, options);
  }

  /** Step 2: the URL to send the user to. See {@link authorizationUrl}. */
  authorizationUrl(temporary: string | { token: string }, extra: Parameters = []): string {
    return authorizationUrl(this.profile, temporary, extra);
  }

  /** Step 3: read the callback URL (checks the token). See {@link parseAuthorizationCallback}. */
  parseAuthorizationCallback(callback: string, temporary?: string | { token: string }): AuthorizationCallback {
    return parseAuthorizationCallback(callback, temporary);
  }

  /** Step 4, a.k.a. fetch access token; the client then signs with the new token. See {@link requestTokenCredentials}. */
  async requestTokenCredentials(temporary: { token: string; tokenSecret: string }, verifier: string): Promise<TokenCredentials> {
    const access = await requestTokenCredentials(this.#transport, temporary, verifier);
    this.setToken(access.token, access.tokenSecret);
    return access;
  }

  /**
   * Steps 1–2 with a {@link TemporaryCredentialStore}: requests temporary credentials, saves them
   * (with your `state`) and returns the authorisation URL and the store's reference — keep the
   * reference with the user (a cookie) so that any server can finish the flow.
   *
   * @example
   * const { authorizationUrl, reference } = await client.beginAuthorization(store, { callback });
   * res.cookie('oauth_tmp', reference, { httpOnly: true, sameSite: 'lax' }).redirect(authorizationUrl);
   */
  async beginAuthorization(store: TemporaryCredentialStore, options: TemporaryCredentialsOptions & { state?: string } = {}): Promise<{ authorizationUrl: string; reference: string; token: string }> {
    const { state, ...rest } = options;
    const temporary = await this.requestTemporaryCredentials(rest);
    const reference = await store.save({ token: temporary.token, tokenSecret: temporary.tokenSecret, ...(state !== undefined ? { state } : {}) });
    return { authorizationUrl: this.authorizationUrl(temporary), reference, token: temporary.token };
  }

  /**
   * Steps 3–4 with a {@link TemporaryCredentialStore}: reads the callback, takes the temporary
   * credentials from the store (once) and exchanges them for token credentials.
   *
   * @throws {CallbackError} `ERR_OAUTH_CALLBACK_TOKEN_MISMATCH` when the store has no credentials for the callback's `oauth_token` (unknown, expired, already used, or a tampered reference); the other callback errors of {@link parseAuthorizationCallback}.
   * @example const access = await client.completeAuthorization(store, req.url, req.cookies.oauth_tmp);
   */
  async completeAuthorization(store: TemporaryCredentialStore, callback: string, reference?: string): Promise<TokenCredentials & { state?: string }> {
    const parsed = parseAuthorizationCallback(callback);
    const stored = await store.take(parsed.token, reference);
    if (stored === undefined) {
      throw new CallbackError('ERR_OAUTH_CALLBACK_TOKEN_MISMATCH', `no temporary credentials stored for the callback's oauth_token (unknown, expired, already used, or the reference was changed)`);
    }
    const access = await this.requestTokenCredentials(stored, parsed.verifier);
    return stored.state !== undefined ? { ...access, state: stored.state } : access;
  }

  /** A signed request with the client's current credentials; relative URLs resolve against the profile's `apiBase`. */
  request(request: OAuthHttpRequest): Promise<OAuthHttpResponse> {
    const base = this.profile.endpoints.apiBase;
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(request.url) || base === undefined ? request.url : new URL(request.url.replace(/^\//, ''), base.endsWith('/') ? base : base + '/').href;
    return this.#transport.request({ ...request, url });
  }
}
