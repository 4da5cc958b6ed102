// Forensics corpus generator: a minimal RFC 5849 §3.4 signer written from the RFC text, with each catalogued mistake applied as its definition says.
//
// Independent of the verifier on purpose: it imports nothing from src/ (no src/forensics, no
// src/sign, no src/encoding) — its percent-encoding, form decoding, URL splitting, sorting and
// key are its own. Only node:crypto's HMAC / RSA primitives are shared.
//
// Run: `npx tsx spec/forensics/corpus-signer.ts` rewrites fixtures/forensics/corpus.jsonl.
// The output is deterministic (fixed nonces, timestamps and a committed test RSA key).

import { createHmac, createSign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse as querystringParse } from 'node:querystring';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Pair = [string, string];

const HERE = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = resolve(HERE, '../../fixtures/forensics');
export const CORPUS_FILE = resolve(CORPUS_DIR, 'corpus.jsonl');

// ---------------------------------------------------------------------------------------------
// RFC 5849 §3.6 percent-encoding, with the encoding mistakes as switches.

interface Encoding { plus?: boolean; keepReserved?: boolean; lowerHex?: boolean }

/** §3.6: UTF-8 octets; ALPHA, DIGIT, "-", ".", "_", "~" stay; everything else is "%" + two upper-case hex digits. */
function pct(text: string, e: Encoding = {}): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    const unreserved = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || c === '-' || c === '.' || c === '_' || c === '~';
    if (unreserved) out += c;
    // space-as-plus: "the signer encoded spaces as '+' (form encoding)"
    else if (e.plus && c === ' ') out += '+';
    // reserved-unencoded: encodeURIComponent leaves ! * ' ( ) as they are
    else if (e.keepReserved && (c === '!' || c === '*' || c === "'" || c === '(' || c === ')')) out += c;
    else {
      const hex = b.toString(16).padStart(2, '0');
      // lowercase-hex: "%2f" instead of "%2F"
      out += '%' + (e.lowerHex ? hex.toLowerCase() : hex.toUpperCase());
    }
  }
  return out;
}

/** application/x-www-form-urlencoded decoding (W3C HTML 4.0 §17.13.4), as §3.4.1.3.1 asks for the query and body. */
function formDecode(s: string): Pair[] {
  if (s === '') return [];
  const dec = (x: string): string => {
    const bytes: number[] = [];
    const t = x.replace(/\+/g, ' ');
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '%') { bytes.push(parseInt(t.slice(i + 1, i + 3), 16)); i += 2; } else bytes.push(...new TextEncoder().encode(t[i]!));
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  };
  return s.split('&').filter((x) => x !== '').map((kv) => {
    const i = kv.indexOf('=');
    return i === -1 ? [dec(kv), ''] : [dec(kv.slice(0, i)), dec(kv.slice(i + 1))];
  });
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Scenarios: the requests the corpus is built from.

interface Credentials { consumerKey: string; consumerSecret: string; token?: string; tokenSecret?: string }

const RFC_CREDS: Credentials = { consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: 'kd94hf93k423kf44', token: 'nnch734d00sl2jdk', tokenSecret: 'pfkkdhi9sl3r4s00' };
const TWITTER_CREDS: Credentials = {
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog', consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
};
const ODD_CREDS: Credentials = { consumerKey: 'odd-key', consumerSecret: "s3cr3t (dev) it's!", token: 'tok-42', tokenSecret: 'ts with space*' };
const NO_TOKEN_CREDS: Credentials = { consumerKey: 'app-77', consumerSecret: 'c0nsumer~secret' };

type Method = 'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'RSA-SHA1' | 'RSA-SHA256' | 'PLAINTEXT';

interface Scenario {
  name: string;
  method: string;
  /** URL as sent on the wire (query included). */
  url: string;
  form?: Pair[];
  /** Send the form as a raw body string instead of decoded pairs in the JSON. */
  rawBody?: boolean;
  multipart?: { fields: Pair[]; files: Array<{ name: string; filename: string; size: number }> };
  /** Provider profile name; its multipart rule per docs (weibo-v1: text fields signed; twitter, generic: none). */
  provider?: string;
  realm?: string;
  version: boolean;
  callback?: string;
  verifier?: string;
  creds: Credentials;
  signatureMethod: Method;
}

