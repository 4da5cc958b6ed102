// Specs for src/core/verify-signature.ts: verifySignature (RFC 5849 §3.2).

import { expect } from 'chai';
import {
  verifySignature, signRequest, signatureMethodTable, HeaderError, KeyError, RequestError, SignatureMethodError,
  type SignRequestInput, type SignatureMethod, type ReceivedRequest,
} from '../../src/index.js';
import { caught } from '../helpers/errors.js';
import { rsaTestKey, selfSignedCertificateWithNode, selfSignedCertificateWithOpenssl } from './signature-methods/test-keys.js';

// RFC 5849 §1.2, the protected-resource request as printed.
const RFC_PHOTO: ReceivedRequest = {
  method: 'GET',
  url: 'http://photos.example.net/photos?file=vacation.jpg&size=original',
  authorization: 'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", '
    + 'oauth_timestamp="137131202", oauth_nonce="chapoH", oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"',
};
const RFC_KEYS = { consumerSecret: 'kd94hf93k423kf44', tokenSecret: 'pfkkdhi9sl3r4s00' };

const INPUT: SignRequestInput = {
  method: 'POST', url: 'https://api.example.com:8443/p/a%20th?q=a+b&q=%E6%9D%B1', form: [['status', 'Hi + bye!'], ['e', '']],
  consumerKey: 'ck', consumerSecret: 'c s', token: 'tok', tokenSecret: 't&s', nonce: 'abc123', timestamp: 1700000000,
};

/** The request a server receives for a signed request. */
function received(signed: ReturnType<typeof signRequest>, method = 'POST'): ReceivedRequest {
  const req: ReceivedRequest = { method, url: signed.url };
  if (signed.headers.authorization !== undefined) req.authorization = signed.headers.authorization;
  if (signed.body !== undefined) { req.body = signed.body; req.contentType = signed.headers['content-type']!; }
  return req;
}

describe('verifySignature with shared secrets', () => {
  it('verifySignature accepts the RFC 5849 §1.2 protected-resource request with the right secrets', () => {
    const result = verifySignature(RFC_PHOTO, RFC_KEYS);
    expect(result).to.deep.equal({
      valid: true,
      signatureMethod: 'HMAC-SHA1',
      signature: 'MdpQcU8iPSUjWoN/UDMsK2sui9I=',
      baseString: 'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal',
      placement: 'header',
    });
  });

  it('verifySignature rejects the RFC request with a wrong secret, a changed query, method or host', () => {
    expect(verifySignature(RFC_PHOTO, { ...RFC_KEYS, tokenSecret: 'x' }).valid).to.equal(false);
    expect(verifySignature({ ...RFC_PHOTO, url: RFC_PHOTO.url.replace('original', 'small') }, RFC_KEYS).valid).to.equal(false);
    expect(verifySignature({ ...RFC_PHOTO, method: 'POST' }, RFC_KEYS).valid).to.equal(false);
    expect(verifySignature({ ...RFC_PHOTO, url: RFC_PHOTO.url.replace('photos.example.net', 'photos.example.org') }, RFC_KEYS).valid).to.equal(false);
  });

  it('verifySignature accepts host case, default port and fragment differences that the base string URI removes', () => {
    expect(verifySignature({ ...RFC_PHOTO, url: 'HTTP://Photos.Example.NET:80/photos?file=vacation.jpg&size=original#x' }, RFC_KEYS).valid).to.equal(true);
  });

  for (const placement of ['header', 'query', 'form'] as const) {
    it(`verifySignature accepts what signRequest produced with ${placement} placement (HMAC-SHA1)`, () => {
      const signed = signRequest({ ...INPUT, placement });
      expect(verifySignature(received(signed), { consumerSecret: 'c s', tokenSecret: 't&s' }).valid).to.equal(true);
      expect(verifySignature(received(signed), { consumerSecret: 'c s', tokenSecret: 't&x' }).valid).to.equal(false);
    });
  }

  for (const signatureMethod of ['HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT']) {
    it(`verifySignature round-trips ${signatureMethod}`, () => {
      const signed = signRequest({ ...INPUT, signatureMethod, ...(signatureMethod === 'PLAINTEXT' ? { nonce: null, timestamp: null } : {}) });
      const result = verifySignature(received(signed), { consumerSecret: 'c s', tokenSecret: 't&s' });
      expect(result.valid).to.equal(true);
      expect(result.signatureMethod).to.equal(signatureMethod);
      expect(verifySignature(received(signed), { consumerSecret: 'c s', tokenSecret: '' }).valid).to.equal(false);
    });
  }

  it('verifySignature detects a changed form body', () => {
    const signed = signRequest(INPUT);
    expect(verifySignature({ ...received(signed), body: signed.body!.replace('bye', 'BYE') }, { consumerSecret: 'c s', tokenSecret: 't&s' }).valid).to.equal(false);
  });
});

