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
  // encodeURIComponent emits UTF-8 with upper-case hex but leaves ! ' ( ) * alone; those are rare,
  // so test before replacing. Measured in the whole signer (interleaved A/B), this native path beat
  // a table-driven JS loop, whose many-piece results slow down everything that reads them later.
  const encoded = encodeNonAscii(value, 0, value.length);
  return SUB_DELIMS_LEFT.test(encoded) ? encoded.replace(SUB_DELIMS_LEFT_ALL, escapeSubDelim) : encoded;
}

function encodeNonAscii(value: string, start: number, end: number): string {
  try {
    return encodeURIComponent(value.slice(start, end));
  } catch (cause) {
    const at = loneSurrogateOffset(value);
    throw new EncodingError('ERR_OAUTH_ENCODING_LONE_SURROGATE', `cannot percent-encode: lone UTF-16 surrogate at offset ${at}`, at, { cause });
  }
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

/**
 * Decodes a percent-encoded string (UTF-8). Strict: a `%` not followed by two hex digits, or
 * octets that are not valid UTF-8, are errors — never silently passed through. Hex digits may be
 * in either case; `+` is not special here (see {@link parseFormEncoded}).
 *
 * @throws {EncodingError} `ERR_OAUTH_PERCENT_ENCODING_MALFORMED` or `ERR_OAUTH_ENCODING_INVALID_UTF8`, with `position`.
 * @example percentDecode('%E5%BE%AE%E5%8D%9A') // '微博'
 */
// RFC 5849 §3.6 (inverse)
export function percentDecode(value: string): string {
  if (typeof value !== 'string') throw new TypeError(`percentDecode expects a string, got ${typeof value}`);
  return percentDecodeAt(value, 0);
}

/**
 * {@link percentDecode} for a piece of a larger input that starts at `offset`, so errors name
 * the position in the whole input (a query, a form body, a header). Internal.
 */
export function percentDecodeAt(value: string, offset: number): string {
  let at = value.indexOf('%');
  if (at === -1) return value;
  // Escapes of ASCII octets (each a whole UTF-8 sequence) are decoded here: in a verifier that is
  // cheaper than a call into the engine's decodeURIComponent. Anything else goes there.
  let out = '';
  let from = 0;
  do {
    const hi = hexValue(value.charCodeAt(at + 1));
    const lo = hexValue(value.charCodeAt(at + 2));
    if (hi > 7 || lo > 15) return decodeNative(value, offset);
    out += value.slice(from, at) + String.fromCharCode(hi * 16 + lo);
    from = at + 3;
    at = value.indexOf('%', from);
  } while (at !== -1);
  return out + value.slice(from);
}

/** The value of a hex digit (either case) by character code, 255 for anything else (NaN too). */
function hexValue(c: number): number {
  return c < 128 ? ANY_HEX_VALUES[c]! : 255;
}

function decodeNative(value: string, offset: number): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw describeDecodeFailure(value, offset);
  }
}

function describeDecodeFailure(value: string, offset: number): EncodingError {
  for (let i = value.indexOf('%'); i !== -1; i = value.indexOf('%', i + 1)) {
    if (!HEX.test(value.slice(i + 1, i + 3))) {
      return new EncodingError('ERR_OAUTH_PERCENT_ENCODING_MALFORMED', `malformed percent-encoding at offset ${offset + i}: "%" must be followed by two hex digits, found ${JSON.stringify(value.slice(i, i + 3))}`, offset + i);
    }
  }
  // Every escape is well-formed, so some octet sequence is not UTF-8: find the first one.
  for (let i = 0; i < value.length;) {
    if (value[i] !== '%') { i++; continue; }
    const start = i;
    const octet = (k: number): number => (value[start + 3 * k] === '%' ? parseInt(value.slice(start + 3 * k + 1, start + 3 * k + 3), 16) : -1);
    const length = utf8SequenceLength(octet);
    if (length === 0) {
      let end = start + 3;
      while (value[end] === '%' && end < start + 12) end += 3;
      return new EncodingError('ERR_OAUTH_ENCODING_INVALID_UTF8', `percent-encoded octets at offset ${offset + start} are not valid UTF-8 (${JSON.stringify(value.slice(start, end))})`, offset + start);
    }
    i = start + 3 * length;
  }
  return new EncodingError('ERR_OAUTH_ENCODING_INVALID_UTF8', `percent-encoded octets at offset ${offset} are not valid UTF-8`, offset);
}

