// Specs for src/core/sign.ts: signRequest and createSigner (RFC 5849 §3.1–§3.5).

import { expect } from 'chai';
import { createHash, verify as cryptoVerify } from 'node:crypto';
import {
  signRequest, createSigner, signatureBaseString, parseAuthorizationHeader, OAuthError, KeyError, RequestError,
  SignatureMethodError, UrlError, type SignRequestInput, type SignatureMethod,
} from '../../src/index.js';
import { caught } from '../helpers/errors.js';
import { rsaTestKey } from './signature-methods/test-keys.js';

// Twitter, "Creating a signature" (developer.twitter.com/en/docs/authentication/oauth-1-0a/creating-a-signature).
const TWITTER: SignRequestInput = {
  method: 'POST',
  url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
  form: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']],
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
  tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
  timestamp: 1318622958,
};

// RFC 5849 §1.2 client credentials.
const PHOTOS = { consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: 'kd94hf93k423kf44', version: null, realm: 'Photos' } as const;

const SIMPLE: SignRequestInput = {
  method: 'GET', url: 'https://api.example.com/r?a=1', consumerKey: 'ck', consumerSecret: 'cs', token: 't', tokenSecret: 'ts', nonce: 'n0nce', timestamp: 1700000000,
};

describe('signRequest on published examples', () => {
  it('signRequest reproduces Twitter\'s parameter string, base string and signature hCtSmYh+iHYCEqBWrE7C7hYmtUk=', () => {
    const signed = signRequest(TWITTER);
    expect(signed.normalizedParameters).to.equal('include_entities=true&oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_nonce=kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1318622958&oauth_token=370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb&oauth_version=1.0&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21');
    expect(signed.baseString).to.equal('POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521');
    expect(signed.signature).to.equal('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('signRequest reproduces the RFC 5849 §1.2 temporary-credentials signature 74KNZJeDHnMBp0EMJ9ZHt/XKycU= (no oauth_version)', () => {
    const signed = signRequest({ ...PHOTOS, method: 'POST', url: 'https://photos.example.net/initiate', nonce: 'wIjqoS', timestamp: '137131200', callback: 'http://printer.example.com/ready' });
    expect(signed.signature).to.equal('74KNZJeDHnMBp0EMJ9ZHt/XKycU=');
    expect(signed.oauthParams.map((p) => p[0])).not.to.include('oauth_version');
  });

  it('signRequest reproduces the RFC 5849 §1.2 token-credentials signature gKgrFCywp7rO0OXSjdot/IHF7IU=', () => {
    const signed = signRequest({ ...PHOTOS, method: 'POST', url: 'https://photos.example.net/token', token: 'hh5s93j4hdidpola', tokenSecret: 'hdhd0244k9j7ao03', verifier: 'hfdp7dh39dks9884', nonce: 'walatlh', timestamp: '137131201' });
    expect(signed.signature).to.equal('gKgrFCywp7rO0OXSjdot/IHF7IU=');
  });

  it('signRequest reproduces the RFC 5849 §1.2 protected-resource request: signature and the printed Authorization header', () => {
    const signed = signRequest({ ...PHOTOS, method: 'GET', url: 'http://photos.example.net/photos?file=vacation.jpg&size=original', token: 'nnch734d00sl2jdk', tokenSecret: 'pfkkdhi9sl3r4s00', nonce: 'chapoH', timestamp: '137131202' });
    expect(signed.signature).to.equal('MdpQcU8iPSUjWoN/UDMsK2sui9I=');
    expect(signed.authorization).to.equal('OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"');
    expect(signed.headers).to.deep.equal({ authorization: signed.authorization });
  });

  it('signRequest reproduces the RFC 5849 §2.1 PLAINTEXT request with nonce and timestamp omitted (ja893SD9&)', () => {
    const signed = signRequest({ method: 'POST', url: 'https://server.example.com/request_temp_credentials', consumerKey: 'jd83jd92dhsh93js', consumerSecret: 'ja893SD9', signatureMethod: 'PLAINTEXT', nonce: null, timestamp: null, version: null, callback: 'http://client.example.net/cb?x=1', realm: 'Example' });
    expect(signed.signature).to.equal('ja893SD9&');
    expect(signed.authorization).to.equal('OAuth realm="Example", oauth_consumer_key="jd83jd92dhsh93js", oauth_signature_method="PLAINTEXT", oauth_callback="http%3A%2F%2Fclient.example.net%2Fcb%3Fx%3D1", oauth_signature="ja893SD9%26"');
  });

  it('signRequest gives the corrected RFC 5849 §3.1 signature r6/TJjbCOr97/+UU0NsvSne7s5g= (Errata ID 2550)', () => {
    const signed = signRequest({
      method: 'POST', url: 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b', form: [['c2', ''], ['a3', '2 q']],
      consumerKey: '9djdj82h48djs9d2', consumerSecret: 'j49sk3j29djd', token: 'kkk9d7dh3k39sjv7', tokenSecret: 'dh893hdasih9',
      nonce: '7d8f3e4a', timestamp: '137131201', version: null, realm: 'Example',
    });
    expect(signed.signature).to.equal('r6/TJjbCOr97/+UU0NsvSne7s5g=');
  });

  it('signRequest reproduces the body-hash draft Appendix A.1 base string for a text/plain PUT of "Hello World!"', () => {
    const signed = signRequest({ method: 'PUT', url: 'http://www.example.com/resource', body: 'Hello World!', contentType: 'text/plain', bodyHash: true, consumerKey: 'consumer', consumerSecret: 'secret', token: 'token', tokenSecret: 'secret', nonce: '10369470270925', timestamp: '1236874236' });
    expect(signed.baseString).to.equal('PUT&http%3A%2F%2Fwww.example.com%2Fresource&oauth_body_hash%3DLve95gjOVATpfV8EL5X4nxwjKHE%253D%26oauth_consumer_key%3Dconsumer%26oauth_nonce%3D10369470270925%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1236874236%26oauth_token%3Dtoken%26oauth_version%3D1.0');
  });
});

describe('signRequest parameter sources', () => {
  it('signRequest records every signed parameter with its source: query, then oauth, then form', () => {
    const signed = signRequest(TWITTER);
    expect(signed.parameters.map((p) => `${p.source}:${p.name}`)).to.deep.equal([
      'query:include_entities', 'oauth:oauth_consumer_key', 'oauth:oauth_token', 'oauth:oauth_signature_method', 'oauth:oauth_timestamp',
      'oauth:oauth_nonce', 'oauth:oauth_version', 'form:status',
    ]);
  });

  it('signRequest decodes "+" in the query as a space', () => {
    const plus = signRequest({ ...SIMPLE, url: 'https://api.example.com/r?q=a+b' });
    const space = signRequest({ ...SIMPLE, url: 'https://api.example.com/r?q=a%20b' });
    expect(plus.baseString).to.equal(space.baseString);
    expect(plus.parameters[0]).to.deep.equal({ name: 'q', value: 'a b', source: 'query' });
  });

  it('signRequest signs a raw body only when it is form-encoded (any case, with charset)', () => {
    const form = signRequest({ ...SIMPLE, method: 'POST', body: 'a=2&b', contentType: 'Application/X-WWW-Form-Urlencoded; Charset=UTF-8' });
    expect(form.parameters.filter((p) => p.source === 'form').map((p) => [p.name, p.value])).to.deep.equal([['a', '2'], ['b', '']]);
    expect(form.body).to.equal('a=2&b');
    const json = signRequest({ ...SIMPLE, method: 'POST', body: 'a=2&b', contentType: 'application/json' });
    expect(json.parameters.filter((p) => p.source === 'form')).to.deep.equal([]);
    expect(json.body).to.equal(undefined);
  });

  it('signRequest keeps repeated names and empty values from query and form', () => {
    const signed = signRequest({ ...SIMPLE, url: 'https://api.example.com/r?a=2&a=1&e', form: [['a', '1'], ['z', '']] });
    expect(signed.normalizedParameters).to.match(/^a=1&a=1&a=2&e=&oauth_/);
    expect(signed.normalizedParameters).to.match(/&z=$/);
  });

  it('signRequest leaves an oauth_signature found in the query or form out of the base string', () => {
    const withSig = signRequest({ ...SIMPLE, url: 'https://api.example.com/r?a=1&oauth_signature=old', form: [['oauth_signature', 'older']] });
    expect(withSig.baseString).to.equal(signRequest({ ...SIMPLE, form: [] }).baseString);
  });

  it('signRequest refuses a protocol parameter that is also in the query or form with ERR_OAUTH_PARAMETER_DUPLICATE', () => {
    const q = caught(() => signRequest({ ...SIMPLE, url: 'https://api.example.com/r?oauth_nonce=x' }), RequestError);
    expect(q.code).to.equal('ERR_OAUTH_PARAMETER_DUPLICATE');
    expect(q.message).to.equal('protocol parameter oauth_nonce is already in the URL query; it would be sent twice');
    const f = caught(() => signRequest({ ...SIMPLE, form: [['oauth_token', 'x']] }), RequestError);
    expect(f.message).to.equal('protocol parameter oauth_token is already in the form body; it would be sent twice');
  });
});

describe('signRequest protocol parameters', () => {
  it('signRequest upper-cases the method and sends oauth_version 1.0 by default, or the given version, or none for null', () => {
    expect(signRequest({ ...SIMPLE, method: 'get' }).baseString.startsWith('GET&')).to.equal(true);
    expect(signRequest(SIMPLE).oauthParams).to.deep.include(['oauth_version', '1.0']);
    expect(signRequest({ ...SIMPLE, version: '1.0a' }).oauthParams).to.deep.include(['oauth_version', '1.0a']);
    expect(signRequest({ ...SIMPLE, version: null }).oauthParams.map((p) => p[0])).not.to.include('oauth_version');
  });

  it('signRequest returns oauthParams decoded, in sending order, with oauth_signature last', () => {
    const signed = signRequest({ ...SIMPLE, callback: 'oob', verifier: 'v f', extraOAuthParams: [['xoauth_lang', 'pt BR']] });
    expect(signed.oauthParams).to.deep.equal([
      ['oauth_consumer_key', 'ck'], ['oauth_token', 't'], ['oauth_signature_method', 'HMAC-SHA1'], ['oauth_timestamp', '1700000000'],
      ['oauth_nonce', 'n0nce'], ['oauth_version', '1.0'], ['oauth_callback', 'oob'], ['oauth_verifier', 'v f'], ['xoauth_lang', 'pt BR'],
      ['oauth_signature', signed.signature],
    ]);
    expect(signed.normalizedParameters).to.include('xoauth_lang=pt%20BR');
  });

  it('signRequest draws the nonce from the injected generator and the timestamp from the injected clock', () => {
    const signed = signRequest({ ...SIMPLE, nonce: undefined, timestamp: undefined, generateNonce: () => 'injected', now: () => 1234567890999 });
    expect(signed.oauthParams).to.deep.include(['oauth_nonce', 'injected']);
    expect(signed.oauthParams).to.deep.include(['oauth_timestamp', '1234567890']);
  });

  it('signRequest defaults to a fresh 25-character alphanumeric nonce and the current time', () => {
    const a = signRequest({ ...SIMPLE, nonce: undefined, timestamp: undefined });
    const b = signRequest({ ...SIMPLE, nonce: undefined, timestamp: undefined });
    const nonce = (s: typeof a): string => s.oauthParams.find((p) => p[0] === 'oauth_nonce')![1];
    expect(nonce(a)).to.match(/^[A-Za-z0-9]{25}$/);
    expect(nonce(a)).not.to.equal(nonce(b));
    const ts = Number(a.oauthParams.find((p) => p[0] === 'oauth_timestamp')![1]);
    expect(ts).to.be.within(Math.floor(Date.now() / 1000) - 2, Math.floor(Date.now() / 1000));
  });

  it('signRequest lets only PLAINTEXT omit nonce and timestamp (null), with ERR_OAUTH_PARAMETER_MISSING otherwise', () => {
    const t = caught(() => signRequest({ ...SIMPLE, timestamp: null }), RequestError);
    expect(t.code).to.equal('ERR_OAUTH_PARAMETER_MISSING');
    expect(t.message).to.equal('oauth_timestamp may be omitted only with PLAINTEXT (RFC 5849 §3.1), not with HMAC-SHA1');
    const n = caught(() => signRequest({ ...SIMPLE, signatureMethod: 'HMAC-SHA256', nonce: null }), RequestError);
    expect(n.code).to.equal('ERR_OAUTH_PARAMETER_MISSING');
    expect(n.message).to.equal('oauth_nonce may be omitted only with PLAINTEXT (RFC 5849 §3.1), not with HMAC-SHA256');
    const plain = signRequest({ ...SIMPLE, signatureMethod: 'PLAINTEXT', nonce: null, timestamp: null });
    expect(plain.oauthParams.map((p) => p[0])).to.deep.equal(['oauth_consumer_key', 'oauth_token', 'oauth_signature_method', 'oauth_version', 'oauth_signature']);
    expect(plain.signature).to.equal('cs&ts');
  });

  it('signRequest rejects a timestamp that is not whole seconds and an empty nonce', () => {
    const t = caught(() => signRequest({ ...SIMPLE, timestamp: '12.5' }), RequestError);
    expect(t.code).to.equal('ERR_OAUTH_TIMESTAMP_INVALID');
    expect(t.message).to.equal('oauth_timestamp must be a positive whole number of seconds, got "12.5"');
    const n = caught(() => signRequest({ ...SIMPLE, nonce: '' }), RequestError);
    expect(n.code).to.equal('ERR_OAUTH_NONCE_INVALID');
    expect(n.message).to.equal('oauth_nonce must be a non-empty string');
  });

  it('signRequest refuses oauth_signature or a repeated name among extraOAuthParams', () => {
    expect(caught(() => signRequest({ ...SIMPLE, extraOAuthParams: [['oauth_signature', 'x']] }), RequestError).message)
      .to.equal('oauth_signature is computed by the signer and cannot be given');
    const dup = caught(() => signRequest({ ...SIMPLE, extraOAuthParams: [['oauth_nonce', 'x']] }), RequestError);
    expect(dup.code).to.equal('ERR_OAUTH_PARAMETER_DUPLICATE');
    expect(dup.message).to.equal('protocol parameter oauth_nonce is given twice');
  });
});

describe('signRequest realm and placement', () => {
  it('signRequest puts realm first in the header and never signs it', () => {
    const withRealm = signRequest({ ...SIMPLE, realm: 'http://sp.example.com/' });
    expect(withRealm.authorization.startsWith('OAuth realm="http://sp.example.com/", oauth_consumer_key="ck"')).to.equal(true);
    expect(withRealm.baseString).to.equal(signRequest(SIMPLE).baseString);
    expect(withRealm.parameters.map((p) => p.name)).not.to.include('realm');
  });

  it('signRequest header placement: the header parses back to the oauthParams and the server-side base string matches', () => {
    const signed = signRequest(TWITTER);
    expect(parseAuthorizationHeader(signed.authorization).params).to.deep.equal(signed.oauthParams);
    expect(signatureBaseString({ method: 'POST', url: TWITTER.url, authorization: signed.authorization, form: TWITTER.form })).to.equal(signed.baseString);
    expect(signed.body).to.equal('status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21');
    expect(signed.headers['content-type']).to.equal('application/x-www-form-urlencoded');
  });

  it('signRequest query placement appends the protocol parameters to the query (RFC 5849 §3.5.2) and sends no header', () => {
    const signed = signRequest({ ...SIMPLE, placement: 'query', url: 'https://api.example.com/r?a=1#frag' });
    expect(signed.headers).to.deep.equal({});
    expect(signed.url).to.equal(`https://api.example.com/r?a=1&oauth_consumer_key=ck&oauth_token=t&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000&oauth_nonce=n0nce&oauth_version=1.0&oauth_signature=${encodeURIComponent(signed.signature)}`);
    expect(signatureBaseString({ method: 'GET', url: signed.url })).to.equal(signed.baseString);
    expect(signRequest({ ...SIMPLE, placement: 'query', url: 'https://api.example.com/r' }).url).to.match(/^https:\/\/api\.example\.com\/r\?oauth_consumer_key=ck&/);
  });

  it('signRequest form placement appends the protocol parameters to the form body (RFC 5849 §3.5.3)', () => {
    const signed = signRequest({ ...SIMPLE, method: 'POST', placement: 'form', form: [['status', 'a b']] });
    expect(signed.headers).to.deep.equal({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(signed.form).to.deep.equal([['status', 'a b'], ...signed.oauthParams]);
    expect(signed.body!.startsWith('status=a%20b&oauth_consumer_key=ck&')).to.equal(true);
    expect(signatureBaseString({ method: 'POST', url: SIMPLE.url, body: signed.body, contentType: 'application/x-www-form-urlencoded' })).to.equal(signed.baseString);
  });

  it('signRequest refuses form placement with a non-form body and an unknown placement', () => {
    const e = caught(() => signRequest({ ...SIMPLE, method: 'POST', placement: 'form', body: '{}', contentType: 'application/json' }), RequestError);
    expect(e.code).to.equal('ERR_OAUTH_PLACEMENT_INVALID');
    expect(e.message).to.equal('placement "form" needs a form-encoded body; this request has a non-form body');
    const p = caught(() => signRequest({ ...SIMPLE, placement: 'cookie' as 'header' }), RequestError);
    expect(p.message).to.equal('placement must be header, query or form, got "cookie"');
  });
});

describe('signRequest body hash', () => {
  it('signRequest never adds oauth_body_hash to a form body: ERR_OAUTH_BODY_HASH_FORM', () => {
    for (const input of [
      { ...SIMPLE, method: 'POST', form: [['a', '1']] as const, bodyHash: true },
      { ...SIMPLE, method: 'POST', body: 'a=1', contentType: 'application/x-www-form-urlencoded', bodyHash: true },
      { ...SIMPLE, method: 'POST', placement: 'form' as const, bodyHash: 'given' },
    ]) {
      const e = caught(() => signRequest(input), RequestError);
      expect(e.code).to.equal('ERR_OAUTH_BODY_HASH_FORM');
      expect(e.message).to.equal('oauth_body_hash must not be used with an application/x-www-form-urlencoded body (draft-eaton-oauth-bodyhash §3.1)');
    }
  });

  it('signRequest hashes with SHA-1 for *-SHA1 methods and, our documented choice, SHA-256 for HMAC-SHA256 unless bodyHashAlgorithm says otherwise', () => {
    const body = '{"a":1}';
    const hash = (s: ReturnType<typeof signRequest>): string | undefined => s.oauthParams.find((p) => p[0] === 'oauth_body_hash')?.[1];
    const base = { ...SIMPLE, method: 'PUT', body, contentType: 'application/json', bodyHash: true };
    expect(hash(signRequest(base))).to.equal(createHash('sha1').update(body).digest('base64'));
    expect(hash(signRequest({ ...base, signatureMethod: 'HMAC-SHA256' }))).to.equal(createHash('sha256').update(body).digest('base64'));
    expect(hash(signRequest({ ...base, signatureMethod: 'HMAC-SHA256', bodyHashAlgorithm: 'sha1' }))).to.equal(createHash('sha1').update(body).digest('base64'));
    expect(hash(signRequest({ ...base, bodyHash: 'given==' }))).to.equal('given==');
    expect(hash(signRequest({ ...base, bodyHash: false }))).to.equal(undefined);
    expect(hash(signRequest({ ...base, bodyHash: undefined }))).to.equal(undefined);
  });
});

describe('signRequest signature methods', () => {
  it('signRequest signs RSA-SHA1 with the private key; the signature verifies with the public key', () => {
    const key = rsaTestKey();
    const signed = signRequest({ ...SIMPLE, consumerSecret: undefined, tokenSecret: undefined, token: undefined, signatureMethod: 'RSA-SHA1', privateKey: key.privateKeyPem });
    expect(cryptoVerify('sha1', Buffer.from(signed.baseString), key.publicKey, Buffer.from(signed.signature, 'base64'))).to.equal(true);
  });

  it('signRequest accepts a SignatureMethod object as signatureMethod', () => {
    const upper: SignatureMethod = { name: 'X-UPPER', sign: (b) => b.toUpperCase(), verify: () => false };
    const signed = signRequest({ ...SIMPLE, signatureMethod: upper });
    expect(signed.signatureMethod).to.equal('X-UPPER');
    expect(signed.signature).to.equal(signed.baseString.toUpperCase());
    expect(signed.baseString).to.include('oauth_signature_method%3DX-UPPER');
  });

  it('signRequest rejects an unknown signature method with ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED', () => {
    const e = caught(() => signRequest({ ...SIMPLE, signatureMethod: 'HMAC-MD5' }), SignatureMethodError);
    expect(e.code).to.equal('ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED');
    expect(e.message).to.equal('unsupported signature method "HMAC-MD5"; known: HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, PLAINTEXT');
  });

  it('signRequest with RSA and no privateKey fails with ERR_OAUTH_KEY_MISSING', () => {
    const e = caught(() => signRequest({ ...SIMPLE, signatureMethod: 'RSA-SHA256' }), KeyError);
    expect(e.code).to.equal('ERR_OAUTH_KEY_MISSING');
    expect(e.message).to.equal('RSA-SHA256 needs privateKey (a PEM RSA private key)');
  });

  it('signRequest with a token but no tokenSecret fails with ERR_OAUTH_SECRET_MISSING for HMAC and PLAINTEXT, not RSA', () => {
    for (const signatureMethod of ['HMAC-SHA1', 'HMAC-SHA512', 'PLAINTEXT']) {
      const e = caught(() => signRequest({ ...SIMPLE, signatureMethod, tokenSecret: undefined }), KeyError);
      expect(e.code).to.equal('ERR_OAUTH_SECRET_MISSING');
      expect(e.message).to.equal(`tokenSecret is required with token for ${signatureMethod} (use "" if the provider issued an empty secret)`);
    }
    expect(signRequest({ ...SIMPLE, tokenSecret: undefined, signatureMethod: 'RSA-SHA1', privateKey: rsaTestKey().privateKey }).signature).to.have.length(344);
  });

  it('signRequest accepts an empty token secret', () => {
    expect(signRequest({ ...SIMPLE, signatureMethod: 'PLAINTEXT', tokenSecret: '' }).signature).to.equal('cs&');
  });

  it('signRequest with HMAC and no consumerSecret fails with ERR_OAUTH_SECRET_MISSING', () => {
    const e = caught(() => signRequest({ ...SIMPLE, token: undefined, tokenSecret: undefined, consumerSecret: undefined }), KeyError);
    expect(e.code).to.equal('ERR_OAUTH_SECRET_MISSING');
  });
});

describe('signRequest bad input', () => {
  it('signRequest rejects a relative URL with ERR_OAUTH_URL_INVALID', () => {
    const e = caught(() => signRequest({ ...SIMPLE, url: '/1.1/statuses/update.json' }), UrlError);
    expect(e.code).to.equal('ERR_OAUTH_URL_INVALID');
    expect(e.message).to.equal('url must be absolute (scheme://host/path), got "/1.1/statuses/update.json"; a relative URL cannot be signed because the base string needs the scheme and host');
  });

  it('signRequest reports a broken escape in the URL query with ERR_OAUTH_PERCENT_ENCODING_MALFORMED', () => {
    const e = caught(() => signRequest({ ...SIMPLE, url: 'https://api.example.com/r?a=%E' }), OAuthError);
    expect(e.code).to.equal('ERR_OAUTH_PERCENT_ENCODING_MALFORMED');
    expect(e.message).to.equal('malformed percent-encoding at offset 2: "%" must be followed by two hex digits, found "%E"');
  });

  it('signRequest throws TypeError for wrongly typed arguments', () => {
    expect(() => signRequest(null as unknown as SignRequestInput)).to.throw(TypeError, 'signRequest expects a request object');
    expect(() => signRequest({ ...SIMPLE, consumerKey: 1 as unknown as string })).to.throw(TypeError, 'consumerKey must be a string');
    expect(() => signRequest({ ...SIMPLE, tokenSecret: 5 as unknown as string })).to.throw(TypeError, 'tokenSecret must be a string');
    expect(() => signRequest({ ...SIMPLE, form: 'a=1' as unknown as [] })).to.throw(TypeError, 'form must be an array of [name, value] pairs');
  });

  it('signRequest error messages and JSON never contain a consumer secret, token secret or private key', () => {
    const cs = 'CONSUMER-SECRET-7f3a';
    const ts = 'TOKEN-SECRET-9c1e';
    const pem = rsaTestKey().privateKeyPem;
    const keyLine = pem.split('\n')[1]!;
    const bad: SignRequestInput[] = [
      { ...SIMPLE, consumerSecret: cs, tokenSecret: ts, url: 'relative' },
      { ...SIMPLE, consumerSecret: cs, tokenSecret: ts, signatureMethod: 'NOPE' },
      { ...SIMPLE, consumerSecret: cs, tokenSecret: undefined },
      { ...SIMPLE, consumerSecret: cs, tokenSecret: ts, timestamp: null },
      { ...SIMPLE, consumerSecret: cs, tokenSecret: ts, url: 'https://a.example/?x=%ZZ' },
      { ...SIMPLE, consumerSecret: cs, tokenSecret: ts, bodyHash: true, form: [] },
      { ...SIMPLE, consumerSecret: cs, tokenSecret: ts, signatureMethod: 'RSA-SHA1', privateKey: pem.replace(keyLine, keyLine.slice(0, 20) + '!!' + keyLine.slice(22)) },
      { ...SIMPLE, consumerSecret: cs, tokenSecret: ts, signatureMethod: 'RSA-SHA1', privateKey: 'not a pem ' + cs },
      { ...SIMPLE, consumerSecret: cs, tokenSecret: ts, url: 'https://user:' + cs + '@a.example/x y' },
    ];
    for (const input of bad) {
      const e = caught(() => signRequest(input), OAuthError);
      const rendered = [e.message, JSON.stringify(e), String(e), e.cause instanceof Error ? e.cause.message : ''].join('\n');
      for (const secret of [cs, ts, keyLine]) expect(rendered, `${e.code}: ${e.message}`).not.to.include(secret);
    }
  });

  it('signRequest does not mutate its input (frozen input works and is unchanged)', () => {
    const form = Object.freeze([Object.freeze(['status', 'x y'] as const)]);
    const input = Object.freeze({ ...TWITTER, form, placement: 'form' as const });
    const before = JSON.stringify(input);
    signRequest(input);
    expect(JSON.stringify(input)).to.equal(before);
  });
});

describe('createSigner', () => {
  const reverse: SignatureMethod = {
    name: 'X-REVERSE',
    requiresNonce: false,
    sign: (base, keys) => [...base].reverse().join('') + (keys.consumerSecret ?? ''),
    verify: () => false,
  };

  it('createSigner adds a custom signature method for that signer only', () => {
    const signer = createSigner({ methods: [reverse] });
    const signed = signer.signRequest({ ...SIMPLE, signatureMethod: 'X-REVERSE', nonce: null, timestamp: null });
    expect(signed.signature).to.equal([...signed.baseString].reverse().join('') + 'cs');
    expect(signed.oauthParams.map((p) => p[0])).not.to.include('oauth_nonce');
    expect(signer.methods.has('X-REVERSE')).to.equal(true);
    expect(() => signRequest({ ...SIMPLE, signatureMethod: 'X-REVERSE' })).to.throw(SignatureMethodError);
    expect(() => createSigner().signRequest({ ...SIMPLE, signatureMethod: 'X-REVERSE' })).to.throw(SignatureMethodError);
  });

  it('createSigner keeps the built-in methods available', () => {
    const signer = createSigner({ methods: [reverse] });
    expect(signer.signRequest(TWITTER).signature).to.equal('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });
});
