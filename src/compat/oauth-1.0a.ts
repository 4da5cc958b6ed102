// Drop-in for oauth-1.0a 2.2.x (same API and types) whose signatures follow RFC 5849 §3.4–3.6.

import { percentEncode as encode, percentDecode, parseFormEncoded } from '../core/encoding.js';
import { parseRequestUrl, normalizeParameters, composeBaseString } from '../core/base-string.js';
import { computeBodyHash } from '../core/body-hash.js';
import { UrlError } from '../core/errors.js';
import { BUILT_IN_SIGNATURE_METHODS } from '../core/signature-methods/index.js';
import type { BodyHashAlgorithm, Parameter, SignatureMethod } from '../core/types.js';

/** The instance type of {@link OAuth}: oauth-1.0a's `OAuth` class. */
export class OAuthSigner {
  /** Computes `oauth_body_hash` from the body text (the key is passed for oauth-1.0a compatibility). */
  body_hash_function: OAuth.BodyHashFunction;
  /** `{ key, secret }` of the client (consumer) credentials. */
  consumer: OAuth.Consumer;
  /** Signs `(baseString, signingKey)`; the core's HMAC or PLAINTEXT when not given. */
  hash_function: OAuth.HashFunction;
  /** Whether the signing key keeps its `&` when there is no token secret. @default true */
  last_ampersand: boolean;
  /** Length of {@link getNonce}'s nonces. @default 32 */
  nonce_length: number;
  /** What joins the Authorization header's parameters. @default ', ' */
  parameter_seperator: string;
  /** `realm` of the Authorization header, if any. */
  realm: string;
  /** `oauth_signature_method`. @default 'PLAINTEXT' */
  signature_method: string;
  /** `oauth_version`. @default '1.0' */
  version: string;

  /**
   * @throws {TypeError} `consumer option is required`; `hash_function option is required` for a
   * signature method the core cannot sign with a signing-key string (RSA-*, custom names).
   */
  constructor(opts?: OAuth.Options) {
    if (!opts || !opts.consumer) throw new TypeError('consumer option is required');
    this.consumer = opts.consumer;
    this.nonce_length = opts.nonce_length || 32;
    this.version = opts.version || '1.0';
    this.parameter_seperator = opts.parameter_seperator || ', ';
    this.realm = opts.realm as string;
    this.last_ampersand = opts.last_ampersand === undefined ? true : opts.last_ampersand;
    this.signature_method = opts.signature_method || 'PLAINTEXT';
    const method = DEFAULT_METHODS.has(this.signature_method) ? BUILT_IN_SIGNATURE_METHODS.get(this.signature_method) : undefined;
    if (opts.hash_function) {
      this.hash_function = opts.hash_function;
    } else if (method !== undefined) {
      if (!this.last_ampersand && method.name !== 'PLAINTEXT') {
        throw new TypeError(`last_ampersand: false needs a hash_function: the built-in ${method.name} signs with the RFC 5849 §3.4.2 key, which always has "&"`);
      }
      this.hash_function = coreHashFunction(method);
    } else {
      throw new TypeError('hash_function option is required');
    }
    const algorithm: BodyHashAlgorithm | undefined = method?.bodyHashAlgorithm ?? BUILT_IN_SIGNATURE_METHODS.get(this.signature_method)?.bodyHashAlgorithm;
    // Deviation from oauth-1.0a (which falls back to hash_function, an HMAC or the key itself):
    // oauth_body_hash is an unkeyed digest of the body (draft-eaton-oauth-bodyhash §3.2).
    this.body_hash_function = opts.body_hash_function
      || (algorithm !== undefined ? (body: string) => computeBodyHash(body, algorithm) : this.hash_function);
  }

  /** What `JSON.stringify` shows: the options, with the consumer secret left out. */
  toJSON(): Record<string, unknown> {
    return {
      consumer: { key: this.consumer?.key, secret: '[redacted]' }, signature_method: this.signature_method, nonce_length: this.nonce_length,
      version: this.version, parameter_seperator: this.parameter_seperator, realm: this.realm, last_ampersand: this.last_ampersand,
    };
  }

  /** What `util.inspect` and `console.log` show: {@link toJSON}'s view, never the consumer secret. */
  [Symbol.for('nodejs.util.inspect.custom')](): Record<string, unknown> {
    return this.toJSON();
  }

