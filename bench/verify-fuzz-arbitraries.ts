// fast-check generators for fuzzing the verifier's front door (header, percent-decoding, forms, requests, multipart).

import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { OAuthError } from '../src/core/errors.js';
import type { PlainHttpRequest } from '../src/server/verify-request.js';

/** True for the outcomes a front door may end in: a typed protocol error or a TypeError. */
export function isTypedError(e: unknown): boolean {
  return e instanceof OAuthError || e instanceof TypeError;
}

/** Strings made of protocol-shaped tokens mixed with arbitrary (incl. lone-surrogate) text, up to `maxTokens`. */
export function soup(tokens: readonly string[], maxTokens: number): fc.Arbitrary<string> {
  const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
  return fc.array(fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...tokens) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    { weight: 1, arbitrary: fc.string({ unit: anyUnit, maxLength: 4 }) },
  ), { maxLength: maxTokens, size: 'max' }).map((parts) => parts.join(''));
}

const NAMES = ['oauth_consumer_key', 'oauth_token', 'oauth_nonce', 'oauth_timestamp', 'oauth_signature', 'oauth_signature_method', 'oauth_version', 'oauth_body_hash', 'realm', 'status', 'a', 'ñ'];
const PCT = ['%', '%2', '%20', '%25', '%2B', '%41', '%C3%A9', '%E5%BE%AE', '%E5%BE', '%FF', '%80', '%ZZ', '%%', '+'];

const HEADER_TOKENS = ['OAuth ', 'oauth ', 'Basic ', ' ', '\t', ',', ', ', '=', '="', '"', '\\', '\\"', ...NAMES, ...PCT, 'HMAC-SHA1', '1318622958', 'x', 'é', '😀', '\u0000', '\r\n'];

/**
 * Authorization-header-like strings: raw token soup, soup after the `OAuth ` scheme, and
 * `name="value"` lists with damaged names, values and separators (so most inputs get past the scheme).
 */
export const headerArb = (maxTokens = 400): fc.Arbitrary<string> => fc.oneof(
  soup(HEADER_TOKENS, maxTokens),
  soup(HEADER_TOKENS, maxTokens).map((s) => 'OAuth ' + s),
  fc.array(fc.tuple(
    fc.oneof(fc.constantFrom(...NAMES), soup([...NAMES, ...PCT, '"', '='], 3)),
    soup([...PCT, 'v', '1.0', '"', '\\', '\\"', ',', 'é', ' '], 12),
    fc.constantFrom(', ', ',', ' , ', ',,', '', '\t,\t'),
  ), { maxLength: Math.max(1, Math.floor(maxTokens / 10)), size: 'max' })
    .map((pairs) => 'OAuth ' + pairs.map(([k, v, sep], i) => `${i === 0 ? '' : sep}${k}="${v}"`).join('')),
);

/** Percent-encoded-ish strings. */
export const percentArb = (maxTokens = 400): fc.Arbitrary<string> => soup([...PCT, 'a', 'Z', '0', '9', '-', '.', '_', '~', ' ', 'é', '\ud800'], maxTokens);

/** Form-encoded-ish strings. */
export const formArb = (maxTokens = 400): fc.Arbitrary<string> => soup(['&', '=', '&&', '==', ...NAMES, ...PCT, 'v', 'HMAC-SHA1', '1.0'], maxTokens);

/** Arbitrary requests at the verifier's front door, some with bodies larger than the limit. */
export const requestArb = (maxBodyBytes: number): fc.Arbitrary<PlainHttpRequest> => fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'get', 'G E T', '', 'DELETE'),
  url: fc.tuple(fc.constantFrom('http://api.example.com', 'https://API.example.com:443', 'http://[::1]:8080', 'http://a@b', 'ftp://x', '/relative', 'http://'), soup(['/', 'path', '%20', '..', ';', '#', ...PCT], 20), formArb(60))
    .map(([o, p, q]) => `${o}${p}?${q}`),
  headers: fc.record({
    authorization: fc.option(fc.oneof(headerArb(), fc.array(headerArb(20), { maxLength: 3 })), { nil: undefined }),
    'content-type': fc.option(fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'multipart/form-data; boundary=x', 'text/plain', ''), { nil: undefined }),
  }, { requiredKeys: [] }),
  body: fc.option(fc.oneof(
    { weight: 8, arbitrary: formArb() },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: maxBodyBytes * 2 }).map((n) => 'a='.padEnd(n, 'x')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  ), { nil: undefined }),
}, { requiredKeys: ['method', 'url', 'headers'] }) as fc.Arbitrary<PlainHttpRequest>;

