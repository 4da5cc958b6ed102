// Drop-in for node-oauth 0.10 (`require('oauth').OAuth` / `OAuthEcho`, callback API) whose signatures follow RFC 5849 §3.4.

import * as http from 'node:http';
import * as https from 'node:https';
import * as querystring from 'node:querystring';
import { percentEncode } from '../core/encoding.js';
import { baseStringUri, composeBaseString } from '../core/base-string.js';
import { generateNonce } from '../core/nonce.js';
import { signRequest } from '../core/sign.js';
import { BUILT_IN_SIGNATURE_METHODS } from '../core/signature-methods/index.js';
import type { Parameter, SignRequestInput, SignedRequest } from '../core/types.js';

/** node-oauth's `{ statusCode, data }` error for a non-2xx answer (a network failure passes the `Error` itself). */
export interface OAuthHttpError {
  statusCode: number;
  data: string | undefined;
}

/** `callback(err, data, response)` of get/post/put/delete. */
export type DataCallback = (err: OAuthHttpError | Error | null, result?: string, response?: http.IncomingMessage) => void;
/** `callback(err, token, tokenSecret, results)` of getOAuthRequestToken / getOAuthAccessToken. */
export type TokenCallback = (err: OAuthHttpError | Error | null, token?: string, tokenSecret?: string, results?: querystring.ParsedUrlQuery) => void;
/** What node-oauth accepts as extra parameters: values may be arrays (repeated keys). */
export type ArgumentsHash = Record<string, string | number | boolean | ReadonlyArray<string | number | boolean> | null | undefined>;
/** `setClientOptions` options. */
export interface ClientOptions {
  /** @default 'POST' */
  requestTokenHttpMethod?: string;
  /** @default 'POST' */
  accessTokenHttpMethod?: string;
  /** Follow 301/302 answers (re-signing for the new URL). @default true */
  followRedirects?: boolean;
}

const SUPPORTED = new Set(['PLAINTEXT', 'HMAC-SHA1', 'HMAC-SHA256', 'RSA-SHA1']);
const FORM = 'application/x-www-form-urlencoded';
const DEFAULT_CLIENT_OPTIONS: Required<ClientOptions> = { requestTokenHttpMethod: 'POST', accessTokenHttpMethod: 'POST', followRedirects: true };

/** Defines a secret-holding field that util.inspect, JSON and Object.keys do not show. */
function hidden(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: true, enumerable: false, configurable: true });
}

/** node-oauth's argument hash as `[name, value]` pairs, arrays as repeated keys (RFC 5849 §3.4.1.3.1). */
function pairsOf(hash: ArgumentsHash | null | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!hash) return out;
  for (const key of Object.keys(hash)) {
    const value = hash[key];
    if (Array.isArray(value)) for (const v of value as unknown[]) out.push([key, v == null ? '' : String(v)]);
    else out.push([key, value == null ? '' : String(value as string)]);
  }
  return out;
}

/** Sorts encoded pairs by name, then value (RFC 5849 §3.4.1.3.2 step 2). */
function sortPairs<T extends [string, string]>(pairs: T[]): T[] {
  return pairs.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1));
}

/**
 * node-oauth's `OAuth` client, signing as RFC 5849 says: repeated query keys stay repeated
 * (node-oauth turns `a=1&a=2` into `a[0]`, `a[1]`), a string or Buffer form body is signed
 * (node-oauth leaves it out), `+` in a query is a space, and extra parameters of a GET are sent
 * in its query (node-oauth signs them without sending them).
 *
 * @example
 * const { OAuth } = require('oauth1-toolkit/compat/oauth');
 * const oa = new OAuth(requestUrl, accessUrl, key, secret, '1.0', callbackUrl, 'HMAC-SHA1');
 * oa.getOAuthRequestToken((err, token, tokenSecret, results) => { … });
 */
