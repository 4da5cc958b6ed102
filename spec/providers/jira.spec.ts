// Specs for the jira and confluence profiles and their emulations: the three-legged flow with RSA-SHA1 end to end, and the classic mistakes (HMAC-SHA1 with a consumer secret, a wrong key) refused in Atlassian's shape and named by `oauth1 verify`.

import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAuth1Client } from '../../src/providers/oauth1-client.js';
import { confluence, confluenceProfile, getProfile, jira, jiraProfile, withBaseUrl } from '../../src/providers/index.js';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { signRequest } from '../../src/core/sign.js';
import { ensureBuilt, runCli } from '../tools/cli/helpers.js';

describe('jira and confluence profiles', () => {
  it('getProfile("jira") and getProfile("confluence"): RSA-SHA1, POST, the OAuth servlet paths on a placeholder host', () => {
    expect(getProfile('jira')).to.equal(jira);
    expect(getProfile('confluence')).to.equal(confluence);
    expect(jira.endpoints).to.deep.equal({
      temporaryCredentials: 'https://jira.example.com/plugins/servlet/oauth/request-token',
      authorization: 'https://jira.example.com/plugins/servlet/oauth/authorize',
      tokenCredentials: 'https://jira.example.com/plugins/servlet/oauth/access-token',
      apiBase: 'https://jira.example.com/rest/api/2/',
    });
    expect(confluence).to.include({ name: 'confluence', signatureMethod: 'RSA-SHA1' });
    expect(confluence.methods).to.deep.equal({ temporaryCredentials: 'POST', tokenCredentials: 'POST' });
  });

  it('confluenceProfile keeps the /confluence context path; withBaseUrl re-bases the placeholder onto a server with one', () => {
    const p = confluenceProfile({ baseUrl: 'https://example.com/confluence/' });
    expect(p.endpoints).to.deep.equal({
      temporaryCredentials: 'https://example.com/confluence/plugins/servlet/oauth/request-token',
      authorization: 'https://example.com/confluence/plugins/servlet/oauth/authorize',
      tokenCredentials: 'https://example.com/confluence/plugins/servlet/oauth/access-token',
      apiBase: 'https://example.com/confluence/rest/api/',
    });
    expect(withBaseUrl(confluence, 'https://example.com/confluence').endpoints).to.deep.equal(p.endpoints);
    expect(withBaseUrl(jira, 'https://example.com/jira').endpoints).to.deep.equal(jiraProfile({ baseUrl: 'https://example.com/jira' }).endpoints);
  });

  it('confluenceProfile refuses a base URL that is not a string or not http(s)', () => {
    expect(() => confluenceProfile({ baseUrl: 42 as never })).to.throw(TypeError, 'confluenceProfile: baseUrl must be a string, got number');
    expect(() => confluenceProfile({ baseUrl: 'ftp://wiki.example.com' })).to.throw('confluenceProfile: baseUrl must use http or https, got "ftp:"');
  });
});

