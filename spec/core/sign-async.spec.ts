// Specs for src/core/sign-async.ts, verify-signature-async.ts and webcrypto.ts in Node (the other runtimes: spec/runtimes).

import { expect } from 'chai';
import { webcrypto, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { signRequest, signRequestAsync, verifySignatureAsync, verifySignature, computeBodyHash, computeBodyHashAsync, KeyError, type SignRequestInput } from '../../src/index.js';
import { base64Encode, base64Decode, pkcs1PrivateToPkcs8 } from '../../src/core/webcrypto.js';
import { rsaTestKey, selfSignedCertificateWithNode } from './signature-methods/test-keys.js';

async function rejection(p: Promise<unknown>): Promise<Error> {
  try { await p; } catch (e) { return e as Error; }
  throw new Error('expected a rejection');
}

const TWITTER: SignRequestInput = {
  method: 'POST', url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
  form: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']],
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog', consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', timestamp: 1318622958,
};

describe('signRequestAsync / verifySignatureAsync (WebCrypto) in Node', function () {
  this.timeout(60_000);

  it('signRequestAsync gives the Twitter example the published signature and the same SignedRequest as signRequest', async () => {
    const a = await signRequestAsync(TWITTER);
    expect(a.signature).to.equal('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
    expect(a).to.deep.equal(signRequest(TWITTER));
  });

  it('base64Encode/base64Decode agree with Buffer on random bytes; base64Decode refuses non-base64', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const b64 = base64Encode(bytes);
      expect(b64).to.equal(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(base64Decode(b64)!)).to.deep.equal(Buffer.from(bytes));
    }));
    expect(base64Decode('ab$d')).to.equal(undefined);
    expect(base64Decode('a')).to.equal(undefined);
  });

  it('computeBodyHashAsync equals computeBodyHash for every algorithm, on text and bytes', async () => {
    for (const alg of ['sha1', 'sha256', 'sha512'] as const) {
      for (const body of ['', 'Hello World!', 'café 😀', randomBytes(1000)]) {
        expect(await computeBodyHashAsync(body, alg)).to.equal(computeBodyHash(body, alg));
      }
    }
  });

  it('the PKCS#1 → PKCS#8 wrapping gives the DER node:crypto exports for the same key', () => {
    const key = rsaTestKey().privateKey;
    const pkcs1 = key.export({ type: 'pkcs1', format: 'der' });
    expect(Buffer.from(pkcs1PrivateToPkcs8(pkcs1))).to.deep.equal(key.export({ type: 'pkcs8', format: 'der' }));
  });

  it('RSA-SHA1/256: a PKCS#1 PEM, a PKCS#8 PEM and a CryptoKey sign alike; a certificate, an SPKI/PKCS#1 public key, the private key and a CryptoKey verify', async () => {
    const k = rsaTestKey();
    const pkcs1 = k.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const pkcs1Public = k.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const cert = selfSignedCertificateWithNode(k);
    for (const [method, hash] of [['RSA-SHA1', 'SHA-1'], ['RSA-SHA256', 'SHA-256']] as const) {
      const input: SignRequestInput = { method: 'GET', url: 'https://example.com/r?a=1', consumerKey: 'ck', signatureMethod: method, privateKey: k.privateKeyPem, nonce: 'n', timestamp: 1 };
      const expected = signRequest(input);
      const cryptoKey = await webcrypto.subtle.importKey('pkcs8', k.privateKey.export({ type: 'pkcs8', format: 'der' }), { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']);
      for (const privateKey of [k.privateKeyPem, pkcs1, cryptoKey]) {
        expect((await signRequestAsync({ ...input, privateKey })).signature, `${method}`).to.equal(expected.signature);
      }
      const publicCryptoKey = await webcrypto.subtle.importKey('spki', k.publicKey.export({ type: 'spki', format: 'der' }), { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
      const received = { method: 'GET', url: input.url, authorization: expected.authorization };
      for (const publicKey of [cert, k.publicKeyPem, pkcs1Public, k.privateKeyPem, pkcs1, publicCryptoKey]) {
        expect((await verifySignatureAsync(received, { publicKey })).valid, `${method} with ${typeof publicKey === 'string' ? publicKey.slice(0, 30) : 'CryptoKey'}`).to.equal(true);
      }
      const tampered = { ...received, url: 'https://example.com/r?a=2' };
      expect((await verifySignatureAsync(tampered, { publicKey: cert })).valid).to.equal(false);
    }
  });

  it('verifySignatureAsync agrees with verifySignature on valid and tampered HMAC and PLAINTEXT requests', async () => {
    for (const signatureMethod of ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT']) {
      const signed = signRequest({ ...TWITTER, signatureMethod });
      const received = { method: 'POST', url: signed.url, authorization: signed.authorization, body: signed.body!, contentType: 'application/x-www-form-urlencoded' };
      const keys = { consumerSecret: TWITTER.consumerSecret!, tokenSecret: TWITTER.tokenSecret! };
      for (const r of [received, { ...received, body: 'status=changed' }]) {
        const sync = verifySignature(r, keys);
        expect(await verifySignatureAsync(r, keys), signatureMethod).to.deep.equal(sync);
      }
      expect((await verifySignatureAsync(received, { ...keys, tokenSecret: 'wrong' })).valid).to.equal(false);
    }
  });

  it('bad RSA keys are refused with KeyError codes, and the key never appears in the error', async () => {
    const k = rsaTestKey();
    const input: SignRequestInput = { method: 'GET', url: 'https://example.com/', consumerKey: 'ck', signatureMethod: 'RSA-SHA1', nonce: 'n', timestamp: 1 };
    const missing = await rejection(signRequestAsync(input));
    expect(missing).to.be.instanceOf(KeyError);
    expect((missing as KeyError).code).to.equal('ERR_OAUTH_KEY_MISSING');
    expect(missing.message).to.equal('RSA-SHA1 needs privateKey (a PEM RSA private key)');
    const truncated = k.privateKeyPem.replace(/\n[^\n]+\n-----END/, '\n-----END');
    const cases: Array<[string, string, RegExp]> = [
      ['not a key', 'ERR_OAUTH_KEY_INVALID', /^privateKey for RSA-SHA1 could not be read as a PEM private key/],
      [k.publicKeyPem, 'ERR_OAUTH_KEY_NOT_PRIVATE', /^privateKey for RSA-SHA1 is a public key/],
      [truncated, 'ERR_OAUTH_KEY_INVALID', /^privateKey for RSA-SHA1 could not be read as (a PEM private key|an RSA private key)/],
      ['-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----', 'ERR_OAUTH_KEY_ENCRYPTED_UNSUPPORTED', /^privateKey for RSA-SHA1 is encrypted/],
    ];
    for (const [privateKey, code, message] of cases) {
      const e = await rejection(signRequestAsync({ ...input, privateKey }));
      expect(e).to.be.instanceOf(KeyError);
      expect((e as KeyError).code).to.equal(code);
      expect(e.message).to.match(message);
      const body = k.privateKeyPem.split('\n')[5]!;
      expect(inspect(e, { depth: 10 }) + JSON.stringify(e) + (e.stack ?? '')).not.to.include(body);
    }
    const badPublic = await rejection(verifySignatureAsync({ method: 'GET', url: 'https://example.com/', authorization: signRequest({ ...input, privateKey: k.privateKeyPem }).authorization }, { publicKey: 'nonsense' }));
    expect((badPublic as KeyError).code).to.equal('ERR_OAUTH_KEY_INVALID');
    expect(badPublic.message).to.equal('publicKey for RSA-SHA1 could not be read as a PEM public key or certificate');
  });

  it('signRequestAsync rejects (never throws synchronously) with the errors of signRequest', async () => {
    const e = await rejection(signRequestAsync({ ...TWITTER, url: '/relative' }));
    expect((e as KeyError).code).to.equal('ERR_OAUTH_URL_INVALID');
    const t = await rejection(signRequestAsync(null as unknown as SignRequestInput));
    expect(t).to.be.instanceOf(TypeError);
  });
});
