// Specs for the netsuite REST emulation: realm = account id upper case with its suffix, HMAC-SHA256, INVALID_LOGIN, and the signed-realm mistake named by `oauth1 verify`.

import { expect } from 'chai';
import { OAuth1Client } from '../../src/providers/oauth1-client.js';
import { decodeNetsuiteError, encodeNetsuiteError } from '../../src/providers/index.js';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { signRequest } from '../../src/core/sign.js';
import { ensureBuilt, runCli } from '../tools/cli/helpers.js';
import { response } from './helpers.js';

const TOKEN = { token: 'nstk0123456789', tokenSecret: 'nsts0123456789' };
const INVALID_LOGIN = '{"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2","title":"Unauthorized","status":401,"o:errorDetails":[{"detail":"Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.","o:errorCode":"INVALID_LOGIN"}]}';

describe('netsuite error codec', () => {
  it('encodeNetsuiteError writes the INVALID_LOGIN body users quote; decodeNetsuiteError reads it', () => {
    expect(encodeNetsuiteError('signature_invalid').body).to.equal(INVALID_LOGIN);
    const d = decodeNetsuiteError(response(401, INVALID_LOGIN));
    expect(d).to.include({ status: 401, providerCode: 'INVALID_LOGIN', format: 'netsuite' });
    expect(d?.hint).to.contain('1234567_SB1, not 1234567_sb1');
    expect(decodeNetsuiteError(response(401, '{"message":"x"}'))).to.equal(undefined);
  });
});

describe('oauth1 serve --provider netsuite (emulation over real HTTP)', function () {
  this.timeout(120_000);
  let sandbox: SandboxProvider;
  beforeEach(async () => { sandbox = await createSandboxProvider({ provider: 'netsuite', tokens: [TOKEN] }); });
  afterEach(async () => { await sandbox.close(); });

  it('the netsuiteProfile client signs HMAC-SHA256 with realm="1234567_SB1" and reads a customer', async () => {
    expect(sandbox.profile.realm).to.equal('1234567_SB1');
    const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, ...TOKEN });
    const r = await client.request({ method: 'GET', url: 'record/v1/customer/107' });
    expect(r.status).to.equal(200);
    expect(JSON.parse(r.body)).to.include({ companyName: 'Sandbox Customer' });
    expect(sandbox.requests.at(-1)!.oauth).to.include({ oauth_signature_method: 'HMAC-SHA256' });
  });

  it('a lower-case realm ("1234567_sb1") is refused with INVALID_LOGIN though the signature is right', async () => {
    const url = `${sandbox.url}/services/rest/record/v1/customer`;
    const signed = signRequest({ method: 'GET', url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, ...TOKEN, signatureMethod: 'HMAC-SHA256', realm: '1234567_sb1' });
    const r = await fetch(url, { headers: { authorization: signed.headers.authorization! } });
    expect(r.status).to.equal(401);
    expect(await r.text()).to.equal(INVALID_LOGIN);
    expect(r.headers.get('www-authenticate')).to.match(/^OAuth realm="http:\/\/127\.0\.0\.1:\d+", oauth_problem="parameter_rejected"/);
  });

  it('the classic mistake — realm signed into the base string — is refused, and `oauth1 verify` names it realm-signed', async () => {
    ensureBuilt();
    const url = `${sandbox.url}/services/rest/record/v1/customer`;
    // The faulty signer puts realm among the signed parameters, then sends it only in the header.
    const signed = signRequest({ method: 'GET', url: `${url}?realm=1234567_SB1`, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, ...TOKEN, signatureMethod: 'HMAC-SHA256', realm: '1234567_SB1' });
    const r = await fetch(url, { headers: { authorization: signed.headers.authorization! } });
    expect(r.status).to.equal(401);
    expect(r.headers.get('www-authenticate')).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_invalid"`);
    const v = runCli(['verify', '--request', '-', '--consumer-secret', sandbox.consumerSecret, '--token-secret', TOKEN.tokenSecret], { stdin: JSON.stringify({ method: 'GET', url, authorization: signed.headers.authorization }) });
    expect(v.stdout, v.stderr).to.include('1. realm-signed');
  });
});
