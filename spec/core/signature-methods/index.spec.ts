// Specs for src/core/signature-methods/index.ts: the built-in table and per-instance method tables.

import { expect } from 'chai';
import {
  BUILT_IN_SIGNATURE_METHODS, signatureMethodTable, resolveSignatureMethod, HMAC_SHA1, PLAINTEXT, SignatureMethodError,
  type SignatureMethod,
} from '../../../src/index.js';

const REVERSED_METHOD: SignatureMethod = {
  name: 'X-TEST-REVERSE',
  sign: (base) => [...base].reverse().join(''),
  verify: (base, signature) => [...base].reverse().join('') === signature,
};

describe('BUILT_IN_SIGNATURE_METHODS', () => {
  it('BUILT_IN_SIGNATURE_METHODS holds exactly HMAC-SHA1/256/512, RSA-SHA1/256 and PLAINTEXT', () => {
    expect([...BUILT_IN_SIGNATURE_METHODS.keys()]).to.deep.equal(['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'RSA-SHA1', 'RSA-SHA256', 'PLAINTEXT']);
  });

  it('the built-in method objects are frozen', () => {
    for (const m of BUILT_IN_SIGNATURE_METHODS.values()) expect(Object.isFrozen(m), m.name).to.equal(true);
  });
});

describe('resolveSignatureMethod', () => {
  it('resolveSignatureMethod defaults to HMAC-SHA1 and finds methods by exact name', () => {
    expect(resolveSignatureMethod(undefined)).to.equal(HMAC_SHA1);
    expect(resolveSignatureMethod('PLAINTEXT')).to.equal(PLAINTEXT);
  });

  it('resolveSignatureMethod rejects an unknown or differently-cased name with ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED listing the known ones', () => {
    for (const name of ['HMAC-MD5', 'hmac-sha1']) {
      try {
        resolveSignatureMethod(name);
        expect.fail('expected a SignatureMethodError');
      } catch (e) {
        expect(e).to.be.instanceOf(SignatureMethodError);
        expect((e as SignatureMethodError).code).to.equal('ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED');
        expect((e as SignatureMethodError).message).to.equal(`unsupported signature method "${name}"; known: HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, PLAINTEXT`);
      }
    }
  });

  it('resolveSignatureMethod accepts a method object as is and rejects other types with a TypeError', () => {
    expect(resolveSignatureMethod(REVERSED_METHOD)).to.equal(REVERSED_METHOD);
    expect(() => resolveSignatureMethod(42 as unknown as string)).to.throw(TypeError, 'signatureMethod must be a name or a SignatureMethod object');
  });
});

describe('signatureMethodTable', () => {
  it('signatureMethodTable adds a custom method to a new table and leaves the built-in table untouched', () => {
    const table = signatureMethodTable([REVERSED_METHOD]);
    expect(resolveSignatureMethod('X-TEST-REVERSE', table)).to.equal(REVERSED_METHOD);
    expect(BUILT_IN_SIGNATURE_METHODS.has('X-TEST-REVERSE')).to.equal(false);
    expect(() => resolveSignatureMethod('X-TEST-REVERSE')).to.throw(SignatureMethodError);
    expect(signatureMethodTable().has('X-TEST-REVERSE')).to.equal(false);
  });

  it('signatureMethodTable lets a custom method replace a built-in name in that table only', () => {
    const mine: SignatureMethod = { ...REVERSED_METHOD, name: 'HMAC-SHA1' };
    expect(resolveSignatureMethod('HMAC-SHA1', signatureMethodTable([mine]))).to.equal(mine);
    expect(resolveSignatureMethod('HMAC-SHA1')).to.equal(HMAC_SHA1);
  });

  it('signatureMethodTable rejects an object without a name or sign/verify with a TypeError', () => {
    expect(() => signatureMethodTable([{ name: 'X' } as unknown as SignatureMethod])).to.throw(TypeError, 'a signature method needs a string name and sign/verify functions');
  });
});
