// The OAuth HTTP Authorization header: formatting and strict parsing (RFC 5849 §3.5.1).

import { percentEncode, percentDecodeAt, reencodeDecoded, isCanonicalEscape, UNRESERVED_OCTETS, UPPER_HEX_VALUES, type EncodedPair, type EncodedParameters } from './encoding.js';
import { EncodingError, HeaderError } from './errors.js';
import type { Parameter, Parameters } from './types.js';

/** A parsed `Authorization: OAuth …` header. */
export interface ParsedAuthorizationHeader {
  /** The `realm` value (RFC 2617 quoted-string, unescaped), if present. Never signed. */
  realm?: string;
  /** Every other parameter, percent-decoded, in header order (includes `oauth_signature`). */
  params: Parameter[];
}

function quoteRealm(realm: string): string {
  return '"' + realm.replace(/["\\]/g, (c) => '\\' + c) + '"';
}

/**
 * Formats protocol parameters as an `Authorization` header value: `OAuth`, then `realm` first
 * (never signed) and each parameter as `name="percent-encoded value"`, separated by `, `.
 *
 * @example formatAuthorizationHeader([['oauth_consumer_key', 'dpf43f3p2l4k3l03']], 'Photos')
 * // 'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03"'
 */
// RFC 5849 §3.5.1
export function formatAuthorizationHeader(params: Parameters, realm?: string): string {
  const encoded: Array<readonly [string, string]> = new Array(params.length);
  // 1. "Parameter names and values are encoded per Parameter Encoding"
  for (let i = 0; i < params.length; i++) encoded[i] = [percentEncode(params[i]![0]), percentEncode(params[i]![1])];
  return formatEncodedAuthorizationHeader(encoded, realm);
}

const REALM_FORBIDDEN = /[\x00-\x08\x0a-\x1f\x7f]/;

/**
 * {@link formatAuthorizationHeader} for pairs that are already percent-encoded (the signer has
 * them from the base string). Internal.
 */
// RFC 5849 §3.5.1
export function formatEncodedAuthorizationHeader(encoded: ReadonlyArray<readonly [string, string]>, realm?: string): string {
  let out = 'OAuth ';
  let first = true;
  if (realm !== undefined) {
    if (REALM_FORBIDDEN.test(realm)) throw new TypeError('realm must not contain control characters');
    // "The OPTIONAL "realm" parameter MAY be added" — first, as an RFC 2617 quoted-string, never signed.
    out += 'realm=' + quoteRealm(realm);
    first = false;
  }
  for (let i = 0; i < encoded.length; i++) {
    // 2. "Each parameter's name is immediately followed by an "=" character … a """ 3. "…separated by a "," character"
    out += (first ? '' : ', ') + encoded[i]![0] + '="' + encoded[i]![1] + '"';
    first = false;
  }
  return out;
}

// 1 for the RFC 7230 token characters a parameter name may use.
const TOKEN_CHARS = Uint8Array.from({ length: 128 }, (_, c) => (/[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(String.fromCharCode(c)) ? 1 : 0));

/**
 * Parses an `Authorization: OAuth …` header value strictly: the `OAuth` scheme (any case),
 * `name="value"` pairs with percent-encoded names and values, `,` separators with optional
 * whitespace. Unquoted values, empty elements, junk and duplicate names are errors naming the
 * offset.
 *
 * @throws {HeaderError} `ERR_OAUTH_HEADER_NOT_OAUTH`, `ERR_OAUTH_HEADER_MALFORMED` or `ERR_OAUTH_HEADER_DUPLICATE_PARAMETER`.
 * @example parseAuthorizationHeader('OAuth realm="Example", oauth_token="a%20b"')
 * // { realm: 'Example', params: [['oauth_token', 'a b']] }
 */
// RFC 5849 §3.5.1 (parsing, with RFC 2617 §1.2 auth-param syntax)
export function parseAuthorizationHeader(header: string): ParsedAuthorizationHeader {
  const parsed = parseAuthorizationHeaderEncoded(header);
  return parsed.realm === undefined ? { params: parsed.params } : { realm: parsed.realm, params: parsed.params };
}

/** {@link parseAuthorizationHeader}'s result with each parameter's RFC 5849 §3.6 encoding too. Internal. */
export interface EncodedAuthorizationHeader extends EncodedParameters {
  realm?: string;
  /** Decoded `[name, value]` pairs in header order (the same array as `decoded`). */
  params: Parameter[];
}

const enum Ch { Tab = 0x09, Space = 0x20, Quote = 0x22, Percent = 0x25, Comma = 0x2c, Equals = 0x3d, Backslash = 0x5c }


/**
 * {@link parseAuthorizationHeader} for verifiers: also returns each name's and value's canonical
 * percent-encoding, taken from the header text when it already is canonical (the usual case),
 * so the base string needs no decode-then-encode round trip. Internal.
 */
// RFC 5849 §3.5.1
export function parseAuthorizationHeaderEncoded(header: string): EncodedAuthorizationHeader {
  if (typeof header !== 'string') throw new TypeError(`authorization header must be a string, got ${typeof header}`);
  return parseCanonicalHeader(header) ?? parseHeaderCharByChar(header);
}

// The header a client library sends: `OAuth`, then name="value" pairs whose names are plain
// tokens and whose values hold only unreserved characters and escapes, separated by commas.
// One regular-expression test (linear: every part ends at a character the next cannot start
// with) checks the whole shape, and the pairs are then cut out by indexOf.
// The scheme's case is spelt out instead of using the i flag, which made the test 25 % slower.
const CANONICAL_HEADER = /^[ \t]*[Oo][Aa][Uu][Tt][Hh][ \t]+[!#$&'*+.^_`|~0-9A-Za-z-]+="[A-Za-z0-9\-._~%]*"(?:[ \t]*,[ \t]*[!#$&'*+.^_`|~0-9A-Za-z-]+="[A-Za-z0-9\-._~%]*")*[ \t]*$/;

/**
 * The usual header, parsed without looking at each character in JavaScript (internal; exported
 * for the specs): the same result as
 * {@link parseHeaderCharByChar} (spec/authorization-header.spec.ts compares the two on generated
 * headers), or undefined for anything else — an escape that is not the canonical encoding, bad
 * UTF-8, a repeated name, a quoted-pair — which the full parser then reads, and rejects with
 * the right error and offset when it must.
 */
// RFC 5849 §3.5.1
export function parseCanonicalHeader(s: string): EncodedAuthorizationHeader | undefined {
  if (!CANONICAL_HEADER.test(s)) return undefined;
  const n = s.length;
  const params: Parameter[] = [];
  const encoded: EncodedPair[] = [];
  let realm: string | undefined;
  let i = skipWs(s, skipWs(s, 0) + 5);
  for (;;) {
    const eq = s.indexOf('=', i);
    const name = s.slice(i, eq);
    const close = s.indexOf('"', eq + 2);
    const raw = s.slice(eq + 2, close);
    let value = raw;
    let escape = raw.indexOf('%');
    if (escape !== -1) {
      // Canonical escapes only; anything else is re-encoded by the full parser.
      for (; escape !== -1; escape = raw.indexOf('%', escape + 3)) if (!isCanonicalEscape(raw, escape)) return undefined;
      if (name !== 'realm') {
        try {
          value = percentDecodeAt(raw, eq + 2);
        } catch {
          return undefined;
        }
      }
    }
    if (name === 'realm') {
      if (realm !== undefined) return undefined;
      realm = raw;
    } else {
      // A long list is left to the full parser, which switches to a set (see hasName).
      if (params.length >= SCAN_LIMIT || hasName(params, name)) return undefined;
      // A value without escapes is its own encoding: one pair serves both lists (pairs are never
      // changed in place, only the lists that hold them are sorted).
      const pair: [string, string] = [name, value];
      params.push(pair);
      encoded.push(value === raw ? pair : [name, raw]);
    }
    i = skipWs(s, close + 1);
    if (i >= n) break;
    // The expression guarantees a comma here.
    i = skipWs(s, i + 1);
  }
  return realm === undefined ? { params, decoded: params, encoded } : { realm, params, decoded: params, encoded };
}

/** The full parser: every character read, every error named with its offset. Internal (specs compare it with the fast path). */
// RFC 5849 §3.5.1
export function parseHeaderCharByChar(header: string): EncodedAuthorizationHeader {
  const s = header;
  const n = s.length;
  let i = skipWs(s, 0);
  const c5 = s.charCodeAt(i + 5);
  if (s.slice(i, i + 5).toLowerCase() !== 'oauth' || (i + 5 < n && c5 !== Ch.Space && c5 !== Ch.Tab)) {
    const scheme = s.slice(i).split(/[ \t]/, 1)[0] ?? '';
    throw new HeaderError('ERR_OAUTH_HEADER_NOT_OAUTH', `Authorization header scheme must be "OAuth", got ${JSON.stringify(scheme.slice(0, 20))}`, i);
  }
  i = skipWs(s, i + 5);
  if (i >= n) throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', 'Authorization header has the OAuth scheme but no parameters', i);
  const params: Parameter[] = [];
  const encoded: EncodedPair[] = [];
  let realm: string | undefined;
  let realmSeen = false;
  // Names seen, kept in a set only once the list is long (see hasName).
  let seen: Set<string> | undefined;
  // Module-level tables read through locals: the loops below then skip a binding check per character.
  const tokenChars = TOKEN_CHARS;
  const unreserved = UNRESERVED_OCTETS;
  const upperHex = UPPER_HEX_VALUES;
  for (;;) {
    const nameStart = i;
    for (let c = s.charCodeAt(i); i < n && c < 128 && tokenChars[c] === 1; c = s.charCodeAt(++i));
    if (i === nameStart) {
      throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `expected a parameter name at offset ${i}, found ${describe(s, i)}`, i);
    }
    const rawName = s.slice(nameStart, i);
    const namePercent = rawName.indexOf('%') !== -1;
    i = skipWs(s, i);
    if (s.charCodeAt(i) !== Ch.Equals) throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `expected "=" after parameter ${JSON.stringify(rawName)} at offset ${i}, found ${describe(s, i)}`, i);
    i = skipWs(s, i + 1);
    if (s.charCodeAt(i) !== Ch.Quote) {
      throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `value of parameter ${JSON.stringify(rawName)} must be a quoted string (offset ${i}, found ${describe(s, i)})`, i);
    }
    const valueStart = i + 1;
    i++;
    // One pass over the usual value — unreserved characters and upper-case %XX escapes up to the
    // closing quote — noting whether it is the canonical RFC 5849 §3.6 encoding of what it decodes
    // to. Anything else (a quoted-pair, a character to decode and encode afresh) is read again
    // character by character below.
    let end = i;
    let canonical = true;
    let hasPercent = false;
    for (; end < n; end++) {
      const c = s.charCodeAt(end);
      if (c === Ch.Quote) break;
      if (c === Ch.Percent) {
        hasPercent = true;
        const hi = s.charCodeAt(end + 1);
        const lo = s.charCodeAt(end + 2);
        const h = hi < 128 ? upperHex[hi]! : 255;
        const l = lo < 128 ? upperHex[lo]! : 255;
        // An escape of an unreserved octet (%41 for "A") decodes fine but is not the canonical form.
        if (h > 15 || l > 15 || unreserved[h * 16 + l] === 1) { canonical = false; break; }
        end += 2;
      } else if (c >= 128 || unreserved[c] !== 1) {
        canonical = false;
        break;
      }
    }
    let raw = '';
    let closed = false;
    if (canonical && end < n) {
      raw = s.slice(i, end);
      i = end + 1;
      closed = true;
    } else {
      canonical = false;
      // Runs between quoted-pairs are sliced whole and joined once: linear however many pairs.
      const pieces: string[] = [];
      let from = i;
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c === Ch.Quote) { closed = true; break; }
        // RFC 2617 §1.2 quoted-string: a backslash escapes the next character.
        if (c === Ch.Backslash && i + 1 < n) {
          pieces.push(s.slice(from, i), s[i + 1]!);
          i += 2;
          from = i;
          continue;
        }
        i++;
      }
      pieces.push(s.slice(from, i));
      raw = pieces.join('');
      if (closed) i++;
    }
    if (!closed) throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `unterminated quoted value of parameter ${JSON.stringify(rawName)} starting at offset ${valueStart - 1}`, valueStart - 1);
    const name = namePercent ? decodeAt(rawName, nameStart) : rawName;
    if (name === 'realm' ? realmSeen : seen !== undefined ? seen.has(name) : hasName(params, name)) {
      throw new HeaderError('ERR_OAUTH_HEADER_DUPLICATE_PARAMETER', `parameter ${JSON.stringify(name)} appears twice in the Authorization header (second at offset ${nameStart})`, nameStart);
    }
    if (name === 'realm') {
      realm = raw;
      realmSeen = true;
    } else {
      const value = canonical && !hasPercent ? raw : decodeAt(raw, valueStart);
      params.push([name, value]);
      encoded.push([namePercent ? reencodeDecoded(rawName, name) : rawName, canonical ? raw : reencodeDecoded(raw, value)]);
      if (seen !== undefined) seen.add(name);
      else if (params.length > SCAN_LIMIT) seen = new Set(params.map((p) => p[0]));
    }
    i = skipWs(s, i);
    if (i >= n) break;
    if (s.charCodeAt(i) !== Ch.Comma) throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `expected "," between parameters at offset ${i}, found ${describe(s, i)}`, i);
    i = skipWs(s, i + 1);
    if (i >= n) throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `trailing "," at the end of the Authorization header (offset ${i - 1})`, i - 1);
  }
  return realm === undefined ? { params, decoded: params, encoded } : { realm, params, decoded: params, encoded };
}

function skipWs(s: string, i: number): number {
  for (let c = s.charCodeAt(i); c === Ch.Space || c === Ch.Tab; c = s.charCodeAt(++i));
  return i;
}

// A real header has 6–9 parameters: a linear scan finds a repeated name faster than a set. Past
// SCAN_LIMIT the parser switches to a set, so a hostile header with thousands of names stays linear.
const SCAN_LIMIT = 16;
function hasName(params: Parameters, name: string): boolean {
  for (let k = 0; k < params.length; k++) if (params[k]![0] === name) return true;
  return false;
}

function decodeAt(raw: string, offset: number): string {
  try {
    return percentDecodeAt(raw, offset);
  } catch (e) {
    if (e instanceof EncodingError) {
      throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `bad percent-encoding in the Authorization header: ${e.message}`, e.position, { cause: e });
    }
    throw e;
  }
}

function describe(s: string, i: number): string {
  return i >= s.length ? 'the end of the header' : JSON.stringify(s.slice(i, i + 12));
}
