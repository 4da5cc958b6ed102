// Specs for src/providers/weibo-v1.ts: Sina v1 and v2 error decoding, the encoder, and the profile options.

import { expect } from 'chai';
import {
  decodeWeiboError, encodeWeiboV1Error, encodeWeiboV2Error, weiboV1, weiboV1Profile, WEIBO_V1_OAUTH_CODES,
  OAUTH_PROBLEMS, ProfileError, parseProblemReport,
} from '../../src/providers/index.js';
import { decodeProviderError } from '../../src/providers/provider-error.js';
import { response } from './helpers.js';
import { caught } from '../helpers/errors.js';

// Sina's OAuth table as providers.md lists it ("Sina errors"), typed here independently of the source.
const SINA_OAUTH_TABLE: Array<[number, string]> = [
  [40101, 'version_rejected'], [40102, 'parameter_absent'], [40103, 'parameter_rejected'], [40104, 'timestamp_refused'],
  [40105, 'nonce_used'], [40106, 'signature_method_rejected'], [40107, 'signature_invalid'], [40108, 'consumer_key_unknown'],
  [40109, 'consumer_key_refused'], [40110, 'token_used'], [40111, 'token_expired'], [40112, 'token_revoked'],
  [40113, 'token_rejected'], [40114, 'verifier_fail'],
];

describe('decodeWeiboError (Sina v1)', () => {
  it('decodeWeiboError reads the providers.md example: code 40025 leads the error text, error_code is the HTTP status', () => {
    const d = decodeWeiboError(response(400, '{"request":"/statuses/update.json","error_code":"400","error":"40025:Error: repeated weibo text!"}'));
    expect(d).to.include({ status: 400, providerCode: '40025', message: '40025:Error: repeated weibo text!', retryable: false, format: 'weibo-v1' });
    expect(d?.problem).to.equal(undefined);
    expect(d?.hint).to.match(/same status text/);
  });

  for (const [code, problem] of SINA_OAUTH_TABLE) {
    it(`decodeWeiboError maps ${code} to ${problem} with its hint and retry flag`, () => {
      const body = JSON.stringify({ request: '/statuses/update.json', error_code: '401', error: `${code}:Oauth Error: ${problem}!` });
      const d = decodeWeiboError(response(401, body));
      expect(d?.providerCode).to.equal(String(code));
      expect(d?.problem).to.equal(problem);
      expect(d?.retryable).to.equal(problem === 'timestamp_refused' || problem === 'nonce_used');
      expect(d?.hint).to.be.a('string').and.not.equal('');
      expect(d?.hint).to.equal(OAUTH_PROBLEMS[problem]!.hint({}));
    });
  }

  it('decodeWeiboError hints `oauth1 verify` for 40107 signature_invalid', () => {
    const d = decodeWeiboError(response(401, '{"request":"/statuses/update.json","error_code":"401","error":"40107:Oauth Error: signature_invalid!"}'));
    expect(d?.hint).to.contain('oauth1 verify');
    expect(d?.retryable).to.equal(false);
  });

  it('decodeWeiboError reads the same fields form-encoded, as the OAuth endpoints answer', () => {
    const d = decodeWeiboError(response(401, 'request=%2Foauth%2Faccess_token&error_code=401&error=40114%3AOauth+Error%3A+verifier_fail%21'));
    expect(d).to.include({ providerCode: '40114', problem: 'verifier_fail', format: 'weibo-v1' });
    expect(d?.hint).to.match(/verifier/);
  });

  it('decodeWeiboError tolerates error_CN, a BOM and whitespace', () => {
    const d = decodeWeiboError(response(400, '\uFEFF  {"request":"/statuses/update.json","error_code":"400","error":"40013:Error: Text too long, please input text less than 140 characters!","error_CN":"内容过长"}\n'));
    expect(d?.providerCode).to.equal('40013');
    expect(d?.hint).to.match(/140/);
  });

  const others: Array<[number, RegExp]> = [
    [40008, /5 MB/], [40009, /multipart/], [40012, /empty/], [40013, /140/], [40022, /source=<app key>/], [40025, /same status/],
    [40045, /JPEG, GIF and PNG/], [40302, /authentication failed/], [40307, /HTTP method/], [40308, /rate limit/], [40313, /Weibo user/],
  ];
  for (const [code, hint] of others) {
    it(`decodeWeiboError gives ${code} its own hint`, () => {
      const status = Math.floor(code / 100);
      const d = decodeWeiboError(response(status, JSON.stringify({ request: '/statuses/upload.json', error_code: String(status), error: `${code}:Error: something!` })));
      expect(d?.providerCode).to.equal(String(code));
      expect(d?.hint).to.match(hint);
      expect(d?.retryable).to.equal(false);
    });
  }

  it('decodeWeiboError keeps an unknown five-digit code and the message, with a sane hint', () => {
    const d = decodeWeiboError(response(400, '{"request":"/x.json","error_code":"400","error":"40999:Error: something new!"}'));
    expect(d).to.include({ providerCode: '40999', message: '40999:Error: something new!', retryable: false });
    expect(d?.hint).to.contain('40999');
  });

  it('decodeWeiboError treats a Sina-shaped 503 without a code as retryable', () => {
    const d = decodeWeiboError(response(503, '{"request":"/statuses/update.json","error_code":"503","error":"503:Service temporarily unavailable"}'));
    expect(d).to.include({ status: 503, retryable: true, format: 'weibo-v1' });
    expect(d?.providerCode).to.equal(undefined);
    expect(d?.hint).to.match(/retry later/);
  });

  it('decodeWeiboError ignores bodies that are not Sina errors', () => {
    expect(decodeWeiboError(response(401, '{"errors":[{"code":32,"message":"Could not authenticate you"}]}'))).to.equal(undefined);
    expect(decodeWeiboError(response(401, '{"error":"x","request":"/1/statuses/update.json"}'))).to.equal(undefined);
    expect(decodeWeiboError(response(500, '<html><body>oops</body></html>'))).to.equal(undefined);
    expect(decodeWeiboError(response(500, ''))).to.equal(undefined);
  });
});

