// Specs for src/core/signature-methods/hmac.ts: signing key, HMAC-SHA1 (RFC 5849 §3.4.2), HMAC-SHA256/512.

import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { HMAC_SHA1, HMAC_SHA256, HMAC_SHA512, signingKey, constantTimeEqual, KeyError } from '../../../src/index.js';

const PHOTOS_BASE = 'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03'
  + '%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk'
  + '%26oauth_version%3D1.0%26size%3Doriginal';

describe('signingKey', () => {
  it('signingKey joins the encoded consumer and token secrets with "&", keeping "&" when the token secret is empty', () => {
    expect(signingKey({ consumerSecret: 'kd94hf93k423kf44', tokenSecret: 'pfkkdhi9sl3r4s00' })).to.equal('kd94hf93k423kf44&pfkkdhi9sl3r4s00');
    expect(signingKey({ consumerSecret: 'cs' })).to.equal('cs&');
    expect(signingKey({ consumerSecret: '', tokenSecret: '' })).to.equal('&');
  });

  it('signingKey percent-encodes both secrets (RFC 5849 §3.4.2)', () => {
    expect(signingKey({ consumerSecret: 'a b&c', tokenSecret: 'é$' })).to.equal('a%20b%26c&%C3%A9%24');
  });

  it('signingKey requires consumerSecret with ERR_OAUTH_SECRET_MISSING', () => {
    try {
      signingKey({ tokenSecret: 'secret-token-value' });
      expect.fail('expected a KeyError');
    } catch (e) {
      expect(e).to.be.instanceOf(KeyError);
      expect((e as KeyError).code).to.equal('ERR_OAUTH_SECRET_MISSING');
      expect((e as KeyError).message).to.equal('consumerSecret is required for HMAC-* and PLAINTEXT signatures (use "" for an empty secret)');
      expect((e as KeyError).message).not.to.include('secret-token-value');
    }
  });
});

describe('HMAC_SHA1', () => {
  // OAuth 1.0 test cases (wiki.oauth.net/TestCases), "HMAC-SHA1 (section 9.2)".
  const published: Array<[string, string, string, string]> = [
    ['bs', 'cs', '', 'egQqG5AJep5sJ7anhXju1unge2I='],
    ['bs', 'cs', 'ts', 'VZVjXceV7JgPq/dOTnNmEfO0Fv8='],
    [PHOTOS_BASE, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00', 'tR3+Ty81lMeYAr/Fid0kMTYa/WM='],
  ];
  for (const [base, cs, ts, expected] of published) {
    it(`HMAC_SHA1.sign gives the published ${expected}`, () => {
      expect(HMAC_SHA1.sign(base, { consumerSecret: cs, tokenSecret: ts })).to.equal(expected);
    });
  }

  it('HMAC_SHA1.verify accepts the right signature and rejects a wrong one, a truncated one and the wrong secret', () => {
    const keys = { consumerSecret: 'kd94hf93k423kf44', tokenSecret: 'pfkkdhi9sl3r4s00' };
    expect(HMAC_SHA1.verify(PHOTOS_BASE, 'tR3+Ty81lMeYAr/Fid0kMTYa/WM=', keys)).to.equal(true);
    expect(HMAC_SHA1.verify(PHOTOS_BASE, 'tR3+Ty81lMeYAr/Fid0kMTYa/WN=', keys)).to.equal(false);
    expect(HMAC_SHA1.verify(PHOTOS_BASE, 'tR3+Ty81lMeYAr/Fid0kMTYa', keys)).to.equal(false);
    expect(HMAC_SHA1.verify(PHOTOS_BASE, '', keys)).to.equal(false);
    expect(HMAC_SHA1.verify(PHOTOS_BASE, 'tR3+Ty81lMeYAr/Fid0kMTYa/WM=', { ...keys, tokenSecret: '' })).to.equal(false);
    expect(HMAC_SHA1.verify(PHOTOS_BASE + 'x', 'tR3+Ty81lMeYAr/Fid0kMTYa/WM=', keys)).to.equal(false);
  });

  it('HMAC_SHA1 names itself HMAC-SHA1, needs a nonce and hashes bodies with SHA-1', () => {
    expect(HMAC_SHA1.name).to.equal('HMAC-SHA1');
    expect(HMAC_SHA1.requiresNonce).not.to.equal(false);
    expect(HMAC_SHA1.bodyHashAlgorithm).to.equal('sha1');
  });
});

describe('HMAC_SHA256 and HMAC_SHA512', () => {
  for (const [method, digest] of [[HMAC_SHA256, 'sha256'], [HMAC_SHA512, 'sha512']] as const) {
    it(`${method.name} is base64(HMAC-${digest.toUpperCase()}(encoded secrets, base string)) and verifies`, () => {
      const keys = { consumerSecret: 'c s', tokenSecret: 't&s' };
      const expected = createHmac(digest, 'c%20s&t%26s').update('GET&http%3A%2F%2Fa.example%2F&a%3D1', 'utf8').digest('base64');
      const signature = method.sign('GET&http%3A%2F%2Fa.example%2F&a%3D1', keys);
      expect(signature).to.equal(expected);
      expect(Buffer.from(signature, 'base64')).to.have.length(digest === 'sha256' ? 32 : 64);
      expect(method.verify('GET&http%3A%2F%2Fa.example%2F&a%3D1', signature, keys)).to.equal(true);
      expect(method.verify('GET&http%3A%2F%2Fa.example%2F&a%3D2', signature, keys)).to.equal(false);
      expect(method.bodyHashAlgorithm).to.equal(digest);
    });
  }
});

describe('constantTimeEqual', () => {
  it('constantTimeEqual compares strings by their UTF-8 bytes, including different lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).to.equal(true);
    expect(constantTimeEqual('abc', 'abd')).to.equal(false);
    expect(constantTimeEqual('abc', 'abcd')).to.equal(false);
    expect(constantTimeEqual('', '')).to.equal(true);
    expect(constantTimeEqual('é', 'é')).to.equal(true);
    expect(constantTimeEqual('é', 'e')).to.equal(false);
  });
});

