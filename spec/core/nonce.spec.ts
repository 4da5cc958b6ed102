// Specs for src/core/nonce.ts: nonces and timestamps (RFC 5849 §3.3).

import { expect } from 'chai';
import { generateNonce, timestampSeconds, signRequest } from '../../src/index.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('generateNonce', () => {
  // oauthlib's RequestValidator.check_nonce: set(nonce) <= safe_characters (ASCII letters and digits)
  // and nonce_length[0] <= len(nonce) <= nonce_length[1], with nonce_length = (20, 30).
  const oauthlibCheckNonce = (nonce: string): boolean => /^[A-Za-z0-9]*$/.test(nonce) && nonce.length >= 20 && nonce.length <= 30;

  it('generateNonce returns 25 ASCII letters and digits by default: oauthlib\'s check_nonce accepts it, and it carries ≥ 128 bits', () => {
    const nonce = generateNonce();
    expect(nonce).to.match(/^[A-Za-z0-9]{25}$/);
    expect(oauthlibCheckNonce(nonce)).to.equal(true);
    expect(nonce.length * Math.log2(62)).to.be.at.least(128);
  });

  it('signRequest\'s default oauth_nonce passes oauthlib\'s check_nonce; nonceLength changes its length', () => {
    const input = { method: 'GET', url: 'https://example.com/r', consumerKey: 'ck', consumerSecret: 'cs' };
    const nonceOf = (extra: object): string => signRequest({ ...input, ...extra }).oauthParams.find(([n]) => n === 'oauth_nonce')![1];
    expect(oauthlibCheckNonce(nonceOf({}))).to.equal(true);
    expect(nonceOf({ nonceLength: 30 })).to.match(/^[A-Za-z0-9]{30}$/);
    expect(nonceOf({ nonceLength: 40 })).to.match(/^[A-Za-z0-9]{40}$/);
    expect(() => nonceOf({ nonceLength: 4 })).to.throw(RangeError, 'nonce length must be an integer from 8 to 256');
  });

  it('generateNonce honours a length from 8 to 256', () => {
    expect(generateNonce(8)).to.match(/^[A-Za-z0-9]{8}$/);
    expect(generateNonce(256)).to.match(/^[A-Za-z0-9]{256}$/);
  });

  it('generateNonce rejects other lengths with a RangeError', () => {
    for (const bad of [7, 257, 16.5, Number.NaN]) {
      expect(() => generateNonce(bad)).to.throw(RangeError, 'nonce length must be an integer from 8 to 256');
    }
  });

  it('generateNonce never repeats over 5,000 calls', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(generateNonce());
    expect(seen.size).to.equal(5000);
  });

  it('generateNonce uses every one of the 62 characters, each roughly equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const ch of generateNonce()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect([...counts.keys()].sort().join('')).to.equal([...ALPHABET].sort().join(''));
    // 64,000 characters: about 1,032 each; a modulo bias or a missing range would fall far outside 700–1,400.
    for (const [ch, n] of counts) expect(n, ch).to.be.within(700, 1400);
  });
});

describe('timestampSeconds', () => {
  it('timestampSeconds floors milliseconds to whole seconds', () => {
    expect(timestampSeconds(1318622958999)).to.equal('1318622958');
    expect(timestampSeconds(0)).to.equal('0');
  });

  it('timestampSeconds defaults to the current time', () => {
    const before = Math.floor(Date.now() / 1000);
    const ts = Number(timestampSeconds());
    expect(ts).to.be.within(before, before + 2);
  });
});