/** Length in octets of the well-formed UTF-8 sequence starting at octet(0) (RFC 3629 §4), or 0. */
function utf8SequenceLength(octet: (k: number) => number): number {
  const b0 = octet(0);
  const inRange = (k: number, lo: number, hi: number): boolean => { const b = octet(k); return b >= lo && b <= hi; };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return inRange(1, 0x80, 0xbf) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return inRange(1, lo, hi) && inRange(2, 0x80, 0xbf) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return inRange(1, lo, hi) && inRange(2, 0x80, 0xbf) && inRange(3, 0x80, 0xbf) ? 4 : 0;
  }
  return 0;
}

/**
 * Decodes an `application/x-www-form-urlencoded` string (a query or a form body) into ordered
 * pairs: `+` is a space, names without `=` get an empty value, repeated names are all kept, and
 * empty pieces (`a&&b`) are skipped as the form-encoding rules say. Only the first `=` of a
 * piece separates name from value.
 *
 * @throws {EncodingError} when a name or value has a malformed escape or invalid UTF-8; `position` is the offset in `input`.
 * @example parseFormEncoded('a=1&b&c=x+y') // [['a','1'],['b',''],['c','x y']]
 */
// RFC 5849 §3.4.1.3.1 (decoding per W3C HTML 4.0 §17.13.4)
export function parseFormEncoded(input: string): Parameter[] {
  if (typeof input !== 'string') throw new TypeError(`parseFormEncoded expects a string, got ${typeof input}`);
  const out: Parameter[] = [];
  forEachFormPair(input, (rawName, nameAt, rawValue, valueAt) => {
    out.push([decodeFormComponent(rawName, nameAt), decodeFormComponent(rawValue, valueAt)]);
  });
  return out;
}

/** A percent-encoded `[name, value]` pair, as it goes into the normalised parameter string. Internal. */
export type EncodedPair = [encodedName: string, encodedValue: string];

/**
 * Parameters decoded, and index for index their RFC 5849 §3.6 encodings (taken from the text
 * received when that already is the canonical encoding). Internal to the signer and verifiers.
 */
export interface EncodedParameters {
  readonly decoded: Parameter[];
  readonly encoded: EncodedPair[];
}

/**
 * {@link parseFormEncoded} for the signer and verifiers: also returns each component's canonical
 * encoding, reusing the raw text when it already is canonical, which saves re-encoding every value.
 */
export function parseFormEncodedForSigning(input: string): EncodedParameters {
  const decoded: Parameter[] = [];
  const encoded: EncodedPair[] = [];
  forEachFormPair(input, (rawName, nameAt, rawValue, valueAt) => {
    const name = decodeFormComponent(rawName, nameAt);
    const value = decodeFormComponent(rawValue, valueAt);
    const pair: [string, string] = [name, value];
    decoded.push(pair);
    const encodedName = canonicalEncoding(rawName, true) ?? percentEncode(name);
    const encodedValue = canonicalEncoding(rawValue, true) ?? percentEncode(value);
    // Already its own encoding: one pair serves both lists (pairs are never changed in place).
    encoded.push(encodedName === name && encodedValue === value ? pair : [encodedName, encodedValue]);
  });
  return { decoded, encoded };
}

/** Encodes decoded pairs (RFC 5849 §3.6) into {@link EncodedParameters}. Internal. */
export function encodeParameters(params: Parameters): EncodedParameters {
  const decoded: Parameter[] = new Array(params.length);
  const encoded: EncodedPair[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    decoded[i] = [p[0], p[1]];
    encoded[i] = [percentEncode(p[0]), percentEncode(p[1])];
  }
  return { decoded, encoded };
}

