// Percent-encoding (RFC 5849 §3.6) and application/x-www-form-urlencoded decoding (§3.4.1.3.1).

import { EncodingError } from './errors.js';
import type { Parameter, Parameters } from './types.js';

const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const SUB_DELIMS_LEFT = /[!'()*]/;
const SUB_DELIMS_LEFT_ALL = /[!'()*]/g;
const SUB_DELIM_ESCAPES: Readonly<Record<string, string>> = { '!': '%21', "'": '%27', '(': '%28', ')': '%29', '*': '%2A' };
const escapeSubDelim = (ch: string): string => SUB_DELIM_ESCAPES[ch]!;

/**
 * Percent-encodes a value as RFC 5849 §3.6 requires: UTF-8 octets, every character outside the
 * unreserved set `ALPHA DIGIT - . _ ~` escaped as `%XX` with upper-case hex.
 *
 * @throws {EncodingError} `ERR_OAUTH_ENCODING_LONE_SURROGATE` when the string is not valid UTF-16.
 * @example percentEncode('Ladies + Gentlemen') // 'Ladies%20%2B%20Gentlemen'
 */
// RFC 5849 §3.6
export function percentEncode(value: string): string {
  if (typeof value !== 'string') throw new TypeError(`percentEncode expects a string, got ${typeof value}`);
  // Fast path: most names and values (keys, nonces, timestamps, method names) need no escaping.
  if (UNRESERVED_ONLY.test(value)) return value;
  let encoded: string;
  try {
    // encodeURIComponent (native, so faster than any JS loop we measured) emits UTF-8 with
    // upper-case hex but leaves ! ' ( ) * unescaped; those are rare, so test before replacing.
    encoded = encodeURIComponent(value);
  } catch (cause) {
    const at = loneSurrogateOffset(value);
    throw new EncodingError('ERR_OAUTH_ENCODING_LONE_SURROGATE', `cannot percent-encode: lone UTF-16 surrogate at offset ${at}`, at, { cause });
  }
  return SUB_DELIMS_LEFT.test(encoded) ? encoded.replace(SUB_DELIMS_LEFT_ALL, escapeSubDelim) : encoded;
}

/**
 * Percent-encodes a string that is already percent-encoded (only unreserved characters and
 * `%XX`), as the base string does with each normalised name and value: only `%` changes, so this
 * skips the general encoder. Equals `percentEncode(value)` on such input. Internal.
 */
// RFC 5849 §3.4.1.1 step 5 (encoding the normalised parameters), specialised
export function percentEncodeEncoded(value: string): string {
  return value.indexOf('%') === -1 ? value : value.replaceAll('%', '%25');
}

function loneSurrogateOffset(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = value.charCodeAt(i + 1);
      if (n >= 0xdc00 && n <= 0xdfff) { i++; continue; }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

const HEX = /^[0-9A-Fa-f]{2}$/;
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a percent-encoded string (UTF-8). Strict: a `%` not followed by two hex digits, or
 * octets that are not valid UTF-8, are errors — never silently passed through.
 *
 * @throws {EncodingError} `ERR_OAUTH_PERCENT_ENCODING_MALFORMED` or `ERR_OAUTH_ENCODING_INVALID_UTF8`, with `position`.
 * @example percentDecode('%E5%BE%AE%E5%8D%9A') // '微博'
 */
// RFC 5849 §3.6 (inverse)
export function percentDecode(value: string): string {
  if (typeof value !== 'string') throw new TypeError(`percentDecode expects a string, got ${typeof value}`);
  if (value.indexOf('%') === -1) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    throw describeDecodeFailure(value);
  }
}

function describeDecodeFailure(value: string): EncodingError {
  for (let i = value.indexOf('%'); i !== -1; i = value.indexOf('%', i + 1)) {
    if (!HEX.test(value.slice(i + 1, i + 3))) {
      return new EncodingError('ERR_OAUTH_PERCENT_ENCODING_MALFORMED', `malformed percent-encoding at offset ${i}: "%" must be followed by two hex digits, found ${JSON.stringify(value.slice(i, i + 3))}`, i);
    }
  }
  // Every escape is well-formed, so the octets are not UTF-8: find the first bad run.
  let runStart = -1;
  const bytes: number[] = [];
  const flush = (end: number): EncodingError | undefined => {
    if (runStart === -1) return undefined;
    try { utf8Strict.decode(new Uint8Array(bytes)); } catch {
      return new EncodingError('ERR_OAUTH_ENCODING_INVALID_UTF8', `percent-encoded octets at offset ${runStart}–${end} are not valid UTF-8`, runStart);
    }
    bytes.length = 0; runStart = -1; return undefined;
  };
  for (let i = 0; i < value.length;) {
    if (value[i] === '%') {
      if (runStart === -1) runStart = i;
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const err = flush(i); if (err) return err;
      i++;
    }
  }
  return flush(value.length) ?? new EncodingError('ERR_OAUTH_ENCODING_INVALID_UTF8', 'percent-encoded octets are not valid UTF-8', 0);
}

/**
 * Decodes an `application/x-www-form-urlencoded` string (a query or a form body) into ordered
 * pairs: `+` is a space, names without `=` get an empty value, repeated names are all kept, and
 * empty pieces (`a&&b`) are skipped as the form-encoding rules say.
 *
 * @throws {EncodingError} when a name or value has a malformed escape (position is within the input).
 * @example parseFormEncoded('a=1&b&c=x+y') // [['a','1'],['b',''],['c','x y']]
 */
// RFC 5849 §3.4.1.3.1 (decoding per W3C HTML 4.0 §17.13.4)
export function parseFormEncoded(input: string): Parameter[] {
  if (typeof input !== 'string') throw new TypeError(`parseFormEncoded expects a string, got ${typeof input}`);
  const out: Parameter[] = [];
  if (input.length === 0) return out;
  let start = 0;
  while (start <= input.length) {
    let end = input.indexOf('&', start);
    if (end === -1) end = input.length;
    if (end > start) {
      const eq = input.indexOf('=', start);
      const hasEq = eq !== -1 && eq < end;
      const rawName = input.slice(start, hasEq ? eq : end);
      const rawValue = hasEq ? input.slice(eq + 1, end) : '';
      out.push([decodeFormComponent(rawName, start), decodeFormComponent(rawValue, hasEq ? eq + 1 : end)]);
    }
    start = end + 1;
  }
  return out;
}

function decodeFormComponent(raw: string, offset: number): string {
  const spaced = raw.indexOf('+') === -1 ? raw : raw.replace(/\+/g, ' ');
  try {
    return percentDecode(spaced);
  } catch (e) {
    if (e instanceof EncodingError) {
      throw new EncodingError(e.code as 'ERR_OAUTH_PERCENT_ENCODING_MALFORMED', e.message.replace(/offset (\d+)/, (_, n: string) => `offset ${Number(n) + offset}`), e.position + offset);
    }
    throw e;
  }
}

/**
 * Encodes pairs as a query or form body with {@link percentEncode} (which is valid
 * `application/x-www-form-urlencoded`, spaces as `%20`).
 *
 * @example formEncode([['status', 'Hello Ladies + Gentlemen']]) // 'status=Hello%20Ladies%20%2B%20Gentlemen'
 */
// RFC 5849 §3.5.2 / §3.5.3
export function formEncode(params: Parameters): string {
  let out = '';
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    out += (i === 0 ? '' : '&') + percentEncode(p[0]) + '=' + percentEncode(p[1]);
  }
  return out;
}
