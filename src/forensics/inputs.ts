// Captured-request readers for the forensics: raw HTTP/1.1 text, curl command lines, HAR entries and JSON (RFC 7230 §3, RFC 7578).

import { parseFormEncoded, percentEncode } from '../core/encoding.js';
import { isFormContentType } from '../core/base-string.js';
import { RequestError } from '../core/errors.js';
import type { Parameter } from '../core/types.js';
import type { CapturedFile, CapturedRequest } from './diagnose.js';

/** A captured request plus the secrets a JSON input may carry (the `signRequest` shape). */
export interface CapturedInput extends CapturedRequest {
  consumerKey?: string;
  consumerSecret?: string;
  token?: string;
  tokenSecret?: string;
}

/** Options shared by the readers. */
export interface InputOptions {
  /** Scheme for origin-form request lines (`GET /path`), which do not say it. @default 'https', or 'http' when the Host header names port 80 */
  scheme?: 'http' | 'https';
  /** Reads a file named by a curl `@file` / `<file` argument; without it those are errors. */
  readFile?: (path: string) => string;
}

function inputError(message: string): RequestError {
  return new RequestError('ERR_OAUTH_INPUT_INVALID', message);
}

// ---------------------------------------------------------------------------------------------
// Multipart bodies (RFC 7578): text fields and file parts.

/**
 * Splits a `multipart/form-data` body into text fields and file parts (a part with a
 * `filename` is a file). Only the descriptions of files are kept.
 *
 * @throws {RequestError} `ERR_OAUTH_INPUT_INVALID` when the boundary never appears.
 * @example parseMultipartBody('--b\r\nContent-Disposition: form-data; name="status"\r\n\r\nhi\r\n--b--\r\n', 'b')
 * // { fields: [['status', 'hi']], files: [] }
 */
// RFC 7578 §4
export function parseMultipartBody(body: string, boundary: string): { fields: Parameter[]; files: CapturedFile[] } {
  const delimiter = '--' + boundary;
  const pieces = body.split(delimiter);
  if (pieces.length < 2) throw inputError(`multipart body does not contain its boundary ${JSON.stringify(boundary)}`);
  const fields: Parameter[] = [];
  const files: CapturedFile[] = [];
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith('--')) break;
    const part = piece.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(part);
    if (split === null) continue;
    const headers = part.slice(0, split.index);
    const content = part.slice(split.index + split[0].length).replace(/\r?\n$/, '');
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = dispositionParam(disposition, 'name');
    if (name === undefined) continue;
    const filename = dispositionParam(disposition, 'filename');
    if (filename !== undefined) files.push({ name, filename, size: Buffer.byteLength(content, 'latin1') });
    else fields.push([name, content]);
  }
  return { fields, files };
}