const SIGNED_MULTIPART_FIELDS: Record<string, boolean> = { 'weibo-v1': true, tencent: true, twitter: false, generic: false };

const PIC = { name: 'pic', filename: 'cat.jpg', size: 48213 };
const MEDIA = { name: 'media[]', filename: 'photo.png', size: 120443 };

export const SCENARIOS: Scenario[] = [
  { name: 'timeline-get', method: 'GET', url: 'https://api.example.com/1.1/statuses/home_timeline.json?count=5&since_id=12345', version: true, creds: RFC_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'twitter-update', method: 'POST', url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true', form: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']], version: true, creds: TWITTER_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'photos-port-realm', method: 'GET', url: 'http://photos.example.net:8080/photos?file=vacation.jpg&size=original', realm: 'Photos', version: true, creds: RFC_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'weibo-update-cjk', method: 'POST', url: 'http://api.t.sina.com.cn/statuses/update.json', form: [['status', '今天天气不错 (test)!'], ['source', 'appkey123']], provider: 'weibo-v1', version: true, creds: RFC_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'weibo-upload', method: 'POST', url: 'http://api.t.sina.com.cn/statuses/upload.json', multipart: { fields: [['status', '上传 a photo!'], ['source', 'appkey123']], files: [PIC] }, provider: 'weibo-v1', version: true, creds: RFC_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'twitter-media', method: 'POST', url: 'https://api.twitter.com/1.1/statuses/update_with_media.json', multipart: { fields: [['status', 'Photo time (1/2)']], files: [MEDIA] }, provider: 'twitter', version: true, creds: TWITTER_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'items-host-case', method: 'GET', url: 'https://Api.Example.COM/v1/items/?filter=a*b&sort=name(asc)', version: true, creds: ODD_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'notes-443-sha256', method: 'POST', url: 'https://api.example.com:443/v1/notes?draft=1', form: [['title', 'Café ~ notes'], ['tag', 'a b']], rawBody: true, realm: 'Example', version: false, creds: RFC_CREDS, signatureMethod: 'HMAC-SHA256' },
  { name: 'request-token-callback', method: 'POST', url: 'http://localhost:3000/oauth/request_token', callback: 'http://localhost:3000/cb?x=1&y=two words', version: true, creds: NO_TOKEN_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'search-repeated', method: 'POST', url: 'https://www.example.org/api/v2/search?lang=fr', form: [['q', 'xé1'], ['q', 'x~1'], ['page', '2']], version: true, creds: TWITTER_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'put-8443-path', method: 'PUT', url: 'https://files.example.com:8443/v1/files/my%20doc.txt?overwrite=true', version: true, creds: ODD_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'photos-upper-host', method: 'GET', url: 'https://API.EXAMPLE.NET/Photos/?size=large&file=cat%27s%20(1).jpg', version: false, creds: RFC_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'delete-8000-realm', method: 'DELETE', url: 'http://Example.com:8000/v1/sessions/abc', realm: 'Sessions', version: true, creds: TWITTER_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'jira-rsa', method: 'GET', url: 'https://jira.example.com/rest/api/2/issue/ABC-1?expand=names,renderedFields', version: true, creds: { consumerKey: 'jira-link', consumerSecret: '' , token: 'jtok', tokenSecret: '' }, signatureMethod: 'RSA-SHA1' },
  { name: 'access-token-plaintext', method: 'POST', url: 'https://api.example.com/oauth/access_token', verifier: 'hfdp7dh39dks9884', version: true, creds: RFC_CREDS, signatureMethod: 'PLAINTEXT' },
  { name: 'weibo-upload-geo', method: 'POST', url: 'http://api.t.sina.com.cn/statuses/upload.json', multipart: { fields: [['status', 'hello world'], ['lat', '39.9042'], ['long', '116.4074']], files: [PIC] }, provider: 'weibo-v1', version: true, creds: TWITTER_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'weibo-upload-source-first', method: 'POST', url: 'http://api.t.sina.com.cn/statuses/upload.json?source=appkey123', multipart: { fields: [['status', '周末愉快 :)']], files: [PIC] }, provider: 'weibo-v1', version: true, creds: ODD_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'weibo-upload-long', method: 'POST', url: 'http://api.t.sina.com.cn/statuses/upload.json', multipart: { fields: [['status', 'A long status, with punctuation; and 中文 & symbols = fun']], files: [PIC] }, provider: 'weibo-v1', version: false, creds: RFC_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'twitter-media-query', method: 'POST', url: 'https://api.twitter.com/1.1/statuses/update_with_media.json?possibly_sensitive=false', multipart: { fields: [['status', 'Café at noon ☕']], files: [MEDIA] }, provider: 'twitter', version: true, creds: TWITTER_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'generic-upload', method: 'POST', url: 'https://uploads.example.com/v1/files', multipart: { fields: [['title', 'Quarterly report'], ['description', 'Q3 (final) draft']], files: [{ name: 'file', filename: 'q3.pdf', size: 99120 }] }, provider: 'generic', version: true, creds: ODD_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'twitter-media-multi', method: 'POST', url: 'https://api.twitter.com/1.1/statuses/update_with_media.json', multipart: { fields: [['status', 'two fields'], ['in_reply_to_status_id', '123456']], files: [MEDIA] }, provider: 'twitter', version: false, creds: RFC_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'sha512-get', method: 'GET', url: 'https://API.example.io/v3/Users/?fields=id,name&limit=10', version: true, creds: NO_TOKEN_CREDS, signatureMethod: 'HMAC-SHA512' },
  { name: 'form-lti', method: 'POST', url: 'https://tool.example.edu/lti/launch', form: [['lti_message_type', 'basic-lti-launch-request'], ['resource_link_id', 'rl-88'], ['user_id', 'u 1'], ['roles', 'Instructor']], rawBody: true, version: true, creds: NO_TOKEN_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'names-order', method: 'GET', url: 'http://api.example.com:8081/v1/tags?z{=1&za=2&a_b=3', realm: '', version: true, creds: TWITTER_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'rsa-sha256-post', method: 'POST', url: 'https://Jira.Example.com:8443/rest/api/2/comment', form: [['body', "It's done (really)!"]], version: true, creds: { consumerKey: 'jira-link', consumerSecret: '', token: 'jtok2', tokenSecret: '' }, signatureMethod: 'RSA-SHA256' },
  { name: 'cities-non-ascii-names', method: 'GET', url: 'https://api.example.de/v1/st%C3%A4dte?stadt=k%C3%B6ln&%C3%A4ndern=nein&zone=b', version: true, creds: ODD_CREDS, signatureMethod: 'HMAC-SHA1' },
  { name: 'filter-braces-form', method: 'POST', url: 'http://shop.example.com/api/products', form: [['filter{id}', '7'], ['filters', 'on'], ['sort', 'price']], version: true, creds: RFC_CREDS, signatureMethod: 'HMAC-SHA256' },
  { name: 'resume-repeated-query', method: 'GET', url: 'https://jobs.example.com/search?q=r%C3%A9sum%C3%A9&q=resume&page=1', version: false, creds: TWITTER_CREDS, signatureMethod: 'HMAC-SHA1' },
];

