// Text rendering for the CLI: the explained signing steps, curl commands and selftest reports (pure, no I/O).

import { percentEncode, formEncode } from '../../../core/encoding.js';
import type { SignedRequest } from '../../../core/types.js';
import type { FixtureSummary, VectorResult } from '../../selftest.js';
import { REDACTED } from './redact.js';

export { REDACTED };

/**
 * Quotes a string for a POSIX shell: unchanged when it is made only of safe characters,
 * otherwise wrapped in single quotes with each `'` written as `'\''`.
 *
 * @example shellQuote("it's") // "'it'\\''s'"
 */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return "'" + value.replace(/'/g, "'\\''") + "'";
}

/**
 * Lays out rows as left-aligned columns (the last column is not padded), two spaces apart.
 *
 * @example renderTable([['a', 'bb'], ['ccc', 'd']]) // ['a    bb', 'ccc  d']
 */
export function renderTable(rows: ReadonlyArray<ReadonlyArray<string>>, rightAligned: ReadonlyArray<number> = []): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return rows.map((row) => row.map((cell, i) => {
    if (i === row.length - 1) return rightAligned.includes(i) ? cell.padStart(widths[i]!) : cell;
    return rightAligned.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
  }).join('  ').trimEnd());
}

/** The position (1-based) each collected parameter takes after RFC 5849 §3.4.1.3.2 sorting. */
// RFC 5849 §3.4.1.3.2 (sort by encoded name, then encoded value, in byte order)
export function sortPositions(signed: Pick<SignedRequest, 'parameters'>): number[] {
  const encoded = signed.parameters.map((p, i) => ({ name: percentEncode(p.name), value: percentEncode(p.value), i }));
  encoded.sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.value !== b.value ? (a.value < b.value ? -1 : 1) : a.i - b.i));
  const positions = new Array<number>(encoded.length);
  encoded.forEach((e, rank) => { positions[e.i] = rank + 1; });
  return positions;
}

/** What the renderer may say about the key the signature was made with. */
export interface SigningKeyView {
  consumerSecret?: string;
  tokenSecret?: string;
  /** Whether an RSA private key was given (it is never printed). */
  hasPrivateKey: boolean;
  /** Print secrets instead of {@link REDACTED}. */
  showSecrets: boolean;
}

/**
 * Describes the signing key: the RFC 5849 §3.4.2 shared-secret key with each secret redacted
 * unless `showSecrets`, or a note for RSA (whose private key is never printed).
 *
 * @example renderSigningKey('HMAC-SHA1', { consumerSecret: 'a b', tokenSecret: '', hasPrivateKey: false, showSecrets: true }) // 'a%20b&'
 */
// RFC 5849 §3.4.2 (key = encoded consumer secret "&" encoded token secret), §3.4.4
export function renderSigningKey(signatureMethod: string, keys: SigningKeyView): string {
  if (signatureMethod.startsWith('RSA-')) {
    return keys.hasPrivateKey ? 'the RSA private key given (never printed)' : '(no RSA private key given)';
  }
  const part = (secret: string | undefined, label: string): string => {
    if (secret === undefined || secret === '') return '';
    return keys.showSecrets ? percentEncode(secret) : `<${label}>`;
  };
  const key = part(keys.consumerSecret, 'consumer secret') + '&' + part(keys.tokenSecret, 'token secret');
  const hidden = !keys.showSecrets && ((keys.consumerSecret ?? '') !== '' || (keys.tokenSecret ?? '') !== '');
  return hidden ? `${key}   (secrets redacted; --show-secrets prints them)` : key;
}

/**
 * A PLAINTEXT signature *is* the signing key, so unless secrets may be shown it is replaced by
 * {@link REDACTED} everywhere it appears (signature, protocol parameters, header, URL, body).
 * Other signatures are returned unchanged.
 *
 * @example redactSignedRequest(signed, false).signature // '<redacted>' for PLAINTEXT
 */
export function redactSignedRequest(signed: SignedRequest, showSecrets: boolean): SignedRequest {
  if (showSecrets || signed.signatureMethod !== 'PLAINTEXT') return signed;
  const sig = signed.signature;
  const headerForm = `oauth_signature="${percentEncode(sig)}"`;
  const wireForm = formEncode([['oauth_signature', sig]]);
  const replaceWire = (s: string): string => s.split(wireForm).join(`oauth_signature=${REDACTED}`);
  const out: SignedRequest = {
    ...signed,
    signature: REDACTED,
    oauthParams: signed.oauthParams.map(([n, v]) => (n === 'oauth_signature' ? [n, REDACTED] as const : [n, v] as const)),
    authorization: signed.authorization.split(headerForm).join(`oauth_signature="${REDACTED}"`),
    headers: { ...signed.headers },
    url: replaceWire(signed.url),
  };
  if (out.headers.authorization !== undefined) out.headers.authorization = out.authorization;
  if (signed.form !== undefined) out.form = signed.form.map(([n, v]) => (n === 'oauth_signature' ? [n, REDACTED] as const : [n, v] as const));
  if (signed.body !== undefined) out.body = replaceWire(signed.body);
  return out;
}