function dispositionParam(disposition: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(disposition);
  if (m === null) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

function boundaryOf(contentType: string): string | undefined {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m === null ? undefined : m[1] ?? m[2];
}

function isMultipart(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*multipart\/form-data\b/i.test(contentType);
}

/** Puts a body on a captured request: form pairs, multipart parts or a raw body. */
function attachBody(req: CapturedInput, body: string, contentType: string | undefined): void {
  if (body === '') return;
  if (contentType !== undefined) req.contentType = contentType;
  if (isMultipart(contentType)) {
    const boundary = boundaryOf(contentType!);
    if (boundary === undefined) throw inputError('multipart/form-data body without a boundary parameter');
    req.multipart = parseMultipartBody(body, boundary);
    return;
  }
  if (isFormContentType(contentType)) req.form = parseFormEncoded(body);
  else req.body = body;
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP/1.1 request text.

/**
 * Reads a raw HTTP/1.1 request as captured (request line, headers, blank line, body). An
 * origin-form target (`GET /path`) is made absolute from the `Host` header (or HTTP/2's
 * `:authority`) and `scheme` (or `:scheme`).
 *
 * @throws {RequestError} `ERR_OAUTH_INPUT_INVALID` for a missing request line or Host.
 * @example parseHttpRequestText('GET /1/x.json?a=b HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: OAuth …\r\n\r\n')
 * // { method: 'GET', url: 'https://api.example.com/1/x.json?a=b', authorization: 'OAuth …' }
 */
// RFC 7230 §3 (message format), §5.3 (request target), §5.4 (Host)
export function parseHttpRequestText(text: string, options: InputOptions = {}): CapturedInput {
  if (typeof text !== 'string') throw new TypeError('parseHttpRequestText expects a string');
  const trimmed = text.replace(/^(?:\r?\n)+/, '');
  const headEnd = /\r?\n\r?\n/.exec(trimmed);
  const head = headEnd === null ? trimmed : trimmed.slice(0, headEnd.index);
  const body = headEnd === null ? '' : trimmed.slice(headEnd.index + headEnd[0].length);
  const lines = head.split(/\r?\n/);
  const requestLine = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?\s*$/.exec(lines[0] ?? '');
  if (requestLine === null) throw inputError(`expected a request line like "GET /path HTTP/1.1", got ${JSON.stringify((lines[0] ?? '').slice(0, 60))}`);
  const headers = parseHeaderLines(lines.slice(1));
  const target = requestLine[2]!;
  let url: string;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target)) {
    url = target;
  } else {
    const host = headers.get('host') ?? headers.get(':authority');
    if (host === undefined) throw inputError('the request has an origin-form target and no Host header; add "Host:" or use an absolute URL');
    const pseudoScheme = headers.get(':scheme');
    const scheme = options.scheme ?? (pseudoScheme === 'http' || pseudoScheme === 'https' ? pseudoScheme : /:80$/.test(host) ? 'http' : 'https');
    url = `${scheme}://${host}${target.startsWith('/') ? target : '/' + target}`;
  }
  const req: CapturedInput = { method: requestLine[1]!, url };
  const authorization = headers.get('authorization');
  if (authorization !== undefined) req.authorization = authorization;
  attachBody(req, body, headers.get('content-type'));
  return req;
}

/** Header lines into a lower-case map (folded lines joined; repeated headers joined with ", "). */
function parseHeaderLines(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | undefined;
  for (const line of lines) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      out.set(last, out.get(last)! + ' ' + line.trim());
      continue;
    }
    // HTTP/2 pseudo-headers as browsers print them (`:authority: api.example.com`) keep their leading ":".
    const colon = line.indexOf(':', line.startsWith(':') ? 1 : 0);
    if (colon <= 0) throw inputError(`malformed header line ${JSON.stringify(line.slice(0, 60))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    out.set(name, out.has(name) ? out.get(name)! + ', ' + value : value);
    last = name;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// curl command lines.

/**
 * Splits a command line into words as a POSIX shell does: single quotes keep everything,
 * double quotes keep everything except `\` before `$ \` " \\` and newline, a backslash outside
 * quotes escapes the next character, `\` + newline continues the line. `$'…'` (ANSI-C quoting)
 * is also understood. Variables and globs are not expanded.
 *
 * @throws {RequestError} `ERR_OAUTH_INPUT_INVALID` for an unterminated quote.
 * @example shellWords(`curl -H 'Authorization: OAuth a="b"' "https://x.example/?q=a b"`)
 * // ['curl', '-H', 'Authorization: OAuth a="b"', 'https://x.example/?q=a b']
 */
// POSIX.1-2017 Shell Command Language §2.2 (quoting)
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i]!;
    if (c === '\\') {
      if (line[i + 1] === '\n') { i += 2; continue; }
      if (line[i + 1] === '\r' && line[i + 2] === '\n') { i += 3; continue; }
      if (i + 1 < n) { word += line[i + 1]; inWord = true; }
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) throw inputError(`unterminated single quote at offset ${i}`);
      word += line.slice(i + 1, end); inWord = true; i = end + 1;
      continue;
    }
    if (c === '$' && line[i + 1] === "'") {
      i += 2; inWord = true;
      for (;;) {
        if (i >= n) throw inputError('unterminated $\'…\' quote');
        const d = line[i]!;
        if (d === "'") { i++; break; }
        if (d === '\\' && i + 1 < n) {
          const e = line[i + 1]!;
          const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };
          if (simple[e] !== undefined) { word += simple[e]; i += 2; continue; }
          if (e === 'x') { const h = /^[0-9A-Fa-f]{1,2}/.exec(line.slice(i + 2))![0]; word += String.fromCharCode(parseInt(h, 16)); i += 2 + h.length; continue; }
          word += d + e; i += 2; continue;
        }
        word += d; i++;
      }
      continue;
    }
    if (c === '"') {
      i++; inWord = true;
      for (;;) {
        if (i >= n) throw inputError('unterminated double quote');
        const d = line[i]!;
        if (d === '"') { i++; break; }
        if (d === '\\' && i + 1 < n && '$`"\\\n'.includes(line[i + 1]!)) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2; continue;
        }
        word += d; i++;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) { words.push(word); word = ''; inWord = false; }
      i++;
      continue;
    }
    word += c; inWord = true; i++;
  }
  if (inWord) words.push(word);
  return words;
}