// ---------------------------------------------------------------------------------------------
// The signer, with the catalogue mistakes as switches.

export type Mistake =
  | 'space-as-plus' | 'reserved-unencoded' | 'lowercase-hex' | 'double-encoded-params'
  | 'query-omitted' | 'form-omitted' | 'multipart-fields-signed' | 'multipart-fields-unsigned'
  | 'default-port-kept' | 'port-dropped' | 'query-in-base-uri' | 'host-case-kept' | 'method-lowercase'
  | 'params-unsorted' | 'sorted-before-encoding' | 'realm-signed' | 'version-mismatch'
  | 'token-secret-omitted' | 'key-ampersand-missing' | 'secrets-swapped' | 'scheme-mismatch'
  | 'trailing-slash' | 'signature-method-mismatch';

export const ALL_MISTAKES: Mistake[] = [
  'space-as-plus', 'reserved-unencoded', 'lowercase-hex', 'double-encoded-params', 'query-omitted', 'form-omitted',
  'multipart-fields-signed', 'multipart-fields-unsigned', 'default-port-kept', 'port-dropped', 'query-in-base-uri',
  'host-case-kept', 'method-lowercase', 'params-unsorted', 'sorted-before-encoding', 'realm-signed', 'version-mismatch',
  'token-secret-omitted', 'key-ampersand-missing', 'secrets-swapped', 'scheme-mismatch', 'trailing-slash', 'signature-method-mismatch',
];

