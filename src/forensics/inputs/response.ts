// HTTP responses as pasted, for `oauth1 explain`.

import { parseHeaderLines } from './http.js';


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
