// Specs for src/providers/provider-error.ts: Problem Reporting parsing, decodeProviderError's fallback order, ProviderError, clock skew.

import { expect } from 'chai';
import { inspect } from 'node:util';
import {
  ProviderError, decodeProviderError, decodeHttpError, providerErrorFromResponse, clockOffsetFromError, parseProblemReport,
} from '../../src/providers/provider-error.js';
import { OAuthError } from '../../src/core/errors.js';
import { defineProfile, getProfile, twitter, weiboV1, netease, generic } from '../../src/providers/index.js';
import { response } from './helpers.js';

describe('parseProblemReport', () => {
  it('parseProblemReport reads oauth_problem from a WWW-Authenticate challenge and keeps realm unencoded', () => {
    const r = parseProblemReport('OAuth realm="http://sp.example.com/", oauth_problem="token_expired"');
    expect(r?.problem).to.equal('token_expired');
    expect(r?.params).to.deep.equal([['realm', 'http://sp.example.com/'], ['oauth_problem', 'token_expired']]);
  });

  // Problem Reporting: names percent-encoded, joined by "&", and the list encoded again as a value.
  it('parseProblemReport decodes the twice-encoded oauth_parameters_absent in a header', () => {
    const r = parseProblemReport('OAuth oauth_problem="parameter_absent", oauth_parameters_absent="oauth_nonce%26oauth_timestamp%26x_name%2520y"');
    expect(r?.parametersAbsent).to.deep.equal(['oauth_nonce', 'oauth_timestamp', 'x_name y']);
  });

  it('parseProblemReport decodes the twice-encoded oauth_parameters_rejected in a form body', () => {
    const r = parseProblemReport('oauth_problem=parameter_rejected&oauth_parameters_rejected=oauth_body_hash%26x%2526y');
    expect(r).to.include({ problem: 'parameter_rejected' });
    expect(r?.parametersRejected).to.deep.equal(['oauth_body_hash', 'x&y']);
  });

  it('parseProblemReport reads oauth_acceptable_timestamps, oauth_acceptable_versions and oauth_problem_advice', () => {
    const r = parseProblemReport('oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1700000000-1700000600&oauth_acceptable_versions=1.0-1.0&oauth_problem_advice=Check+your+clock%2C+please');
    expect(r?.acceptableTimestamps).to.deep.equal([1700000000, 1700000600]);
    expect(r?.acceptableVersions).to.deep.equal(['1.0', '1.0']);
    expect(r?.advice).to.equal('Check your clock, please');
  });

  it('parseProblemReport is tolerant: unquoted values, any-case scheme, another challenge first, bad escapes', () => {
    const r = parseProblemReport('Basic realm="x",  oauth   oauth_problem=nonce_used ,oauth_problem_advice="100% used"');
    expect(r?.problem).to.equal('nonce_used');
    expect(r?.advice).to.equal('100% used');
    expect(r?.params.some(([n]) => n === 'realm')).to.equal(false);
  });

  it('parseProblemReport returns undefined for text without a problem, JSON and empty input', () => {
    expect(parseProblemReport('OAuth realm="Photos"')).to.equal(undefined);
    expect(parseProblemReport('oauth_token=a&oauth_token_secret=b')).to.equal(undefined);
    expect(parseProblemReport('{"oauth_problem":"x"}')).to.equal(undefined);
    expect(parseProblemReport('')).to.equal(undefined);
  });

  it('parseProblemReport throws TypeError for a non-string', () => {
    expect(() => parseProblemReport(undefined as unknown as string)).to.throw(TypeError, 'parseProblemReport expects a string, got undefined');
  });
});

