// Property-based specs (fast-check) for what must always hold in the signing core (RFC 5849 §3.4–§3.6).

import { expect } from 'chai';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  percentEncode, percentDecode, parseFormEncoded, formEncode, normalizeParameters, signRequest, verifySignature,
  signatureBaseString, parseAuthorizationHeader, parseRequestUrl, EncodingError, type Parameter, type ReceivedRequest, type SignedRequest,
} from '../../src/index.js';
import { rsaTestKey } from './signature-methods/test-keys.js';

const require = createRequire(import.meta.url);
const OAuth1a = require('oauth-1.0a') as (opts: object) => {
  authorize(request: { url: string; method: string; data: Record<string, string> }, token: { key: string; secret: string }): { oauth_signature: string };
  getNonce(): string;
  getTimeStamp(): number;
};

/** Any Unicode string, astral planes included (no lone surrogates). */
const unicode = (maxLength = 24): fc.Arbitrary<string> => fc.string({ unit: 'binary', maxLength });
const pair = (maxLength = 12): fc.Arbitrary<Parameter> => fc.tuple(unicode(maxLength), unicode(maxLength));

/** Independent oracle for RFC 5849 §3.6: UTF-8 bytes, unreserved kept, everything else %XX upper-case. */
function referenceEncode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

describe('properties of encoding', () => {
  it('percentEncode equals the byte-wise UTF-8 oracle and percentDecode inverts it, for any Unicode string', () => {
    fc.assert(fc.property(unicode(40), (s) => {
      const encoded = percentEncode(s);
      expect(encoded).to.equal(referenceEncode(s));
      expect(encoded).to.match(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/);
      expect(percentDecode(encoded)).to.equal(s);
    }), { numRuns: 400 });
  });

  it('percentDecode accepts lower-case hex the same as upper-case', () => {
    fc.assert(fc.property(unicode(), (s) => {
      expect(percentDecode(percentEncode(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()))).to.equal(s);
    }), { numRuns: 150 });
  });

  it('percentEncode rejects any string holding a lone surrogate with ERR_OAUTH_ENCODING_LONE_SURROGATE at its offset', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 10 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ unit: 'grapheme-ascii', maxLength: 10 }), (a, surrogate, b) => {
      try {
        percentEncode(a + String.fromCharCode(surrogate) + b);
        expect.fail('expected an EncodingError');
      } catch (e) {
        expect(e).to.be.instanceOf(EncodingError);
        expect((e as EncodingError).code).to.equal('ERR_OAUTH_ENCODING_LONE_SURROGATE');
        expect((e as EncodingError).position).to.equal(a.length);
      }
    }), { numRuns: 100 });
  });

  it('parseFormEncoded(formEncode(pairs)) returns the same pairs, repeated and empty names included', () => {
    fc.assert(fc.property(fc.array(pair(), { maxLength: 12 }), (pairs) => {
      expect(parseFormEncoded(formEncode(pairs))).to.deep.equal(pairs);
    }), { numRuns: 250 });
  });

  it('parseFormEncoded reads "+" and "%20" alike', () => {
    fc.assert(fc.property(fc.array(pair(), { minLength: 1, maxLength: 6 }), (pairs) => {
      const encoded = formEncode(pairs);
      expect(parseFormEncoded(encoded.replace(/%20/g, '+'))).to.deep.equal(pairs);
    }), { numRuns: 150 });
  });
});

describe('properties of the base string', () => {
  it('normalizeParameters does not depend on the order of the parameters', () => {
    fc.assert(fc.property(fc.array(pair(6), { maxLength: 15 }).chain((ps) => fc.tuple(fc.constant(ps), fc.shuffledSubarray(ps, { minLength: ps.length, maxLength: ps.length }))), ([ps, shuffled]) => {
      expect(normalizeParameters(shuffled)).to.equal(normalizeParameters(ps));
    }), { numRuns: 250 });
  });

  it('signRequest gives the same base string and signature however query and form parameters are ordered', () => {
    const params = fc.array(pair(6).filter(([n]) => !n.startsWith('oauth_')), { maxLength: 10 });
    fc.assert(fc.property(params, params, fc.nat(), ([...query], [...form], seed) => {
      const shuffle = <T>(xs: T[]): T[] => xs.map((x, i) => [x, (seed * 7919 + i * 104729) % 1000003] as const).sort((a, b) => a[1] - b[1]).map((x) => x[0]);
      const input = (q: Parameter[], f: Parameter[]) => ({
        method: 'POST', url: 'https://api.example.com/x' + (q.length ? '?' + formEncode(q) : ''), form: f,
        consumerKey: 'ck', consumerSecret: 'cs', token: 't', tokenSecret: 'ts', nonce: 'n', timestamp: 1,
      });
      const a = signRequest(input(query, form));
      const b = signRequest(input(shuffle(query), shuffle(form)));
      expect(b.baseString).to.equal(a.baseString);
      expect(b.signature).to.equal(a.signature);
    }), { numRuns: 150 });
  });
});

