// Signature base string: base string URI, request parameters, normalisation (RFC 5849 §3.4.1).

import { percentEncode, parseFormEncoded, parseFormEncodedForSigning, encodeParameters, type EncodedParameters, type EncodedPair } from './encoding.js';
import { UrlError, RequestError } from './errors.js';
import { parseAuthorizationHeader } from './authorization-header.js';
import type { HttpRequestLike, Parameter, Parameters, SourcedParameter } from './types.js';
import { utf8Decode } from './utf8.js';

/** A request whose protocol parameters are already in its query, form body or Authorization header. */
export interface ReceivedRequest extends HttpRequestLike {
  /** The `Authorization` header value as received, if any. */
  authorization?: string;
}

/** The parts of an absolute URL the base string needs. */
export interface ParsedRequestUrl {
  /** Base string URI (RFC 5849 §3.4.1.2). */
  baseStringUri: string;
  /** Raw query (without `?`), or `''`. */
  query: string;
}

// scheme "://" authority path [ "?" query ] [ "#" fragment ]
const ABSOLUTE_URL = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;
// The same, accepting only printable ASCII (what can be sent as is): one pass for the usual case.
const ABSOLUTE_WIRE_SAFE_URL = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([\x21\x22\x24-\x2e\x30-\x3e\x40-\x7e]*)([\x21\x22\x24-\x3e\x40-\x7e]*)(?:\?([\x21\x22\x24-\x7e]*))?(?:#[\x21-\x7e]*)?$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Splits an absolute URL into its base string URI and raw query.
 *
 * @throws {UrlError} `ERR_OAUTH_URL_INVALID` for relative URLs, a missing host, a bad port, or characters that cannot be sent as is.
 * @example parseRequestUrl('https://Api.Example.com:443/1/x?a=1+2#f') // { baseStringUri: 'https://api.example.com/1/x', query: 'a=1+2' }
 */
// RFC 5849 §3.4.1.2
export function parseRequestUrl(url: string): ParsedRequestUrl {
  if (typeof url !== 'string') throw new TypeError(`url must be a string, got ${typeof url}`);
  // A server sees the same few paths again and again with different queries: their base string
  // URIs are remembered by the text before "?", and only the query is checked each time.
  if (url.indexOf('#') !== -1) return parseAbsoluteUrl(url);
  const q = url.indexOf('?');
  const prefix = q === -1 ? url : url.slice(0, q);
  const known = uriByPrefix.get(prefix);
  if (known !== undefined) {
    const query = q === -1 ? '' : url.slice(q + 1);
    if (query === '' || WIRE_SAFE_QUERY.test(query)) return { baseStringUri: known, query };
  }
  const parsed = parseAbsoluteUrl(url);
  if (uriByPrefix.size >= PREFIX_CACHE_LIMIT) uriByPrefix.clear();
  uriByPrefix.set(prefix, parsed.baseStringUri);
  return parsed;
}

// What a query may hold when sent as is (the query part of ABSOLUTE_WIRE_SAFE_URL, without a fragment).
const WIRE_SAFE_QUERY = /^[\x21\x22\x24-\x7e]*$/;
const uriByPrefix = new Map<string, string>();
const PREFIX_CACHE_LIMIT = 256;

function parseAbsoluteUrl(url: string): ParsedRequestUrl {
  const m = ABSOLUTE_WIRE_SAFE_URL.exec(url);
  if (m === null) {
    if (ABSOLUTE_URL.exec(url) === null) {
      throw new UrlError(`url must be absolute (scheme://host/path), got ${JSON.stringify(describeUrl(url))}; a relative URL cannot be signed because the base string needs the scheme and host`);
    }
    // Absolute, but with a character outside printable ASCII (the only difference between the two patterns).
    // Deviation (RFC 5849 §3.4.1.2): we refuse to guess how a space or non-ASCII character was put on the wire.
    throw new UrlError(`url contains a space, control or non-ASCII character; percent-encode it exactly as it is sent on the wire (got ${JSON.stringify(describeUrl(url))})`);
  }
  const scheme = m[1]!.toLowerCase();
  let authority = m[2]!;
  const at = authority.lastIndexOf('@');
  // "The "userinfo" component is excluded" — implied by §3.4.1.2's reconstruction from scheme, host and port.
  if (at !== -1) authority = authority.slice(at + 1);
  let host: string;
  let portText = '';
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) throw new UrlError(`url has an unterminated IPv6 literal in ${JSON.stringify(describeUrl(url))}`);
    host = authority.slice(0, close + 1);
    const rest = authority.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) throw new UrlError(`url has junk after the IPv6 literal in ${JSON.stringify(describeUrl(url))}`);
    portText = rest.slice(1);
  } else {
    const colon = authority.lastIndexOf(':');
    host = colon === -1 ? authority : authority.slice(0, colon);
    portText = colon === -1 ? '' : authority.slice(colon + 1);
  }
  if (host === '' || host === '[]') throw new UrlError(`url has no host: ${JSON.stringify(describeUrl(url))}`);
  // 1. "The scheme and host MUST be in lowercase."
  host = host.toLowerCase();
  // 2. "The port MUST be included if it is not the default port for the scheme, and MUST be excluded if it is the default."
  let port = '';
  if (portText !== '') {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
      throw new UrlError(`url has an invalid port ${JSON.stringify(portText)}`);
    }
    const n = Number(portText);
    const isDefault = (scheme === 'http' && n === 80) || (scheme === 'https' && n === 443);
    if (!isDefault) port = ':' + n;
  }
  // 3. Path as sent; "/" when empty.
  // Ambiguity (RFC 5849 §3.4.1.2): we keep the path byte for byte — no dot-segment removal and no
  // re-encoding — because the server computes its base string from the request line it received.
  const path = m[3] === '' ? '/' : m[3]!;
  return { baseStringUri: `${scheme}://${host}${port}${path}`, query: m[4] ?? '' };
}

