// checkTokenCredentials and the signers that call it: a token secret without a token is refused, never signed as cs&ts.

import { expect } from 'chai';
import { checkTokenCredentials } from '../../src/core/credentials.js';
import { KeyError } from '../../src/core/errors.js';
import { createSigner, signRequest } from '../../src/core/sign.js';
import { caught } from '../helpers/errors.js';

const MESSAGE = 'tokenSecret was given without token: refusing to sign with a token secret for a request that carries no oauth_token (pass token too, or leave tokenSecret out)';
const REQUEST = { method: 'GET', url: 'http://127.0.0.1/r', consumerKey: 'ck', consumerSecret: 'cs', nonce: 'n', timestamp: 1 };

describe('checkTokenCredentials', () => {
  it('checkTokenCredentials refuses a non-empty tokenSecret without token with ERR_OAUTH_TOKEN_MISSING', () => {
    const e = caught(() => checkTokenCredentials({ tokenSecret: 'ts-no-token' }), KeyError);
    expect(e.code).to.equal('ERR_OAUTH_TOKEN_MISSING');
    expect(e.message).to.equal(MESSAGE);
    expect(e.message).to.not.include('ts-no-token');
  });

  it('checkTokenCredentials accepts a pair, neither, and an empty secret alone (the same key as none)', () => {
    for (const pair of [{ token: 't', tokenSecret: 's' }, {}, { tokenSecret: '' }, { token: 't', tokenSecret: '' }]) checkTokenCredentials(pair, 'HMAC-SHA1');
  });

  it('checkTokenCredentials refuses a token without its secret only for shared-secret methods', () => {
    expect(caught(() => checkTokenCredentials({ token: 't' }, 'PLAINTEXT'), KeyError).code).to.equal('ERR_OAUTH_SECRET_MISSING');
    checkTokenCredentials({ token: 't' }, 'RSA-SHA1');
    checkTokenCredentials({ token: 't' });
  });

  for (const signatureMethod of ['HMAC-SHA1', 'PLAINTEXT']) {
    it(`signRequest refuses tokenSecret without token (${signatureMethod}) instead of signing with cs&ts`, () => {
      const e = caught(() => signRequest({ ...REQUEST, signatureMethod, tokenSecret: 'ts-no-token' }), KeyError);
      expect(e.code).to.equal('ERR_OAUTH_TOKEN_MISSING');
      expect(e.message).to.equal(MESSAGE);
    });
  }

  it('createSigner().signRequest refuses tokenSecret without token too', () => {
    const e = caught(() => createSigner().signRequest({ ...REQUEST, tokenSecret: 'ts-no-token' }), KeyError);
    expect(e.code).to.equal('ERR_OAUTH_TOKEN_MISSING');
  });

  it('signRequest still signs with an empty tokenSecret and no token (key cs&)', () => {
    expect(signRequest({ ...REQUEST, signatureMethod: 'PLAINTEXT', tokenSecret: '' }).signature).to.equal('cs&');
  });
});
