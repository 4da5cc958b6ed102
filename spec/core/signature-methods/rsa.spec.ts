// Specs for src/core/signature-methods/rsa.ts: RSA-SHA1 (RFC 5849 §3.4.3) and RSA-SHA256, keys and certificates.

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync, verify as cryptoVerify, createPublicKey, type KeyObject } from 'node:crypto';
import { RSA_SHA1, RSA_SHA256, KeyError } from '../../../src/index.js';
import { loadPrivateKey, loadPublicKey } from '../../../src/core/signature-methods/index.js';
import { rsaTestKey, selfSignedCertificateWithNode, selfSignedCertificateWithOpenssl } from './test-keys.js';
import { caught } from '../../helpers/errors.js';

interface Vector { id: string; input: { baseString: string; privateKey: string }; expected: string }
const testCases = JSON.parse(readFileSync(new URL('../../../fixtures/oauth-test-cases.json', import.meta.url), 'utf8')) as { vectors: Vector[] };
// OAuth 1.0 test cases, "RSA-SHA1 (section 9.3)": the published key, base string and signature.
const published = testCases.vectors.find((v) => v.id === 'testcases-9-3-rsa-sha1')!;

describe('RSA_SHA1', () => {
  it('RSA_SHA1.sign reproduces the published OAuth test-case signature', () => {
    expect(RSA_SHA1.sign(published.input.baseString, { privateKey: published.input.privateKey })).to.equal(published.expected);
  });

  it('RSA_SHA1.verify accepts the published signature with the public half of the published key', () => {
    const publicKey = createPublicKey(published.input.privateKey).export({ type: 'spki', format: 'pem' }) as string;
    expect(RSA_SHA1.verify(published.input.baseString, published.expected, { publicKey })).to.equal(true);
  });

  it('RSA_SHA1 signs with a generated key and verifies with the PEM public key, a KeyObject and the private key', () => {
    const key = rsaTestKey();
    const base = 'POST&https%3A%2F%2Fa.example%2F&a%3D1';
    const signature = RSA_SHA1.sign(base, { privateKey: key.privateKeyPem });
    expect(cryptoVerify('sha1', Buffer.from(base), key.publicKey, Buffer.from(signature, 'base64'))).to.equal(true);
    expect(RSA_SHA1.verify(base, signature, { publicKey: key.publicKeyPem })).to.equal(true);
    expect(RSA_SHA1.verify(base, signature, { publicKey: key.publicKey })).to.equal(true);
    expect(RSA_SHA1.verify(base, signature, { privateKey: key.privateKeyPem })).to.equal(true);
    expect(RSA_SHA1.sign(base, { privateKey: key.privateKey })).to.equal(signature);
  });

  it('RSA_SHA1.verify accepts an X.509 certificate built with node:crypto', () => {
    const key = rsaTestKey();
    const certificate = selfSignedCertificateWithNode(key);
    const signature = RSA_SHA1.sign('GET&x&y', { privateKey: key.privateKey });
    expect(RSA_SHA1.verify('GET&x&y', signature, { publicKey: certificate })).to.equal(true);
    expect(RSA_SHA1.verify('GET&x&z', signature, { publicKey: certificate })).to.equal(false);
  });

  it('RSA_SHA1.verify accepts an X.509 certificate from the openssl CLI (node-built when openssl is absent)', () => {
    const made = selfSignedCertificateWithOpenssl();
    const privateKeyPem = made?.privateKeyPem ?? rsaTestKey().privateKeyPem;
    const certificatePem = made?.certificatePem ?? selfSignedCertificateWithNode(rsaTestKey());
    const signature = RSA_SHA1.sign('GET&x&y', { privateKey: privateKeyPem });
    expect(RSA_SHA1.verify('GET&x&y', signature, { publicKey: certificatePem })).to.equal(true);
  });

  it('RSA_SHA1.verify rejects a tampered base string, another key, an empty and a garbage signature', () => {
    const key = rsaTestKey();
    const signature = RSA_SHA1.sign('GET&a&b', { privateKey: key.privateKey });
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(RSA_SHA1.verify('GET&a&c', signature, { publicKey: key.publicKey })).to.equal(false);
    expect(RSA_SHA1.verify('GET&a&b', signature, { publicKey: other })).to.equal(false);
    expect(RSA_SHA1.verify('GET&a&b', '', { publicKey: key.publicKey })).to.equal(false);
    expect(RSA_SHA1.verify('GET&a&b', 'not base64!!', { publicKey: key.publicKey })).to.equal(false);
  });
});

