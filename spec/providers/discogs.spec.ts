// Specs for the discogs profile and its emulation: PLAINTEXT three-legged flow end to end, the required User-Agent, HMAC refused, and the token-secret mistake named by `oauth1 verify`.

import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { OAuth1Client } from '../../src/providers/oauth1-client.js';
import { decodeDiscogsError, discogs, encodeDiscogsError, getProfile } from '../../src/providers/index.js';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { signRequest } from '../../src/core/sign.js';
import { ensureBuilt, runCli } from '../tools/cli/helpers.js';
import { response } from './helpers.js';

/** A GET with exactly the given headers (node:http sends no User-Agent of its own). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('discogs profile', () => {
  it('getProfile("discogs") signs PLAINTEXT in the header: GET request token, POST access token', () => {
    const p = getProfile('discogs');
    expect(p).to.equal(discogs);
    expect(p).to.include({ signatureMethod: 'PLAINTEXT', placement: 'header' });
    expect(p.methods).to.deep.equal({ temporaryCredentials: 'GET', tokenCredentials: 'POST' });
    expect(p.endpoints.authorization).to.equal('https://www.discogs.com/oauth/authorize');
  });

  it('encodeDiscogsError / decodeDiscogsError: the {"message"} body users quote, 401 and 403', () => {
    expect(encodeDiscogsError('signature_invalid')).to.deep.equal({ status: 401, headers: { 'content-type': 'application/json' }, body: '{"message": "You must authenticate to access this resource."}' });
    const d = decodeDiscogsError(response(401, '{"message": "You must authenticate to access this resource."}', { 'www-authenticate': 'OAuth oauth_problem="signature_invalid"' }));
    expect(d).to.include({ status: 401, message: 'You must authenticate to access this resource.', problem: 'signature_invalid', format: 'discogs' });
    const f = decodeDiscogsError(response(403, '{"message": "You are not allowed to view this resource. Please authenticate as the owner to view this content."}'));
    expect(f?.hint).to.contain('User-Agent');
    expect(decodeDiscogsError(response(401, '{"message": "x", "code": 3}'))).to.equal(undefined);
  });
});

describe('oauth1 serve --provider discogs (emulation over real HTTP)', function () {
  this.timeout(120_000);
  let sandbox: SandboxProvider;
  beforeEach(async () => { sandbox = await createSandboxProvider({ provider: 'discogs', autoApprove: true }); });
  afterEach(async () => { await sandbox.close(); });

  it('the profile\'s client runs the PLAINTEXT flow and calls /oauth/identity with its User-Agent', async () => {
    const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret });
    const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/callback' });
    const page = await fetch(client.authorizationUrl(temp), { redirect: 'manual' });
    const { verifier } = client.parseAuthorizationCallback(page.headers.get('location')!, temp);
    await client.requestTokenCredentials(temp, verifier);
    const me = await client.request({ method: 'GET', url: 'oauth/identity', headers: { 'user-agent': 'SandboxSpec/1.0 +https://example.invalid' } });
    expect(me.status).to.equal(200);
    expect(JSON.parse(me.body)).to.include({ consumer_name: 'Sandbox Application' });
    expect(sandbox.requests.map((r) => r.oauth['oauth_signature_method']).filter(Boolean)).to.deep.equal(['PLAINTEXT', 'PLAINTEXT', 'PLAINTEXT']);
  });

  it('a request without a User-Agent is refused with 403 before its signature is looked at; HMAC-SHA1 is refused', async () => {
    sandbox.addAccessToken({ token: 'tk', tokenSecret: 'ts' });
    const url = `${sandbox.url}/oauth/identity`;
    const plain = signRequest({ method: 'GET', url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, token: 'tk', tokenSecret: 'ts', signatureMethod: 'PLAINTEXT' });
    const noUa = await rawGet(url, { authorization: plain.headers.authorization! });
    expect(noUa.status).to.equal(403);
    expect(noUa.body).to.equal('{"message": "A User-Agent header identifying your application is required."}');
    const ok = await rawGet(url, { authorization: plain.headers.authorization!, 'user-agent': 'Spec/1.0' });
    expect(ok.status).to.equal(200);
    const hmac = signRequest({ method: 'GET', url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, token: 'tk', tokenSecret: 'ts', signatureMethod: 'HMAC-SHA1' });
    const refused = await rawGet(url, { authorization: hmac.headers.authorization!, 'user-agent': 'Spec/1.0' });
    expect(refused.status).to.equal(401);
    expect(refused.headers['www-authenticate']).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_method_rejected"`);
    expect(refused.body).to.equal('{"message": "You must authenticate to access this resource."}');
  });

  it('the classic mistake — PLAINTEXT "consumer_secret&" without the token secret — is refused, and `oauth1 verify` names it', async () => {
    ensureBuilt();
    sandbox.addAccessToken({ token: 'tk', tokenSecret: 'ts' });
    const url = `${sandbox.url}/oauth/identity`;
    const wrong = signRequest({ method: 'GET', url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, token: 'tk', tokenSecret: '', signatureMethod: 'PLAINTEXT' });
    const r = await rawGet(url, { authorization: wrong.headers.authorization!, 'user-agent': 'Spec/1.0' });
    expect(r.status).to.equal(401);
    expect(r.headers['www-authenticate']).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_invalid"`);
    const v = runCli(['verify', '--request', '-', '--consumer-secret', sandbox.consumerSecret, '--token-secret', 'ts', '--provider', 'discogs'], { stdin: JSON.stringify({ method: 'GET', url, authorization: wrong.headers.authorization }) });
    expect(v.stdout, v.stderr).to.include('1. token-secret-omitted\n     The signer keyed with the consumer secret and "&" only, without the token secret.');
  });
});