interface SignOptions {
  mistake?: Mistake;
  /** A second mistake applied together with `mistake` (pair entries). */
  also?: Mistake;
  /** For params-unsorted: which unsorted order the faulty signer used. */
  unsortedOrder?: 'as-sent' | 'oauth-first';
  /** Sign with these secrets instead of the scenario's (wrong-secret entries). */
  consumerSecret?: string;
  tokenSecret?: string;
}

const OTHER_METHOD: Record<Method, Method> = {
  'HMAC-SHA1': 'HMAC-SHA256', 'HMAC-SHA256': 'HMAC-SHA1', 'HMAC-SHA512': 'HMAC-SHA1', 'RSA-SHA1': 'RSA-SHA256', 'RSA-SHA256': 'RSA-SHA1', PLAINTEXT: 'HMAC-SHA1',
};

let rsaPrivateKey: string | undefined;
function privateKey(): string {
  rsaPrivateKey ??= readFileSync(resolve(CORPUS_DIR, 'test-rsa-private.pem'), 'utf8');
  return rsaPrivateKey;
}

interface Signed { baseString: string; key: string; signature: string; sent: Pair[]; signedWith: Method }

/** The protocol parameters, in the order this signer puts them in the header (deliberately not sorted). */
function protocolParams(s: Scenario, index: number): Pair[] {
  const p: Pair[] = [['oauth_consumer_key', s.creds.consumerKey]];
  if (s.creds.token !== undefined) p.push(['oauth_token', s.creds.token]);
  p.push(['oauth_signature_method', s.signatureMethod]);
  p.push(['oauth_timestamp', String(1_700_000_000 + index * 37)]);
  p.push(['oauth_nonce', `n0nce${index}x${s.name.length}`]);
  if (s.version) p.push(['oauth_version', '1.0']);
  if (s.callback !== undefined) p.push(['oauth_callback', s.callback]);
  if (s.verifier !== undefined) p.push(['oauth_verifier', s.verifier]);
  return p;
}