export class OAuth {
  _isEcho = false;
  _requestUrl: string;
  _accessUrl: string;
  _consumerKey: string;
  declare _consumerSecret: string;
  declare _privateKey: string | undefined;
  _version: string;
  _authorize_callback: string | null;
  _signatureMethod: string;
  _nonceSize: number;
  _headers: Record<string, string>;
  _clientOptions: Required<ClientOptions>;
  _defaultClientOptions: Required<ClientOptions>;
  _oauthParameterSeperator = ',';
  _realm?: string;
  _verifyCredentials?: string;
  /** Characters of node-oauth's nonces (kept for code that reads it; nonces come from the CSPRNG). */
  NONCE_CHARS: string[] = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];

  /**
   * Same arguments as node-oauth: `consumerSecret` is the PEM private key for RSA-SHA1.
   * @throws {Error} `Un-supported signature method: X` as node-oauth does.
   */
  constructor(requestUrl: string, accessUrl: string, consumerKey: string, consumerSecret: string, version: string,
    authorize_callback: string | null | undefined, signatureMethod: string, nonceSize?: number | null, customHeaders?: Record<string, string> | null) {
    this._requestUrl = requestUrl;
    this._accessUrl = accessUrl;
    this._consumerKey = consumerKey;
    hidden(this, '_consumerSecret', percentEncode(consumerSecret == null ? '' : String(consumerSecret)));
    hidden(this, '_rawSecret', consumerSecret == null ? '' : String(consumerSecret));
    hidden(this, '_privateKey', signatureMethod === 'RSA-SHA1' ? consumerSecret : undefined);
    this._version = version;
    this._authorize_callback = authorize_callback === undefined ? 'oob' : authorize_callback;
    if (!SUPPORTED.has(signatureMethod)) throw new Error('Un-supported signature method: ' + signatureMethod);
    this._signatureMethod = signatureMethod;
    this._nonceSize = nonceSize || 32;
    this._headers = customHeaders || { Accept: '*/*', Connection: 'close', 'User-Agent': 'Node authentication' };
    this._clientOptions = this._defaultClientOptions = { ...DEFAULT_CLIENT_OPTIONS };
  }

  /** Seconds since the epoch (override in tests to fix the clock). */
  _getTimestamp(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** RFC 3986 percent-encoding (RFC 5849 §3.6); `null`/`""` give `""`. */
  // RFC 5849 §3.6
  _encodeData(toEncode: string | null | undefined): string {
    if (toEncode == null || toEncode === '') return '';
    return percentEncode(String(toEncode));
  }

  /** Form decoding: `+` is a space, then percent-decoding. */
  _decodeData(toDecode: string): string {
    return decodeURIComponent(toDecode.replace(/\+/g, ' '));
  }

  /** Signature of a base string built from `parameters` (an already normalised string). */
  _getSignature(method: string, url: string, parameters: string, tokenSecret?: string): string {
    return this._createSignature(this._createSignatureBase(method, url, parameters), tokenSecret);
  }

  /** Base string URI: lower-case scheme and host, default port dropped, no query (RFC 5849 §3.4.1.2). */
  // RFC 5849 §3.4.1.2
  _normalizeUrl(url: string): string {
    return baseStringUri(url);
  }

  /** Whether a name starts with `oauth_`. */
  _isParameterNameAnOAuthParameter(parameter: string): boolean {
    return parameter.startsWith('oauth_');
  }

  /** `OAuth a="1",b="2"` from the `oauth_` pairs of `orderedParameters` (RFC 5849 §3.5.1). */
  // RFC 5849 §3.5.1
  _buildAuthorizationHeaders(orderedParameters: ReadonlyArray<readonly [string, string]>): string {
    const parts: string[] = [];
    for (const [name, value] of orderedParameters) {
      if (this._isParameterNameAnOAuthParameter(name)) parts.push(`${this._encodeData(name)}="${this._encodeData(value)}"`);
    }
    return 'OAuth ' + (this._isEcho ? `realm="${this._realm ?? ''}",` : '') + parts.join(this._oauthParameterSeperator);
  }

  /** `{ a: ['1', '2'], b: '3' }` → `[['a','1'],['a','2'],['b','3']]`. */
  _makeArrayOfArgumentsHash(argumentsHash: ArgumentsHash): Array<[string, string]> {
    return pairsOf(argumentsHash);
  }

  /** Sorts pairs by name, then value, in place. */
  _sortRequestParams<T extends [string, string]>(argumentPairs: T[]): T[] {
    return sortPairs(argumentPairs);
  }

  /** Normalised parameter string of an argument hash (RFC 5849 §3.4.1.3.2). */
  // RFC 5849 §3.4.1.3.2
  _normaliseRequestParams(args: ArgumentsHash): string {
    const pairs = pairsOf(args).map(([n, v]) => [percentEncode(n), percentEncode(v)] as [string, string]);
    return sortPairs(pairs).map(([n, v]) => `${n}=${v}`).join('&');
  }

  /** `METHOD&uri&params`, each part encoded (RFC 5849 §3.4.1.1). */
  // RFC 5849 §3.4.1.1
  _createSignatureBase(method: string, url: string, parameters: string): string {
    return composeBaseString(method, this._normalizeUrl(url), parameters);
  }

  /** Signs a base string with this client's method and secrets (RFC 5849 §3.4.2–3.4.4). */
  // RFC 5849 §3.4
  _createSignature(signatureBase: string, tokenSecret?: string): string {
    const method = BUILT_IN_SIGNATURE_METHODS.get(this._signatureMethod)!;
    return method.sign(signatureBase, { consumerSecret: this.#secret(), tokenSecret: tokenSecret ?? '', privateKey: this._privateKey });
  }

  /** A nonce of `nonceSize` letters and digits from the CSPRNG (node-oauth uses Math.random). */
  _getNonce(nonceSize: number): string {
    return generateNonce(Math.min(256, Math.max(8, nonceSize)));
  }

  /** An unsent `http(s).request`. */
  _createClient(port: number | string, hostname: string, method: string, path: string, headers: http.OutgoingHttpHeaders, sslEnabled?: boolean): http.ClientRequest {
    const options = { host: hostname, port, path, method, headers };
    return sslEnabled ? https.request(options) : http.request(options);
  }

  #secret(): string {
    return (this as unknown as { _rawSecret: string })._rawSecret;
  }

  /**
   * Signs a request with the core signer: the URL's query as its parameters (repeated keys kept),
   * the non-`oauth_` extra parameters as the form body of POST/PUT or added to the query otherwise,
   * a string/Buffer body when it is form-encoded (RFC 5849 §3.4.1.3.1).
   */
  // RFC 5849 §3.4.1.3.1
  _signRequest(oauthToken: string | null | undefined, oauthTokenSecret: string | null | undefined, method: string, url: string,
    extraParams: ArgumentsHash | null | undefined, postBody?: string | Buffer | null, postContentType?: string | null): SignedRequest {
    const upper = method.toUpperCase();
    const input: SignRequestInput = {
      method: upper, url,
      consumerKey: this._consumerKey == null ? '' : String(this._consumerKey),
      consumerSecret: this.#secret(),
      signatureMethod: this._signatureMethod,
      timestamp: this._getTimestamp(),
      nonce: this._getNonce(this._nonceSize),
      version: this._version ? this._version : null,
    };
    if (this._privateKey !== undefined) input.privateKey = this._privateKey;
    if (oauthToken) { input.token = oauthToken; input.tokenSecret = oauthTokenSecret ?? ''; }
    const ordinary: Parameter[] = [];
    const extraOAuth: Parameter[] = [];
    for (const [name, value] of pairsOf(extraParams)) {
      if (name === 'oauth_callback') input.callback = value;
      else if (name === 'oauth_verifier') input.verifier = value;
      else if (this._isParameterNameAnOAuthParameter(name)) extraOAuth.push([name, value]);
      else ordinary.push([name, value]);
    }
    if (extraOAuth.length > 0) input.extraOAuthParams = extraOAuth;
    if (this._isEcho) {
      input.method = 'GET';
      input.url = this._verifyCredentials ?? '';
      if (this._realm !== undefined) input.realm = this._realm;
      return signRequest(input);
    }
    const bodyMethod = upper === 'POST' || upper === 'PUT';
    if (ordinary.length > 0 && (postBody == null || !bodyMethod)) {
      if (bodyMethod) input.form = ordinary;
      else input.url = url + (url.includes('?') ? '&' : '?') + ordinary.map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join('&');
    } else if (postBody != null && postBody !== '' && bodyMethod) {
      input.body = typeof postBody === 'string' ? postBody : new Uint8Array(postBody);
      input.contentType = postContentType ?? FORM;
    }
    return signRequest(input);
  }

  /**
   * The signed parameters sorted by name then value, followed by `oauth_signature` — node-oauth's
   * shape, so `_buildAuthorizationHeaders` and `signUrl` work on it.
   */
  _prepareParameters(oauthToken: string | null | undefined, oauthTokenSecret: string | null | undefined, method: string, url: string,
    extraParams?: ArgumentsHash | null): Array<[string, string]> {
    const signed = this._signRequest(oauthToken, oauthTokenSecret, method, url, extraParams);
    return orderedOf(signed);
  }

  /**
   * Signs and sends a request. With a callback: `callback(err, data, response)`, `err` being
   * `{ statusCode, data }` for a non-2xx answer. Without: returns the request, body written, not ended.
   */
  _performSecureRequest(oauthToken: string | null | undefined, oauthTokenSecret: string | null | undefined, method: string, url: string,
    extraParams: ArgumentsHash | null | undefined, postBody: string | Buffer | null | undefined, postContentType: string | null | undefined,
    callback?: DataCallback): http.ClientRequest | undefined {
    const upper = method.toUpperCase();
    const signed = this._signRequest(oauthToken, oauthTokenSecret, method, url, extraParams, postBody, postContentType);
    const target = new URL(this._isEcho ? url : signed.url);
    const sslEnabled = target.protocol === 'https:';
    const port = target.port || (sslEnabled ? 443 : 80);
    const authorization = this._buildAuthorizationHeaders(orderedOf(signed));
    const headers: http.OutgoingHttpHeaders = {};
    headers[this._isEcho ? 'X-Verify-Credentials-Authorization' : 'Authorization'] = authorization;
    headers.Host = target.host;
    for (const key of Object.keys(this._headers)) headers[key] = this._headers[key];
    let body: string | Buffer | null | undefined = postBody;
    if (!this._isEcho && signed.body !== undefined && (postBody == null || postBody === '')) body = signed.body;
    if (this._isEcho && (postBody == null) && (upper === 'POST' || upper === 'PUT')) {
      const ordinary = pairsOf(extraParams).filter(([n]) => !this._isParameterNameAnOAuthParameter(n));
      if (ordinary.length > 0) body = ordinary.map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join('&');
    }
    const contentType = postContentType || FORM;
    headers['Content-length'] = body ? (Buffer.isBuffer(body) ? body.length : Buffer.byteLength(body)) : 0;
    headers['Content-Type'] = contentType;
    const path = (target.pathname || '/') + target.search;
    const request = this._createClient(port, target.hostname, upper, path, headers, sslEnabled);
    const writeBody = (): void => {
      if ((upper === 'POST' || upper === 'PUT') && body != null && body !== '') request.write(body);
    };
    if (!callback) {
      writeBody();
      return request;
    }
    let data = '';
    let called = false;
    const clientOptions = this._clientOptions;
    const passBack = (response: http.IncomingMessage): void => {
      if (called) return;
      called = true;
      const status = response.statusCode ?? 0;
      if (status >= 200 && status <= 299) { callback(null, data, response); return; }
      const location = response.headers.location;
      if ((status === 301 || status === 302) && clientOptions.followRedirects && location) {
        this._performSecureRequest(oauthToken, oauthTokenSecret, method, new URL(location, target).toString(), extraParams, postBody, postContentType, callback);
        return;
      }
      callback({ statusCode: status, data }, data, response);
    };
    request.on('response', (response: http.IncomingMessage) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { data += chunk; });
      response.on('end', () => passBack(response));
    });
    request.on('error', (err: Error) => {
      if (called) return;
      called = true;
      callback(err);
    });
    writeBody();
    request.end();
    return undefined;
  }

  /** Replaces the client options (missing keys take their defaults). */
  setClientOptions(options: ClientOptions): void {
    const merged = { ...this._defaultClientOptions };
    for (const key of Object.keys(merged) as Array<keyof ClientOptions>) {
      if (Object.prototype.hasOwnProperty.call(options, key)) (merged as Record<string, unknown>)[key] = options[key];
    }
    this._clientOptions = merged;
  }

  /** Token credentials request (RFC 5849 §2.3): `callback(err, token, tokenSecret, results)`. */
  // RFC 5849 §2.3
  getOAuthAccessToken(oauthToken: string, oauthTokenSecret: string, oauthVerifier: string | TokenCallback, callback?: TokenCallback): void {
    const extraParams: ArgumentsHash = {};
    if (typeof oauthVerifier === 'function') callback = oauthVerifier;
    else extraParams.oauth_verifier = oauthVerifier;
    this._performSecureRequest(oauthToken, oauthTokenSecret, this._clientOptions.accessTokenHttpMethod, this._accessUrl, extraParams, null, null,
      (error, data) => tokenAnswer(callback!, error, data));
  }

  /** Deprecated in node-oauth: a signed request with an empty body. */
  getProtectedResource(url: string, method: string, oauthToken: string, oauthTokenSecret: string, callback: DataCallback): void {
    this._performSecureRequest(oauthToken, oauthTokenSecret, method, url, null, '', null, callback);
  }

  /** Signed DELETE. */
  delete(url: string, oauthToken: string, oauthTokenSecret: string, callback?: DataCallback): http.ClientRequest | undefined {
    return this._performSecureRequest(oauthToken, oauthTokenSecret, 'DELETE', url, null, '', null, callback);
  }

  /** Signed GET. */
  get(url: string, oauthToken: string, oauthTokenSecret: string, callback?: DataCallback): http.ClientRequest | undefined {
    return this._performSecureRequest(oauthToken, oauthTokenSecret, 'GET', url, null, '', null, callback);
  }

  /** POST/PUT: an object body is a form (signed), a string/Buffer is sent as is (signed when form-encoded). */
  _putOrPost(method: string, url: string, oauthToken: string, oauthTokenSecret: string, postBody: string | Buffer | ArgumentsHash | null | undefined,
    postContentType?: string | null | DataCallback, callback?: DataCallback): http.ClientRequest | undefined {
    let extraParams: ArgumentsHash | null = null;
    if (typeof postContentType === 'function') { callback = postContentType; postContentType = null; }
    let body: string | Buffer | null | undefined;
    if (typeof postBody !== 'string' && !Buffer.isBuffer(postBody)) {
      postContentType = FORM;
      extraParams = postBody ?? null;
      body = null;
    } else {
      body = postBody;
    }
    return this._performSecureRequest(oauthToken, oauthTokenSecret, method, url, extraParams, body, postContentType, callback);
  }

  /** Signed PUT. */
  put(url: string, oauthToken: string, oauthTokenSecret: string, postBody: string | Buffer | ArgumentsHash, postContentType?: string | null | DataCallback, callback?: DataCallback): http.ClientRequest | undefined {
    return this._putOrPost('PUT', url, oauthToken, oauthTokenSecret, postBody, postContentType, callback);
  }

  /** Signed POST. */
  post(url: string, oauthToken: string, oauthTokenSecret: string, postBody: string | Buffer | ArgumentsHash, postContentType?: string | null | DataCallback, callback?: DataCallback): http.ClientRequest | undefined {
    return this._putOrPost('POST', url, oauthToken, oauthTokenSecret, postBody, postContentType, callback);
  }

  /** Temporary credentials request (RFC 5849 §2.1): `callback(err, token, tokenSecret, results)`. */
  // RFC 5849 §2.1
  getOAuthRequestToken(extraParams: ArgumentsHash | TokenCallback, callback?: TokenCallback): void {
    let params: ArgumentsHash;
    if (typeof extraParams === 'function') { callback = extraParams; params = {}; } else params = { ...extraParams };
    if (this._authorize_callback) params.oauth_callback = this._authorize_callback;
    this._performSecureRequest(null, null, this._clientOptions.requestTokenHttpMethod, this._requestUrl, params, null, null,
      (error, data) => tokenAnswer(callback!, error, data));
  }

  /** The URL with the protocol parameters in its query (RFC 5849 §3.5.3). */
  // RFC 5849 §3.5.3
  signUrl(url: string, oauthToken?: string | null, oauthTokenSecret?: string | null, method = 'GET'): string {
    const ordered = this._prepareParameters(oauthToken, oauthTokenSecret, method, url, {});
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}?` + ordered.map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join('&');
  }

  /** The `Authorization` header value for a request (RFC 5849 §3.5.1). */
  authHeader(url: string, oauthToken?: string | null, oauthTokenSecret?: string | null, method = 'GET'): string {
    return this._buildAuthorizationHeaders(this._prepareParameters(oauthToken, oauthTokenSecret, method, url, {}));
  }
}

/**
 * node-oauth's `OAuthEcho` (OAuth Echo, as Twitter delegated it): signs a GET of
 * `verify_credentials` and sends it in `X-Verify-Credentials-Authorization` with `realm`.
 */
export class OAuthEcho extends OAuth {
  /** @throws {Error} `Un-supported signature method: X` */
  constructor(realm: string, verifyCredentials: string, consumerKey: string, consumerSecret: string, version: string,
    signatureMethod: string, nonceSize?: number | null, customHeaders?: Record<string, string> | null) {
    super('', '', consumerKey, consumerSecret, version, null, signatureMethod, nonceSize, customHeaders);
    this._isEcho = true;
    this._realm = realm;
    this._verifyCredentials = verifyCredentials;
  }
}

/** The signed parameters, sorted, then `oauth_signature` (node-oauth's `orderedParameters`). */
function orderedOf(signed: SignedRequest): Array<[string, string]> {
  const pairs = signed.parameters.filter((p) => p.name !== 'oauth_signature').map((p) => [p.name, p.value] as [string, string]);
  const sorted = pairs
    .map((p) => ({ p, k: [percentEncode(p[0]), percentEncode(p[1])] as [string, string] }))
    .sort((a, b) => (a.k[0] === b.k[0] ? (a.k[1] < b.k[1] ? -1 : a.k[1] > b.k[1] ? 1 : 0) : a.k[0] < b.k[0] ? -1 : 1))
    .map((x) => x.p);
  sorted.push(['oauth_signature', signed.signature]);
  return sorted;
}

function tokenAnswer(callback: TokenCallback, error: OAuthHttpError | Error | null, data: string | undefined): void {
  if (error) { callback(error); return; }
  const results = querystring.parse(data ?? '');
  const token = results.oauth_token as string | undefined;
  const secret = results.oauth_token_secret as string | undefined;
  delete results.oauth_token;
  delete results.oauth_token_secret;
  callback(null, token, secret, results);
}

export default { OAuth, OAuthEcho };
export { passportRequestTokenStore, type PassportRequestTokenStoreOptions } from './passport-request-token-store.js';