  /**
   * Signs a request: the protocol parameters with `oauth_signature`, followed (as oauth-1.0a
   * returns them) by the request's `data` and query parameters, so the result can be sent as a
   * query or form. The caller's `request` and `token` are not changed.
   *
   * @example oauth.toHeader(oauth.authorize({ url, method: 'POST', data: { status: 'hi' } }, token))
   */
  // RFC 5849 §3.1
  authorize(request: OAuth.RequestOptions, token?: OAuth.Token): OAuth.Authorization {
    const tok: Partial<OAuth.Token> = token || {};
    const oauthData: OAuth.Data = {
      oauth_consumer_key: this.consumer.key,
      oauth_nonce: this.getNonce(),
      oauth_signature_method: this.signature_method,
      oauth_timestamp: this.getTimeStamp(),
      oauth_version: this.version,
    };
    if (tok.key !== undefined) oauthData.oauth_token = tok.key;
    if (request.includeBodyHash) oauthData.oauth_body_hash = this.getBodyHash(request, tok.secret);
    const signature = this.getSignature(request, tok.secret, oauthData);
    const out: Record<string, unknown> = { ...oauthData };
    // oauth-1.0a merged data and query into its result (query winning a shared name); kept so
    // callers that send `qs: oauth.authorize(…)` or `form: …` send what they sent before.
    if (!oauthData.oauth_body_hash && isPlainObject(request.data)) {
      for (const key of Object.keys(request.data)) {
        const value = (request.data as Record<string, unknown>)[key];
        defineValue(out, key, Array.isArray(value) ? [...value] : value);
      }
    }
    const query = this.deParamUrl(request.url);
    for (const key of Object.keys(query)) defineValue(out, key, query[key]);
    defineValue(out, 'oauth_signature', signature);
    return out as unknown as OAuth.Authorization;
  }

  /** `oauth_signature`: `hash_function(base string, signing key)`. */
  // RFC 5849 §3.4
  getSignature(request: OAuth.RequestOptions, token_secret: string | undefined, oauth_data: OAuth.Data): string {
    return this.hash_function(this.getBaseString(request, oauth_data), this.getSigningKey(token_secret));
  }

  /** `oauth_body_hash` of `request.data` (a string as is, anything else as JSON). */
  // draft-eaton-oauth-bodyhash §3.2
  getBodyHash(request: OAuth.RequestOptions, token_secret: string | undefined): string {
    const body = typeof request.data === 'string' ? request.data : JSON.stringify(request.data === undefined ? {} : request.data);
    return this.body_hash_function(body, this.getSigningKey(token_secret));
  }

  /**
   * The signature base string: method, base string URI and normalised parameters.
   *
   * @example oauth.getBaseString({ url: 'HTTP://Example.com:80/a?b=1', method: 'get' }, oauthData) // 'GET&http%3A%2F%2Fexample.com%2Fa&b%3D1%26oauth_…'
   */
  // RFC 5849 §3.4.1.1
  getBaseString(request: OAuth.RequestOptions, oauth_data: OAuth.Data): string {
    return composeBaseString(request.method, this.getBaseUrl(request.url), this.getParameterString(request, oauth_data));
  }

  /**
   * The normalised parameter string of the query, the `oauth_*` members of `oauth_data` (without
   * `oauth_signature`) and `data` (unless `oauth_body_hash` is set): every pair kept, encoded, sorted.
   *
   * @example oauth.getParameterString({ url: 'http://x/?a=2&a=1', method: 'GET' }, {}) // 'a=1&a=2'
   */
  // RFC 5849 §3.4.1.3
  getParameterString(request: OAuth.RequestOptions, oauth_data: OAuth.Data): string {
    const pairs: Parameter[] = [];
    // "The query component of the HTTP request URI … decoded as application/x-www-form-urlencoded"
    for (const pair of parseFormEncoded(parseUrl(request.url).query)) pairs.push(pair);
    // "The OAuth HTTP "Authorization" header field … excluding the "realm" … and "oauth_signature""
    const data = (oauth_data || {}) as unknown as Record<string, unknown>;
    for (const key of Object.keys(data)) {
      if (key.startsWith('oauth_') && key !== 'oauth_signature') pushValues(pairs, key, data[key]);
    }
    // "The HTTP request entity-body" — oauth-1.0a's `data`, unless it is a body-hashed (non-form) body.
    if (!data.oauth_body_hash) pairs.push(...dataParameters(request.data));
    return normalizeParameters(pairs);
  }