/** RFC 3986 unreserved-only percent-encoding (independent of src/core/encoding.ts). */
function enc(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Credentials the fuzz verifier knows. */
export const FUZZ_CONSUMER = { key: 'fuzz-consumer', secret: 'fuzz-consumer-secret' };
export const FUZZ_TOKEN = { token: 'fuzz-token', secret: 'fuzz-token-secret' };

/** A validly signed request (HMAC-SHA1, header) with the given query and form pairs; nonce and timestamp given. */
export function signedRequest(query: Array<[string, string]>, form: Array<[string, string]>, nonce: string, timestamp: number): PlainHttpRequest {
  const base = 'https://api.example.com/fuzz/resource';
  const oauth: Array<[string, string]> = [
    ['oauth_consumer_key', FUZZ_CONSUMER.key], ['oauth_token', FUZZ_TOKEN.token], ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', String(timestamp)], ['oauth_nonce', nonce], ['oauth_version', '1.0'],
  ];
  const pairs = [...query, ...oauth, ...form].map(([k, v]) => [enc(k), enc(v)] as [string, string]);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const baseString = `POST&${enc(base)}&${enc(pairs.map(([k, v]) => `${k}=${v}`).join('&'))}`;
  const signature = createHmac('sha1', `${enc(FUZZ_CONSUMER.secret)}&${enc(FUZZ_TOKEN.secret)}`).update(baseString).digest('base64');
  const qs = query.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return {
    method: 'POST',
    url: base + (qs === '' ? '' : '?' + qs),
    headers: {
      authorization: 'OAuth ' + [...oauth, ['oauth_signature', signature] as [string, string]].map(([k, v]) => `${enc(k)}="${enc(v)}"`).join(', '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: form.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'),
  };
}

/** Parameter pairs with any well-formed Unicode (no lone surrogates), names not starting with `oauth_`. */
export const pairsArb = (maxLength = 8): fc.Arbitrary<Array<[string, string]>> => fc.array(
  fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((n) => !n.startsWith('oauth_')), fc.string({ unit: 'grapheme', maxLength: 24 })),
  { maxLength },
);

/** A random edit of a signed request: flip a character of the header, URL or body, or add a parameter. */
export const mutationArb = fc.record({
  where: fc.constantFrom('authorization', 'url', 'body', 'add-query', 'add-form'),
  at: fc.nat(),
  ch: fc.constantFrom('a', '%', '&', '=', '"', ',', ' ', 'Z', '0', '+'),
  extra: fc.constantFrom('oauth_nonce=x', 'oauth_token=fuzz-token', 'a=1', 'oauth_signature=AAAA', '&'),
});

/** Applies a {@link mutationArb} edit. */
export function mutate(req: PlainHttpRequest, m: { where: string; at: number; ch: string; extra: string }): PlainHttpRequest {
  const flip = (s: string): string => (s.length === 0 ? m.ch : s.slice(0, m.at % s.length) + m.ch + s.slice((m.at % s.length) + 1));
  const headers = { ...req.headers };
  let { url } = req;
  let body = req.body as string;
  if (m.where === 'authorization') headers.authorization = flip(String(headers.authorization));
  else if (m.where === 'url') url = url.slice(0, 'https://api.example.com'.length) + flip(url.slice('https://api.example.com'.length));
  else if (m.where === 'body') body = flip(body);
  else if (m.where === 'add-query') url += (url.includes('?') ? '&' : '?') + m.extra;
  else body += (body === '' ? '' : '&') + m.extra;
  return { method: req.method, url, headers, body };
}

/** Multipart-ish bodies for the upload front door. */
export const multipartArb = fc.record({
  boundary: fc.constantFrom('xYzZY', 'b', '----WebKitFormBoundary7MA4YWxkTrZu0gW', '', '"quoted"'),
  parts: fc.array(fc.record({
    name: fc.constantFrom('status', 'pic', 'media[]', 'oauth_nonce', '', 'ñ"x'),
    filename: fc.option(fc.constantFrom('cat.jpg', '', '../../etc/passwd', 'é.png'), { nil: undefined }),
    content: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), soup(['--', '\r\n', 'Content-Disposition: form-data; name="x"', 'xYzZY', ...PCT], 30)),
  }), { maxLength: 5 }),
  truncate: fc.option(fc.nat({ max: 2000 }), { nil: undefined }),
  junkHeader: fc.option(soup(['Content-Type: ', 'text/plain', ';', 'charset=', 'filename*=', "UTF-8''%E5", '\r\n'], 10), { nil: undefined }),
}).map(({ boundary, parts, truncate, junkHeader }) => {
  let body = '';
  for (const p of parts) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}\r\n${junkHeader ?? ''}\r\n\r\n${p.content}\r\n`;
  }
  body += `--${boundary}--\r\n`;
  if (truncate !== undefined) body = body.slice(0, truncate);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
});
