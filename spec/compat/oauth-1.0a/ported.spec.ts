// oauth-1.0a's own test suite (inputs and expected values in fixtures/compat/oauth-1.0a/) run against the compat entry point.

import { expect } from 'chai';
import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import OAuth from '../../../src/compat/oauth-1.0a.js';
import { independentSign } from '../../core/independent-signer.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const Original: any = createRequire(import.meta.url)('oauth-1.0a');

const FOLDER = join(import.meta.dirname, '../../../fixtures/compat/oauth-1.0a');
const files = readdirSync(FOLDER).filter((n) => n.endsWith('.json')).sort().map((name) => ({ name, ...JSON.parse(readFileSync(join(FOLDER, name), 'utf8')) as Json }));

// The functions oauth-1.0a's tests pass as hash_function / body_hash_function.
const USER_HASH: Record<string, (base: string, key: string) => string> = {
  'hmac-sha1': (base, key) => createHmac('sha1', key).update(base).digest('base64'),
};
const USER_BODY_HASH: Record<string, (data: string) => string> = {
  sha1: (data) => createHash('sha1').update(data).digest('base64'),
};

interface Variant { label: string; userHash: boolean; userBodyHash: boolean }

function variantsOf(c: Json): Variant[] {
  const hashes = c.userHash === undefined ? [false] : c.userHashRequired ? [true] : [true, false];
  const bodies = c.userBodyHash === undefined ? [false] : [true, false];
  const out: Variant[] = [];
  for (const h of hashes) {
    for (const b of bodies) {
      const label = c.userHash === undefined && c.userBodyHash === undefined ? '' : ` [${h ? 'user hash_function' : 'core HMAC'}${c.userBodyHash === undefined ? '' : b ? ', user body_hash_function' : ', core body hash'}]`;
      out.push({ label, userHash: h, userBodyHash: b });
    }
  }
  return out;
}

function optionsFor(c: Json, v: Variant, forOriginal: boolean): Json {
  if (c.options === null) return undefined;
  const opts = structuredClone(c.options);
  if (c.userHash !== undefined && (v.userHash || forOriginal)) opts.hash_function = USER_HASH[c.userHash];
  if (c.userBodyHash !== undefined && (v.userBodyHash || forOriginal)) opts.body_hash_function = USER_BODY_HASH[c.userBodyHash];
  return opts;
}

function instance(Ctor: Json, c: Json, opts: Json): Json {
  const oauth = c.withoutNew ? Ctor(opts) : new Ctor(opts);
  if (c.nonce !== undefined) oauth.getNonce = () => c.nonce;
  if (c.timestamp !== undefined) oauth.getTimeStamp = () => c.timestamp;
  return oauth;
}

/** Runs one case's call on an instance (compat or original); requests are cloned because oauth-1.0a changes them. */
function run(Ctor: Json, c: Json, opts: Json): Json {
  if (c.call === 'construct') return instance(Ctor, c, opts);
  const oauth = instance(Ctor, c, opts);
  const request = () => structuredClone(c.request);
  const oauthData = () => structuredClone(c.oauthData);
  switch (c.call) {
    case 'property': return oauth[c.property];
    case 'hash_function': return oauth.hash_function(...c.args);
    case 'getNonce.length': return (c.lengths ?? [undefined]).map((n: number | undefined) => {
      if (n !== undefined) oauth.nonce_length = n;
      return oauth.getNonce().length;
    });
    case 'getSigningKey': return oauth.getSigningKey(c.tokenSecret);
    case 'getParameterString': return oauth.getParameterString(request(), oauthData());
    case 'getBaseString': return oauth.getBaseString(request(), oauthData());
    case 'getSignature': return oauth.getSignature(request(), c.token?.secret, oauthData());
    case 'getBodyHash': return oauth.getBodyHash(request(), c.tokenSecret);
    case 'authorize': return oauth.authorize(request(), c.token);
    case 'authorizeFields': {
      const result = oauth.authorize(request(), c.token);
      return Object.fromEntries(Object.keys(c.expected).map((k) => [k, result[k]]));
    }
    case 'toHeader(authorize)': return oauth.toHeader(oauth.authorize(request(), c.token)).Authorization;
    default: throw new Error(`unknown call ${c.call}`);
  }
}