const CURL_FLAGS_WITHOUT_VALUE = new Set([
  '-s', '--silent', '-S', '--show-error', '-v', '--verbose', '-k', '--insecure', '-L', '--location', '-i', '--include',
  '--compressed', '-f', '--fail', '-N', '--no-buffer', '-g', '--globoff', '-#', '--progress-bar', '--http1.1', '--http2',
  '-4', '-6', '-j', '--junk-session-cookies', '-O', '--remote-name', '-q', '--fail-with-body', '--no-progress-meter',
]);
const CURL_FLAGS_WITH_VALUE = new Set([
  '-o', '--output', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar', '-m', '--max-time',
  '--connect-timeout', '-w', '--write-out', '-x', '--proxy', '-u', '--user', '--cacert', '--cert', '-E', '--key',
  '--resolve', '--retry', '-r', '--range', '-T', '--upload-file', '--limit-rate', '-D', '--dump-header', '--interface',
  '--max-redirs', '--connect-to', '--trace', '--trace-ascii',
]);

/**
 * Reads a `curl` command line (as copied from a terminal or from a browser's "Copy as cURL"):
 * `-X`, `-H`, `-d`/`--data`/`--data-raw`/`--data-binary`/`--data-ascii`, `--data-urlencode`,
 * `-F`/`--form` (multipart), `-G`/`--get`, `-I`/`--head`, `--url` and the URL. Options that do
 * not change what is signed (`-s`, `-v`, `-o FILE`, …) are skipped; anything else is an error,
 * because guessing could change the request.
 *
 * @throws {RequestError} `ERR_OAUTH_INPUT_INVALID` naming the offending word.
 * @example parseCurlCommand(`curl -X POST -d 'status=hi' -H 'Authorization: OAuth …' https://api.example.com/1/update.json`)
 * // { method: 'POST', url: 'https://api.example.com/1/update.json', form: [['status', 'hi']], authorization: 'OAuth …', … }
 */