/**
 * The base string URI of an absolute request URL: scheme and host lower-cased, default port
 * dropped (`:80` only for http, `:443` only for https), userinfo, query and fragment removed.
 *
 * @example baseStringUri('HTTP://EXAMPLE.COM:80/r%20v/X?id=123') // 'http://example.com/r%20v/X'
 */
// RFC 5849 §3.4.1.2
export function baseStringUri(url: string): string {
  return parseRequestUrl(url).baseStringUri;
}

/**
 * True when a content type is single-part `application/x-www-form-urlencoded` (parameters allowed):
 * matched case-insensitively, parameters such as `; charset=UTF-8` allowed.
 *
 * @example isFormContentType('Application/X-WWW-Form-URLEncoded; charset=UTF-8') // true
 */
// RFC 5849 §3.4.1.3.1 (entity-body condition)
export function isFormContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semi = contentType.indexOf(';');
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded';
}

/**
 * Reads the form parameters of a request: `form` if given, else a form-encoded `body` (none otherwise).
 *
 * @throws {RequestError} `ERR_OAUTH_REQUEST_INVALID` when both `form` and `body` are given.
 * @example formParameters({ method: 'POST', url, body: 'a=1', contentType: 'application/x-www-form-urlencoded' }) // [['a', '1']]
 */
export function formParameters(request: HttpRequestLike): Parameters {
  const source = formSource(request);
  return source === undefined ? [] : typeof source === 'string' ? parseFormEncoded(source) : source;
}

/**
 * {@link formParameters} with each pair's RFC 5849 §3.6 encoding: a form-encoded body's raw text
 * is reused where it already is canonical; decoded `form` pairs are encoded. Internal.
 *
 * @throws {RequestError} `ERR_OAUTH_REQUEST_INVALID` when both `form` and `body` are given.
 */
export function encodedFormParameters(request: HttpRequestLike): EncodedParameters {
  const source = formSource(request);
  return source === undefined ? { decoded: [], encoded: [] } : typeof source === 'string' ? parseFormEncodedForSigning(source) : encodeParameters(source);
}

/** Where a request's form parameters are: decoded `form` pairs, a form-encoded body's text, or none. */
function formSource(request: HttpRequestLike): Parameters | string | undefined {
  if (request.form !== undefined) {
    if (request.body !== undefined) {
      throw new RequestError('ERR_OAUTH_REQUEST_INVALID', 'give either form (decoded pairs) or body (raw), not both');
    }
    return request.form;
  }
  if (request.body !== undefined && isFormContentType(request.contentType)) {
    return typeof request.body === 'string' ? request.body : utf8Decode(request.body);
  }
  return undefined;
}

/**
 * Collects every parameter that goes into the signature base string, in order, with its source:
 * the query, the `Authorization` header (without `realm`), and a single-part form body.
 * `oauth_signature` is excluded wherever it appears.
 *
 * @example collectParameters({ method: 'GET', url: 'https://a.example/?b=1+2' }) // [{name:'b', value:'1 2', source:'query'}]
 */
