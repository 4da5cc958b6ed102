// Forensics over a corpus signed by the real node-oauth 0.10 and oauth-1.0a 2.2 (dev dependencies): verify names the library's own mistake first.

import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { OutgoingHttpHeaders } from 'node:http';
import { diagnoseSignature, type CapturedRequest } from '../../src/forensics/diagnose.js';
import { mistakeById } from '../../src/forensics/catalogue.js';
import { prng } from '../helpers/prng.js';

const require = createRequire(import.meta.url);
const OAuth1a = require('oauth-1.0a') as new (o: object) => {
  authorize(r: { url: string; method: string; data?: object }, t?: { key: string; secret: string }): Record<string, string>;
  toHeader(d: Record<string, string>): { Authorization: string };
};
const NodeOAuth = (require('oauth') as { OAuth: new (...args: unknown[]) => NodeOAuthLike }).OAuth;

interface NodeOAuthLike {
  _createClient: unknown;
  _performSecureRequest(token: string | null, secret: string | null, method: string, url: string, extra: object | null, body: string | null, contentType: string | null): unknown;
}

const CS = 'corpus-consumer-secret';
const TS = 'corpus-token-secret';
const PER_KIND = 40;

/** Sends one request through the real node-oauth and captures what went on the wire. */
function capture(method: 'GET' | 'POST', url: string, extra: Record<string, string> | null, body: string | null, signatureMethod: string): CapturedRequest {
  const oa = new NodeOAuth('', '', 'corpus-key', CS, '1.0', null, signatureMethod);
  let headers: OutgoingHttpHeaders = {};
  let written = '';
  oa._createClient = (_port: unknown, _host: unknown, _m: unknown, _p: unknown, h: OutgoingHttpHeaders) => {
    headers = h;
    return { write: (d: string) => { written += d; }, on: () => undefined, end: () => undefined };
  };
  oa._performSecureRequest('corpus-token', TS, method, url, extra, body, body === null && extra === null ? null : 'application/x-www-form-urlencoded');
  const captured: CapturedRequest = { method, url, authorization: String(headers.Authorization) };
  if (written !== '') { captured.body = written; captured.contentType = 'application/x-www-form-urlencoded'; }
  return captured;
}

const WORDS = ['alpha', 'beta', 'x y', 'café', '1', '2', 'z'];

