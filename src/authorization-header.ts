// The OAuth HTTP Authorization header: formatting and strict parsing (RFC 5849 §3.5.1).

import { percentEncode, percentDecodeAt } from './encoding.js';
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

function isTokenChar(c: number): boolean {
  return c < 128 && TOKEN_CHARS[c] === 1;
}

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
  if (typeof header !== 'string') throw new TypeError(`authorization header must be a string, got ${typeof header}`);
  const s = header;
  let i = 0;
  const n = s.length;
  const skipWs = (): void => {
    for (let c = s.charCodeAt(i); c === 0x20 || c === 0x09; c = s.charCodeAt(++i));
  };
  skipWs();
  if (s.slice(i, i + 5).toLowerCase() !== 'oauth' || (i + 5 < n && s[i + 5] !== ' ' && s[i + 5] !== '\t')) {
    const scheme = s.slice(i).split(/[ \t]/, 1)[0] ?? '';
    throw new HeaderError('ERR_OAUTH_HEADER_NOT_OAUTH', `Authorization header scheme must be "OAuth", got ${JSON.stringify(scheme.slice(0, 20))}`, i);
  }
  i += 5;
  skipWs();
  if (i >= n) throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', 'Authorization header has the OAuth scheme but no parameters', i);
  const params: Parameter[] = [];
  const seen = new Set<string>();
  let realm: string | undefined;
  // Where the next backslash is, so values without a quoted-pair are taken as one slice.
  let backslashAt = s.indexOf('\\');
  for (;;) {
    const nameStart = i;
    while (i < n && isTokenChar(s.charCodeAt(i))) i++;
    if (i === nameStart) {
      throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `expected a parameter name at offset ${i}, found ${describe(s, i)}`, i);
    }
    const rawName = s.slice(nameStart, i);
    skipWs();
    if (s[i] !== '=') throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `expected "=" after parameter ${JSON.stringify(rawName)} at offset ${i}, found ${describe(s, i)}`, i);
    i++;
    skipWs();
    if (s[i] !== '"') {
      throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `value of parameter ${JSON.stringify(rawName)} must be a quoted string (offset ${i}, found ${describe(s, i)})`, i);
    }
    const valueStart = i + 1;
    i++;
    let raw = '';
    let closed = false;
    const close = s.indexOf('"', i);
    if (backslashAt !== -1 && backslashAt < i) backslashAt = s.indexOf('\\', i);
    if (close !== -1 && (backslashAt === -1 || backslashAt > close)) {
      // No quoted-pair in the value (the usual case: values are percent-encoded): one slice.
      raw = s.slice(i, close);
      i = close + 1;
      closed = true;
    } else {
      while (i < n) {
        const c = s[i]!;
        if (c === '"') { closed = true; i++; break; }
        if (c === '\\' && i + 1 < n) { raw += s[i + 1]; i += 2; continue; }
        raw += c;
        i++;
      }
    }
    if (!closed) throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `unterminated quoted value of parameter ${JSON.stringify(rawName)} starting at offset ${valueStart - 1}`, valueStart - 1);
    const name = decodeAt(rawName, nameStart);
    if (seen.has(name)) {
      throw new HeaderError('ERR_OAUTH_HEADER_DUPLICATE_PARAMETER', `parameter ${JSON.stringify(name)} appears twice in the Authorization header (second at offset ${nameStart})`, nameStart);
    }
    seen.add(name);
    if (name === 'realm') realm = raw;
    else params.push([name, decodeAt(raw, valueStart)]);
    skipWs();
    if (i >= n) break;
    if (s[i] !== ',') throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `expected "," between parameters at offset ${i}, found ${describe(s, i)}`, i);
    i++;
    skipWs();
    if (i >= n) throw new HeaderError('ERR_OAUTH_HEADER_MALFORMED', `trailing "," at the end of the Authorization header (offset ${i - 1})`, i - 1);
  }
  return realm === undefined ? { params } : { realm, params };
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
