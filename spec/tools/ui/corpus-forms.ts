// The forensics corpus (fixtures/forensics/corpus.jsonl) rewritten into each input form the debugger reads: raw HTTP, curl, HAR and JSON.

import { readFileSync } from 'node:fs';
import { formEncode } from '../../../src/core/encoding.js';
import type { Page } from 'playwright-core';
import { CORPUS_FILE } from '../../forensics/corpus-signer.js';

/** A corpus line as committed. */
export interface CorpusLine {
  id: string;
  method: string;
  url: string;
  authorization?: string;
  form?: Array<[string, string]>;
  body?: string;
  contentType?: string;
  multipart?: unknown;
  provider?: string;
  consumerSecret?: string;
  tokenSecret?: string;
  [key: string]: unknown;
}

export type InputForm = 'http' | 'curl' | 'har' | 'json';
export const INPUT_FORMS: readonly InputForm[] = ['http', 'curl', 'har', 'json'];

/** Every corpus line with its raw JSON text. */
export function corpusLines(): Array<{ line: CorpusLine; text: string }> {
  return readFileSync(CORPUS_FILE, 'utf8').trim().split('\n').map((text) => ({ line: JSON.parse(text) as CorpusLine, text }));
}

function bodyOf(l: CorpusLine): { body: string; contentType: string } | undefined {
  if (l.form !== undefined) return { body: formEncode(l.form), contentType: 'application/x-www-form-urlencoded' };
  if (l.body !== undefined) return { body: l.body, contentType: l.contentType ?? 'application/x-www-form-urlencoded' };
  return undefined;
}

function headers(l: CorpusLine): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (l.authorization !== undefined) out.push(['Authorization', l.authorization]);
  const b = bodyOf(l);
  if (b !== undefined) out.push(['Content-Type', b.contentType]);
  return out;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The request of a corpus line (multipart lines excluded) in the given form. */
export function inForm(l: CorpusLine, text: string, form: InputForm): string {
  const b = bodyOf(l);
  switch (form) {
    case 'json': return text;
    case 'http': {
      const u = new URL(l.url);
      const lines = [`${l.method} ${l.url} HTTP/1.1`, `Host: ${u.host}`, ...headers(l).map(([k, v]) => `${k}: ${v}`)];
      return lines.join('\r\n') + '\r\n\r\n' + (b?.body ?? '');
    }
    case 'curl': {
      const parts = ['curl', '-X', l.method, shellQuote(l.url), ...headers(l).flatMap(([k, v]) => ['-H', shellQuote(`${k}: ${v}`)])];
      if (b !== undefined) parts.push('--data-raw', shellQuote(b.body));
      return parts.join(' ');
    }
    case 'har': {
      const request: Record<string, unknown> = {
        method: l.method, url: l.url, httpVersion: 'HTTP/1.1',
        headers: headers(l).map(([name, value]) => ({ name, value })), queryString: [], cookies: [], headersSize: -1, bodySize: b?.body.length ?? 0,
      };
      if (b !== undefined) request.postData = { mimeType: b.contentType, text: b.body };
      return JSON.stringify({ log: { version: '1.2', creator: { name: 'corpus-forms', version: '1' }, entries: [{ request, response: { status: 401 } }] } });
    }
  }
}

/** What the page showed for one diagnosis. */
export interface PageAnswer { valid: boolean | null; first: string | null; error: string | null; ms: number }

/** Pastes one request (and the secrets, unless the JSON carries them) and reads the verdict. */
export async function diagnoseInPage(page: Page, request: string, secrets: { cs: string; ts: string }, publicKey: string): Promise<PageAnswer> {
  // Plain JavaScript text: tsx's helpers (__name) do not exist inside the page.
  return page.evaluate(`(${IN_PAGE})(${JSON.stringify({ request, secrets, publicKey })})`) as Promise<PageAnswer>;
}

const IN_PAGE = `async function ({ request, secrets, publicKey }) {
  function set(id, value) {
    const el = document.getElementById(id);
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
  set('request-input', request);
  set('consumer-secret', secrets.cs);
  set('token-secret', secrets.ts);
  set('public-key', publicKey);
  const out = document.getElementById('diagnose-output');
  out.replaceChildren();
  document.querySelector('[data-testid=diagnose]').click();
  for (let i = 0; i < 500 && out.childElementCount === 0; i++) await new Promise((r) => setTimeout(r, 5));
  const verdict = out.querySelector('[data-testid=verdict]');
  const mistake = out.querySelector('[data-testid=mistake]');
  const error = out.querySelector('[data-testid=diagnose-error]');
  return {
    valid: verdict === null ? null : verdict.getAttribute('data-valid') === 'true',
    first: mistake === null ? null : mistake.getAttribute('data-mistake-id'),
    error: error === null ? null : error.textContent,
    ms: Number(document.getElementById('diagnose-time').dataset.ms ?? 'NaN'),
  };
}`;