// RFC 5849 §3.4.1.3.1
export function collectParameters(request: ReceivedRequest): SourcedParameter[] {
  const out: SourcedParameter[] = [];
  const { query } = parseRequestUrl(request.url);
  // "The query component of the HTTP request URI … decoded as application/x-www-form-urlencoded"
  for (const [name, value] of parseFormEncoded(query)) {
    if (name !== 'oauth_signature') out.push({ name, value, source: 'query' });
  }
  // "The OAuth HTTP "Authorization" header field … excluding the "realm" parameter if present."
  if (request.authorization !== undefined) {
    for (const [name, value] of parseAuthorizationHeader(request.authorization).params) {
      if (name !== 'oauth_signature') out.push({ name, value, source: 'authorization' });
    }
  }
  // "The HTTP request entity-body, but only if … single-part … application/x-www-form-urlencoded"
  for (const [name, value] of formParameters(request)) {
    if (name !== 'oauth_signature') out.push({ name, value, source: 'form' });
  }
  return out;
}

/** Sorts encoded `[name, value]` pairs by name, then value, in byte order. */
function compareEncoded(a: readonly [string, string], b: readonly [string, string]): number {
  // Encoded strings are ASCII, so UTF-16 code-unit order is byte order.
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

/**
 * Sorts a short list in place with {@link compareEncoded}. A typical signed request has 7–12
 * parameters; here an inline insertion sort measured several times faster than
 * Array.prototype.sort, whose comparator calls cross from the engine's builtin into JavaScript.
 */
function insertionSort(pairs: Array<[string, string]>): void {
  for (let i = 1; i < pairs.length; i++) {
    const item = pairs[i]!;
    let j = i - 1;
    while (j >= 0 && compareEncoded(pairs[j]!, item) > 0) {
      pairs[j + 1] = pairs[j]!;
      j--;
    }
    pairs[j + 1] = item;
  }
}

/** The normalised parameter string and its own percent-encoding (the base string's third element). */
export interface NormalizedParameters {
  /** `a=1&b=x%20y` (RFC 5849 §3.4.1.3.2). */
  normalized: string;
  /** `percentEncode(normalized)`, built piece by piece instead of re-scanning the joined string. */
  encoded: string;
}

/**
 * Sorts already-encoded pairs (in place) and joins them, producing the normalised string and
 * its encoding for the base string in one pass. Internal to the signer and verifier.
 */
// RFC 5849 §3.4.1.3.2 steps 2–4, and §3.4.1.1 step 5
export function joinNormalizedParameters(encoded: Array<[string, string]>): NormalizedParameters {
  sortEncoded(encoded);
  // 3-4. "The name of each parameter is concatenated to its corresponding value using an "=" … separated by an "&""
  let normalized = '';
  for (let i = 0; i < encoded.length; i++) {
    const pair = encoded[i]!;
    normalized += (i === 0 ? '' : '&') + pair[0] + '=' + pair[1];
  }
  return { normalized, encoded: encodeJoined(encoded) };
}

/**
 * The third element of the base string only: {@link joinNormalizedParameters} without the plain
 * normalised string, for verifiers that never show it. Sorts `encoded` in place. Internal.
 */
// RFC 5849 §3.4.1.3.2 steps 2–4, and §3.4.1.1 step 5
export function encodedNormalizedParameters(encoded: Array<[string, string]>): string {
  sortEncoded(encoded);
  return encodeJoined(encoded);
}

// 2. "The parameters are sorted by name, using ascending byte value ordering … sorted by their value."
function sortEncoded(encoded: Array<[string, string]>): void {
  if (encoded.length <= 32) insertionSort(encoded);
  else encoded.sort(compareEncoded);
}

/**
 * 5. (§3.4.1.1) The normalised string "after being encoded", built pair by pair. Encoded names and
 * values hold only unreserved characters and `%XX` escapes, so encoding them again only turns
 * `%` into `%25` (the native encoder does that faster than a replace), and the `=` and `&` that
 * join them become `%3D` and `%26`.
 */
function encodeJoined(encoded: ReadonlyArray<readonly [string, string]>): string {
  let out = '';
  for (let i = 0; i < encoded.length; i++) {
    const name = encoded[i]![0];
    const value = encoded[i]![1];
    out += (i === 0 ? '' : '%26')
      + (name.indexOf('%') === -1 ? name : encodeURIComponent(name))
      + '%3D'
      + (value.indexOf('%') === -1 ? value : encodeURIComponent(value));
  }
  return out;
}

function encodePairs(params: Parameters | ReadonlyArray<SourcedParameter>): Array<[string, string]> {
  const encoded: Array<[string, string]> = new Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    // 1. "First, the name and value of each parameter are encoded"
    encoded[i] = Array.isArray(p)
      ? [percentEncode((p as Parameter)[0]), percentEncode((p as Parameter)[1])]
      : [percentEncode((p as SourcedParameter).name), percentEncode((p as SourcedParameter).value)];
  }
  return encoded;
}