describe('decodeProviderError', () => {
  it('decodeProviderError decodes plain Problem Reporting from the header (generic profile)', () => {
    const d = decodeProviderError(response(401, '', { 'www-authenticate': 'OAuth realm="Photos", oauth_problem="nonce_used"' }), generic);
    expect(d).to.include({ status: 401, problem: 'nonce_used', retryable: true, format: 'problem-reporting' });
    expect(d.hint).to.contain('retry re-signs with a fresh nonce');
  });

  it('decodeProviderError decodes Problem Reporting from the body when there is no header', () => {
    const d = decodeProviderError(response(400, 'oauth_problem=parameter_absent&oauth_parameters_absent=oauth_verifier'));
    expect(d).to.include({ problem: 'parameter_absent', retryable: false });
    expect(d.parametersAbsent).to.deep.equal(['oauth_verifier']);
    expect(d.hint).to.equal('add the missing parameter(s) "oauth_verifier" and sign again');
  });

  it('decodeProviderError tries every known decoder when the profile\'s own does not match', () => {
    const d = decodeProviderError(response(401, '{"request":"/statuses/update.json","error_code":"401","error":"40107:Oauth Error: signature_invalid!"}'), twitter);
    expect(d).to.include({ format: 'weibo-v1', providerCode: '40107', problem: 'signature_invalid' });
  });

  it('decodeProviderError merges a Problem Reporting header into a provider body', () => {
    const d = decodeProviderError(response(401, '{"errors":[{"code":135,"message":"Timestamp out of bounds."}]}', {
      'www-authenticate': 'OAuth oauth_problem="timestamp_refused", oauth_acceptable_timestamps="1700000000-1700000600"',
    }), twitter, { now: () => 1_700_000_900_000 });
    expect(d).to.include({ format: 'twitter', providerCode: '135', clockOffsetMs: -600_000, retryable: true });
    expect(d.acceptableTimestamps).to.deep.equal([1700000000, 1700000600]);
    expect(d.hint).to.contain('your clock is off by 600 s (ahead of the provider)');
  });

  it('decodeProviderError names the profile\'s signature method for signature_method_rejected', () => {
    const d = decodeProviderError(response(400, 'oauth_problem=signature_method_rejected'), defineProfile({ name: 'x', signatureMethod: 'HMAC-SHA256' }));
    expect(d.hint).to.equal('the provider does not accept this oauth_signature_method; use HMAC-SHA256');
  });

  it('decodeProviderError falls back to the HTTP status for bodies no decoder knows', () => {
    const unavailable = decodeProviderError(response(503, 'Service Unavailable\n'));
    expect(unavailable).to.include({ status: 503, format: 'http', retryable: true, message: 'Service Unavailable' });
    expect(unavailable.hint).to.match(/retry later/);
    const html = decodeProviderError(response(404, '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>'));
    expect(html).to.include({ message: '404 Not Found', retryable: false });
    expect(html.hint).to.match(/^no such endpoint/);
    const odd = decodeProviderError(response(418, '{"teapot":true}'));
    expect(odd).to.include({ retryable: false, format: 'http' });
    expect(odd.hint).to.equal('the provider answered HTTP 418 in a format no profile decodes: read the body excerpt');
    expect(decodeProviderError(response(401, '')).hint).to.contain('oauth1 verify');
  });

  it('decodeProviderError accepts a frozen result from a user decoder', () => {
    const frozen = Object.freeze({ status: 401, problem: 'timestamp_refused', message: 'clock', retryable: true, hint: 'h' });
    const p = defineProfile({ name: 'frozen', decodeError: () => frozen });
    const d = decodeProviderError(response(401, '', { date: new Date(1_700_000_010_000).toUTCString() }), p, { now: () => 1_700_000_000_000 });
    expect(d.clockOffsetMs).to.equal(10_000);
    expect(frozen).to.not.have.property('clockOffsetMs');
  });

  it('generic encodeError round-trips a Problem Report with twice-encoded names through decodeProviderError', () => {
    const e = generic.encodeError!('parameter_absent', '/initiate', { parametersAbsent: ['oauth_callback', 'a&b'], advice: 'send a callback' });
    expect(e.status).to.equal(400);
    expect(e.body).to.equal('oauth_problem=parameter_absent&oauth_parameters_absent=oauth_callback%26a%2526b&oauth_problem_advice=send%20a%20callback');
    const d = decodeProviderError(response(e.status, e.body, e.headers), generic);
    expect(d).to.include({ problem: 'parameter_absent', advice: 'send a callback', format: 'problem-reporting' });
    expect(d.parametersAbsent).to.deep.equal(['oauth_callback', 'a&b']);
  });

  it('decodeProviderError surfaces a base string and signature the provider echoed in WWW-Authenticate (Sina, unconfirmed)', () => {
    const d = decodeProviderError(response(401, '{"request":"/account/verify_credentials.json","error_code":"401","error":"40107:Oauth Error: signature_invalid!"}', {
      'www-authenticate': 'OAuth oauth_problem="signature_invalid", oauth_signature_base_string="GET%26http%253A%252F%252Fapi.t.sina.com.cn%252Faccount%252Fverify_credentials.json%26oauth_nonce%253Dabc", oauth_right_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"',
    }), weiboV1);
    expect(d.serverBaseString).to.equal('GET&http%3A%2F%2Fapi.t.sina.com.cn%2Faccount%2Fverify_credentials.json&oauth_nonce%3Dabc');
    expect(d.serverSignature).to.equal('tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
    expect(providerErrorFromResponse(response(401, '', { 'www-authenticate': 'OAuth oauth_signature_base_string="GET%26a%26b"' })).serverBaseString).to.equal('GET&a&b');
  });

  it('decodeProviderError finds an "expected signature base string" printed in the body', () => {
    const d = decodeProviderError(response(401, 'Invalid signature. Expected signature base string: POST&https%3A%2F%2Fexample.com%2Fx&a%3D1%26b%3D2\n'));
    expect(d.serverBaseString).to.equal('POST&https%3A%2F%2Fexample.com%2Fx&a%3D1%26b%3D2');
  });

  it('decodeProviderError survives a user decoder that throws', () => {
    const p = defineProfile({ name: 'broken', decodeError: () => { throw new Error('bug'); } });
    expect(decodeProviderError(response(401, '{"errors":[{"code":89,"message":"Invalid or expired token"}]}'), p).providerCode).to.equal('89');
  });

  it('decodeProviderError reads Retry-After in seconds or as a date', () => {
    expect(decodeProviderError(response(429, '', { 'retry-after': '120' })).retryAfterSeconds).to.equal(120);
    const now = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(decodeProviderError(response(503, '', { 'retry-after': 'Mon, 01 Jan 2024 00:00:30 GMT' }), undefined, { now: () => now }).retryAfterSeconds).to.equal(30);
  });

  it('decodeProviderError throws TypeError for a response without a numeric status or string body', () => {
    expect(() => decodeProviderError({ status: '401', headers: {}, body: '' } as never)).to.throw(TypeError, 'provider response status must be a number, got string');
    expect(() => decodeProviderError({ status: 401, headers: {}, body: Buffer.from('') } as never)).to.throw(TypeError, 'provider response body must be a string, got object');
  });

  it('decodeHttpError treats 5xx as retryable and 4xx as not', () => {
    expect(decodeHttpError(response(502, '')).retryable).to.equal(true);
    expect(decodeHttpError(response(599, '')).retryable).to.equal(true);
    expect(decodeHttpError(response(403, '')).retryable).to.equal(false);
  });
});

describe('clockOffsetFromError', () => {
  const now = 1_700_000_000_000;

  it('clockOffsetFromError uses the midpoint of oauth_acceptable_timestamps', () => {
    expect(clockOffsetFromError({ problem: 'timestamp_refused', acceptableTimestamps: [1_700_000_300, 1_700_000_900] }, response(401, ''), now)).to.equal(600_000);
  });

  it('clockOffsetFromError reads oauth_acceptable_timestamps from the response when the decoded error lacks it', () => {
    expect(clockOffsetFromError({ problem: 'timestamp_refused' }, response(401, 'oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1699999100-1699999700'), now)).to.equal(-600_000);
  });

  it('clockOffsetFromError falls back to the Date header', () => {
    expect(clockOffsetFromError({ problem: 'timestamp_refused' }, response(401, '', { date: new Date(now + 42_000).toUTCString() }), now)).to.equal(42_000);
  });

  it('clockOffsetFromError recognises Weibo 40104 and Twitter 135 by code, from the profile', () => {
    const dated = response(401, '', { date: new Date(now - 5_000).toUTCString() });
    expect(clockOffsetFromError({ providerCode: '40104' }, dated, now, getProfile('weibo-v1'))).to.equal(-5_000);
    expect(clockOffsetFromError({ providerCode: '135' }, dated, now, getProfile('twitter'))).to.equal(-5_000);
    expect(clockOffsetFromError({ providerCode: '40104' }, dated, now, getProfile('netease'))).to.equal(undefined);
    expect(clockOffsetFromError({ providerCode: '135' }, dated, now)).to.equal(undefined);
  });

  it('clockOffsetFromError is undefined for other problems and when no time is given', () => {
    expect(clockOffsetFromError({ problem: 'signature_invalid' }, response(401, '', { date: new Date(now).toUTCString() }), now)).to.equal(undefined);
    expect(clockOffsetFromError({ problem: 'timestamp_refused' }, response(401, ''), now)).to.equal(undefined);
    expect(clockOffsetFromError({ problem: 'timestamp_refused' }, response(401, '', { date: 'yesterday' }), now)).to.equal(undefined);
  });

  it('clockOffsetFromError throws TypeError for a non-finite nowMs', () => {
    expect(() => clockOffsetFromError({ problem: 'timestamp_refused' }, response(401, ''), NaN)).to.throw(TypeError, 'clockOffsetFromError: nowMs must be a finite number, got NaN');
  });
});

describe('ProviderError', () => {
  const sina = response(401, '{"request":"/statuses/update.json","error_code":"401","error":"40107:Oauth Error: signature_invalid!"}', { 'content-type': 'application/json' });

  it('ProviderError carries code ERR_OAUTH_PROVIDER, the decoded fields and a message quoting the provider', () => {
    const e = providerErrorFromResponse(sina, weiboV1);
    expect(e).to.be.instanceOf(OAuthError);
    expect(e.code).to.equal('ERR_OAUTH_PROVIDER');
    expect(e.message).to.equal('HTTP 401 from weibo-v1: signature_invalid (code 40107, "40107:Oauth Error: signature_invalid!") — the signature does not match what the provider computed: run `oauth1 verify` on the captured request to name the mistake');
    expect(e).to.include({ status: 401, providerCode: '40107', problem: 'signature_invalid', providerMessage: '40107:Oauth Error: signature_invalid!', retryable: false, provider: 'weibo-v1', format: 'weibo-v1' });
  });

  it('ProviderError keeps the full response but never enumerates or serialises it', () => {
    const long = response(500, 'x'.repeat(10_000));
    const e = providerErrorFromResponse(long);
    expect(e.response).to.equal(long);
    expect(Object.keys(e)).to.not.include('response');
    expect(JSON.stringify(e).length).to.be.below(2_000);
    expect(e.bodyExcerpt.length).to.be.at.most(500);
    expect(inspect(e)).to.not.contain('x'.repeat(600));
  });

  it('ProviderError redacts secret-looking values in the excerpt', () => {
    const e = providerErrorFromResponse(response(400, 'oauth_token=abc&oauth_token_secret=s3cr3tvalue&x=1'));
    expect(e.bodyExcerpt).to.equal('oauth_token=abc&oauth_token_secret=[redacted]&x=1');
    expect(JSON.stringify(e)).to.not.contain('s3cr3tvalue');
  });

  it('ProviderError.toJSON has the error message and the provider message apart', () => {
    const j = providerErrorFromResponse(sina, weiboV1).toJSON();
    expect(j).to.include({ code: 'ERR_OAUTH_PROVIDER', providerMessage: '40107:Oauth Error: signature_invalid!', providerCode: '40107' });
    expect(j.message).to.match(/^HTTP 401 from weibo-v1/);
  });

  it('new ProviderError without a provider name says "the provider"', () => {
    const e = new ProviderError(decodeProviderError(response(503, ''), netease));
    expect(e.message).to.match(/^HTTP 503 from the provider: error — /);
    expect(e.bodyExcerpt).to.equal('');
  });
});
