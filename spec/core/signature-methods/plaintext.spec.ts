// Specs for src/core/signature-methods/plaintext.ts: PLAINTEXT (RFC 5849 §3.4.4).

import { expect } from 'chai';
import { PLAINTEXT, KeyError } from '../../../src/index.js';

describe('PLAINTEXT', () => {
  it('PLAINTEXT.sign is the encoded client secret and "&" without a token (RFC 5849 §2.1 example: ja893SD9&)', () => {
    expect(PLAINTEXT.sign('ignored base string', { consumerSecret: 'ja893SD9' })).to.equal('ja893SD9&');
  });

  it('PLAINTEXT.sign appends the token secret (RFC 5849 §2.3 example: ja893SD9&xyz4992k83j47x0b)', () => {
    expect(PLAINTEXT.sign('', { consumerSecret: 'ja893SD9', tokenSecret: 'xyz4992k83j47x0b' })).to.equal('ja893SD9&xyz4992k83j47x0b');
  });

  it('PLAINTEXT.sign percent-encodes the secrets (OAuth Core 1.0 §9.4.1: jjd99$tj88uiths3 → jjd99%24tj88uiths3)', () => {
    expect(PLAINTEXT.sign('', { consumerSecret: 'djr9rjt0jd78jf88', tokenSecret: 'jjd99$tj88uiths3' })).to.equal('djr9rjt0jd78jf88&jjd99%24tj88uiths3');
  });

  it('PLAINTEXT.sign does not depend on the base string', () => {
    const keys = { consumerSecret: 'cs', tokenSecret: 'ts' };
    expect(PLAINTEXT.sign('a', keys)).to.equal(PLAINTEXT.sign('b', keys));
  });

  it('PLAINTEXT.verify compares with the signing key and rejects any other value', () => {
    const keys = { consumerSecret: 'ja893SD9', tokenSecret: 'xyz4992k83j47x0b' };
    expect(PLAINTEXT.verify('anything', 'ja893SD9&xyz4992k83j47x0b', keys)).to.equal(true);
    expect(PLAINTEXT.verify('anything', 'ja893SD9&', keys)).to.equal(false);
    expect(PLAINTEXT.verify('anything', 'ja893SD9%26xyz4992k83j47x0b', keys)).to.equal(false);
  });

  it('PLAINTEXT allows omitting nonce and timestamp (requiresNonce is false)', () => {
    expect(PLAINTEXT.name).to.equal('PLAINTEXT');
    expect(PLAINTEXT.requiresNonce).to.equal(false);
  });

  it('PLAINTEXT.sign without consumerSecret fails with ERR_OAUTH_SECRET_MISSING', () => {
    expect(() => PLAINTEXT.sign('', { tokenSecret: 'ts' })).to.throw(KeyError, 'consumerSecret is required for HMAC-* and PLAINTEXT signatures (use "" for an empty secret)');
  });
});