function forEachFormPair(input: string, visit: (rawName: string, nameAt: number, rawValue: string, valueAt: number) => void): void {
  const n = input.length;
  let start = 0;
  // The next "=" at or after `start` (-1: none left). Searched again only once passed, so pieces
  // without "=" ("a&a&a…") cost one scan in all, not one scan of the rest each.
  let eq = -2;
  while (start < n) {
    let end = input.indexOf('&', start);
    if (end === -1) end = n;
    if (end > start) {
      if (eq !== -1 && eq < start) eq = input.indexOf('=', start);
      if (eq !== -1 && eq < end) visit(input.slice(start, eq), start, input.slice(eq + 1, end), eq + 1);
      else visit(input.slice(start, end), start, '', end);
    }
    start = end + 1;
  }
}

const PLUS = /\+/g;

function decodeFormComponent(raw: string, offset: number): string {
  // "+" is a space in form encoding; it is one character either way, so offsets are unchanged.
  return percentDecodeAt(raw.indexOf('+') === -1 ? raw : raw.replace(PLUS, ' '), offset);
}

/** 1 for the octets that are unreserved characters (ALPHA DIGIT - . _ ~), by octet value 0–255. Internal. */
export const UNRESERVED_OCTETS = Uint8Array.from({ length: 256 }, (_, c) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(c)) ? 1 : 0));

// The value of a hex digit of either case by character code (0–127), 255 for anything else.
const ANY_HEX_VALUES = Uint8Array.from({ length: 128 }, (_, c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : 255));

/** The value of an upper-case hex digit by character code (0–127), 255 for anything else. Internal. */
export const UPPER_HEX_VALUES = Uint8Array.from({ length: 128 }, (_, c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : 255));

function upperHexValue(c: number): number {
  return c < 128 ? UPPER_HEX_VALUES[c]! : 255;
}

/**
 * The RFC 5849 §3.6 encoding of a decoded component, read off its raw text when the raw text is
 * already canonical: unreserved characters, upper-case `%XX` escapes of octets that are not
 * unreserved and, in form encoding only (`plusIsSpace`), `+` for a space (so `%20`). Otherwise
 * undefined. The component must decode (percentDecodeAt checks the UTF-8 first), so the octets
 * are known to be valid.
 */
/**
 * Whether the `%` at `at` starts a canonical RFC 5849 §3.6 escape: two upper-case hex digits of
 * an octet that is not unreserved (`%41` decodes fine but "A" is sent as is). Internal.
 */
export function isCanonicalEscape(text: string, at: number): boolean {
  const hi = upperHexValue(text.charCodeAt(at + 1));
  const lo = upperHexValue(text.charCodeAt(at + 2));
  return hi <= 15 && lo <= 15 && UNRESERVED_OCTETS[hi * 16 + lo] !== 1;
}

function canonicalEncoding(raw: string, plusIsSpace: boolean): string | undefined {
  let plus = false;
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25) {
      if (!isCanonicalEscape(raw, i)) return undefined;
      i += 2;
    } else if (c === 0x2b && plusIsSpace) {
      plus = true;
    } else if (c >= 128 || UNRESERVED_OCTETS[c] !== 1) {
      return undefined;
    }
  }
  return plus ? raw.replace(PLUS, '%20') : raw;
}

/**
 * The RFC 5849 §3.6 encoding of `decoded`, which was percent-decoded from `raw` (an
 * Authorization header value, where `+` is a plus sign): `raw` itself when it already is the
 * canonical encoding, which saves re-encoding, else `percentEncode(decoded)`. Internal.
 */
// RFC 5849 §3.6
export function reencodeDecoded(raw: string, decoded: string): string {
  return canonicalEncoding(raw, false) ?? percentEncode(decoded);
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