  /**
   * The signing key: encoded consumer secret, `&`, encoded token secret (no `&` at all when
   * `last_ampersand` is false and there is no token secret, as oauth-1.0a does).
   *
   * @throws {TypeError} when `consumer.secret` is not a string.
   * @example oauth.getSigningKey('ts') // 'cs&ts'
   */
  // RFC 5849 §3.4.2
  getSigningKey(token_secret: string | undefined): string {
    const secret = this.consumer.secret;
    if (typeof secret !== 'string') throw new TypeError('consumer.secret must be a string (use "" for an empty secret)');
    const tokenSecret = token_secret || '';
    if (!this.last_ampersand && !tokenSecret) return encode(secret);
    return encode(secret) + '&' + encode(tokenSecret);
  }

  /**
   * The base string URI: scheme and host lower-cased, default port dropped, userinfo, query and
   * fragment removed, `/` for an empty path.
   *
   * @example oauth.getBaseUrl('HTTPS://Api.Example.com:443?x=1') // 'https://api.example.com/'
   */
  // RFC 5849 §3.4.1.2
  getBaseUrl(url: string): string {
    return parseUrl(url).baseStringUri;
  }

  /**
   * Decodes a query or form body: `+` is a space, names and values are decoded, a repeated name
   * collects its values in an array, only the first `=` splits, empty pieces are skipped.
   *
   * @example oauth.deParam('a=1&a=&b=x+y') // { a: ['1', ''], b: 'x y' }
   */
  // RFC 5849 §3.4.1.3.1
  deParam(str: string): OAuth.Param {
    const out: OAuth.Param = {};
    for (const [name, value] of parseFormEncoded(str)) {
      const had = Object.prototype.hasOwnProperty.call(out, name) ? out[name] : undefined;
      defineValue(out, name, had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value]);
    }
    return out;
  }

  /**
   * {@link deParam} of a URL's query (between the first `?` and `#`).
   *
   * @example oauth.deParamUrl('http://x/?a=1#f') // { a: '1' }
   */
  deParamUrl(url: string): OAuth.Param {
    const hash = url.indexOf('#');
    const withoutFragment = hash === -1 ? url : url.slice(0, hash);
    const q = withoutFragment.indexOf('?');
    return q === -1 ? {} : this.deParam(withoutFragment.slice(q + 1));
  }

  /**
   * Percent-encodes as RFC 5849 §3.6 says (numbers and booleans as their text).
   *
   * @example oauth.percentEncode("Hello World!") // 'Hello%20World%21'
   */
  // RFC 5849 §3.6
  percentEncode(str: string): string {
    return encode(scalarText(str));
  }

  /**
   * The `Authorization` header of {@link authorize}'s result: `realm` first, then the `oauth_*`
   * members sorted, each `name="encoded value"`, joined by `parameter_seperator`.
   *
   * @example oauth.toHeader(oauth.authorize(request, token)) // { Authorization: 'OAuth oauth_consumer_key="…", …' }
   */
  // RFC 5849 §3.5.1
  toHeader(data: OAuth.Authorization): OAuth.Header {
    const parts: string[] = [];
    if (this.realm) parts.push('realm="' + String(this.realm).replace(/["\\]/g, (c) => '\\' + c) + '"');
    for (const { key, value } of this.sortObject(data as unknown as Record<string, unknown>)) {
      const name = String(key);
      if (!name.startsWith('oauth_')) continue;
      for (const v of valuesOf(name, value)) parts.push(encode(name) + '="' + encode(v) + '"');
    }
    return { Authorization: 'OAuth ' + parts.join(this.parameter_seperator) };
  }

  /**
   * A nonce of `nonce_length` ASCII letters and digits from the platform's CSPRNG.
   *
   * @example oauth.getNonce() // 'q3ZkT0…' (32 characters)
   */
  // RFC 5849 §3.3
  getNonce(): string {
    const length = this.nonce_length;
    let out = '';
    const bytes = new Uint8Array(Math.max(16, length * 2));
    while (out.length < length) {
      globalThis.crypto.getRandomValues(bytes);
      // 248 = 4 × 62: rejecting the top 8 values keeps every character equally likely.
      for (let i = 0; i < bytes.length && out.length < length; i++) if (bytes[i]! < 248) out += NONCE_ALPHABET[bytes[i]! % 62];
    }
    return out;
  }

  /**
   * `oauth_timestamp`: whole seconds since the epoch.
   *
   * @example oauth.getTimeStamp() // 1318622958
   */
  // RFC 5849 §3.3
  getTimeStamp(): number {
    return Math.floor(Date.now() / 1000);
  }

  /**
   * A new object with `obj1`'s own members, then `obj2`'s (neither argument is changed, unlike oauth-1.0a).
   *
   * @example oauth.mergeObject({ a: 1 }, { b: 2 }) // { a: 1, b: 2 }
   */
  mergeObject<T, U>(obj1: T, obj2: U): T & U {
    const out: Record<string, unknown> = {};
    for (const obj of [obj1, obj2]) {
      if (obj === null || obj === undefined) continue;
      for (const key of Object.keys(obj)) defineValue(out, key, (obj as Record<string, unknown>)[key]);
    }
    return out as T & U;
  }

  /**
   * The members of an object as `{ key, value }`, sorted by key (UTF-16 code-unit order).
   *
   * @example oauth.sortObject({ b: 1, a: 2 }) // [{ key: 'a', value: 2 }, { key: 'b', value: 1 }]
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sortObject<O extends { [k: string]: any }, K extends string>(obj: O): Array<{ key: keyof O; value: O[K] }> {
    return Object.keys(obj).sort().map((key) => ({ key, value: obj[key] as O[K] }));
  }
}

// The methods whose signature the core computes when no hash_function is given.
const DEFAULT_METHODS = new Set(['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT']);
const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A `hash_function(baseString, key)` over a core signature method: the key (an RFC 5849 §3.4.2
 * signing key, `encoded(consumer secret)&encoded(token secret)`) is split back into its secrets.
 */
// RFC 5849 §3.4.2 / §3.4.4
function coreHashFunction(method: SignatureMethod): OAuth.HashFunction {
  return (baseString: string, key: string): string => {
    if (typeof key !== 'string') throw new TypeError('the signing key must be a string');
    const amp = key.indexOf('&');
    if (amp === -1) {
      // PLAINTEXT's signature is the key, whatever its form (last_ampersand: false).
      if (method.name === 'PLAINTEXT') return key;
      throw new TypeError(`the built-in ${method.name} needs an RFC 5849 §3.4.2 signing key ("secret&token secret")`);
    }
    const consumerPart = key.slice(0, amp);
    const tokenPart = key.slice(amp + 1);
    const consumerSecret = percentDecode(consumerPart);
    const tokenSecret = percentDecode(tokenPart);
    if (encode(consumerSecret) !== consumerPart || encode(tokenSecret) !== tokenPart) {
      throw new TypeError(`the built-in ${method.name} needs an RFC 5849 §3.4.2 signing key (each secret percent-encoded as §3.6 says)`);
    }
    return method.sign(baseString, { consumerSecret, tokenSecret });
  };
}

/**
 * The base string URI and query of a URL. A URL the core refuses as not wire-ready (a space or
 * non-ASCII character) is first serialised as WHATWG URL does, which is what fetch, got, axios
 * and request put on the wire.
 */
// RFC 5849 §3.4.1.2
function parseUrl(url: string): { baseStringUri: string; query: string } {
  if (typeof url !== 'string') throw new TypeError(`request.url must be a string, got ${typeof url}`);
  try {
    return parseRequestUrl(url);
  } catch (error) {
    if (!(error instanceof UrlError) || !URL.canParse(url)) throw error;
    return parseRequestUrl(new URL(url).href);
  }
}

/**
 * The parameters of oauth-1.0a's `request.data`: an object's members (an array value gives one
 * pair per element, `undefined` none, `null` an empty value), or a form-encoded string decoded.
 */
// RFC 5849 §3.4.1.3.1 (entity-body)
function dataParameters(data: unknown): Parameter[] {
  if (data === undefined || data === null) return [];
  if (typeof data === 'string') return parseFormEncoded(data);
  if (!isPlainObject(data)) throw new TypeError('request.data must be an object of parameters or a form-encoded string');
  const pairs: Parameter[] = [];
  for (const key of Object.keys(data)) pushValues(pairs, key, (data as Record<string, unknown>)[key]);
  return pairs;
}

function pushValues(pairs: Parameter[], name: string, value: unknown): void {
  for (const v of valuesOf(name, value)) pairs.push([name, v]);
}

/** A member's values as text: arrays give one value each, `undefined` none, `null` an empty one. */
function valuesOf(name: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(name, v));
  if (value === null) return [''];
  if (typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol') {
    // A nested object is not a form parameter; sign a JSON body with includeBodyHash instead.
    throw new TypeError(`request.data.${name} is ${typeof value === 'object' ? 'an object' : `a ${typeof value}`}; form parameters are strings, numbers, booleans or arrays of them (send a JSON body with includeBodyHash: true)`);
  }
  return [scalarText(value)];
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new TypeError(`percentEncode expects a string, got ${value === null ? 'null' : typeof value}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets a member by definition, so a `__proto__` parameter name is an ordinary member. */
function defineValue(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** oauth-1.0a's constructor: callable with or without `new`, as the original is. */
interface OAuthConstructor {
  new (opts?: OAuth.Options): OAuthSigner;
  (opts?: OAuth.Options): OAuthSigner;
  readonly prototype: OAuthSigner;
}

/**
 * oauth-1.0a's `OAuth`, signing as RFC 5849 says. Migrate by changing the import only:
 *
 * @example
 * ```ts
 * import OAuth from 'oauth1-toolkit/compat/oauth-1.0a'; // was: from 'oauth-1.0a'
 * const oauth = new OAuth({ consumer: { key, secret }, signature_method: 'HMAC-SHA1' });
 * const headers = oauth.toHeader(oauth.authorize({ url, method: 'POST', data: { status: 'hi' } }, token));
 * ```
 */
const OAuth = new Proxy(OAuthSigner, {
  apply: (target, _this, args: [OAuth.Options?]) => new target(...args),
}) as unknown as OAuthConstructor;

/** An `OAuth` instance (the type oauth-1.0a's typings call `OAuth`). */
type OAuth = OAuthSigner;

// The types of oauth-1.0a's index.d.ts, by the same names.
// eslint-disable-next-line @typescript-eslint/no-namespace
declare namespace OAuth {
  /** OAuth data, including the signature. */
  export interface Authorization extends Data {
    oauth_signature: string;
  }
  /** Computes `oauth_body_hash` from the body (the key is passed but an unkeyed digest is what the extension defines). */
  export type BodyHashFunction = (base_string: string, key: string) => string;
  /** Client credentials. */
  export interface Consumer {
    key: string;
    secret: string;
  }
  /** The protocol parameters, without the signature. */
  export interface Data {
    oauth_consumer_key: string;
    oauth_nonce: string;
    oauth_signature_method: string;
    oauth_timestamp: number;
    oauth_version: string;
    oauth_token?: string;
    oauth_body_hash?: string;
  }
  /** Signs a base string with a signing key. */
  export type HashFunction = (base_string: string, key: string) => string;
  /** The Authorization header. */
  export interface Header {
    Authorization: string;
  }
  /** Constructor options. */
  export interface Options {
    body_hash_function?: BodyHashFunction;
    consumer: Consumer;
    hash_function?: HashFunction;
    last_ampersand?: boolean;
    nonce_length?: number;
    parameter_seperator?: string;
    realm?: string;
    signature_method?: string;
    version?: string;
  }
  /** Decoded query or form parameters. */
  export interface Param {
    [key: string]: string | string[];
  }
  /** The request to sign. */
  export interface RequestOptions {
    url: string;
    method: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    data?: any;
    includeBodyHash?: boolean;
  }
  /** Token credentials. */
  export interface Token {
    key: string;
    secret: string;
  }
}

export default OAuth;
// `require('oauth1-toolkit/compat/oauth-1.0a')` returns the constructor itself, as `require('oauth-1.0a')` does (Node's require(esm)).
export { OAuth as 'module.exports' };