describe('decodeWeiboError (Weibo v2 numeric codes)', () => {
  it('decodeWeiboError reads seed 001: 21321 means an unaudited app used by an account that is not a test user', () => {
    const d = decodeWeiboError(response(403, '{"error":"applications over the unaudited use restrictions!","error_code":21321,"request":"/2/statuses/update.json"}'));
    expect(d).to.include({ status: 403, providerCode: '21321', format: 'weibo-v2', retryable: false });
    expect(d?.message).to.equal('applications over the unaudited use restrictions!');
    expect(d?.hint).to.match(/not yet audited/).and.match(/test user/);
  });

  const v2: Array<[number, string]> = [[21310, 'signature_invalid'], [21317, 'token_rejected'], [21327, 'token_expired']];
  for (const [code, problem] of v2) {
    it(`decodeWeiboError maps v2 ${code} to ${problem} (providers.md)`, () => {
      const d = decodeWeiboError(response(401, JSON.stringify({ error: 'x', error_code: code, request: '/2/statuses/update.json' })));
      expect(d).to.include({ providerCode: String(code), problem, format: 'weibo-v2' });
    });
  }

  it('encodeWeiboV2Error round-trips 21321 with status 403', () => {
    const e = encodeWeiboV2Error(21321, '/2/statuses/update.json');
    expect(e.status).to.equal(403);
    expect(JSON.parse(e.body)).to.deep.equal({ error: 'applications over the unaudited use restrictions!', error_code: 21321, request: '/2/statuses/update.json' });
    expect(decodeWeiboError(response(e.status, e.body))?.providerCode).to.equal('21321');
  });
});