export function parseCurlCommand(command: string, options: InputOptions = {}): CapturedInput {
  const words = shellWords(command);
  if (words[0] === 'curl' || words[0]?.endsWith('/curl')) words.shift();
  let method: string | undefined;
  let url: string | undefined;
  const headers: Array<[string, string]> = [];
  const data: string[] = [];
  const formParts: Array<{ name: string; value: string; file?: string }> = [];
  let get = false;
  let head = false;
  const read = (path: string, flag: string): string => {
    if (options.readFile === undefined) throw inputError(`${flag} @${path}: reading files is not allowed here`);
    return options.readFile(path);
  };
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    let inline: string | undefined;
    if (w.startsWith('--') && w.includes('=') && !w.startsWith('--data') && !w.startsWith('--form')) {
      inline = w.slice(w.indexOf('=') + 1); w = w.slice(0, w.indexOf('='));
    } else if (/^-[XHdFeAbouwmx]./.test(w)) {
      inline = w.slice(2); w = w.slice(0, 2);
    }
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = words[++i];
      if (v === undefined) throw inputError(`curl option ${w} needs a value`);
      return v;
    };
    switch (w) {
      case '-X': case '--request': method = value(); break;
      case '-H': case '--header': {
        const h = value();
        const colon = h.indexOf(':');
        if (colon <= 0) throw inputError(`curl header ${JSON.stringify(h.slice(0, 40))} has no ":"`);
        headers.push([h.slice(0, colon).trim().toLowerCase(), h.slice(colon + 1).trim()]);
        break;
      }
      case '-d': case '--data': case '--data-ascii': {
        const v = value();
        data.push(v.startsWith('@') ? read(v.slice(1), w).replace(/[\r\n]/g, '') : v);
        break;
      }
      case '--data-binary': { const v = value(); data.push(v.startsWith('@') ? read(v.slice(1), w) : v); break; }
      case '--data-raw': data.push(value()); break;
      case '--data-urlencode': data.push(curlUrlencode(value(), (p) => read(p, w))); break;
      case '-F': case '--form': formParts.push(curlFormPart(value(), (p) => read(p, w))); break;
      case '--form-string': { const v = value(); const eq = v.indexOf('='); formParts.push({ name: v.slice(0, eq), value: v.slice(eq + 1) }); break; }
      case '-G': case '--get': get = true; break;
      case '-I': case '--head': head = true; break;
      case '--url': url = value(); break;
      default:
        if (CURL_FLAGS_WITHOUT_VALUE.has(w)) break;
        if (CURL_FLAGS_WITH_VALUE.has(w)) { value(); break; }
        if (/^-[A-Za-z#]{2,}$/.test(w) && [...w.slice(1)].every((c) => CURL_FLAGS_WITHOUT_VALUE.has('-' + c))) break;
        if (w.startsWith('-') && w.length > 1) throw inputError(`unsupported curl option ${JSON.stringify(w)}; remove it if it does not change the request`);
        if (url !== undefined) throw inputError(`more than one URL in the curl command (${JSON.stringify(w.slice(0, 60))})`);
        url = w;
    }
  }
  if (url === undefined) throw inputError('the curl command has no URL');
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url)) url = 'http://' + url; // curl's own default
  const header = (name: string): string | undefined => headers.filter((h) => h[0] === name).map((h) => h[1]).at(-1);
  const req: CapturedInput = { method: 'GET', url };
  const authorization = header('authorization');
  if (authorization !== undefined) req.authorization = authorization;
  if (formParts.length > 0) {
    const fields: Parameter[] = [];
    const files: CapturedFile[] = [];
    for (const p of formParts) {
      if (p.file !== undefined) files.push({ name: p.name, filename: p.file.split('/').at(-1) ?? p.file });
      else fields.push([p.name, p.value]);
    }
    req.multipart = { fields, files };
    req.contentType = 'multipart/form-data';
    req.method = 'POST';
  } else if (data.length > 0) {
    const joined = data.join('&');
    if (get) {
      req.url = url + (url.includes('?') ? '&' : '?') + joined;
    } else {
      req.method = 'POST';
      const contentType = header('content-type') ?? 'application/x-www-form-urlencoded';
      attachBody(req, joined, contentType);
      req.contentType = contentType;
    }
  }
  if (head) req.method = 'HEAD';
  if (method !== undefined) req.method = method;
  return req;
}

/** `--data-urlencode` forms: `content`, `=content`, `name=content`, `@file`, `name@file` (curl(1)). */
function curlUrlencode(arg: string, read: (path: string) => string): string {
  const eq = arg.indexOf('=');
  const at = arg.indexOf('@');
  if (eq !== -1 && (at === -1 || eq < at)) {
    const name = arg.slice(0, eq);
    return (name === '' ? '' : name + '=') + percentEncode(arg.slice(eq + 1));
  }
  if (at !== -1) {
    const name = arg.slice(0, at);
    return (name === '' ? '' : name + '=') + percentEncode(read(arg.slice(at + 1)));
  }
  return percentEncode(arg);
}

/** `-F name=value`, `-F name=@file[;type=…]`, `-F name=<file` (curl(1)). */
function curlFormPart(arg: string, read: (path: string) => string): { name: string; value: string; file?: string } {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw inputError(`curl -F ${JSON.stringify(arg.slice(0, 40))} must be name=value`);
  const name = arg.slice(0, eq);
  const value = arg.slice(eq + 1);
  if (value.startsWith('@')) {
    const attrs = value.slice(1).split(';');
    const filename = attrs.find((a) => a.startsWith('filename='))?.slice(9);
    return { name, value: '', file: filename ?? attrs[0]! };
  }
  if (value.startsWith('<')) return { name, value: read(value.slice(1).split(';')[0]!) };
  return { name, value: value.split(';type=')[0]! };
}

// ---------------------------------------------------------------------------------------------
// HAR 1.2 (browser "Save all as HAR").

