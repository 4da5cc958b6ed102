// Raw HTTP/1.1 request text as captured by a proxy or typed by hand (RFC 7230 §3).

import { attachBody } from './multipart.js';
import { capEcho } from '../cap-echo.js';
import { inputError, type CapturedInput, type InputOptions } from './common.js';

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
  // The target must be origin-form (/path) or absolute-form (scheme://…): "hello world" is not a request line.
  const requestLine = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]+(\/\S*|[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+)(?:[ \t]+HTTP\/\d(?:\.\d)?)?[ \t]*$/.exec(lines[0] ?? '');
  if (requestLine === null) {
    throw inputError(`not an HTTP request: its first line must be a request line such as "GET /path HTTP/1.1" (method, then a path or an absolute URL), got ${JSON.stringify(capEcho(lines[0] ?? '', 60))}`);
  }
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
export function parseHeaderLines(lines: string[]): Map<string, string> {
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
