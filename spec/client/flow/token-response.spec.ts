// parseTokenResponse: the RFC 5849 §2.1/§2.3 credentials answers in the shapes providers really sent.

import { expect } from 'chai';
import { parseTokenResponse, bodyExcerpt, TokenResponseError } from '../../../src/client/flow/index.js';

function failure(body: string, status = 200): TokenResponseError {
  try { parseTokenResponse(body, status); } catch (e) { return e as TokenResponseError; }
  throw new Error('expected parseTokenResponse to throw');
}

describe('parseTokenResponse', () => {
  it('parseTokenResponse reads the RFC 5849 §2.3 form-encoded example', () => {
    // RFC 5849 §1.2, page 7: the token-credentials response body.
    const r = parseTokenResponse('oauth_token=nnch734d00sl2jdk&oauth_token_secret=pfkkdhi9sl3r4s00');
    expect(r).to.deep.equal({ token: 'nnch734d00sl2jdk', tokenSecret: 'pfkkdhi9sl3r4s00', params: [['oauth_token', 'nnch734d00sl2jdk'], ['oauth_token_secret', 'pfkkdhi9sl3r4s00']] });
  });

  it('parseTokenResponse ignores a UTF-8 BOM, surrounding whitespace and a trailing newline', () => {
    const r = parseTokenResponse('\uFEFF  oauth_token=t&oauth_token_secret=s&user_id=1904178193\r\n');
    expect(r.token).to.equal('t');
    expect(r.tokenSecret).to.equal('s');
    expect(r.params).to.deep.equal([['oauth_token', 't'], ['oauth_token_secret', 's'], ['user_id', '1904178193']]);
  });

  it('parseTokenResponse accepts parameters on separate lines', () => {
    expect(parseTokenResponse('oauth_token=t\noauth_token_secret=s\n').params).to.deep.equal([['oauth_token', 't'], ['oauth_token_secret', 's']]);
  });

  it('parseTokenResponse decodes percent-encoded and plus-encoded values', () => {
    const r = parseTokenResponse('oauth_token=a%2Fb&oauth_token_secret=c%3Dd&screen_name=Jane+Doe');
    expect(r.token).to.equal('a/b');
    expect(r.tokenSecret).to.equal('c=d');
    expect(r.params[2]).to.deep.equal(['screen_name', 'Jane Doe']);
  });

  it('parseTokenResponse reads a JSON object with string and number values', () => {
    const r = parseTokenResponse('\uFEFF{"oauth_token":"t","oauth_token_secret":"s","user_id":1904178193,"x":{"nested":1}}\n');
    expect(r.params).to.deep.equal([['oauth_token', 't'], ['oauth_token_secret', 's'], ['user_id', '1904178193']]);
  });

  it('parseTokenResponse accepts an empty token secret (some providers issue one)', () => {
    expect(parseTokenResponse('oauth_token=t&oauth_token_secret=').tokenSecret).to.equal('');
  });

  it('parseTokenResponse reports a missing oauth_token_secret with the status and a redacted excerpt', () => {
    const e = failure('oauth_token=t&user_id=5', 200);
    expect(e).to.be.instanceOf(TokenResponseError);
    expect(e.code).to.equal('ERR_OAUTH_TOKEN_RESPONSE_INVALID');
    expect(e.message).to.equal('the credentials response (HTTP 200) has no oauth_token_secret');
    expect(e.status).to.equal(200);
    expect(e.bodyExcerpt).to.equal('oauth_token=t&user_id=5');
  });

  it('parseTokenResponse reports a missing oauth_token and never puts the secret in the excerpt', () => {
    const e = failure('oauth_token_secret=VERY-SECRET&x=1', 201);
    expect(e.message).to.equal('the credentials response (HTTP 201) has no oauth_token');
    expect(e.bodyExcerpt).to.equal('oauth_token_secret=<redacted>&x=1');
    expect(JSON.stringify(e)).to.not.include('VERY-SECRET');
    expect(e.message).to.not.include('VERY-SECRET');
  });

  it('parseTokenResponse reports both names when neither is there', () => {
    expect(failure('user_id=5').message).to.equal('the credentials response (HTTP 200) has no oauth_token and no oauth_token_secret');
  });

  it('parseTokenResponse refuses an HTML page with a bounded excerpt', () => {
    const html = '<html><body>' + 'x'.repeat(1000) + '</body></html>';
    const e = failure(html, 200);
    expect(e.message).to.equal('the credentials response (HTTP 200) is neither form-encoded nor a JSON object');
    expect(e.bodyExcerpt.length).to.equal(200);
    expect(e.bodyExcerpt.endsWith('…')).to.equal(true);
  });

  it('parseTokenResponse refuses malformed percent-encoding as invalid', () => {
    const e = failure('oauth_token=%zz&oauth_token_secret=s');
    expect(e.code).to.equal('ERR_OAUTH_TOKEN_RESPONSE_INVALID');
    expect(e.message).to.equal('the credentials response (HTTP 200) is not valid form encoding');
  });

  it('bodyExcerpt redacts secrets in JSON bodies too', () => {
    expect(bodyExcerpt('{"oauth_token":"t","oauth_token_secret":"abc"}')).to.equal('{"oauth_token":"t","oauth_token_secret":"<redacted>"}');
  });

  it('parseTokenResponse throws TypeError for a non-string body', () => {
    expect(() => parseTokenResponse(42 as unknown as string)).to.throw(TypeError, 'parseTokenResponse expects a string body, got number');
  });
});
