// Specs for the garmin profile and its emulation: the flow on /oauth-service/oauth/* and /oauthConfirm, the wellness resources, and a pull's unsigned time range named by `oauth1 verify`.

import { expect } from 'chai';
import { OAuth1Client } from '../../src/providers/oauth1-client.js';
import { garmin, GARMIN_OAUTH1_RETIREMENT, getProfile } from '../../src/providers/index.js';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { signRequest } from '../../src/core/sign.js';
import { ensureBuilt, runCli } from '../tools/cli/helpers.js';

describe('garmin profile', () => {
  it('getProfile("garmin"): POST token steps on connectapi.garmin.com, consent on connect.garmin.com/oauthConfirm, HMAC-SHA1', () => {
    const p = getProfile('garmin');
    expect(p).to.equal(garmin);
    expect(p.endpoints).to.deep.equal({
      temporaryCredentials: 'https://connectapi.garmin.com/oauth-service/oauth/request_token',
      authorization: 'https://connect.garmin.com/oauthConfirm',
      tokenCredentials: 'https://connectapi.garmin.com/oauth-service/oauth/access_token',
      apiBase: 'https://apis.garmin.com/wellness-api/rest/',
    });
    expect(p.methods).to.deep.equal({ temporaryCredentials: 'POST', tokenCredentials: 'POST' });
    expect(p.signatureMethod).to.equal('HMAC-SHA1');
    // Garmin's notice: "OAuth 1 will be retired on 12/31/2026".
    expect(GARMIN_OAUTH1_RETIREMENT).to.equal('2026-12-31');
  });
});

describe('oauth1 serve --provider garmin (emulation over real HTTP)', function () {
  this.timeout(120_000);
  let sandbox: SandboxProvider;
  beforeEach(async () => { sandbox = await createSandboxProvider({ provider: 'garmin', autoApprove: true }); });
  afterEach(async () => { await sandbox.close(); });

  it('the profile\'s client runs the flow through /oauthConfirm, reads the user id and pulls a day of dailies', async () => {
    const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret });
    const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/garmin/cb' });
    const url = client.authorizationUrl(temp);
    expect(new URL(url).pathname).to.equal('/oauthConfirm');
    const page = await fetch(url, { redirect: 'manual' });
    const { verifier } = client.parseAuthorizationCallback(page.headers.get('location')!, temp);
    await client.requestTokenCredentials(temp, verifier);
    const id = await client.request({ method: 'GET', url: 'user/id' });
    expect(id.status).to.equal(200);
    expect(JSON.parse(id.body)).to.have.property('userId');
    const dailies = await client.request({ method: 'GET', url: 'dailies?uploadStartTimeInSeconds=1509022236&uploadEndTimeInSeconds=1509108636' });
    expect(dailies.status).to.equal(200);
    expect(JSON.parse(dailies.body)[0]).to.include({ startTimeInSeconds: 1509022236 });
    // The token steps are POST only.
    const get = await fetch(`${sandbox.url}/oauth-service/oauth/request_token`);
    expect(get.status).to.equal(405);
  });

  it('a stale timestamp is refused with the acceptable range in WWW-Authenticate', async () => {
    sandbox.addAccessToken({ token: 'tk', tokenSecret: 'ts' });
    const url = `${sandbox.url}/wellness-api/rest/user/id`;
    const stale = signRequest({ method: 'GET', url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, token: 'tk', tokenSecret: 'ts', timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const r = await fetch(url, { headers: { authorization: stale.headers.authorization! } });
    expect(r.status).to.equal(401);
    expect(r.headers.get('www-authenticate')).to.match(/^OAuth realm="[^"]+", oauth_problem="timestamp_refused", oauth_acceptable_timestamps="\d+-\d+"$/);
  });

  it('a client whose clock is an hour behind is refused once, then repaired from oauth_acceptable_timestamps', async () => {
    const ahead = await createSandboxProvider({ provider: 'garmin', now: () => Date.now() + 3_600_000, tokens: [{ token: 'tk', tokenSecret: 'ts' }] });
    try {
      const client = new OAuth1Client({ profile: ahead.profile, consumerKey: ahead.consumerKey, consumerSecret: ahead.consumerSecret, token: 'tk', tokenSecret: 'ts' });
      const id = await client.request({ method: 'GET', url: 'user/id' });
      expect(id.status).to.equal(200);
      expect(ahead.requests.map((r) => r.problem ?? 'ok')).to.deep.equal(['timestamp_refused', 'ok']);
      expect(Math.abs(client.clockOffsetMs - 3_600_000)).to.be.lessThan(5_000);
    } finally {
      await ahead.close();
    }
  });

  it('the classic mistake — the pull\'s time range added to the URL after signing — is refused, and `oauth1 verify` names it', async () => {
    ensureBuilt();
    sandbox.addAccessToken({ token: 'tk', tokenSecret: 'ts' });
    const base = `${sandbox.url}/wellness-api/rest/dailies`;
    const signed = signRequest({ method: 'GET', url: base, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, token: 'tk', tokenSecret: 'ts' });
    const sent = `${base}?uploadStartTimeInSeconds=1509022236&uploadEndTimeInSeconds=1509108636`;
    const r = await fetch(sent, { headers: { authorization: signed.headers.authorization! } });
    expect(r.status).to.equal(401);
    expect(r.headers.get('www-authenticate')).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_invalid"`);
    expect(await r.text()).to.equal('oauth_problem=signature_invalid');
    const v = runCli(['verify', '--request', '-', '--consumer-secret', sandbox.consumerSecret, '--token-secret', 'ts', '--provider', 'garmin'], { stdin: JSON.stringify({ method: 'GET', url: sent, authorization: signed.headers.authorization }) });
    expect(v.stdout, v.stderr).to.include('1. query-omitted');
  });
});

describe('npm run demo -- --provider garmin', function () {
  this.timeout(60_000);
  it('runFlowDemo with the garmin steps runs the flow and shows the classic mistake refused', async () => {
    const { runFlowDemo } = await import('../../src/tools/demo/demo.js');
    const { PROVIDER_DEMOS } = await import('../../src/tools/demo/providers/index.js');
    let text = '';
    const code = await runFlowDemo(PROVIDER_DEMOS['garmin']!, { write: (t: string) => { text += t; } }, { provider: 'garmin' });
    expect(code, text).to.equal(0);
    expect(text).to.include('-> HTTP 401');
    expect(text).to.include('oauth_problem=signature_invalid');
  });
});
