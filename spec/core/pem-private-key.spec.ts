// Specs for the RSA private-key forms the signers accept (PKCS#1, PKCS#8, encrypted PEM) and the typed error for each wrong form (src/core/pem-private-key.ts, signature-methods/rsa.ts, webcrypto.ts).

import { expect } from 'chai';
import { generateKeyPairSync, verify as cryptoVerify } from 'node:crypto';
import { inspect } from 'node:util';
import { KeyError, RSA_SHA1, pemPrivateKeyForm, signRequest, signRequestAsync, type SignRequestInput } from '../../src/index.js';
import { rsaTestKey, selfSignedCertificateWithNode } from './signature-methods/test-keys.js';
import { caught } from '../helpers/errors.js';

const PASSPHRASE = 'correct horse battery staple';
const BASE = 'GET&https%3A%2F%2Fjira.example.com%2Frest%2Fapi%2F2%2Fmyself&oauth_consumer_key%3Dck';

/** The test key in every PEM form node:crypto writes. */
function forms(): Record<'pkcs8' | 'pkcs1' | 'pkcs8Encrypted' | 'legacyEncrypted' | 'spki' | 'pkcs1Public' | 'certificate' | 'ecPkcs8' | 'ecSec1', string> {
  const k = rsaTestKey();
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    pkcs8: k.privateKeyPem,
    pkcs1: k.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    pkcs8Encrypted: k.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }) as string,
    legacyEncrypted: k.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }) as string,
    spki: k.publicKeyPem,
    pkcs1Public: k.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    certificate: selfSignedCertificateWithNode(k),
    ecPkcs8: ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    ecSec1: ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string,
  };
}

/** Signed with `privateKey`, the signature must check against the test key's public half. */
function checks(signature: string): boolean {
  return cryptoVerify('sha1', Buffer.from(BASE), rsaTestKey().publicKey, Buffer.from(signature, 'base64'));
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try { await p; } catch (e) { return e as Error; }
  throw new Error('expected a rejection');
}

describe('pemPrivateKeyForm', () => {
  it('pemPrivateKeyForm tells every PEM form apart from its label and headers', () => {
    const f = forms();
    expect(Object.fromEntries(Object.entries(f).map(([n, pem]) => [n, pemPrivateKeyForm(pem)]))).to.deep.equal({
      pkcs8: 'pkcs8', pkcs1: 'pkcs1', pkcs8Encrypted: 'pkcs8-encrypted', legacyEncrypted: 'legacy-encrypted',
      spki: 'public', pkcs1Public: 'public', certificate: 'certificate', ecPkcs8: 'pkcs8', ecSec1: 'other-private',
    });
    expect(pemPrivateKeyForm('not a key')).to.equal('none');
  });
});