/** Signs scenario `s` (§3.4), applying at most one mistake as its definition says. */
export function signScenario(s: Scenario, index: number, o: SignOptions = {}): Signed {
  const ms = new Set<Mistake | undefined>([o.mistake, o.also]);
  const m = (id: Mistake): boolean => ms.has(id);
  const e: Encoding = { plus: m('space-as-plus'), keepReserved: m('reserved-unencoded'), lowerHex: m('lowercase-hex') };
  const sent = protocolParams(s, index);

  // §3.4.1.2 base string URI: "scheme and host MUST be in lowercase", default port excluded, no query.
  const u = /^([a-z]+):\/\/([^/:?]+)(?::(\d+))?([^?]*)(?:\?(.*))?$/i.exec(s.url)!;
  let scheme = u[1]!.toLowerCase();
  const host = m('host-case-kept') ? u[2]! : u[2]!.toLowerCase();
  const defaultPort = scheme === 'https' ? '443' : '80';
  let port = u[3] !== undefined && u[3] !== defaultPort ? u[3] : '';
  if (m('port-dropped')) port = '';
  if (m('default-port-kept') && port === '') port = defaultPort;
  if (m('scheme-mismatch')) scheme = scheme === 'https' ? 'http' : 'https';
  let path = u[4] === '' ? '/' : u[4]!;
  if (m('trailing-slash')) path = path.endsWith('/') ? path.slice(0, -1) : path + '/';
  const rawQuery = u[5] ?? '';
  let uri = `${scheme}://${host}${port ? ':' + port : ''}${path}`;
  if (m('query-in-base-uri') && rawQuery !== '') uri += '?' + rawQuery;

  // §3.4.1.3.1 parameter sources: query, Authorization header (no realm, no signature), form body.
  const query = m('query-omitted') ? [] : formDecode(rawQuery);
  let oauth = sent.slice();
  if (m('version-mismatch')) oauth = s.version ? oauth.filter((p) => p[0] !== 'oauth_version') : [...oauth, ['oauth_version', '1.0']];
  if (m('realm-signed') && s.realm !== undefined) oauth.unshift(['realm', s.realm]);
  const form = m('form-omitted') ? [] : s.form ?? [];
  const providerSigns = SIGNED_MULTIPART_FIELDS[s.provider ?? 'generic'] === true;
  let signsFields = providerSigns;
  // multipart-fields-signed: "text fields signed for a provider that signs none"; -unsigned: the converse.
  if (m('multipart-fields-signed') && !providerSigns) signsFields = true;
  if (m('multipart-fields-unsigned') && providerSigns) signsFields = false;
  const fields = signsFields && s.multipart !== undefined ? s.multipart.fields : [];

  // §3.4.1.3.2 normalisation: encode, sort by name then value (byte order), "=" and "&".
  let all: Pair[];
  const once = (x: string): string => pct(x, e);
  const encodeParam = m('double-encoded-params') ? (x: string) => once(once(x)) : once;
  if (m('params-unsorted')) {
    const ordered = o.unsortedOrder === 'oauth-first' ? [...oauth, ...query, ...form, ...fields] : [...query, ...oauth, ...form, ...fields];
    all = ordered.map(([n, v]) => [encodeParam(n), encodeParam(v)]);
  } else if (m('sorted-before-encoding')) {
    all = [...query, ...oauth, ...form, ...fields]
      .sort((a, b) => byteCompare(a[0], b[0]) || byteCompare(a[1], b[1]))
      .map(([n, v]) => [encodeParam(n), encodeParam(v)]);
  } else {
    all = [...query, ...oauth, ...form, ...fields]
      .map(([n, v]): Pair => [encodeParam(n), encodeParam(v)])
      .sort((a, b) => byteCompare(a[0], b[0]) || byteCompare(a[1], b[1]));
  }
  const normalized = all.map(([n, v]) => `${n}=${v}`).join('&');

  // §3.4.1.1: method uppercase "&" encoded URI "&" encoded parameters.
  const method = m('method-lowercase') ? s.method.toLowerCase() : s.method.toUpperCase();
  const baseString = `${method}&${pct(uri, e)}&${pct(normalized, e)}`;

  // §3.4.2 key: encoded consumer secret "&" encoded token secret.
  let cs = o.consumerSecret ?? s.creds.consumerSecret;
  let ts = m('token-secret-omitted') ? '' : o.tokenSecret ?? s.creds.tokenSecret ?? '';
  if (m('secrets-swapped')) [cs, ts] = [ts, cs];
  const key = pct(cs, e) + (m('key-ampersand-missing') ? '' : '&') + pct(ts, e);

  const signedWith: Method = m('signature-method-mismatch') ? OTHER_METHOD[s.signatureMethod] : s.signatureMethod;
  let signature: string;
  switch (signedWith) {
    case 'HMAC-SHA1': signature = createHmac('sha1', key).update(baseString).digest('base64'); break;
    case 'HMAC-SHA256': signature = createHmac('sha256', key).update(baseString).digest('base64'); break;
    case 'HMAC-SHA512': signature = createHmac('sha512', key).update(baseString).digest('base64'); break;
    case 'RSA-SHA1': signature = createSign('RSA-SHA1').update(baseString).sign(privateKey(), 'base64'); break;
    case 'RSA-SHA256': signature = createSign('RSA-SHA256').update(baseString).sign(privateKey(), 'base64'); break;
    case 'PLAINTEXT': signature = key; break;
  }
  return { baseString, key, signature, sent, signedWith };
}

/** §3.5.1: `OAuth realm="…", name="encoded value", …` — always written correctly (the mistakes are in signing only). */
function authorizationHeader(s: Scenario, sent: Pair[], signature: string): string {
  const parts: string[] = [];
  if (s.realm !== undefined) parts.push(`realm="${s.realm}"`);
  for (const [n, v] of [...sent, ['oauth_signature', signature] as Pair]) parts.push(`${pct(n)}="${pct(v)}"`);
  return 'OAuth ' + parts.join(', ');
}

// ---------------------------------------------------------------------------------------------
// The corpus.

export interface CorpusEntry {
  id: string;
  source: string;
  expectedMistake?: string[];
  /** Pair entries: the two mistakes applied together (no single mistake reproduces the signature). */
  expectedPair?: string[];
  equivalence?: string;
  valid?: true;
  wrongSecret?: true;
  method: string;
  url: string;
  authorization: string;
  form?: Pair[];
  body?: string;
  contentType?: string;
  multipart?: Scenario['multipart'];
  provider?: string;
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
}

