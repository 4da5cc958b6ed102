// diagnoseSignature, the mistake catalogue and the faulty pipeline: published examples and hand-built faulty signatures.

import { expect } from 'chai';
import { createHmac, createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnoseSignature, pipelineContext, type CapturedRequest } from '../../src/forensics/diagnose.js';
import { MISTAKES, MISTAKE_IDS, mistakeById } from '../../src/forensics/catalogue.js';
import { NO_FAULTS, runPipeline } from '../../src/forensics/pipeline.js';
import { formatAuthorizationHeader } from '../../src/core/authorization-header.js';
import { OAuthError } from '../../src/core/errors.js';
import type { Parameter } from '../../src/core/types.js';

const ROOT = resolve(import.meta.dirname, '../..');

// Twitter's "Creating a signature" example (fixtures/twitter.json, twitter-legacy-sign).
const TW = {
  url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
  status: 'Hello Ladies + Gentlemen, a signed OAuth request!',
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  oauth: [
    ['oauth_consumer_key', 'xvz1evFS4wEEPTGEFPHBog'], ['oauth_nonce', 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg'],
    ['oauth_signature_method', 'HMAC-SHA1'], ['oauth_timestamp', '1318622958'],
    ['oauth_token', '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'], ['oauth_version', '1.0'],
  ] as Parameter[],
  signature: 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=',
  baseString: 'POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521',
};
const TW_SECRETS = { consumerSecret: TW.consumerSecret, tokenSecret: TW.tokenSecret };

function twitterRequest(signature: string, oauth: Parameter[] = TW.oauth, url = TW.url): CapturedRequest {
  return { method: 'POST', url, form: [['status', TW.status]], authorization: formatAuthorizationHeader([...oauth, ['oauth_signature', signature]]) };
}

function hmac(key: string, text: string, digest = 'sha1'): string {
  return createHmac(digest, key).update(text).digest('base64');
}

const TW_KEY = `${TW.consumerSecret}&${TW.tokenSecret}`;

describe('forensics catalogue', () => {
  it('MISTAKE_IDS are exactly the 23 ids of issue 5 and the 7 of issue 15, each with a stage, a rule and a fix', () => {
    expect([...MISTAKE_IDS].sort()).to.deep.equal([
      'space-as-plus', 'reserved-unencoded', 'lowercase-hex', 'double-encoded-params', 'query-omitted', 'form-omitted',
      'multipart-fields-signed', 'multipart-fields-unsigned', 'default-port-kept', 'port-dropped', 'query-in-base-uri',
      'host-case-kept', 'method-lowercase', 'params-unsorted', 'sorted-before-encoding', 'realm-signed', 'version-mismatch',
      'token-secret-omitted', 'key-ampersand-missing', 'secrets-swapped', 'scheme-mismatch', 'trailing-slash', 'signature-method-mismatch',
      'node-oauth-indexed-keys', 'duplicates-collapsed',
      'json-body-as-form', 'empty-token-mismatch', 'postman-empty-params-signed', 'php-brackets-unencoded', 'header-values-unencoded',
    ].sort());
    for (const m of MISTAKES) {
      expect(m.rule, m.id).to.match(/RFC 5849|Provider rule/);
      expect(m.fix.length, m.id).to.be.greaterThan(10);
    }
  });

  it('mistakeById finds a mistake and returns undefined for an unknown id', () => {
    expect(mistakeById('port-dropped')?.stage).to.equal('base string URI');
    expect(mistakeById('nope')).to.equal(undefined);
  });
});

describe('runPipeline', () => {
  it('runPipeline without faults builds Twitter\'s published base string', () => {
    const ctx = pipelineContext(twitterRequest(TW.signature), TW_SECRETS);
    expect(runPipeline(ctx, NO_FAULTS).baseString).to.equal(TW.baseString);
  });

  it('runPipeline with every fault off but a fresh object builds the same base string as the core', () => {
    const ctx = pipelineContext(twitterRequest(TW.signature), TW_SECRETS);
    const out = runPipeline(ctx, { ...NO_FAULTS, encoder: { plus: false, reservedRaw: false, lowerHex: false } });
    expect(out.baseString).to.equal(TW.baseString);
    expect(out.key).to.equal(TW_KEY);
  });
});

describe('diagnoseSignature', () => {
  it('diagnoseSignature accepts Twitter\'s published signature', () => {
    const d = diagnoseSignature(twitterRequest(TW.signature), TW_SECRETS);
    expect(d.valid).to.equal(true);
    expect(d.baseString).to.equal(TW.baseString);
    expect(d.explanations).to.deep.equal([]);
  });

  it('diagnoseSignature accepts the RFC 5849 §1.2 photos request under http and names scheme-mismatch under https', () => {
    const authorization = 'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"';
    const secrets = { consumerSecret: 'kd94hf93k423kf44', tokenSecret: 'pfkkdhi9sl3r4s00' };
    expect(diagnoseSignature({ method: 'GET', url: 'http://photos.example.net/photos?file=vacation.jpg&size=original', authorization }, secrets).valid).to.equal(true);
    const d = diagnoseSignature({ method: 'GET', url: 'https://photos.example.net/photos?file=vacation.jpg&size=original', authorization }, secrets);
    expect(d.valid).to.equal(false);
    expect(d.explanations[0]?.mistakes).to.deep.equal(['scheme-mismatch']);
    expect(d.explanations[0]?.baseString.startsWith('GET&http%3A%2F%2Fphotos.example.net%2Fphotos&')).to.equal(true);
    expect(d.explanations[0]?.firstDifference).to.equal('GET&http'.length);
  });

  it('diagnoseSignature names space-as-plus for a base string with "+" for spaces, at the first "+"', () => {
    const faulty = TW.baseString.replace(/status%3D.*$/, 'status%3DHello%2BLadies%2B%252B%2BGentlemen%252C%2Ba%2Bsigned%2BOAuth%2Brequest%2521');
    const d = diagnoseSignature(twitterRequest(hmac(TW_KEY, faulty)), TW_SECRETS);
    expect(d.valid).to.equal(false);
    expect(d.explanations.map((e) => e.mistakes)).to.deep.equal([['space-as-plus']]);
    expect(d.explanations[0]!.baseString).to.equal(faulty);
    expect(d.explanations[0]!.firstDifference).to.equal(TW.baseString.indexOf('%2520') + '%2'.length);
    expect(d.explanations[0]!.fix).to.match(/%20/);
  });

  it('diagnoseSignature names token-secret-omitted with a null firstDifference when only the key is wrong', () => {
    const d = diagnoseSignature(twitterRequest(hmac(`${TW.consumerSecret}&`, TW.baseString)), TW_SECRETS);
    expect(d.explanations.map((e) => e.mistakes)).to.deep.equal([['token-secret-omitted']]);
    expect(d.explanations[0]!.firstDifference).to.equal(null);
  });

  it('diagnoseSignature finds a pair: space-as-plus with default-port-kept', () => {
    const faulty = TW.baseString
      .replace('api.twitter.com%2F', 'api.twitter.com%3A443%2F')
      .replace(/status%3D.*$/, 'status%3DHello%2BLadies%2B%252B%2BGentlemen%252C%2Ba%2Bsigned%2BOAuth%2Brequest%2521');
    const d = diagnoseSignature(twitterRequest(hmac(TW_KEY, faulty)), TW_SECRETS);
    expect(d.explanations[0]?.mistakes).to.deep.equal(['space-as-plus', 'default-port-kept']);
    expect(d.explanations[0]?.explanation).to.match(/^The signer encoded spaces as "\+".*; and the signer kept the default port \(:443\)/);
    expect(diagnoseSignature(twitterRequest(hmac(TW_KEY, faulty)), TW_SECRETS, { pairs: false }).explanations).to.deep.equal([]);
  });

  it('diagnoseSignature lists every single mistake that reproduces the signature, in catalogue priority order', () => {
    // Sent order = decoded sort order ("x~" < "xé"), so joining as sent and sorting before encoding give one base string.
    const oauth: Parameter[] = [['oauth_consumer_key', 'ck'], ['oauth_nonce', 'n'], ['oauth_signature_method', 'HMAC-SHA1'], ['oauth_timestamp', '1'], ['oauth_version', '1.0']];
    const faulty = 'POST&https%3A%2F%2Fa.example%2Fq&oauth_consumer_key%3Dck%26oauth_nonce%3Dn%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1%26oauth_version%3D1.0%26q%3Dx~%26q%3Dx%25C3%25A9';
    const req: CapturedRequest = { method: 'POST', url: 'https://a.example/q', form: [['q', 'x~'], ['q', 'xé']], authorization: formatAuthorizationHeader([...oauth, ['oauth_signature', hmac('cs&', faulty)]]) };
    const d = diagnoseSignature(req, { consumerSecret: 'cs' });
    expect(d.explanations.map((e) => e.mistakes)).to.deep.equal([['params-unsorted'], ['sorted-before-encoding']]);
    expect(d.explanations[0]!.baseString).to.equal(faulty);
  });

  it('diagnoseSignature leaves a wrong-secret signature unexplained', () => {
    const d = diagnoseSignature(twitterRequest(hmac(`${TW.consumerSecret}x&${TW.tokenSecret}`, TW.baseString)), TW_SECRETS);
    expect(d.valid).to.equal(false);
    expect(d.explanations).to.deep.equal([]);
    expect(d.variantsTried).to.be.greaterThan(100);
  });

  it('diagnoseSignature applies the provider rule: text fields signed for text-fields, multipart-fields-signed for none', () => {
    const oauth: Parameter[] = [['oauth_consumer_key', 'ck'], ['oauth_nonce', 'n'], ['oauth_signature_method', 'HMAC-SHA1'], ['oauth_timestamp', '1'], ['oauth_token', 'tk'], ['oauth_version', '1.0']];
    const signed = 'POST&http%3A%2F%2Fapi.t.sina.com.cn%2Fstatuses%2Fupload.json&oauth_consumer_key%3Dck%26oauth_nonce%3Dn%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1%26oauth_token%3Dtk%26oauth_version%3D1.0%26status%3Dhi%2520there';
    const req: CapturedRequest = {
      method: 'POST', url: 'http://api.t.sina.com.cn/statuses/upload.json',
      multipart: { fields: [['status', 'hi there']], files: [{ name: 'pic', filename: 'a.jpg', size: 3 }] },
      authorization: formatAuthorizationHeader([...oauth, ['oauth_signature', hmac('cs&ts', signed)]]),
    };
    expect(diagnoseSignature(req, { consumerSecret: 'cs', tokenSecret: 'ts' }, { multipartPolicy: 'text-fields' }).valid).to.equal(true);
    const d = diagnoseSignature(req, { consumerSecret: 'cs', tokenSecret: 'ts' }, { multipartPolicy: 'none' });
    expect(d.valid).to.equal(false);
    expect(d.explanations[0]?.mistakes).to.deep.equal(['multipart-fields-signed']);
    // Without multipartPolicy the rule comes from the request's provider profile.
    expect(diagnoseSignature({ ...req, provider: 'weibo-v1' }, { consumerSecret: 'cs', tokenSecret: 'ts' }).valid).to.equal(true);
    expect(diagnoseSignature({ ...req, provider: 'twitter' }, { consumerSecret: 'cs', tokenSecret: 'ts' }).explanations[0]?.mistakes).to.deep.equal(['multipart-fields-signed']);
  });

  it('diagnoseSignature reads protocol parameters from the query when there is no Authorization header', () => {
    const faulty = 'get&https%3A%2F%2Fa.example%2Fr&a%3D1%26oauth_consumer_key%3Dck%26oauth_nonce%3Dn%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1';
    const sig = encodeURIComponent(hmac('cs&', faulty));
    const d = diagnoseSignature({ method: 'GET', url: `https://a.example/r?a=1&oauth_consumer_key=ck&oauth_nonce=n&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1&oauth_signature=${sig}` }, { consumerSecret: 'cs' });
    expect(d.explanations[0]?.mistakes).to.deep.equal(['method-lowercase']);
  });

  it('diagnoseSignature verifies RSA-SHA1 variants with the public key (method-lowercase)', () => {
    const privateKey = readFileSync(resolve(ROOT, 'fixtures/forensics/test-rsa-private.pem'), 'utf8');
    const publicKey = readFileSync(resolve(ROOT, 'fixtures/forensics/test-rsa-public.pem'), 'utf8');
    const oauth: Parameter[] = [['oauth_consumer_key', 'jira'], ['oauth_nonce', 'n'], ['oauth_signature_method', 'RSA-SHA1'], ['oauth_timestamp', '1'], ['oauth_token', 't']];
    const faulty = 'get&https%3A%2F%2Fjira.example.com%2Frest&oauth_consumer_key%3Djira%26oauth_nonce%3Dn%26oauth_signature_method%3DRSA-SHA1%26oauth_timestamp%3D1%26oauth_token%3Dt';
    const sig = createSign('RSA-SHA1').update(faulty).sign(privateKey, 'base64');
    const d = diagnoseSignature({ method: 'GET', url: 'https://jira.example.com/rest', authorization: formatAuthorizationHeader([...oauth, ['oauth_signature', sig]]) }, { publicKey });
    expect(d.explanations.map((e) => e.mistakes)).to.deep.equal([['method-lowercase']]);
  });

  it('diagnoseSignature names key-ampersand-missing for a PLAINTEXT signature without "&"', () => {
    const d = diagnoseSignature({ method: 'POST', url: 'https://server.example.com/request_token', authorization: 'OAuth oauth_consumer_key="jd83jd92dhsh93js", oauth_signature_method="PLAINTEXT", oauth_signature="ja893SD9"' }, { consumerSecret: 'ja893SD9' });
    expect(d.explanations.map((e) => e.mistakes)).to.deep.equal([['key-ampersand-missing']]);
  });

  it('diagnoseSignature rejects missing secrets with ERR_OAUTH_SECRET_MISSING and never quotes a secret', () => {
    const req = twitterRequest(TW.signature);
    expect(() => diagnoseSignature(req, {})).to.throw(OAuthError).with.property('code', 'ERR_OAUTH_SECRET_MISSING');
    expect(() => diagnoseSignature(req, {})).to.throw('HMAC-SHA1 needs the consumer secret to verify (use "" for an empty secret)');
    expect(() => diagnoseSignature(req, { consumerSecret: TW.consumerSecret })).to.throw('the request carries oauth_token, so the token secret is needed to verify (use "" if the provider issued an empty one)');
    try { diagnoseSignature(req, { consumerSecret: TW.consumerSecret }); } catch (e) { expect((e as Error).message).not.to.include(TW.consumerSecret); }
  });

  it('diagnoseSignature rejects RSA without a public key with ERR_OAUTH_KEY_MISSING', () => {
    const req: CapturedRequest = { method: 'GET', url: 'https://a.example/', authorization: 'OAuth oauth_consumer_key="k", oauth_signature_method="RSA-SHA1", oauth_signature="AAAA"' };
    expect(() => diagnoseSignature(req, { consumerSecret: '' })).to.throw(OAuthError, 'RSA-SHA1 verification needs the public key (PEM public key or certificate)').with.property('code', 'ERR_OAUTH_KEY_MISSING');
  });

  it('diagnoseSignature rejects a request without oauth_signature with ERR_OAUTH_PARAMETER_MISSING', () => {
    const req: CapturedRequest = { method: 'GET', url: 'https://a.example/', authorization: 'OAuth oauth_consumer_key="k", oauth_signature_method="HMAC-SHA1"' };
    expect(() => diagnoseSignature(req, { consumerSecret: 'c' })).to.throw(OAuthError, 'the captured request has no oauth_signature').with.property('code', 'ERR_OAUTH_PARAMETER_MISSING');
  });

  it('diagnoseSignature rejects a method it cannot recompute with ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED', () => {
    const req: CapturedRequest = { method: 'GET', url: 'https://a.example/', authorization: 'OAuth oauth_consumer_key="k", oauth_signature_method="HMAC-MD5", oauth_signature="x"' };
    expect(() => diagnoseSignature(req, { consumerSecret: 'c' })).to.throw(OAuthError, 'cannot recompute oauth_signature_method "HMAC-MD5"').with.property('code', 'ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED');
  });

  it('diagnoseSignature throws a TypeError for a non-object request', () => {
    expect(() => diagnoseSignature(null as unknown as CapturedRequest, {})).to.throw(TypeError, 'diagnoseSignature expects a captured request object');
  });
});