describe('RSA_SHA256', () => {
  it('RSA_SHA256 signs PKCS#1 v1.5 with SHA-256 and does not verify as RSA-SHA1', () => {
    const key = rsaTestKey();
    const signature = RSA_SHA256.sign('GET&a&b', { privateKey: key.privateKeyPem });
    expect(cryptoVerify('sha256', Buffer.from('GET&a&b'), key.publicKey, Buffer.from(signature, 'base64'))).to.equal(true);
    expect(RSA_SHA256.verify('GET&a&b', signature, { publicKey: key.publicKeyPem })).to.equal(true);
    expect(RSA_SHA1.verify('GET&a&b', signature, { publicKey: key.publicKeyPem })).to.equal(false);
    expect(RSA_SHA256.bodyHashAlgorithm).to.equal('sha256');
  });
});

describe('RSA key errors', () => {
  it('RSA_SHA1.sign without privateKey fails with ERR_OAUTH_KEY_MISSING', () => {
    const e = caught(() => RSA_SHA1.sign('b', { consumerSecret: 'not-used' }), KeyError);
    expect(e.code).to.equal('ERR_OAUTH_KEY_MISSING');
    expect(e.message).to.equal('RSA-SHA1 needs privateKey (a PEM RSA private key)');
  });

  it('RSA_SHA256.verify without any key fails with ERR_OAUTH_KEY_MISSING', () => {
    const e = caught(() => RSA_SHA256.verify('b', 'c2ln', {}), KeyError);
    expect(e.code).to.equal('ERR_OAUTH_KEY_MISSING');
    expect(e.message).to.equal('RSA-SHA256 verification needs publicKey (PEM public key or certificate)');
  });

  it('a PEM that is not a key fails with ERR_OAUTH_KEY_INVALID and the message never quotes the key', () => {
    const garbage = '-----BEGIN PRIVATE KEY-----\nTUlJQ2RnSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NBbUF3Z2dKY0FnRUFBb0dCQUxSaU1MQWg5aWltdXI4Vg==\n-----END PRIVATE KEY-----\n';
    const e = caught(() => RSA_SHA1.sign('b', { privateKey: garbage }), KeyError);
    expect(e.code).to.equal('ERR_OAUTH_KEY_INVALID');
    expect(e.message).to.equal('privateKey for RSA-SHA1 could not be read as a PEM private key');
    expect(e.message).not.to.include('TUlJ');
    expect(String((e.cause as Error).message)).not.to.include('TUlJ');
  });

  it('a real private key never appears in any RSA error message', () => {
    const pem = rsaTestKey().privateKeyPem;
    const body = pem.split('\n')[1]!;
    const e = caught(() => RSA_SHA1.verify('b', 'c2ln', { publicKey: 'not a key', privateKey: pem }), KeyError);
    expect(e.code).to.equal('ERR_OAUTH_KEY_INVALID');
    expect(e.message).to.equal('publicKey for RSA-SHA1 could not be read as a PEM public key or certificate');
    expect(e.message).not.to.include(body);
  });

  it('a non-RSA key fails with ERR_OAUTH_KEY_NOT_RSA naming the key type', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(caught(() => loadPrivateKey(pem, 'RSA-SHA1'), KeyError).message).to.equal('RSA-SHA1 needs an RSA key, got ec');
    expect(caught(() => loadPrivateKey(pem, 'RSA-SHA1'), KeyError).code).to.equal('ERR_OAUTH_KEY_NOT_RSA');
    expect(caught(() => loadPrivateKey(ec.privateKey, 'RSA-SHA1'), KeyError).message).to.equal('RSA-SHA1 needs an RSA private KeyObject');
    expect(caught(() => loadPublicKey(ec.publicKey, 'RSA-SHA256'), KeyError).message).to.equal('RSA-SHA256 needs an RSA KeyObject');
  });

  it('loadPublicKey derives the public half from a private KeyObject', () => {
    const key = rsaTestKey();
    const pub = loadPublicKey(key.privateKey, 'RSA-SHA1') as KeyObject;
    expect(pub.type).to.equal('public');
    expect(pub.export({ type: 'spki', format: 'pem' })).to.equal(key.publicKeyPem);
  });
});