/**
 * Encodes, sorts and concatenates parameters into the normalised parameter string.
 *
 * @example normalizeParameters([['b', '2'], ['a', 'x y']]) // 'a=x%20y&b=2'
 */
// RFC 5849 §3.4.1.3.2
export function normalizeParameters(params: Parameters | ReadonlyArray<SourcedParameter>): string {
  return joinNormalizedParameters(encodePairs(params)).normalized;
}

/**
 * Checks an HTTP method is an RFC 7230 token and upper-cases it.
 *
 * @throws {RequestError} `ERR_OAUTH_METHOD_INVALID`.
 * @example normalizeMethod('post') // 'POST'
 */
export function normalizeMethod(method: string): string {
  if (typeof method !== 'string') throw new TypeError(`method must be a string, got ${typeof method}`);
  if (!TOKEN.test(method)) throw new RequestError('ERR_OAUTH_METHOD_INVALID', `HTTP method ${JSON.stringify(truncate(method))} is not a valid token`);
  return method.toUpperCase();
}

/**
 * Joins the three base string elements: `METHOD&encoded(base string URI)&encoded(normalised parameters)`.
 *
 * @example composeBaseString('GET', 'http://example.com/', 'a=1') // 'GET&http%3A%2F%2Fexample.com%2F&a%3D1'
 */
// RFC 5849 §3.4.1.1
export function composeBaseString(method: string, uri: string, normalizedParameters: string): string {
  // 1. "The HTTP request method in uppercase" 2. "&" 3. encoded base string URI 4. "&" 5. encoded normalised parameters
  return normalizeMethod(method) + '&' + percentEncode(uri) + '&' + percentEncode(normalizedParameters);
}

/**
 * The signature base string of a request whose protocol parameters are already present in its
 * query, form body or `authorization` header (as a server receives it).
 *
 * @example
 * signatureBaseString({ method: 'GET', url: 'http://photos.example.net/photos?file=vacation.jpg&size=original',
 *   authorization: 'OAuth oauth_consumer_key="dpf43f3p2l4k3l03", …' })
 */
// RFC 5849 §3.4.1.1
export function signatureBaseString(request: ReceivedRequest): string {
  return encodedBaseString(request.method, baseStringUri(request.url), encodePairs(collectParameters(request)));
}

/**
 * The signature base string from parameters that are already percent-encoded (`[encodedName,
 * encodedValue]`, sorted here in place): what {@link signatureBaseString} and the verifiers share. Internal.
 *
 * @throws {RequestError} `ERR_OAUTH_METHOD_INVALID` for a method that is not a token.
 */
// RFC 5849 §3.4.1.1
export function encodedBaseString(method: string, uri: string, encodedPairs: EncodedPair[]): string {
  return normalizeMethod(method) + '&' + encodedUri(uri) + '&' + encodedNormalizedParameters(encodedPairs);
}

// The last few encoded base string URIs: a server verifies many requests to the same few paths.
const uriCache = new Map<string, string>();
const URI_CACHE_LIMIT = 64;
function encodedUri(uri: string): string {
  let encoded = uriCache.get(uri);
  if (encoded === undefined) {
    encoded = percentEncode(uri);
    if (uriCache.size >= URI_CACHE_LIMIT) uriCache.clear();
    uriCache.set(uri, encoded);
  }
  return encoded;
}

function truncate(s: string): string {
  return s.length > 120 ? s.slice(0, 117) + '...' : s;
}

/** A URL for an error message: userinfo (it may hold a password) replaced by `***`, then truncated. */
function describeUrl(url: string): string {
  return truncate(url.replace(/^([^:/?#]*:)?\/\/[^/?#@]*@/, (_m, scheme: string | undefined) => `${scheme ?? ''}//***@`));
}

