// Specs for the trello profile and its emulation: the three-legged flow with scope/expiration/name on the authorise URL, and scope put on the request token but not signed, named by `oauth1 verify`.

import { expect } from 'chai';
import { OAuth1Client } from '../../src/providers/oauth1-client.js';
import { decodeTrelloError, encodeTrelloError, getProfile, trello, trelloAuthorizeParams } from '../../src/providers/index.js';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { signRequest } from '../../src/core/sign.js';
import { ensureBuilt, runCli } from '../tools/cli/helpers.js';
import { response } from './helpers.js';

describe('trello profile', () => {
  it('getProfile("trello"): /1/OAuthGetRequestToken, /1/OAuthAuthorizeToken, /1/OAuthGetAccessToken, HMAC-SHA1', () => {
    const p = getProfile('trello');
    expect(p).to.equal(trello);
    expect(p.endpoints).to.include({ temporaryCredentials: 'https://trello.com/1/OAuthGetRequestToken', authorization: 'https://trello.com/1/OAuthAuthorizeToken', tokenCredentials: 'https://trello.com/1/OAuthGetAccessToken' });
    expect(p.signatureMethod).to.equal('HMAC-SHA1');
  });

  it('trelloAuthorizeParams builds scope, expiration and name, and refuses unknown values with TypeError', () => {
    expect(trelloAuthorizeParams({ scope: ['read', 'write'], expiration: 'never', name: 'My App' })).to.deep.equal([['scope', 'read,write'], ['expiration', 'never'], ['name', 'My App']]);
    expect(() => trelloAuthorizeParams({ expiration: '2weeks' as never })).to.throw(TypeError, 'trelloAuthorizeParams: expiration must be one of 1hour, 1day, 30days, never, got "2weeks"');
    expect(() => trelloAuthorizeParams({ scope: ['admin' as never] })).to.throw(TypeError, 'trelloAuthorizeParams: scope must be among read, write, account, got "admin"');
  });

  it('encodeTrelloError / decodeTrelloError: plain-text refusals', () => {
    const e = encodeTrelloError('token_rejected');
    expect(e).to.deep.equal({ status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'invalid token' });
    expect(decodeTrelloError(response(401, 'invalid signature', { 'content-type': 'text/plain' }))).to.include({ problem: 'signature_invalid', format: 'trello' });
    expect(decodeTrelloError(response(401, '{"message":"x"}', { 'content-type': 'application/json' }))).to.equal(undefined);
  });
});

describe('oauth1 serve --provider trello (emulation over real HTTP)', function () {
  this.timeout(120_000);
  let sandbox: SandboxProvider;
  beforeEach(async () => { sandbox = await createSandboxProvider({ provider: 'trello', autoApprove: true }); });
  afterEach(async () => { await sandbox.close(); });

  it('the profile\'s client runs the flow with scope, expiration and name on the authorise URL and calls /1/members/me', async () => {
    const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret });
    const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/cb' });
    const url = client.authorizationUrl(temp, trelloAuthorizeParams({ scope: ['read', 'write'], expiration: 'never', name: 'Spec App' }));
    expect(new URL(url).pathname).to.equal('/1/OAuthAuthorizeToken');
    const page = await fetch(url, { redirect: 'manual' });
    const { verifier } = client.parseAuthorizationCallback(page.headers.get('location')!, temp);
    await client.requestTokenCredentials(temp, verifier);
    const me = await client.request({ method: 'GET', url: 'members/me' });
    expect(me.status).to.equal(200);
    expect(await (await fetch(`${sandbox.url}/1/sandbox/grants`)).json()).to.deep.equal({ [temp.token]: { scope: 'read,write', expiration: 'never', name: 'Spec App' } });
    const bad = await fetch(`${sandbox.url}/1/OAuthAuthorizeToken?oauth_token=${temp.token}&expiration=2weeks`);
    expect(bad.status).to.equal(400);
  });

  it('the classic mistake — scope and expiration on the request-token URL but not signed — is refused, and `oauth1 verify` names it', async () => {
    ensureBuilt();
    const base = `${sandbox.url}/1/OAuthGetRequestToken`;
    const signed = signRequest({ method: 'POST', url: base, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, callback: 'oob' });
    const sent = `${base}?scope=read%2Cwrite&expiration=never`;
    const r = await fetch(sent, { method: 'POST', headers: { authorization: signed.headers.authorization! } });
    expect(r.status).to.equal(401);
    expect(r.headers.get('www-authenticate')).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_invalid"`);
    expect(await r.text()).to.equal('invalid signature');
    const v = runCli(['verify', '--request', '-', '--consumer-secret', sandbox.consumerSecret, '--provider', 'trello'], { stdin: JSON.stringify({ method: 'POST', url: sent, authorization: signed.headers.authorization }) });
    expect(v.stdout, v.stderr).to.include('1. query-omitted');
  });
});
