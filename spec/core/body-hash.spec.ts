// Specs for src/core/body-hash.ts: oauth_body_hash (draft-eaton-oauth-bodyhash-00).

import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { computeBodyHash } from '../../src/index.js';

describe('computeBodyHash', () => {
  it('computeBodyHash gives the draft\'s "Hello World!" value Lve95gjOVATpfV8EL5X4nxwjKHE= (Appendix A.1)', () => {
    expect(computeBodyHash('Hello World!')).to.equal('Lve95gjOVATpfV8EL5X4nxwjKHE=');
  });

  it('computeBodyHash gives the draft\'s empty-body value 2jmj7l5rSw0yVb/vlWAYkK/YBwk= for "" and for no body (Appendix A.2)', () => {
    expect(computeBodyHash('')).to.equal('2jmj7l5rSw0yVb/vlWAYkK/YBwk=');
    expect(computeBodyHash(undefined)).to.equal('2jmj7l5rSw0yVb/vlWAYkK/YBwk=');
  });

  it('computeBodyHash hashes the exact bytes of a Uint8Array and the UTF-8 bytes of a string', () => {
    expect(computeBodyHash(new TextEncoder().encode('Hello World!'))).to.equal('Lve95gjOVATpfV8EL5X4nxwjKHE=');
    const binary = new Uint8Array([0xff, 0x00, 0xfe, 0x80]);
    expect(computeBodyHash(binary)).to.equal(createHash('sha1').update(binary).digest('base64'));
    expect(computeBodyHash('é')).to.equal(createHash('sha1').update(Buffer.from([0xc3, 0xa9])).digest('base64'));
  });

  it('computeBodyHash uses SHA-256 or SHA-512 when asked (FIPS 180 digests of "" and "Hello World!")', () => {
    // SHA-256("") = e3b0c442…b855; SHA-256("Hello World!") = 7f83b165…9069 (published FIPS 180-4 style test values).
    expect(computeBodyHash('', 'sha256')).to.equal(Buffer.from('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex').toString('base64'));
    expect(computeBodyHash('Hello World!', 'sha256')).to.equal(Buffer.from('7f83b1657ff1fc53b92dc18148a1d65dfc2d4b1fa3d677284addd200126d9069', 'hex').toString('base64'));
    expect(Buffer.from(computeBodyHash('x', 'sha512'), 'base64')).to.have.length(64);
  });
});