// --- requests ---------------------------------------------------------------------------------

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const host = fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('.') + '.example');
const pathSegment = unicode(8).map(percentEncode);
const path = fc.array(pathSegment, { maxLength: 4 }).map((segs) => '/' + segs.join('/'));
const nonDefaultPort = fc.integer({ min: 1, max: 65535 }).filter((p) => p !== 80 && p !== 443);
const userParam = pair(10).filter(([n]) => !n.startsWith('oauth_'));

interface RequestShape {
  method: string;
  url: string;
  query: Parameter[];
  form: Parameter[];
}

const request: fc.Arbitrary<RequestShape> = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'patch'),
  scheme: fc.constantFrom('http', 'https'),
  host,
  port: fc.option(nonDefaultPort, { nil: undefined }),
  path,
  query: fc.array(userParam, { maxLength: 6 }),
  plusForSpace: fc.boolean(),
  form: fc.array(userParam, { maxLength: 6 }),
}).map((r) => {
  let q = formEncode(r.query);
  if (r.plusForSpace) q = q.replace(/%20/g, '+');
  const url = `${r.scheme}://${r.host}${r.port === undefined ? '' : ':' + r.port}${r.path}${q ? '?' + q : ''}`;
  return { method: r.method, url, query: r.query, form: r.form };
});

function receivedFrom(signed: SignedRequest, method: string): ReceivedRequest {
  const req: ReceivedRequest = { method, url: signed.url };
  if (signed.headers.authorization !== undefined) req.authorization = signed.headers.authorization;
  if (signed.body !== undefined) { req.body = signed.body; req.contentType = 'application/x-www-form-urlencoded'; }
  return req;
}

describe('properties of URL parsing', () => {
  // The reference rule: an absolute URL (scheme "://" authority path [?query] [#fragment]) made
  // only of printable ASCII is accepted; anything else is ERR_OAUTH_URL_INVALID.
  const LOOSE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;
  const piece = fc.constantFrom('http', 'HTTPS', '://', '/', '?', '#', '@', ':', '[', ']', '::1', '80', '443', 'a', 'Example.COM', ' ', 'é', '%20', '\t', '&', '=', '+');

  it('parseRequestUrl accepts exactly the absolute, printable-ASCII URLs and keeps their raw query', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 9 }).map((xs) => xs.join('')), fc.boolean(), (tail, prefixed) => {
      const url = prefixed ? 'http://h' + tail : tail;
      const loose = LOOSE.exec(url);
      let parsed: ReturnType<typeof parseRequestUrl> | undefined;
      let code: string | undefined;
      try { parsed = parseRequestUrl(url); } catch (e) { code = (e as { code?: string }).code; }
      if (loose === null || !/^[\x21-\x7e]*$/.test(url)) {
        expect(code).to.equal('ERR_OAUTH_URL_INVALID');
      } else if (parsed !== undefined) {
        expect(parsed.query).to.equal(loose[4] ?? '');
      } else {
        // Absolute and printable, refused for its host or port: also a URL error.
        expect(code).to.equal('ERR_OAUTH_URL_INVALID');
      }
    }), { numRuns: 300 });
  });
});

