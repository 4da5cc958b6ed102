// Base string comparison: two signature base strings taken apart into method, base string URI and parameters (RFC 5849 §3.4.1.1).

import { capEcho } from './cap-echo.js';

/** One parameter of a base string: as encoded in it, and decoded. */
export interface BaseStringParameter {
  /** Name and value exactly as they appear (encoded once, inside the parameter string). */
  encodedName: string;
  encodedValue: string;
  /** Decoded name and value (`+` read as a space, lower-case hex accepted). */
  name: string;
  value: string;
}

/** A signature base string taken apart. */
export interface ParsedBaseString {
  method: string;
  /** Decoded base string URI. */
  uri: string;
  parameters: BaseStringParameter[];
  /** Problems found while parsing (wrong number of `&`, bad escapes…). */
  warnings: string[];
}

/** A difference in one parameter. */
export interface ParameterDifference {
  kind: 'missing' | 'extra' | 'value' | 'encoding';
  name: string;
  a?: string;
  b?: string;
  /** What the encoding difference looks like (`space as "+"`, `lower-case hex`, `encoded twice`…). */
  note?: string;
}

/** Result of {@link diffBaseStrings}. */
export interface BaseStringDiff {
  identical: boolean;
  a: ParsedBaseString;
  b: ParsedBaseString;
  method: { same: boolean; a: string; b: string };
  uri: { same: boolean; a: string; b: string; notes: string[] };
  parameters: ParameterDifference[];
  /** Order problems: a side not sorted per RFC 5849 §3.4.1.3.2, or the common parameters in another order. */
  order: string[];
  /** First byte offset where the two strings differ, or null. */
  firstDifference: number | null;
}

/** Percent-decoding that never throws: bad escapes stay as they are. `plus` reads `+` as a space. */
function looseDecode(s: string, plus = false): string {
  const t = plus ? s.replace(/\+/g, ' ') : s;
  try {
    return decodeURIComponent(t);
  } catch {
    return t.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try { return decodeURIComponent(run); } catch { return run; }
    });
  }
}

/**
 * Takes a signature base string apart: `METHOD & encoded(URI) & encoded(parameters)`.
 * Tolerant: a malformed string is parsed as far as possible and the problems are listed.
 *
 * @example parseBaseString('GET&http%3A%2F%2Fexample.com%2F&a%3D1').parameters[0]?.name // 'a'
 */
// RFC 5849 §3.4.1.1 (inverse)
export function parseBaseString(text: string): ParsedBaseString {
  if (typeof text !== 'string') throw new TypeError('parseBaseString expects a string');
  const s = text.trim();
  const warnings: string[] = [];
  const parts = s.split('&');
  if (parts.length < 3) warnings.push(`expected METHOD&URI&PARAMETERS (3 parts joined by "&"), found ${parts.length}`);
  if (parts.length > 3) warnings.push(`found ${parts.length} "&"-separated parts instead of 3: the URI or the parameter string was not percent-encoded`);
  const method = parts[0] ?? '';
  if (method !== method.toUpperCase()) warnings.push(`method "${capEcho(method)}" is not upper case`);
  const uri = looseDecode(parts[1] ?? '');
  const paramString = parts.length > 3 ? parts.slice(2).join('&') : looseDecode(parts[2] ?? '');
  const parameters: BaseStringParameter[] = paramString === '' ? [] : paramString.split('&').map((kv) => {
    const eq = kv.indexOf('=');
    const encodedName = eq === -1 ? kv : kv.slice(0, eq);
    const encodedValue = eq === -1 ? '' : kv.slice(eq + 1);
    return { encodedName, encodedValue, name: looseDecode(encodedName, true), value: looseDecode(encodedValue, true) };
  });
  return { method, uri, parameters, warnings };
}

/**
 * Pulls a base string out of what a provider echoed: an `oauth_signature_base_string="…"`
 * parameter (Sina Weibo's `WWW-Authenticate`, percent-encoded or not), an "expected signature
 * base string: …" line, or the text itself.
 *
 * @example extractBaseString('WWW-Authenticate: OAuth oauth_problem="signature_invalid", oauth_signature_base_string="GET%26http…"')
 */
