// Property-based fuzzing (fast-check) of the verifier's front door: every input ends in a result or a typed error.

import { expect } from 'chai';
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import {
  parseAuthorizationHeader, percentDecode, percentEncode, parseFormEncoded, formEncode, verifyRequest, OAuthRequestRejected,
  MemoryNonceStore, type VerifyRequestOptions,
} from '../../src/index.js';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import {
  isTypedError, headerArb, percentArb, formArb, requestArb, signedRequest, pairsArb, mutationArb, mutate, multipartArb,
  FUZZ_CONSUMER, FUZZ_TOKEN,
} from '../../bench/verify-fuzz-arbitraries.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const MAX_BODY = 16 * 1024;
const NOW = 1_700_000_000;

/** Runs `f`; passes when it returns or throws a typed error, fails with the input otherwise. */
function endsTyped(f: () => unknown): boolean {
  try { f(); return true; } catch (e) {
    if (isTypedError(e)) return true;
    throw e;
  }
}

function fuzzOptions(): VerifyRequestOptions {
  return {
    lookupConsumer: (k) => (k === FUZZ_CONSUMER.key ? { secret: FUZZ_CONSUMER.secret } : undefined),
    lookupToken: (_k, t) => (t === FUZZ_TOKEN.token ? { secret: FUZZ_TOKEN.secret } : undefined),
    nonceStore: new MemoryNonceStore({ now: () => NOW * 1000, maxEntries: 100_000 }),
    now: () => NOW * 1000,
    maxBodyBytes: MAX_BODY,
  };
}

describe('fuzz: parsers end in a result or a typed error', () => {
  it('parseAuthorizationHeader returns or throws HeaderError for any string (up to 8 KB)', () => {
    fc.assert(fc.property(headerArb(), (h) => endsTyped(() => {
      const r = parseAuthorizationHeader(h);
      expect(r.params).to.be.an('array');
    })), { numRuns: RUNS });
  });

  it('parseAuthorizationHeader round-trips any parameter list it is given in the §3.5.1 format', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z_]{1,12}$/).filter((n) => n !== 'realm'), fc.string({ unit: 'grapheme', maxLength: 20 })), { selector: (p) => p[0], maxLength: 8 }), (params) => {
      const header = 'OAuth ' + params.map(([k, v]) => `${k}="${percentEncode(v)}"`).join(', ');
      if (params.length === 0) return endsTyped(() => parseAuthorizationHeader(header));
      expect(parseAuthorizationHeader(header).params).to.deep.equal(params);
      return true;
    }), { numRuns: RUNS });
  });

  it('percentDecode returns or throws EncodingError for any string, and inverts percentEncode', () => {
    fc.assert(fc.property(percentArb(), (s) => endsTyped(() => percentDecode(s))), { numRuns: RUNS });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => percentDecode(percentEncode(s)) === s), { numRuns: RUNS });
  });

  it('parseFormEncoded returns or throws EncodingError for any string, and inverts formEncode', () => {
    fc.assert(fc.property(formArb(), (s) => endsTyped(() => parseFormEncoded(s))), { numRuns: RUNS });
    fc.assert(fc.property(pairsArb(), (pairs) => {
      expect(parseFormEncoded(formEncode(pairs))).to.deep.equal(pairs.filter(([k, v]) => k !== '' || v !== ''));
      return true;
    }), { numRuns: RUNS });
  });

  it('parseFormEncoded handles a 1 MiB body (the default maxBodyBytes) with many parameters', () => {
    const big = Array.from({ length: 40_000 }, (_, i) => `k${i}=v%20${i}`).join('&').padEnd(1_048_576, 'x');
    expect(parseFormEncoded(big)).to.have.length(40_000);
  });
});

describe('fuzz: verifyRequest front door', () => {
  it('verifyRequest resolves or rejects with a typed error for any request (bodies up to twice maxBodyBytes)', async () => {
    const options = fuzzOptions();
    await fc.assert(fc.asyncProperty(requestArb(MAX_BODY), async (req) => {
      try {
        await verifyRequest(req, options);
        return true;
      } catch (e) {
        if (isTypedError(e)) return true;
        throw e;
      }
    }), { numRuns: RUNS });
  });

  it('verifyRequest accepts any validly signed request whatever its (Unicode) parameters', async () => {
    const options = fuzzOptions();
    let n = 0;
    await fc.assert(fc.asyncProperty(pairsArb(), pairsArb(), async (query, form) => {
      const v = await verifyRequest(signedRequest(query, form, `nonce${n++}`, NOW), options);
      expect(v.consumerKey).to.equal(FUZZ_CONSUMER.key);
      expect(v.params).to.deep.equal([...query, ...form].filter(([k, val]) => k !== '' || val !== ''));
      return true;
    }), { numRuns: RUNS });
  });

  it('verifyRequest rejects an edited signed request with OAuthRequestRejected, or accepts it only when the edit changed nothing signed', async () => {
    const options = fuzzOptions();
    let n = 0;
    await fc.assert(fc.asyncProperty(pairsArb(4), pairsArb(4), mutationArb, async (query, form, m) => {
      const original = signedRequest(query, form, `mut${n++}`, NOW);
      const edited = mutate(original, m);
      try {
        const v = await verifyRequest(edited, options);
        // Accepted: then the edit must not have changed a signed value (e.g. "+" for " " in a value).
        expect(v.params).to.deep.equal([...query, ...form].filter(([k, val]) => k !== '' || val !== ''));
      } catch (e) {
        if (!(e instanceof OAuthRequestRejected)) throw e;
      }
      return true;
    }), { numRuns: RUNS });
  });
});

describe('fuzz: multipart front door (sandbox upload endpoint over 127.0.0.1)', () => {
  let sandbox: SandboxProvider;
  before(async () => { sandbox = await createSandboxProvider({ provider: 'weibo-v1' }); });
  after(async () => { await sandbox?.close(); });

  function post(contentType: string, body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${sandbox.url}/statuses/upload.json`, { method: 'POST', headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('the upload endpoint answers any multipart body with a 4xx, never a 500 or a dropped connection', async () => {
    await fc.assert(fc.asyncProperty(multipartArb, async ({ contentType, body }) => {
      const status = await post(contentType, body);
      expect(status).to.be.within(400, 499);
      return true;
    }), { numRuns: Math.min(RUNS, 150) });
    // Still serving afterwards.
    expect(await post('multipart/form-data; boundary=z', '--z--\r\n')).to.be.within(400, 499);
  });
});