describe('properties of query decoding in the signer', () => {
  /** Encodes a string in one of the many ways a client may put it on the wire. */
  function looseEncode(s: string, style: number): string {
    let out = '';
    for (const byte of Buffer.from(s, 'utf8')) {
      const ch = String.fromCharCode(byte);
      const hex = byte.toString(16).padStart(2, '0');
      if (byte === 0x20 && style & 1) out += '+';
      else if (/[A-Za-z0-9\-._~]/.test(ch) && !(style & 2)) out += ch;
      else if (/[!'()*,;:@$/?]/.test(ch) && style & 4) out += ch;
      else out += '%' + (style & 8 ? hex : hex.toUpperCase());
    }
    return out;
  }

  it('signRequest signs a query the same however its values are escaped (+ or %20, lower-case hex, needless escapes, bare sub-delims)', () => {
    fc.assert(fc.property(fc.array(userParam, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 12, maxLength: 12 }), (pairs, styles) => {
      const canonical = 'https://a.example/p?' + formEncode(pairs);
      const loose = 'https://a.example/p?' + pairs.map(([n, v], i) => looseEncode(n, styles[(2 * i) % 12]!) + '=' + looseEncode(v, styles[(2 * i + 1) % 12]!)).join('&');
      const sign = (url: string) => signRequest({ method: 'GET', url, consumerKey: 'k', consumerSecret: 's', nonce: 'n', timestamp: 1 });
      const a = sign(canonical);
      const b = sign(loose);
      expect(b.baseString).to.equal(a.baseString);
      expect(b.parameters).to.deep.equal(a.parameters);
      expect(signatureBaseString({ method: 'GET', url: loose, authorization: b.authorization })).to.equal(b.baseString);
    }), { numRuns: 200 });
  });
});

describe('properties of signing', () => {
  const secret = unicode(16);
  // A realm is an RFC 2617 quoted-string on an HTTP header line: printable ASCII (control characters are refused).
  const realmText = fc.stringMatching(/^[\x20-\x7e]{0,12}$/);
  for (const signatureMethod of ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT']) {
    it(`signRequest → verifySignature round-trips ${signatureMethod} for any request, secrets and placement`, () => {
      fc.assert(fc.property(request, secret, secret, fc.constantFrom('header', 'query', 'form'), fc.option(realmText, { nil: undefined }), (r, cs, ts, placement, realm) => {
        const signed = signRequest({
          method: r.method, url: r.url, form: r.form, consumerKey: 'key', consumerSecret: cs, token: 'tok', tokenSecret: ts,
          signatureMethod, placement, realm, nonce: 'nonce', timestamp: 1318622958,
        });
        const req = receivedFrom(signed, r.method);
        expect(signatureBaseString(req)).to.equal(signed.baseString);
        expect(verifySignature(req, { consumerSecret: cs, tokenSecret: ts }).valid).to.equal(true);
        expect(verifySignature(req, { consumerSecret: cs + 'x', tokenSecret: ts }).valid).to.equal(false);
        expect(parseAuthorizationHeader(signed.authorization).params).to.deep.equal(signed.oauthParams);
      }), { numRuns: 60 });
    });
  }

  for (const signatureMethod of ['RSA-SHA1', 'RSA-SHA256']) {
    it(`signRequest → verifySignature round-trips ${signatureMethod} with a pre-generated key`, () => {
      const key = rsaTestKey();
      fc.assert(fc.property(request, fc.constantFrom('header', 'query', 'form'), (r, placement) => {
        const signed = signRequest({ method: r.method, url: r.url, form: r.form, consumerKey: 'key', signatureMethod, placement, privateKey: key.privateKey, nonce: 'n', timestamp: 1 });
        const req = receivedFrom(signed, r.method);
        expect(verifySignature(req, { publicKey: key.publicKey }).valid).to.equal(true);
        expect(verifySignature({ ...req, method: r.method === 'GET' ? 'HEAD' : 'GET' }, { publicKey: key.publicKey }).valid).to.equal(false);
      }), { numRuns: 12 });
    });
  }
});

describe('agreement with oauth-1.0a', () => {
  // oauth-1.0a is right only where its shortcuts do not matter (see node_modules/oauth-1.0a/oauth-1.0a.js):
  // it keeps "+" in a query literal and never decodes query names (so: percentEncode'd query, names
  // from [a-z0-9_]), uses the URL before "?" verbatim (so: lower-case host, no default port, no
  // fragment), merges query and body into one object (so: unique names across both, none inherited
  // from Object.prototype, none starting with oauth_), and cannot send repeated names reliably.
  const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/).filter((n) => !n.startsWith('oauth_') && !(n in {}));
  const params = fc.uniqueArray(fc.tuple(name, unicode(12)), { selector: (p) => p[0], maxLength: 10 });
  const peerRequest = fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
    scheme: fc.constantFrom('http', 'https'),
    host,
    port: fc.option(nonDefaultPort, { nil: undefined }),
    path: fc.array(fc.stringMatching(/^[A-Za-z0-9\-._~]{1,8}$/), { maxLength: 3 }).map((s) => '/' + s.join('/')),
    params,
    split: fc.nat(),
    consumerSecret: unicode(16),
    tokenSecret: unicode(16),
    nonce: fc.stringMatching(/^[A-Za-z0-9]{8,32}$/),
    timestamp: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });

  it('signRequest and oauth-1.0a produce the same HMAC-SHA1 signature on the inputs oauth-1.0a handles correctly', () => {
    fc.assert(fc.property(peerRequest, (r) => {
      const cut = r.params.length === 0 ? 0 : r.split % (r.params.length + 1);
      const query = r.params.slice(0, cut);
      const form = r.params.slice(cut);
      const url = `${r.scheme}://${r.host}${r.port === undefined ? '' : ':' + r.port}${r.path}${query.length ? '?' + formEncode(query) : ''}`;

      const ours = signRequest({
        method: r.method, url, form, consumerKey: 'ck', consumerSecret: r.consumerSecret, token: 'tk', tokenSecret: r.tokenSecret,
        nonce: r.nonce, timestamp: r.timestamp,
      });

      const peer = OAuth1a({
        consumer: { key: 'ck', secret: r.consumerSecret },
        signature_method: 'HMAC-SHA1',
        hash_function: (base: string, key: string) => createHmac('sha1', key).update(base).digest('base64'),
      });
      peer.getNonce = () => r.nonce;
      peer.getTimeStamp = () => r.timestamp;
      const data: Record<string, string> = {};
      for (const [n, v] of form) data[n] = v;
      const theirs = peer.authorize({ url, method: r.method, data }, { key: 'tk', secret: r.tokenSecret });

      expect(ours.signature).to.equal(theirs.oauth_signature);
    }), { numRuns: 200 });
  });
});