/** Corpus entries: what node-oauth did and the catalogue id that names it. */
function corpus(): Array<{ expected: string; library?: string; request: CapturedRequest }> {
  const r = prng(0x0a17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  // PLAINTEXT signs no base string, so none of these mistakes can show in it.
  const methods = ['HMAC-SHA1', 'HMAC-SHA256'];
  const out: Array<{ expected: string; library?: string; request: CapturedRequest }> = [];
  for (let i = 0; i < PER_KIND; i++) {
    const name = pick(['ids', 'tag', 'a']);
    const values = [pick(WORDS), pick(WORDS), ...(r() < 0.5 ? [pick(WORDS)] : [])];
    const q = values.map((v) => `${name}=${encodeURIComponent(v)}`).join('&') + (r() < 0.5 ? `&other=${encodeURIComponent(pick(WORDS))}` : '');
    out.push({ expected: 'node-oauth-indexed-keys', request: capture('GET', `https://api.example.com/1.1/items.json?${q}`, null, null, pick(methods)) });

    const body = `status=${encodeURIComponent(pick(WORDS) + i)}${r() < 0.5 ? `&lang=${pick(['en', 'fr'])}` : ''}`;
    out.push({ expected: 'form-omitted', request: capture('POST', `https://api.example.com/1.1/statuses/update.json${r() < 0.3 ? '?trim_user=1' : ''}`, null, body, pick(methods)) });

    const shared = pick(['status', 'id', 'q']);
    const queryValue = pick(WORDS) + 'q';
    const bodyValue = pick(WORDS) + 'b' + i;
    out.push({ expected: 'duplicates-collapsed', request: capture('POST', `https://api.example.com/1.1/x.json?${shared}=${encodeURIComponent(queryValue)}`, { [shared]: bodyValue }, null, pick(methods)) });
  }
  for (let i = 0; i < PER_KIND; i++) {
    // oauth-1.0a 2.2 merges the query into data: the query's value replaces the body's (its multiple_values.js case).
    const shared = pick(['status', 'alt', 'q']);
    const queryValue = pick(WORDS) + 'q' + i;
    const bodyValue = pick(WORDS) + 'b';
    const url = `https://api.example.com/1.1/y.json?${shared}=${encodeURIComponent(queryValue)}`;
    const digest = pick(['sha1', 'sha256'] as const);
    const method = digest === 'sha1' ? 'HMAC-SHA1' : 'HMAC-SHA256';
    const hash = (base: string, key: string): string => createHmac(digest, key).update(base).digest('base64');
    const oa = new OAuth1a({ consumer: { key: 'corpus-key', secret: CS }, signature_method: method, hash_function: hash });
    const data = { [shared]: bodyValue };
    const header = oa.toHeader(oa.authorize({ url, method: 'POST', data }, { key: 'corpus-token', secret: TS })).Authorization;
    out.push({ expected: 'duplicates-collapsed', library: 'oauth-1.0a', request: { method: 'POST', url, authorization: header, body: `${shared}=${encodeURIComponent(bodyValue)}`, contentType: 'application/x-www-form-urlencoded' } });

    // oauth-1.0a's last_ampersand: false drops the "&" of a key without token secret.
    const oa2 = new OAuth1a({ consumer: { key: 'corpus-key', secret: CS }, signature_method: method, hash_function: hash, last_ampersand: false });
    const url2 = `https://api.example.com/1.1/z.json?page=${i}`;
    out.push({ expected: 'key-ampersand-missing', library: 'oauth-1.0a', request: { method: 'GET', url: url2, authorization: oa2.toHeader(oa2.authorize({ url: url2, method: 'GET' })).Authorization } });
  }
  return out;
}

describe('forensics: a corpus signed by the real node-oauth 0.10 and oauth-1.0a 2.2', () => {
  it('names the library\'s mistake first for ≥ 95% of each kind (indexed keys, unsigned string body, collapsed names, key without "&")', () => {
    const tally = new Map<string, { right: number; total: number; firsts: Map<string, number> }>();
    for (const { expected, library, request } of corpus()) {
      const key = `${library ?? 'node-oauth'} ${expected}`;
      const d = diagnoseSignature(request, { consumerSecret: CS, ...(request.authorization?.includes('oauth_token') ? { tokenSecret: TS } : {}) });
      const first = d.explanations[0]?.mistakes.join('+') ?? (d.valid ? 'valid' : 'none');
      const t = tally.get(key) ?? { right: 0, total: 0, firsts: new Map() };
      t.total++;
      if (first === expected) t.right++;
      t.firsts.set(first, (t.firsts.get(first) ?? 0) + 1);
      tally.set(key, t);
    }
    for (const [id, t] of tally) {
      console.log(`      [library corpus] ${id}: ${t.right}/${t.total} named first (${[...t.firsts].map(([k, n]) => `${k} ${n}`).join(', ')})`);
    }
    for (const [id, t] of tally) expect(t.right / t.total, id).to.be.at.least(0.95);
  });

  it('the entries name the library, its version and the compat entry point in their fix', () => {
    for (const id of ['node-oauth-indexed-keys', 'duplicates-collapsed', 'form-omitted'] as const) {
      expect(mistakeById(id)!.fix, id).to.include('node-oauth 0.10').and.include('oauth1-toolkit/compat/oauth');
    }
    for (const id of ['duplicates-collapsed', 'key-ampersand-missing'] as const) {
      expect(mistakeById(id)!.fix, id).to.include('oauth-1.0a 2.2').and.include('oauth1-toolkit/compat/oauth-1.0a');
    }
  });
});