describe('encodeWeiboV1Error', () => {
  it('encodeWeiboV1Error writes the issue\'s example body exactly, with a Problem Reporting challenge', () => {
    const e = encodeWeiboV1Error('signature_invalid', '/statuses/update.json');
    expect(e.status).to.equal(401);
    expect(e.body).to.equal('{"request":"/statuses/update.json","error_code":"401","error":"40107:Oauth Error: signature_invalid!"}');
    expect(e.headers['content-type']).to.match(/^application\/json/);
    expect(parseProblemReport(e.headers['www-authenticate']!)?.problem).to.equal('signature_invalid');
  });

  it('encodeWeiboV1Error answers form-encoded on the /oauth/ endpoints', () => {
    const e = encodeWeiboV1Error(40114, '/oauth/access_token');
    expect(e.headers['content-type']).to.match(/x-www-form-urlencoded/);
    expect(e.body).to.equal('request=%2Foauth%2Faccess_token&error_code=401&error=40114%3AOauth%20Error%3A%20verifier_fail%21');
  });

  for (const [problem, code] of Object.entries(WEIBO_V1_OAUTH_CODES)) {
    for (const path of ['/statuses/update.json', '/oauth/request_token']) {
      it(`encodeWeiboV1Error ${problem} on ${path} round-trips through decodeProviderError`, () => {
        const e = encodeWeiboV1Error(problem, path);
        const d = decodeProviderError(response(e.status, e.body, e.headers), weiboV1);
        expect(d.problem).to.equal(problem);
        expect(d.providerCode).to.equal(String(code));
        expect(d.status).to.equal(401);
      });
    }
  }

  it('encodeWeiboV1Error carries oauth_acceptable_timestamps for 40104 and the decoder measures the clock from it', () => {
    const e = encodeWeiboV1Error('timestamp_refused', '/statuses/update.json', { acceptableTimestamps: [1_700_000_000, 1_700_000_600] });
    const d = decodeProviderError(response(e.status, e.body, e.headers), weiboV1, { now: () => 1_699_999_700_000 });
    expect(d.providerCode).to.equal('40104');
    expect(d.acceptableTimestamps).to.deep.equal([1_700_000_000, 1_700_000_600]);
    expect(d.clockOffsetMs).to.equal(600_000);
    expect(d.retryable).to.equal(true);
    expect(d.hint).to.contain('your clock is off by 600 s (behind the provider)');
  });

  it('encodeWeiboV1Error puts twice-encoded oauth_parameters_absent into the challenge', () => {
    const e = encodeWeiboV1Error(40102, '/statuses/update.json', { parametersAbsent: ['oauth_nonce', 'x y'] });
    expect(e.headers['www-authenticate']).to.contain('oauth_parameters_absent="oauth_nonce%26x%2520y"');
    const d = decodeProviderError(response(e.status, e.body, e.headers), weiboV1);
    expect(d.parametersAbsent).to.deep.equal(['oauth_nonce', 'x y']);
    expect(d.hint).to.contain('"oauth_nonce", "x y"');
  });

  it('encodeWeiboV1Error refuses a problem Sina has no code for', () => {
    const e = caught(() => encodeWeiboV1Error('permission_denied', '/x.json'), ProfileError);
    expect(e.code).to.equal('ERR_OAUTH_PROVIDER_CODE_UNKNOWN');
    expect(e.message).to.match(/^weibo-v1 has no error code for "permission_denied"; known: version_rejected, /);
  });
});

describe('weiboV1Profile', () => {
  it('weiboV1 uses GET for request_token and POST for access_token, header placement, HMAC-SHA1, 1.0, oob', () => {
    expect(weiboV1.methods).to.deep.equal({ temporaryCredentials: 'GET', tokenCredentials: 'POST' });
    expect(weiboV1).to.include({ placement: 'header', signatureMethod: 'HMAC-SHA1', version: '1.0', defaultCallback: 'oob', errorFormat: 'weibo-v1' });
    expect(weiboV1.endpoints.temporaryCredentials).to.equal('http://api.t.sina.com.cn/oauth/request_token');
    expect(weiboV1.multipart).to.deep.equal({ policy: 'text-fields', fileFields: ['pic'], textEncoding: 'raw' });
  });

  it('weiboV1 adds source=<app key> by default, as every SDK did', () => {
    expect(weiboV1.extraParams?.('3722121234')).to.deep.equal([['source', '3722121234']]);
  });

  it('weiboV1Profile offers each documented variant as an option', () => {
    const p = weiboV1Profile({ source: false, tokenCredentialsMethod: 'GET', multipartPolicy: 'none', textEncoding: 'percent' });
    expect(p.extraParams).to.equal(undefined);
    expect(p.methods.tokenCredentials).to.equal('GET');
    expect(p.multipart).to.deep.equal({ policy: 'none', fileFields: ['pic'], textEncoding: 'percent' });
  });
});
