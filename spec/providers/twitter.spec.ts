// Specs for src/providers/twitter.ts: v1.1 and v1 error decoding, the encoder, and the profile.

import { expect } from 'chai';
import { decodeTwitterError, encodeTwitterError, twitter, ProfileError } from '../../src/providers/index.js';
import { decodeProviderError } from '../../src/providers/provider-error.js';
import { response } from './helpers.js';
import { caught } from '../helpers/errors.js';

describe('decodeTwitterError', () => {
  it('decodeTwitterError reads the providers.md example: 32 "Could not authenticate you" with HTTP 401', () => {
    const d = decodeTwitterError(response(401, '{"errors":[{"message":"Could not authenticate you","code":32}]}'));
    expect(d).to.include({ status: 401, providerCode: '32', problem: 'signature_invalid', message: 'Could not authenticate you', retryable: false, format: 'twitter' });
    expect(d?.hint).to.contain('oauth1 verify');
  });

  it('decodeTwitterError maps 89 to an invalid or expired token', () => {
    const d = decodeTwitterError(response(401, '{"errors":[{"code":89,"message":"Invalid or expired token."}]}'));
    expect(d).to.include({ providerCode: '89', problem: 'token_rejected', retryable: false });
    expect(d?.hint).to.match(/invalid, expired or revoked/);
  });

  it('decodeTwitterError maps 135 to timestamp_refused, retryable', () => {
    const d = decodeTwitterError(response(401, '{"errors":[{"code":135,"message":"Timestamp out of bounds."}]}'));
    expect(d).to.include({ providerCode: '135', problem: 'timestamp_refused', retryable: true });
  });

  it('decodeProviderError takes Twitter\'s clock from the Date header on 135', () => {
    const d = decodeProviderError(response(401, '{"errors":[{"code":135,"message":"Timestamp out of bounds."}]}', { date: 'Tue, 14 Nov 2023 22:23:20 GMT' }),
      twitter, { now: () => Date.UTC(2023, 10, 14, 22, 13, 20) });
    expect(d.clockOffsetMs).to.equal(600_000);
    expect(d.hint).to.contain('your clock is off by 600 s (behind the provider)');
  });

  it('decodeTwitterError reads the older v1 {"request","error"} form', () => {
    const d = decodeTwitterError(response(401, '{"request":"/1/statuses/update.json","error":"Could not authenticate you."}'));
    expect(d).to.include({ providerCode: '32', problem: 'signature_invalid', message: 'Could not authenticate you.' });
  });

  it('decodeTwitterError keeps an unknown code and its message', () => {
    const d = decodeTwitterError(response(403, '{"errors":[{"code":261,"message":"Application cannot perform write actions."}]}'));
    expect(d).to.include({ providerCode: '261', message: 'Application cannot perform write actions.', retryable: false });
    expect(d?.problem).to.equal(undefined);
    expect(d?.hint).to.contain('261');
  });

  it('decodeTwitterError ignores Sina, Tencent and non-JSON bodies', () => {
    expect(decodeTwitterError(response(401, '{"request":"/statuses/update.json","error_code":"401","error":"40107:Oauth Error: signature_invalid!"}'))).to.equal(undefined);
    expect(decodeTwitterError(response(200, '{"ret":3,"errcode":9,"msg":"x","data":null}'))).to.equal(undefined);
    expect(decodeTwitterError(response(401, 'Could not authenticate you'))).to.equal(undefined);
  });
});

describe('encodeTwitterError', () => {
  it('encodeTwitterError writes the providers.md body for signature_invalid', () => {
    const e = encodeTwitterError('signature_invalid', '/1.1/statuses/update.json');
    expect(e.status).to.equal(401);
    expect(e.body).to.equal('{"errors":[{"message":"Could not authenticate you","code":32}]}');
    expect(e.headers['www-authenticate']).to.equal(undefined);
  });

  for (const [what, code, problem] of [['timestamp_refused', '135', 'timestamp_refused'], [89, '89', 'token_rejected'], ['nonce_used', '32', 'signature_invalid']] as const) {
    it(`encodeTwitterError ${what} round-trips to code ${code}`, () => {
      const e = encodeTwitterError(what, '/1.1/account/verify_credentials.json');
      const d = decodeProviderError(response(e.status, e.body, e.headers), twitter);
      expect(d.providerCode).to.equal(code);
      expect(d.problem).to.equal(problem);
    });
  }

  it('encodeTwitterError adds a Problem Reporting challenge only when asked', () => {
    const e = encodeTwitterError('nonce_used', '/1.1/statuses/update.json', { problemReporting: true });
    expect(e.headers['www-authenticate']).to.equal('OAuth oauth_problem="nonce_used"');
  });

  it('encodeTwitterError refuses a numeric code it does not know', () => {
    const e = caught(() => encodeTwitterError(999, '/'), ProfileError);
    expect(e.code).to.equal('ERR_OAUTH_PROVIDER_CODE_UNKNOWN');
    expect(e.message).to.match(/^twitter has no error code for "999"/);
  });
});

describe('twitter profile', () => {
  it('twitter posts both token steps in the header with HMAC-SHA1 and signs no multipart field', () => {
    expect(twitter.methods).to.deep.equal({ temporaryCredentials: 'POST', tokenCredentials: 'POST' });
    expect(twitter.endpoints).to.deep.equal({
      temporaryCredentials: 'https://api.twitter.com/oauth/request_token',
      authorization: 'https://api.twitter.com/oauth/authorize',
      tokenCredentials: 'https://api.twitter.com/oauth/access_token',
      apiBase: 'https://api.twitter.com/1.1/',
    });
    expect(twitter.multipart).to.deep.equal({ policy: 'none', fileFields: ['media[]', 'media'], textEncoding: 'raw' });
    expect(twitter.extraParams).to.equal(undefined);
  });
});