function entryFor(s: Scenario, id: string, signed: Signed, labels: Partial<CorpusEntry> & { source: string }): CorpusEntry {
  const e: CorpusEntry = {
    id, ...labels, method: s.method, url: s.url, authorization: authorizationHeader(s, signed.sent, signed.signature),
    consumerKey: s.creds.consumerKey, consumerSecret: s.creds.consumerSecret,
  };
  if (s.form !== undefined) {
    if (s.rawBody) { e.body = s.form.map(([n, v]) => `${pct(n)}=${pct(v)}`).join('&'); e.contentType = 'application/x-www-form-urlencoded'; } else e.form = s.form;
  }
  if (s.multipart !== undefined) e.multipart = s.multipart;
  if (s.provider !== undefined) e.provider = s.provider;
  if (s.creds.token !== undefined) e.token = s.creds.token;
  if (s.creds.tokenSecret !== undefined) e.tokenSecret = s.creds.tokenSecret;
  return e;
}

const DEFINITIONS: Record<Mistake, string> = {
  'space-as-plus': 'spaces encoded as "+" by the encoding function',
  'reserved-unencoded': "! * ' ( ) left unencoded by the encoding function (encodeURIComponent)",
  'lowercase-hex': 'lower-case hex digits from the encoding function',
  'double-encoded-params': 'parameter names and values encoded twice before normalisation',
  'query-omitted': 'URL query parameters left out of the parameter list',
  'form-omitted': 'form body parameters left out of the parameter list',
  'multipart-fields-signed': 'multipart text fields signed for a provider that signs none',
  'multipart-fields-unsigned': 'multipart text fields left out for a provider that signs them',
  'default-port-kept': 'the default port kept in the base string URI',
  'port-dropped': 'a non-default port dropped from the base string URI',
  'query-in-base-uri': 'the query left on the base string URI (parameters still collected)',
  'host-case-kept': 'the host not lower-cased in the base string URI',
  'method-lowercase': 'the method lower-cased in the base string',
  'params-unsorted': 'parameters joined unsorted, in the order sent',
  'sorted-before-encoding': 'decoded parameters sorted, then encoded',
  'realm-signed': 'realm added to the signed parameters',
  'version-mismatch': 'oauth_version signed when the header lacks it, or left out when the header has it',
  'token-secret-omitted': 'key built as encode(consumer secret) "&" with no token secret',
  'key-ampersand-missing': 'key built without the "&" separator',
  'secrets-swapped': 'key built as encode(token secret) "&" encode(consumer secret)',
  'scheme-mismatch': 'the other scheme (http ↔ https) in the base string URI',
  'trailing-slash': 'a trailing "/" added to or removed from the path',
  'signature-method-mismatch': 'signed with another method than oauth_signature_method announces',
};

/** How many mistaken entries per id at most (all scenarios where the mistake changes the signature, up to this). */
const PER_MISTAKE = 6;