describe('RSA-SHA1 private key forms (synchronous signer, node:crypto)', () => {
  it('RSA_SHA1.sign accepts PKCS#8, PKCS#1, encrypted PKCS#8 and legacy encrypted PEM (with the passphrase), all the same key', () => {
    const f = forms();
    const signatures = [
      RSA_SHA1.sign(BASE, { privateKey: f.pkcs8 }),
      RSA_SHA1.sign(BASE, { privateKey: f.pkcs1 }),
      RSA_SHA1.sign(BASE, { privateKey: f.pkcs8Encrypted, privateKeyPassphrase: PASSPHRASE }),
      RSA_SHA1.sign(BASE, { privateKey: f.legacyEncrypted, privateKeyPassphrase: PASSPHRASE }),
    ];
    for (const s of signatures) expect(checks(s)).to.equal(true);
    // RSASSA-PKCS1-v1_5 is deterministic: one key, one signature.
    expect(new Set(signatures).size).to.equal(1);
  });

  it('signRequest passes privateKeyPassphrase to the signer; the signature checks with the public key', () => {
    const f = forms();
    const input: SignRequestInput = { method: 'GET', url: 'https://jira.example.com/rest/api/2/myself', consumerKey: 'ck', signatureMethod: 'RSA-SHA1', nonce: 'n', timestamp: 1 };
    const plain = signRequest({ ...input, privateKey: f.pkcs8 });
    const encrypted = signRequest({ ...input, privateKey: f.pkcs8Encrypted, privateKeyPassphrase: PASSPHRASE });
    expect(encrypted.signature).to.equal(plain.signature);
    expect(RSA_SHA1.verify(encrypted.baseString, encrypted.signature, { publicKey: f.spki })).to.equal(true);
  });

  const wrong: Array<[string, (f: ReturnType<typeof forms>) => { privateKey: string; privateKeyPassphrase?: string }, string, string]> = [
    ['a public key (SPKI)', (f) => ({ privateKey: f.spki }), 'ERR_OAUTH_KEY_NOT_PRIVATE', 'privateKey for RSA-SHA1 is a public key, not the private key'],
    ['a PKCS#1 public key', (f) => ({ privateKey: f.pkcs1Public }), 'ERR_OAUTH_KEY_NOT_PRIVATE', 'privateKey for RSA-SHA1 is a public key, not the private key'],
    ['a certificate', (f) => ({ privateKey: f.certificate }), 'ERR_OAUTH_KEY_NOT_PRIVATE', 'privateKey for RSA-SHA1 is a certificate, not the private key'],
    ['an encrypted PKCS#8 key without passphrase', (f) => ({ privateKey: f.pkcs8Encrypted }), 'ERR_OAUTH_KEY_PASSPHRASE_MISSING', 'privateKey for RSA-SHA1 is encrypted; pass privateKeyPassphrase'],
    ['a legacy encrypted key without passphrase', (f) => ({ privateKey: f.legacyEncrypted }), 'ERR_OAUTH_KEY_PASSPHRASE_MISSING', 'privateKey for RSA-SHA1 is encrypted; pass privateKeyPassphrase'],
    ['an encrypted PKCS#8 key with a wrong passphrase', (f) => ({ privateKey: f.pkcs8Encrypted, privateKeyPassphrase: 'wrong horse' }), 'ERR_OAUTH_KEY_PASSPHRASE_WRONG', 'privateKey for RSA-SHA1 could not be decrypted: wrong privateKeyPassphrase'],
    ['a legacy encrypted key with a wrong passphrase', (f) => ({ privateKey: f.legacyEncrypted, privateKeyPassphrase: 'wrong horse' }), 'ERR_OAUTH_KEY_PASSPHRASE_WRONG', 'privateKey for RSA-SHA1 could not be decrypted: wrong privateKeyPassphrase'],
    ['garbage, not PEM', () => ({ privateKey: 'ssh-rsa AAAAB3NzaC1yc2E not a pem' }), 'ERR_OAUTH_KEY_INVALID', 'privateKey for RSA-SHA1 could not be read as a PEM private key'],
    ['an EC key in PKCS#8', (f) => ({ privateKey: f.ecPkcs8 }), 'ERR_OAUTH_KEY_NOT_RSA', 'RSA-SHA1 needs an RSA key, got ec'],
    ['an EC key in SEC1 ("EC PRIVATE KEY")', (f) => ({ privateKey: f.ecSec1 }), 'ERR_OAUTH_KEY_NOT_RSA', 'RSA-SHA1 needs an RSA key, got another kind of private key'],
  ];
  for (const [what, keys, code, message] of wrong) {
    it(`RSA_SHA1.sign refuses ${what} with ${code}, quoting neither key nor passphrase`, () => {
      const k = keys(forms());
      const e = caught(() => RSA_SHA1.sign(BASE, k), KeyError);
      expect(e.code).to.equal(code);
      expect(e.message).to.equal(message);
      const everything = inspect(e, { depth: 10 }) + JSON.stringify(e) + (e.stack ?? '');
      expect(everything).not.to.include(k.privateKey.split('\n')[2]!);
      if (k.privateKeyPassphrase !== undefined) expect(everything).not.to.include(k.privateKeyPassphrase);
    });
  }
});

describe('RSA-SHA1 private key forms (asynchronous signer, WebCrypto)', () => {
  const input: SignRequestInput = { method: 'GET', url: 'https://jira.example.com/rest/api/2/myself', consumerKey: 'ck', signatureMethod: 'RSA-SHA1', nonce: 'n', timestamp: 1 };

  it('signRequestAsync accepts PKCS#8 and PKCS#1 and signs as signRequest does', async () => {
    const f = forms();
    const expected = signRequest({ ...input, privateKey: f.pkcs8 }).signature;
    expect((await signRequestAsync({ ...input, privateKey: f.pkcs8 })).signature).to.equal(expected);
    expect((await signRequestAsync({ ...input, privateKey: f.pkcs1 })).signature).to.equal(expected);
  });

  it('signRequestAsync refuses encrypted keys with ERR_OAUTH_KEY_ENCRYPTED_UNSUPPORTED (decrypt first), even with the passphrase', async () => {
    const f = forms();
    for (const privateKey of [f.pkcs8Encrypted, f.legacyEncrypted]) {
      const e = await rejection(signRequestAsync({ ...input, privateKey, privateKeyPassphrase: PASSPHRASE }));
      expect(e).to.be.instanceOf(KeyError);
      expect((e as KeyError).code).to.equal('ERR_OAUTH_KEY_ENCRYPTED_UNSUPPORTED');
      expect(e.message).to.equal('privateKey for RSA-SHA1 is encrypted: decrypt it first (WebCrypto cannot), or use signRequest with privateKeyPassphrase');
    }
  });

  it('signRequestAsync names the other wrong forms with the codes of the synchronous signer', async () => {
    const f = forms();
    const cases: Array<[string, string]> = [[f.spki, 'ERR_OAUTH_KEY_NOT_PRIVATE'], [f.certificate, 'ERR_OAUTH_KEY_NOT_PRIVATE'], [f.ecPkcs8, 'ERR_OAUTH_KEY_NOT_RSA'], [f.ecSec1, 'ERR_OAUTH_KEY_NOT_RSA'], ['garbage', 'ERR_OAUTH_KEY_INVALID']];
    const got = [];
    for (const [privateKey] of cases) got.push(((await rejection(signRequestAsync({ ...input, privateKey }))) as KeyError).code);
    expect(got).to.deep.equal(cases.map(([, c]) => c));
  });
});