function expectedOf(c: Json): Json {
  if (c.call === 'getNonce.length') return c.lengths ?? [c.expected];
  return c.expected;
}

describe('compat/oauth-1.0a: oauth-1.0a\'s own test suite', () => {
  it('finds the ported fixture files, every case citing its source', () => {
    expect(files.length).to.be.greaterThan(3);
    for (const f of files) {
      expect(f.source, f.name).to.be.a('string').and.match(/^ddo\/oauth-1\.0a@/);
      for (const c of f.cases) expect(c.source, f.name).to.be.a('string').and.match(/^test\//);
    }
  });

  for (const file of files) {
    describe(file.name, () => {
      for (const raw of file.cases as Json[]) {
        const c = { ...file.setup, ...raw };
        for (const v of variantsOf(c)) {
          const name = `${c.source}${c.deviation ? ' (deviation: ' + c.deviation.rfc + ')' : ''}${v.label}`;
          it(name, () => {
            const opts = optionsFor(c, v, false);
            if (c.throws !== undefined) {
              expect(() => run(OAuth, c, opts)).to.throw(TypeError, c.throws);
              return;
            }
            const got = run(OAuth, c, opts);
            expect(got).to.deep.equal(expectedOf(c));
          });
        }

        it(`${c.source}: the real oauth-1.0a gives ${c.deviation ? 'the deviating value recorded' : 'the same expected value'}`, () => {
          const opts = optionsFor(c, { label: '', userHash: true, userBodyHash: true }, true);
          if (c.throws !== undefined) {
            expect(() => run(Original, c, opts)).to.throw(c.throws);
            return;
          }
          const got = run(Original, c, opts);
          if (c.deviation === undefined) {
            expect(got).to.deep.equal(expectedOf(c));
          } else {
            const original = c.deviation.original;
            if (typeof original === 'object') for (const k of Object.keys(original)) expect(got[k]).to.equal(original[k]);
            else expect(got).to.equal(original);
            expect(got).to.not.deep.equal(expectedOf(c));
          }
        });

        if (c.independent?.baseStringOnly) {
          it(`${c.source}: our base string for this URL is the independent RFC 5849 signer's`, () => {
            const signed = independentSign({ method: 'GET', url: c.request.url, consumerKey: 'k', consumerSecret: '', nonce: 'n0nce', timestamp: 1 });
            const oauthData = Object.fromEntries(signed.oauth.filter(([k]) => k !== 'oauth_signature').map(([k, v]) => [k, k === 'oauth_timestamp' ? Number(v) : v]));
            expect(new OAuth({ consumer: { key: 'k', secret: '' } }).getBaseString({ url: c.request.url, method: 'GET' }, oauthData as Json)).to.equal(signed.baseString);
          });
        } else if (c.independent !== undefined) {
          it(`${c.source}: the expected signature is the independent RFC 5849 signer's`, () => {
            const signed = independentSign({
              method: c.request.method, url: c.request.url, consumerKey: c.options.consumer.key, consumerSecret: c.options.consumer.secret,
              ...(c.token ? { token: c.token.key, tokenSecret: c.token.secret } : {}),
              nonce: c.nonce, timestamp: c.timestamp, form: c.independent.form,
            });
            const signature = signed.oauth.find(([k]) => k === 'oauth_signature')![1];
            const expected = typeof c.expected === 'string' ? c.expected : c.expected.oauth_signature;
            expect(expected).to.include(typeof c.expected === 'string' ? encodeURIComponent(signature) : signature);
          });
        }
      }

      if (file.notPorted !== undefined) {
        it('says why the cases it does not port are left out', () => {
          for (const n of file.notPorted) expect(n.why, n.source).to.be.a('string').and.not.equal('');
        });
      }
    });
  }

  it('last_ampersand: false with the built-in HMAC is refused with a TypeError naming the option', () => {
    expect(() => new OAuth({ consumer: { key: 'k', secret: 's' }, signature_method: 'HMAC-SHA1', last_ampersand: false }))
      .to.throw(TypeError, 'last_ampersand: false needs a hash_function');
  });
});
