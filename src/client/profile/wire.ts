// Tolerant readers for provider error responses: headers, bounded text, loose JSON and form bodies.

import { percentDecode } from '../../core/encoding.js';

/** Longest provider message kept on a decoded error. */
export const MESSAGE_LIMIT = 300;
/** Longest body excerpt kept on a `ProviderError`. */
export const EXCERPT_LIMIT = 500;
/** Bodies longer than this are not parsed as JSON or form (an error answer is small). */
const PARSE_LIMIT = 256 * 1024;

/**
 * Cuts text to at most `limit` characters (an ellipsis marks the cut), never splitting a surrogate pair.
 *
 * @example boundText('abcdef', 4) // 'abc…'
 */
export function boundText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = Math.max(0, limit - 1);
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}

/**
 * Every value of a response header (lower-case name); arrays are flattened, absent gives `[]`.
 *
 * @example headerValues({ 'www-authenticate': 'OAuth realm="x"' }, 'WWW-Authenticate') // ['OAuth realm="x"']
 */
export function headerValues(headers: Record<string, string | string[] | undefined> | undefined, name: string): string[] {
  if (!headers) return [];
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (Array.isArray(value)) out.push(...value); else out.push(value);
  }
  return out;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses a body as a JSON object, or returns undefined (not JSON, not an object, or too long).
 *
 * @example parseJsonObject('\uFEFF {"ret":3}') // { ret: 3 }
 */
export function parseJsonObject(body: string): Record<string, unknown> | undefined {
  if (typeof body !== 'string' || body.length > PARSE_LIMIT) return undefined;
  const text = stripBom(body).trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Percent-decodes leniently: a malformed escape leaves the text as it was instead of throwing
 * (provider error bodies are not always well-formed, and a decoder must never fail on them).
 *
 * @example decodeLoosely('a%20b%zz') // 'a%20b%zz'
 */
export function decodeLoosely(text: string): string {
  try {
    return percentDecode(text);
  } catch {
    return text;
  }
}

/**
 * Parses a body as `application/x-www-form-urlencoded` leniently (`+` is a space, bad escapes kept
 * as they are) into a map of first values; undefined when it does not look like a form.
 *
 * @example parseFormLoosely('error_code=401&error=40107%3AOauth+Error') // Map { error_code → '401', error → '40107:Oauth Error' }
 */
export function parseFormLoosely(body: string): Map<string, string> | undefined {
  if (typeof body !== 'string' || body.length > PARSE_LIMIT) return undefined;
  const text = stripBom(body).trim();
  if (text === '' || text.startsWith('{') || text.startsWith('<') || !/^[^=&\s]+=/.test(text)) return undefined;
  const out = new Map<string, string>();
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = decodeLoosely((eq === -1 ? piece : piece.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq === -1 ? '' : decodeLoosely(piece.slice(eq + 1).replace(/\+/g, ' '));
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/**
 * A JSON scalar as a string (`40107`, `"40107"` → `'40107'`), or undefined for objects, arrays and null.
 *
 * @example scalarText(21321) // '21321'
 */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

const SECRET_IN_TEXT = /((?:oauth_)?(?:token_secret|consumer_secret|client_secret|secret)["']?\s*[=:]\s*["']?)([^&\s"',}]+)/gi;

/**
 * Replaces secret-looking values (`oauth_token_secret=…`, `"consumer_secret":"…"`) with `[redacted]`,
 * so provider text that echoes credentials never reaches messages or logs.
 *
 * @example redactSecrets('oauth_token=a&oauth_token_secret=b') // 'oauth_token=a&oauth_token_secret=[redacted]'
 */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_IN_TEXT, '$1[redacted]');
}