/** A request as curl should send it. */
export interface CurlRequest {
  method: string;
  url: string;
  /** Header name → value (names as the core writes them, lower case). */
  headers: Readonly<Record<string, string>>;
  /** Body to send, if any. */
  body?: string;
}

const HEADER_NAMES: Record<string, string> = { authorization: 'Authorization', 'content-type': 'Content-Type' };

/**
 * A ready-to-paste `curl` command, one option per line, every argument shell-quoted. A body
 * without a content type is sent with curl's default `Content-Type` removed, so the server does not
 * treat it as a form (which would change the signature).
 *
 * @example curlCommand({ method: 'GET', url: 'https://a.example/?q=1', headers: { authorization: 'OAuth …' } })
 */
export function curlCommand(request: CurlRequest): string {
  const args: string[] = [];
  const hasBody = request.body !== undefined;
  if (request.method === 'HEAD' && !hasBody) args.push('--head');
  else if (request.method !== (hasBody ? 'POST' : 'GET')) args.push(`-X ${shellQuote(request.method)}`);
  args.push(shellQuote(request.url));
  const headers = Object.entries(request.headers);
  for (const [name, value] of headers) args.push(`-H ${shellQuote(`${HEADER_NAMES[name] ?? name}: ${value}`)}`);
  if (hasBody) {
    if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) args.push(`-H ${shellQuote('Content-Type:')}`);
    args.push(`--data-raw ${shellQuote(request.body!)}`);
  }
  return 'curl ' + args.join(' \\\n  ');
}

/** Everything the explained view of `oauth1 sign` shows. */
export interface ExplainedSigning {
  /** The signed request, already passed through {@link redactSignedRequest}. */
  signed: SignedRequest;
  /** The URL as given (before query placement adds the protocol parameters). */
  inputUrl: string;
  /** The signing key as {@link renderSigningKey} renders it. */
  signingKey: string;
  /** The curl command ({@link curlCommand}). */
  curl: string;
}

function section(title: string, lines: ReadonlyArray<string>): string {
  return title + '\n' + lines.map((l) => (l === '' ? '' : '  ' + l)).join('\n') + '\n';
}

/**
 * Renders every step of a signature: request, parameter table (name, source, encoded pair, sort
 * position), normalised parameters, base string, signing key, signature, Authorization header and curl.
 *
 * @example process.stdout.write(renderExplained({ signed, inputUrl, signingKey, curl }))
 */
export function renderExplained(view: ExplainedSigning): string {
  const { signed } = view;
  const positions = sortPositions(signed);
  const rows: string[][] = [['sort', 'source', 'name', 'encoded (name=value)']];
  signed.parameters.forEach((p, i) => {
    rows.push([String(positions[i]), p.source, p.name, percentEncode(p.name) + '=' + percentEncode(p.value)]);
  });
  const parts = [
    section('Request', renderTable([
      ['method', signed.method],
      ['url', view.inputUrl],
      ['base string URI', signed.baseStringUri],
      ['signature method', signed.signatureMethod],
      ['placement', signed.placement],
    ])),
    section('Parameters (RFC 5849 §3.4.1.3.1; sort = position after §3.4.1.3.2 sorting)', renderTable(rows, [0])),
    section('Normalized parameters (RFC 5849 §3.4.1.3.2)', [signed.normalizedParameters]),
    section('Signature base string (RFC 5849 §3.4.1.1)', [signed.baseString]),
    section('Signing key (RFC 5849 §3.4.2)', [view.signingKey]),
    section(`Signature (${signed.signatureMethod})`, [signed.signature]),
    section('Authorization header (RFC 5849 §3.5.1)' + (signed.placement === 'header' ? '' : ` — not sent: placement is ${signed.placement}`), [signed.authorization]),
  ];
  if (signed.placement === 'query') parts.push(section('Signed URL (RFC 5849 §3.5.2)', [signed.url]));
  if (signed.placement === 'form' && signed.body !== undefined) parts.push(section('Form body (RFC 5849 §3.5.3)', [signed.body]));
  parts.push(section('curl', view.curl.split('\n')));
  return parts.join('\n');
}

/**
 * One line per vector (`ok` / `FAIL`, id, source), failure details indented below, then a summary.
 *
 * @example renderSelftest(results, summarizeResults(results), 5)
 */
export function renderSelftest(results: ReadonlyArray<VectorResult>, summary: FixtureSummary, files: number): string {
  const width = results.reduce((w, r) => Math.max(w, r.id.length), 0);
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.ok ? 'ok  ' : 'FAIL'} ${r.id.padEnd(width)}  ${r.source}`);
    if (!r.ok) {
      if (r.error) lines.push(`       error ${r.error.code}: ${r.error.message}`);
      lines.push(`       expected ${JSON.stringify(r.expected)}`);
      if (r.actual !== undefined) lines.push(`       actual   ${JSON.stringify(r.actual)}`);
    }
  }
  lines.push(`${summary.total} vectors in ${files} file${files === 1 ? '' : 's'}: ${summary.passed} ok, ${summary.failed} failed`);
  return lines.join('\n') + '\n';
}