for (const [provider, api] of [['jira', { me: 'myself', other: 'issue/DEMO-1' }], ['confluence', { me: 'user/current', other: 'content' }]] as const) {
  describe(`oauth1 serve --provider ${provider} (emulation over real HTTP)`, function () {
    this.timeout(120_000);
    let sandbox: SandboxProvider;
    beforeEach(async () => { sandbox = await createSandboxProvider({ provider, autoApprove: true }); });
    afterEach(async () => { await sandbox.close(); });

    it(`the ${provider} profile's client runs the three-legged flow with RSA-SHA1 and the generated key, then reads ${api.me} and ${api.other}`, async () => {
      expect(sandbox.consumerPrivateKey).to.match(/^-----BEGIN PRIVATE KEY-----\n/);
      const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: sandbox.consumerKey, privateKey: sandbox.consumerPrivateKey! });
      const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/cb' });
      const page = await fetch(client.authorizationUrl(temp), { redirect: 'manual' });
      expect(new URL(page.headers.get('location')!).origin).to.equal('http://127.0.0.1:9');
      const { verifier } = client.parseAuthorizationCallback(page.headers.get('location')!, temp);
      const access = await client.requestTokenCredentials(temp, verifier);
      expect(sandbox.state.access.get(access.token)?.consumerKey).to.equal(sandbox.consumerKey);
      const me = await client.request({ method: 'GET', url: api.me });
      expect(me.status).to.equal(200);
      expect(JSON.parse(me.body)).to.include({ displayName: 'Sandbox User' });
      const other = await client.request({ method: 'GET', url: api.other });
      expect(other.status).to.equal(200);
      const signed = sandbox.requests.filter((r) => r.oauthIn === 'header');
      expect(signed.map((r) => r.oauth['oauth_signature_method'])).to.deep.equal(['RSA-SHA1', 'RSA-SHA1', 'RSA-SHA1', 'RSA-SHA1']);
      const prefix = provider === 'confluence' ? '/confluence' : '';
      expect(sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`).slice(0, 3)).to.deep.equal([
        `POST ${prefix}/plugins/servlet/oauth/request-token 200`, `GET ${prefix}/plugins/servlet/oauth/authorize 302`, `POST ${prefix}/plugins/servlet/oauth/access-token 200`,
      ]);
    });

    it('the classic mistake — HMAC-SHA1 with a consumer secret — is refused with oauth_problem=signature_method_rejected, and `oauth1 verify` names it', async () => {
      ensureBuilt();
      const url = sandbox.profile.endpoints.temporaryCredentials;
      const signed = signRequest({ method: 'POST', url, consumerKey: sandbox.consumerKey, consumerSecret: 'the-secret-a-jira-link-does-not-have', callback: 'oob' });
      const r = await fetch(url, { method: 'POST', headers: { authorization: signed.headers.authorization! } });
      expect(r.status).to.equal(400);
      expect(r.headers.get('www-authenticate')).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_method_rejected", oauth_parameters_rejected="oauth_signature_method", oauth_problem_advice="accepted%3A%20RSA-SHA1"`);
      expect(await r.text()).to.match(/^oauth_problem=signature_method_rejected(&|$)/);
      const dir = mkdtempSync(join(tmpdir(), 'oauth1-jira-spec-'));
      try {
        writeFileSync(join(dir, 'public.pem'), sandbox.consumerPublicKey!);
        const v = runCli(['verify', '--request', '-', '--provider', provider, '--public-key', join(dir, 'public.pem'), '--consumer-secret', 'the-secret-a-jira-link-does-not-have'], { stdin: JSON.stringify({ method: 'POST', url, authorization: signed.headers.authorization }) });
        expect(v.stdout, v.stderr).to.include('  valid: oauth_signature matches the recomputed signature');
        expect(v.stdout, v.stderr).to.include(`  note: ${provider} accepts RSA-SHA1, not HMAC-SHA1: it refuses this request with signature_method_rejected whether or not the signature is valid`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a request signed with another RSA key is refused with signature_invalid, and `oauth1 verify` with the link\'s public key says NOT VALID', async () => {
      ensureBuilt();
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      const url = sandbox.profile.endpoints.temporaryCredentials;
      const signed = signRequest({ method: 'POST', url, consumerKey: sandbox.consumerKey, signatureMethod: 'RSA-SHA1', privateKey: other, callback: 'oob' });
      const r = await fetch(url, { method: 'POST', headers: { authorization: signed.headers.authorization! } });
      expect(r.status).to.equal(401);
      expect(r.headers.get('www-authenticate')).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_invalid"`);
      expect(await r.text()).to.match(/^oauth_problem=signature_invalid(&|$)/);
      const dir = mkdtempSync(join(tmpdir(), 'oauth1-jira-spec-'));
      try {
        writeFileSync(join(dir, 'public.pem'), sandbox.consumerPublicKey!);
        const v = runCli(['verify', '--request', '-', '--provider', provider, '--public-key', join(dir, 'public.pem')], { stdin: JSON.stringify({ method: 'POST', url, authorization: signed.headers.authorization }) });
        expect(v.exit).to.equal(1);
        expect(v.stdout, v.stderr).to.include('  NOT VALID: oauth_signature does not match the recomputed signature');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('an unknown consumer key and a stale timestamp are refused with consumer_key_unknown and timestamp_refused', async () => {
      const url = sandbox.profile.endpoints.temporaryCredentials;
      const send = async (consumerKey: string, timestamp?: number): Promise<[number, string | null, string]> => {
        const signed = signRequest({ method: 'POST', url, consumerKey, signatureMethod: 'RSA-SHA1', privateKey: sandbox.consumerPrivateKey!, callback: 'oob', ...(timestamp !== undefined ? { timestamp } : {}) });
        const r = await fetch(url, { method: 'POST', headers: { authorization: signed.headers.authorization! } });
        return [r.status, r.headers.get('www-authenticate'), await r.text()];
      };
      const [status, header, body] = await send('not-the-link');
      expect([status, header]).to.deep.equal([401, `OAuth realm="${sandbox.url}", oauth_problem="consumer_key_unknown"`]);
      expect(body).to.match(/^oauth_problem=consumer_key_unknown(&|$)/);
      const [staleStatus, staleHeader, staleBody] = await send(sandbox.consumerKey, Math.floor(Date.now() / 1000) - 3600);
      expect(staleStatus).to.equal(401);
      expect(staleHeader).to.match(/^OAuth realm="[^"]+", oauth_problem="timestamp_refused", oauth_acceptable_timestamps="\d+-\d+"$/);
      expect(staleBody).to.match(/^oauth_problem=timestamp_refused&oauth_acceptable_timestamps=\d+-\d+/);
    });
  });
}

describe('oauth1 serve --provider jira with a public key given', function () {
  this.timeout(60_000);
  it('createSandboxProvider({ consumerPublicKey }) verifies with that key and generates none', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const sandbox = await createSandboxProvider({ provider: 'jira', consumerKey: 'my-app-link', consumerPublicKey: publicPem, autoApprove: true });
    try {
      expect(sandbox.consumerPrivateKey).to.equal(undefined);
      expect(sandbox.consumerPublicKey).to.equal(publicPem);
      const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: 'my-app-link', privateKey: pair.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string });
      const temp = await client.requestTemporaryCredentials({ callback: 'oob' });
      expect(temp.callbackConfirmed).to.equal(true);
    } finally {
      await sandbox.close();
    }
  });
});

for (const provider of ['jira', 'confluence'] as const) {
  describe(`npm run demo -- --provider ${provider}`, function () {
    this.timeout(60_000);
    it(`runFlowDemo with the ${provider} steps runs the RSA-SHA1 flow, two REST calls, and shows HMAC-SHA1 and a wrong key refused`, async () => {
      const { runFlowDemo } = await import('../../src/tools/demo/demo.js');
      const { PROVIDER_DEMOS } = await import('../../src/tools/demo/providers/index.js');
      let text = '';
      const code = await runFlowDemo(PROVIDER_DEMOS[provider]!, { write: (t: string) => { text += t; } }, { provider });
      expect(code, text).to.equal(0);
      expect(text).to.include('oauth_signature_method="RSA-SHA1"');
      expect(text.match(/^-> HTTP 200$/gm)).to.have.length(2);
      expect(text).to.include('-> HTTP 400\n');
      expect(text).to.include('\noauth_problem=signature_method_rejected&');
      expect(text).to.include('-> HTTP 401\n');
      expect(text).to.include('\noauth_problem=signature_invalid\n');
      expect(text).to.include('All 6 flow steps succeeded against the sandbox.');
    });
  });
}