/** Builds the whole corpus: correct, wrong-secret and mistaken entries, labelled. */
export function buildCorpus(): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  SCENARIOS.forEach((s, i) => {
    const signed = signScenario(s, i);
    out.push(entryFor(s, `valid/${s.name}`, signed, { valid: true, source: `corpus-signer.ts: correct RFC 5849 §3.4 signature (${s.signatureMethod})` }));
  });
  SCENARIOS.forEach((s, i) => {
    if (s.signatureMethod.startsWith('RSA')) return;
    const which = i % 3;
    const wrong = signScenario(s, i, which === 1 && s.creds.tokenSecret ? { tokenSecret: s.creds.tokenSecret + 'Z' } : { consumerSecret: s.creds.consumerSecret + (which === 2 ? '0' : 'x') });
    out.push(entryFor(s, `wrong-secret/${s.name}`, wrong, { wrongSecret: true, source: `corpus-signer.ts: correct RFC 5849 §3.4 pipeline keyed with a wrong ${which === 1 && s.creds.tokenSecret ? 'token' : 'consumer'} secret` }));
  });
  for (const mistake of ALL_MISTAKES) {
    let count = 0;
    SCENARIOS.forEach((s, i) => {
      if (count >= PER_MISTAKE) return;
      const options: SignOptions = { mistake, unsortedOrder: count % 2 === 0 ? 'as-sent' : 'oauth-first' };
      const correct = signScenario(s, i);
      const faulty = signScenario(s, i, options);
      if (faulty.signature === correct.signature) return; // the mistake changes nothing on this request
      // Label every single mistake this generator knows that gives the very same signature.
      const equivalent: string[] = [];
      for (const other of ALL_MISTAKES) {
        if (other === mistake) continue;
        const orders = other === 'params-unsorted' ? (['as-sent', 'oauth-first'] as const) : (['as-sent'] as const);
        if (orders.some((unsortedOrder) => signScenario(s, i, { mistake: other, unsortedOrder }).signature === faulty.signature)) equivalent.push(other);
      }
      const labels: Partial<CorpusEntry> & { source: string } = {
        expectedMistake: [mistake, ...equivalent],
        source: `corpus-signer.ts: RFC 5849 §3.4 signer with ${mistake}: ${DEFINITIONS[mistake]}${mistake === 'params-unsorted' ? ` (order: ${options.unsortedOrder})` : ''}${mistake === 'signature-method-mismatch' ? ` (signed with ${faulty.signedWith})` : ''}`,
      };
      if (equivalent.length > 0) labels.equivalence = `same signature by construction on this request: ${[mistake, ...equivalent].join(' = ')}`;
      out.push(entryFor(s, `${mistake}/${s.name}`, faulty, labels));
      count++;
    });
  }
  // Pairs real signers make together; each on the scenarios where both mistakes matter and no
  // single mistake of this generator gives the same signature.
  for (const [a, b] of PAIRS) {
    let count = 0;
    SCENARIOS.forEach((s, i) => {
      if (count >= PER_PAIR) return;
      const options: SignOptions = { mistake: a, also: b, unsortedOrder: 'as-sent' };
      const pair = signScenario(s, i, options).signature;
      const alone = [signScenario(s, i).signature, signScenario(s, i, { mistake: a, unsortedOrder: 'as-sent' }).signature, signScenario(s, i, { mistake: b, unsortedOrder: 'as-sent' }).signature];
      if (alone.includes(pair)) return; // one of the two changes nothing here
      const single = ALL_MISTAKES.some((x) => (['as-sent', 'oauth-first'] as const).some((unsortedOrder) => signScenario(s, i, { mistake: x, unsortedOrder }).signature === pair));
      if (single) return;
      const signed = signScenario(s, i, options);
      out.push(entryFor(s, `${a}+${b}/${s.name}`, signed, {
        expectedPair: [a, b],
        source: `corpus-signer.ts: RFC 5849 §3.4 signer with two mistakes: ${a} (${DEFINITIONS[a]}) and ${b} (${DEFINITIONS[b]})`,
      }));
      count++;
    });
  }
  return out;
}

/** Mistake pairs seen together in the wild, for the pair entries. */
const PAIRS: Array<[Mistake, Mistake]> = [
  ['query-omitted', 'query-in-base-uri'],
  ['space-as-plus', 'default-port-kept'],
  ['token-secret-omitted', 'method-lowercase'],
  ['reserved-unencoded', 'lowercase-hex'],
  ['version-mismatch', 'realm-signed'],
  ['space-as-plus', 'params-unsorted'],
  ['scheme-mismatch', 'trailing-slash'],
  ['form-omitted', 'key-ampersand-missing'],
];
const PER_PAIR = 3;

/** The corpus as JSON lines. */
export function corpusJsonLines(): string {
  return buildCorpus().map((e) => JSON.stringify(e)).join('\n') + '\n';
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entries = buildCorpus();
  writeFileSync(CORPUS_FILE, corpusJsonLines());
  const per = new Map<string, number>();
  for (const e of entries) {
    const k = e.valid ? 'valid' : e.wrongSecret ? 'wrong-secret' : e.expectedPair ? 'pairs' : e.expectedMistake![0]!;
    per.set(k, (per.get(k) ?? 0) + 1);
  }
  process.stdout.write(`wrote ${entries.length} entries to ${CORPUS_FILE}\n`);
  for (const [k, n] of per) process.stdout.write(`  ${k.padEnd(28)} ${n}\n`);
}

// ---------------------------------------------------------------------------------------------
// Issue 15: faithful re-implementations of library mistakes no installable npm package makes.
// Each signs one request as the cited code does; the corpus in library-corpus-more.spec.ts uses
// them next to the real libraries (oauth-1.0a, postman-runtime, qs).

