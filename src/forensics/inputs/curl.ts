// curl command lines, as pasted from a terminal or a browser's "Copy as cURL".

import { percentEncode } from '../../core/encoding.js';
import type { Parameter } from '../../core/types.js';
import type { CapturedFile } from '../diagnose.js';
import { attachBody } from './multipart.js';
import { capEcho } from '../cap-echo.js';
import { inputError, type CapturedInput, type InputOptions } from './common.js';

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
  else if (words[0] !== undefined && /^[A-Za-z][\w.+-]*$/.test(words[0]) && !/^[a-z][a-z0-9+.-]*:/i.test(words[0])) {
    // wget, http (HTTPie), fetch…: their options mean other things, so reading them as curl's would mislead.
    throw inputError(`not a curl command: it starts with ${JSON.stringify(capEcho(words[0], 40))}; give the request as a curl command line (curl -X … -H … URL), or as a raw HTTP request`);
  }
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