describe('verifySignature with RSA', () => {
  it('verifySignature checks RSA-SHA1 with a PEM public key', () => {
    const key = rsaTestKey();
    const signed = signRequest({ ...INPUT, signatureMethod: 'RSA-SHA1', privateKey: key.privateKeyPem });
    expect(verifySignature(received(signed), { publicKey: key.publicKeyPem }).valid).to.equal(true);
    expect(verifySignature({ ...received(signed), url: signed.url + '&x=1' }, { publicKey: key.publicKeyPem }).valid).to.equal(false);
  });

  it('verifySignature checks RSA-SHA256 with an X.509 certificate (built with node:crypto)', () => {
    const key = rsaTestKey();
    const signed = signRequest({ ...INPUT, signatureMethod: 'RSA-SHA256', privateKey: key.privateKey });
    expect(verifySignature(received(signed), { publicKey: selfSignedCertificateWithNode(key) }).valid).to.equal(true);
  });

  it('verifySignature checks RSA-SHA1 with an X.509 certificate from the openssl CLI (node-built when openssl is absent)', () => {
    const made = selfSignedCertificateWithOpenssl();
    const privateKey = made?.privateKeyPem ?? rsaTestKey().privateKeyPem;
    const certificate = made?.certificatePem ?? selfSignedCertificateWithNode(rsaTestKey());
    const signed = signRequest({ ...INPUT, signatureMethod: 'RSA-SHA1', privateKey });
    expect(verifySignature(received(signed), { publicKey: certificate }).valid).to.equal(true);
    expect(verifySignature(received(signed), { publicKey: rsaTestKey().publicKeyPem }).valid).to.equal(made === undefined);
  });

  it('verifySignature with RSA and no public key fails with ERR_OAUTH_KEY_MISSING', () => {
    const signed = signRequest({ ...INPUT, signatureMethod: 'RSA-SHA1', privateKey: rsaTestKey().privateKey });
    const e = caught(() => verifySignature(received(signed), { consumerSecret: 'c s' }), KeyError);
    expect(e.code).to.equal('ERR_OAUTH_KEY_MISSING');
    expect(e.message).to.equal('RSA-SHA1 verification needs publicKey (PEM public key or certificate)');
  });
});

describe('verifySignature errors', () => {
  it('verifySignature needs exactly one oauth_signature and one oauth_signature_method', () => {
    const noSig = caught(() => verifySignature({ method: 'GET', url: 'https://a.example/?oauth_signature_method=HMAC-SHA1' }, RFC_KEYS), RequestError);
    expect(noSig.code).to.equal('ERR_OAUTH_PARAMETER_MISSING');
    expect(noSig.message).to.equal('the request has no oauth_signature');
    const noMethod = caught(() => verifySignature({ method: 'GET', url: 'https://a.example/?oauth_signature=x' }, RFC_KEYS), RequestError);
    expect(noMethod.message).to.equal('the request has no oauth_signature_method');
    const twice = caught(() => verifySignature({ ...RFC_PHOTO, url: RFC_PHOTO.url + '&oauth_signature=x' }, RFC_KEYS), RequestError);
    expect(twice.code).to.equal('ERR_OAUTH_PARAMETER_DUPLICATE');
    expect(twice.message).to.equal('the request carries oauth_signature 2 times');
  });

  it('verifySignature rejects an unknown signature method with ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED', () => {
    const req = { ...RFC_PHOTO, authorization: RFC_PHOTO.authorization!.replace('HMAC-SHA1', 'HMAC-MD5') };
    expect(caught(() => verifySignature(req, RFC_KEYS), SignatureMethodError).code).to.equal('ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED');
  });

  it('verifySignature uses a caller\'s method table for custom methods', () => {
    const custom: SignatureMethod = { name: 'X-LEN', sign: (b) => String(b.length), verify: (b, s) => String(b.length) === s };
    const signed = signRequest({ ...INPUT, signatureMethod: custom });
    expect(verifySignature(received(signed), {}, signatureMethodTable([custom])).valid).to.equal(true);
    expect(() => verifySignature(received(signed), {})).to.throw(SignatureMethodError);
  });

  it('verifySignature reports a malformed Authorization header with its position', () => {
    const e = caught(() => verifySignature({ ...RFC_PHOTO, authorization: 'OAuth oauth_signature=abc' }, RFC_KEYS), HeaderError);
    expect(e.code).to.equal('ERR_OAUTH_HEADER_MALFORMED');
    expect(e.position).to.equal(22);
  });

  it('verifySignature errors never contain the secrets or keys passed in', () => {
    const secret = 'VERIFY-SECRET-51d';
    for (const run of [
      () => verifySignature({ method: 'GET', url: 'https://a.example/' }, { consumerSecret: secret, tokenSecret: secret }),
      () => verifySignature({ ...RFC_PHOTO, authorization: RFC_PHOTO.authorization!.replace('HMAC-SHA1', 'RSA-SHA1') }, { publicKey: 'garbage ' + secret }),
    ]) {
      try {
        run();
        expect.fail('expected an error');
      } catch (e) {
        expect(String((e as Error).message)).not.to.include(secret);
        expect(JSON.stringify(e)).not.to.include(secret);
      }
    }
  });
});