/** A request as a faulty signer sent it. */
export interface SentRequest { method: string; url: string; authorization: string; body?: string; contentType?: string }

/** What the faulty signer is given. */
export interface FaultySignInput {
  method: string;
  /** URL as sent, its query form-encoded. */
  url: string;
  /** Body as sent, and its content type. */
  body?: string;
  contentType?: string;
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
  digest: 'sha1' | 'sha256';
  timestamp: string;
  nonce: string;
}

export type ReimplementedMistake =
  /** A signer that runs node:querystring's parse on every body, JSON included (the JSON text becomes a parameter name). */
  | 'json-body-querystring-parsed'
  /** A signer that sends oauth_token="" but leaves empty values out of the signed parameters (filters `value !== ''` before signing). */
  | 'empty-token-dropped'
  /** PHP: `$params = rawurlencode(urldecode(http_build_query($params)))` after ksort — names and values joined without §3.6 encoding. */
  | 'php-urldecode-http-build-query';

/** Signs `input` with one of the re-implemented library mistakes; the header is always written correctly (§3.5.1). */
export function signWithLibraryMistake(kind: ReimplementedMistake, input: FaultySignInput): SentRequest {
  const method = input.digest === 'sha1' ? 'HMAC-SHA1' : 'HMAC-SHA256';
  const oauth: Pair[] = [['oauth_consumer_key', input.consumerKey]];
  if (input.token !== undefined) oauth.push(['oauth_token', input.token]);
  oauth.push(['oauth_signature_method', method], ['oauth_timestamp', input.timestamp], ['oauth_nonce', input.nonce], ['oauth_version', '1.0']);
  const u = /^([a-z]+):\/\/([^/:?]+)(?::(\d+))?([^?]*)(?:\?(.*))?$/i.exec(input.url)!;
  const scheme = u[1]!.toLowerCase();
  const port = u[3] !== undefined && u[3] !== (scheme === 'https' ? '443' : '80') ? ':' + u[3] : '';
  const uri = `${scheme}://${u[2]!.toLowerCase()}${port}${u[4] === '' ? '/' : u[4]}`;
  const query = formDecode(u[5] ?? '');
  const isForm = /^application\/x-www-form-urlencoded/i.test(input.contentType ?? '');
  let body: Pair[] = isForm && input.body !== undefined ? formDecode(input.body) : [];
  let signedOauth = oauth;
  if (kind === 'json-body-querystring-parsed' && input.body !== undefined) {
    // node:querystring.parse(body): splits on & and the first =, "+" is a space; repeated names become arrays, signed in order.
    body = [];
    for (const [n, v] of Object.entries(querystringParse(input.body))) for (const x of Array.isArray(v) ? v : [v ?? '']) body.push([n, x]);
  }
  if (kind === 'empty-token-dropped') signedOauth = oauth.filter((p) => p[1] !== '');
  let normalized: string;
  const all = [...query, ...signedOauth, ...body];
  if (kind === 'php-urldecode-http-build-query') {
    // ksort($params); urldecode(http_build_query($params)): "name=value" pairs, nothing encoded, "&" between.
    normalized = all.slice().sort((a, b) => byteCompare(a[0], b[0]) || byteCompare(a[1], b[1])).map(([n, v]) => `${n}=${v}`).join('&');
  } else {
    normalized = all.map(([n, v]): Pair => [pct(n), pct(v)]).sort((a, b) => byteCompare(a[0], b[0]) || byteCompare(a[1], b[1])).map(([n, v]) => `${n}=${v}`).join('&');
  }
  const baseString = `${input.method.toUpperCase()}&${pct(uri)}&${pct(normalized)}`;
  const key = `${pct(input.consumerSecret)}&${pct(input.tokenSecret ?? '')}`;
  const signature = createHmac(input.digest, key).update(baseString).digest('base64');
  const header = 'OAuth ' + [...oauth, ['oauth_signature', signature] as Pair].map(([n, v]) => `${pct(n)}="${pct(v)}"`).join(', ');
  const sent: SentRequest = { method: input.method, url: input.url, authorization: header };
  if (input.body !== undefined) sent.body = input.body;
  if (input.contentType !== undefined) sent.contentType = input.contentType;
  return sent;
}