interface HarRequest {
  method: string;
  url: string;
  headers?: Array<{ name: string; value: string }>;
  postData?: { mimeType?: string; text?: string; params?: Array<{ name: string; value?: string; fileName?: string; contentType?: string }> };
}

/**
 * Reads entry `entry` (0-based) of a HAR 1.2 log.
 *
 * @throws {RequestError} `ERR_OAUTH_INPUT_INVALID` for bad JSON, a missing entry or a request without method/url.
 * @example parseHarEntry(readFileSync('session.har', 'utf8'), 3)
 */
// HAR 1.2 (W3C Web Performance draft) §log.entries.request
export function parseHarEntry(harText: string, entry = 0): CapturedInput {
  let har: { log?: { entries?: Array<{ request?: HarRequest }> } };
  try {
    har = JSON.parse(harText) as typeof har;
  } catch (e) {
    throw inputError(`HAR file is not JSON: ${(e as Error).message}`);
  }
  const entries = har.log?.entries;
  if (!Array.isArray(entries)) throw inputError('HAR file has no log.entries array');
  const request = entries[entry]?.request;
  if (request === undefined) throw inputError(`HAR entry ${entry} does not exist (the file has ${entries.length}, numbered from 0)`);
  if (typeof request.method !== 'string' || typeof request.url !== 'string') throw inputError(`HAR entry ${entry} has no request method/url`);
  const req: CapturedInput = { method: request.method, url: request.url };
  const header = (name: string): string | undefined => request.headers?.find((h) => h.name.toLowerCase() === name)?.value;
  const authorization = header('authorization');
  if (authorization !== undefined) req.authorization = authorization;
  const post = request.postData;
  if (post !== undefined) {
    const contentType = header('content-type') ?? post.mimeType;
    if (isMultipart(contentType) && Array.isArray(post.params) && (post.text === undefined || post.text === '' || boundaryOf(contentType!) === undefined)) {
      req.contentType = contentType!;
      req.multipart = {
        fields: post.params.filter((p) => p.fileName === undefined).map((p) => [p.name, p.value ?? ''] as const),
        files: post.params.filter((p) => p.fileName !== undefined).map((p) => ({ name: p.name, filename: p.fileName! })),
      };
    } else if (post.text !== undefined) {
      attachBody(req, post.text, contentType);
    } else if (Array.isArray(post.params) && isFormContentType(contentType)) {
      // HAR params of a form body are as sent (still encoded).
      req.contentType = contentType!;
      req.form = parseFormEncoded(post.params.map((p) => p.name + '=' + (p.value ?? '')).join('&'));
    }
  }
  return req;
}

// ---------------------------------------------------------------------------------------------
// JSON: the signRequest shape plus `authorization`, `multipart`, `provider`, `id`.

/**
 * Reads captured requests given as JSON: one object, an array, or JSON lines. Each is the
 * `signRequest` request shape (`method`, `url`, `form` pairs or `body` + `contentType`, and
 * optionally the credentials) plus `authorization` (the header exactly as sent), `multipart`
 * (`{fields: [[name, value]…], files: [{name, filename, size}…]}`), `provider` and `id`.
 *
 * @throws {RequestError} `ERR_OAUTH_INPUT_INVALID` naming the line.
 * @example parseJsonRequests('{"method":"GET","url":"https://x.example/","authorization":"OAuth …"}')
 */
export function parseJsonRequests(text: string): CapturedInput[] {
  const trimmed = text.trim();
  if (trimmed === '') throw inputError('no JSON request given');
  let values: Array<{ value: unknown; where: string }>;
  try {
    const whole = JSON.parse(trimmed) as unknown;
    values = Array.isArray(whole) ? whole.map((value, i) => ({ value, where: `element ${i}` })) : [{ value: whole, where: 'the object' }];
  } catch {
    values = [];
    trimmed.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        values.push({ value: JSON.parse(line) as unknown, where: `line ${i + 1}` });
      } catch (e) {
        throw inputError(`line ${i + 1} is not JSON: ${(e as Error).message}`);
      }
    });
  }
  return values.map(({ value, where }) => capturedFromJson(value, where));
}

function pairs(v: unknown, what: string): Parameter[] {
  if (!Array.isArray(v) || !v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string')) {
    throw inputError(`${what} must be an array of [name, value] string pairs`);
  }
  return v as Parameter[];
}