describe('HMAC-* (two one-shot hashes over cached pads)', () => {
  // RFC 2104 through node:crypto's own HMAC, as the reference.
  const reference = (digest: string, key: string, message: string): string => createHmac(digest, key).update(message).digest('base64');
  const secrets = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(129)));
  const messages = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('', 'q'.repeat(20_000)));

  for (const [method, digest] of [[HMAC_SHA1, 'sha1'], [HMAC_SHA256, 'sha256'], [HMAC_SHA512, 'sha512']] as const) {
    it(`${method.name} equals crypto.createHmac for any secrets (longer than a block too) and any message, lone surrogates included`, () => {
      fc.assert(fc.property(secrets, secrets, messages, (consumerSecret, tokenSecret, message) => {
        const keys = { consumerSecret, tokenSecret };
        expect(method.sign(message, keys)).to.equal(reference(digest, signingKey(keys), message));
      }), { numRuns: 300 });
    });
  }

  it('HMAC-SHA1 keeps several keys apart when they alternate (key cache)', () => {
    const a = { consumerSecret: 'a', tokenSecret: '1' };
    const b = { consumerSecret: 'b', tokenSecret: '1' };
    for (let i = 0; i < 3; i++) {
      expect(HMAC_SHA1.sign('m', a)).to.equal(reference('sha1', 'a&1', 'm'));
      expect(HMAC_SHA1.sign('m', b)).to.equal(reference('sha1', 'b&1', 'm'));
    }
  });
});

describe('constantTimeEqual (properties)', () => {
  it('constantTimeEqual answers exactly a === b for any two strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), (a, b) => {
      expect(constantTimeEqual(a, b)).to.equal(a === b);
      expect(constantTimeEqual(a, a)).to.equal(true);
    }));
  });

  it('constantTimeEqual tells apart strings that differ only by a trailing NUL or in length', () => {
    expect(constantTimeEqual('abc', 'abc\u0000')).to.equal(false);
    expect(constantTimeEqual('', 'a')).to.equal(false);
    expect(constantTimeEqual('', '')).to.equal(true);
  });
});
