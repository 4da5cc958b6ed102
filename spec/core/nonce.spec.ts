// Specs for src/core/nonce.ts: nonces and timestamps (RFC 5849 §3.3).

import { expect } from 'chai';
import { generateNonce, timestampSeconds } from '../../src/index.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('generateNonce', () => {
  it('generateNonce returns 32 ASCII letters and digits by default', () => {
    expect(generateNonce()).to.match(/^[A-Za-z0-9]{32}$/);
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