function capturedFromJson(v: unknown, where: string): CapturedInput {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw inputError(`${where}: expected a JSON object`);
  const o = v as Record<string, unknown>;
  if (typeof o.method !== 'string' || typeof o.url !== 'string') throw inputError(`${where}: "method" and "url" must be strings`);
  const req: CapturedInput = { method: o.method, url: o.url };
  for (const k of ['id', 'authorization', 'body', 'contentType', 'provider', 'consumerKey', 'consumerSecret', 'token', 'tokenSecret'] as const) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'string' && !(k === 'id' && typeof o[k] === 'number')) throw inputError(`${where}: "${k}" must be a string`);
    (req as unknown as Record<string, string>)[k] = String(o[k]);
  }
  if (o.headers !== undefined && req.authorization === undefined && typeof o.headers === 'object' && o.headers !== null) {
    for (const [name, value] of Object.entries(o.headers as Record<string, unknown>)) {
      if (name.toLowerCase() === 'authorization' && typeof value === 'string') req.authorization = value;
    }
  }
  if (o.form !== undefined) req.form = pairs(o.form, `${where}: "form"`);
  if (o.multipart !== undefined) {
    const mp = o.multipart as { fields?: unknown; files?: unknown };
    if (mp === null || typeof mp !== 'object') throw inputError(`${where}: "multipart" must be {"fields": [...], "files": [...]}`);
    const files = mp.files === undefined ? [] : mp.files;
    if (!Array.isArray(files) || !files.every((f) => f !== null && typeof f === 'object' && typeof (f as CapturedFile).name === 'string')) {
      throw inputError(`${where}: "multipart.files" must be an array of {"name", "filename", "size"}`);
    }
    req.multipart = { fields: mp.fields === undefined ? [] : pairs(mp.fields, `${where}: "multipart.fields"`), files: files as CapturedFile[] };
  }
  return req;
}

// ---------------------------------------------------------------------------------------------
// HTTP responses, for `oauth1 explain`.

/** A provider response as text was pasted: status (0 when the text does not say), headers, body. */
export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Reads a provider's response as captured: a raw HTTP response (`HTTP/1.1 403 Forbidden`,
 * headers, blank line, body), the output of `oauth1 request` (status on the first line, then
 * the body), its `--json` output (`{"status","headers","body"}`), or a bare body (status 0).
 *
 * @example parseHttpResponseText('HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n{"error_code":21321}').status // 401
 */
// RFC 7230 §3.1.2 (status line)
export function parseHttpResponseText(text: string): CapturedResponse {
  if (typeof text !== 'string') throw new TypeError('parseHttpResponseText expects a string');
  const t = text.replace(/^(?:\r?\n)+/, '');
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:[ \t][^\r\n]*)?\r?\n/.exec(t);
  if (status !== null) {
    const rest = t.slice(status[0].length);
    const noHeaders = /^\r?\n/.exec(rest);
    if (noHeaders !== null) return { status: Number(status[1]), headers: {}, body: rest.slice(noHeaders[0].length) };
    const end = /\r?\n\r?\n/.exec(rest);
    const headLines = end === null ? rest.split(/\r?\n/) : rest.slice(0, end.index).split(/\r?\n/);
    const headers = Object.fromEntries(parseHeaderLines(headLines.filter((l) => l.trim() !== '')));
    return { status: Number(status[1]), headers, body: end === null ? '' : rest.slice(end.index + end[0].length) };
  }
  const bare = /^(\d{3})\r?\n/.exec(t);
  if (bare !== null) return { status: Number(bare[1]), headers: {}, body: t.slice(bare[0].length) };
  const trimmed = t.trim();
  if (trimmed.startsWith('{')) {
    try {
      const o = JSON.parse(trimmed) as { status?: unknown; headers?: unknown; body?: unknown };
      if (typeof o.status === 'number' && 'body' in o) {
        const headers: Record<string, string> = {};
        if (o.headers !== null && typeof o.headers === 'object') {
          for (const [k, v] of Object.entries(o.headers as Record<string, unknown>)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
        }
        return { status: o.status, headers, body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) };
      }
    } catch {
      // Not JSON: a bare body.
    }
  }
  return { status: 0, headers: {}, body: t };
}