export function extractBaseString(text: string): string {
  const looksLike = (s: string): boolean => /^[A-Za-z]+&[^&\s]+&\S*$/.test(s);
  const param = /oauth_signature_base_string\s*=\s*(?:"([^"]*)"|([^\s,&]+(?:&[^\s,]*)*))/i.exec(text);
  if (param !== null) {
    // Unquoted (form-encoded answer): stop where the next `name=` parameter starts.
    const v = param[1] ?? (param[2] ?? '').split(/&(?=[A-Za-z_][A-Za-z0-9_]*=)/)[0]!;
    if (looksLike(v)) return v;
    const decoded = looseDecode(v);
    return looksLike(decoded) ? decoded : v;
  }
  for (const token of text.split(/\s+/)) {
    const t = token.replace(/^["']|["',;]$/g, '');
    if (looksLike(t)) return t;
  }
  return text.trim();
}

function isSorted(ps: BaseStringParameter[]): string | undefined {
  for (let i = 1; i < ps.length; i++) {
    const x = ps[i - 1]!;
    const y = ps[i]!;
    if (x.encodedName > y.encodedName || (x.encodedName === y.encodedName && x.encodedValue > y.encodedValue)) {
      return `${capEcho(`${x.encodedName}=${x.encodedValue}`)} comes before ${capEcho(`${y.encodedName}=${y.encodedValue}`)}`;
    }
  }
  return undefined;
}

function encodingNote(a: string, b: string): string | undefined {
  if (a.replace(/%20/g, '+') === b || b.replace(/%20/g, '+') === a) return 'space as "+" versus "%20"';
  if (a.toUpperCase() === b.toUpperCase()) return 'hex digit case (RFC 5849 §3.6 wants upper case)';
  if (/[!*'()]/.test(a + b)) return "! * ' ( ) left unencoded on one side";
  return undefined;
}

function uriNotes(a: string, b: string): string[] {
  const re = /^([^:]*):\/\/([^/:?]*)(?::(\d+))?([^?]*)(\?.*)?$/;
  const x = re.exec(a);
  const y = re.exec(b);
  if (x === null || y === null) return ['a URI could not be split into scheme, host, port and path'];
  const notes: string[] = [];
  x.forEach((part, i) => { if (part !== undefined) x[i] = capEcho(part); });
  y.forEach((part, i) => { if (part !== undefined) y[i] = capEcho(part); });
  if (x[1] !== y[1]) notes.push(`scheme: ${x[1]} versus ${y[1]}`);
  if (x[2] !== y[2]) notes.push(x[2]!.toLowerCase() === y[2]!.toLowerCase() ? `host case: ${x[2]} versus ${y[2]} (must be lower case)` : `host: ${x[2]} versus ${y[2]}`);
  if ((x[3] ?? '') !== (y[3] ?? '')) notes.push(`port: ${x[3] ?? '(none)'} versus ${y[3] ?? '(none)'} (default ports 80/443 must be left out, others kept)`);
  if (x[4] !== y[4]) notes.push(x[4]!.replace(/\/$/, '') === y[4]!.replace(/\/$/, '') ? `trailing slash: ${x[4]} versus ${y[4]}` : `path: ${x[4]} versus ${y[4]}`);
  if ((x[5] ?? '') !== (y[5] ?? '')) notes.push(`query in the URI: ${x[5] ?? '(none)'} versus ${y[5] ?? '(none)'} (the base string URI has no query)`);
  return notes;
}

/**
 * Compares two base strings part by part: method, base string URI (scheme, host, port, path,
 * query) and parameters — which are missing, extra, have another value, are encoded
 * differently, or are out of order.
 *
 * @example diffBaseStrings('GET&http%3A%2F%2Fa%2F&a%3D1%26b%3D2', 'GET&http%3A%2F%2Fa%2F&a%3D1').parameters
 * // [{ kind: 'missing', name: 'b', a: '2' }]
 */
export function diffBaseStrings(a: string, b: string): BaseStringDiff {
  const pa = parseBaseString(a);
  const pb = parseBaseString(b);
  const parameters: ParameterDifference[] = [];
  const unmatchedB = [...pb.parameters];
  const matchedA: BaseStringParameter[] = [];
  const matchedB: BaseStringParameter[] = [];
  const leftoverA: BaseStringParameter[] = [];
  // Pair up parameters with the same decoded name and value first.
  for (const p of pa.parameters) {
    const i = unmatchedB.findIndex((q) => q.name === p.name && q.value === p.value);
    if (i === -1) { leftoverA.push(p); continue; }
    const q = unmatchedB.splice(i, 1)[0]!;
    matchedA.push(p); matchedB.push(q);
    if (q.encodedName !== p.encodedName || q.encodedValue !== p.encodedValue) {
      const ea = `${p.encodedName}=${p.encodedValue}`;
      const eb = `${q.encodedName}=${q.encodedValue}`;
      const d: ParameterDifference = { kind: 'encoding', name: p.name, a: ea, b: eb };
      const note = encodingNote(ea, eb);
      if (note !== undefined) d.note = note;
      parameters.push(d);
    }
  }
  // Then same name, other value; the rest is missing or extra.
  for (const p of leftoverA) {
    const i = unmatchedB.findIndex((q) => q.name === p.name);
    if (i === -1) { parameters.push({ kind: 'missing', name: p.name, a: p.encodedValue }); continue; }
    const q = unmatchedB.splice(i, 1)[0]!;
    const d: ParameterDifference = { kind: 'value', name: p.name, a: p.encodedValue, b: q.encodedValue };
    if (looseDecode(q.value) === p.value || looseDecode(p.value) === q.value) d.note = 'encoded twice on one side';
    parameters.push(d);
  }
  for (const q of unmatchedB) parameters.push({ kind: 'extra', name: q.name, b: q.encodedValue });
  const order: string[] = [];
  const sa = isSorted(pa.parameters);
  const sb = isSorted(pb.parameters);
  if (sa !== undefined) order.push(`A is not sorted: ${sa}`);
  if (sb !== undefined) order.push(`B is not sorted: ${sb}`);
  const seqA = matchedA.map((p) => p.name + '=' + p.value);
  const seqB = [...matchedB].sort((x, y) => pb.parameters.indexOf(x) - pb.parameters.indexOf(y)).map((p) => p.name + '=' + p.value);
  if (seqA.join('&') !== seqB.join('&') && order.length === 0) order.push('the common parameters appear in a different order');
  const uriSame = pa.uri === pb.uri;
  let firstDifference: number | null = null;
  const ta = a.trim();
  const tb = b.trim();
  if (ta !== tb) {
    let i = 0;
    while (i < ta.length && i < tb.length && ta[i] === tb[i]) i++;
    firstDifference = Buffer.byteLength(ta.slice(0, i), 'utf8');
  }
  return {
    identical: ta === tb,
    a: pa, b: pb,
    method: { same: pa.method === pb.method, a: pa.method, b: pb.method },
    uri: { same: uriSame, a: pa.uri, b: pb.uri, notes: uriSame ? [] : uriNotes(pa.uri, pb.uri) },
    parameters, order, firstDifference,
  };
}
