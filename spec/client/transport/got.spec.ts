// createOAuthGot against the sandbox on 127.0.0.1: signing per attempt, redirects, clock skew, placement, errors.

import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { OAuthError } from '../../../src/core/errors.js';
import { createSandboxProvider, jsonReply, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { createOAuthGot, TransportError } from '../../../src/client/transport/index.js';
import { ProviderError } from '../../../src/client/profile/provider-error.js';

const TOKEN = { token: 'pre-registered-token', tokenSecret: 'pre-registered-secret' };
const TEN_MINUTES = 10 * 60 * 1000;

async function rejection(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try { await p; } catch (e) { return e as Error & { code?: string }; }
  throw new Error('expected a rejection');
}

describe('createOAuthGot', () => {
  const sandboxes: SandboxProvider[] = [];
  const start = async (options: Parameters<typeof createSandboxProvider>[0]): Promise<SandboxProvider> => {
    const s = await createSandboxProvider({ tokens: [TOKEN], ...options });
    sandboxes.push(s);
    return s;
  };
  const transportFor = (sb: SandboxProvider, more: Parameters<typeof createOAuthGot>[1] = {}) =>
    createOAuthGot({ consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, ...TOKEN }, { profile: sb.profile, retry: { delayMs: 5 }, ...more });
  after(async () => { await Promise.all(sandboxes.map((s) => s.close())); });

  it('an error the signing hook throws (an encrypted key with the wrong passphrase) reaches the caller as itself, not as a TransportError, and nothing is sent', async () => {
    const sb = await start({ provider: 'weibo-v1' });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'right-horse-battery' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const t = createOAuthGot({ consumerKey: sb.consumerKey, ...TOKEN, privateKey, privateKeyPassphrase: 'wrong-staple' }, { profile: sb.profile, signatureMethod: 'RSA-SHA1' });
    const e = await rejection(t.request({ url: `${sb.url}/account/verify_credentials.json` }));
    expect(e).to.not.be.instanceOf(TransportError);
    expect(e).to.be.instanceOf(OAuthError);
    expect(e.code).to.equal('ERR_OAUTH_KEY_PASSPHRASE_WRONG');
    expect(e.message).to.not.include('wrong-staple');
    expect(sb.requests.filter((r) => r.path === '/account/verify_credentials.json')).to.have.length(0);
  });

  it('a GET answered 503 is retried with a different nonce and signature, and the retry succeeds', async () => {
    const sb = await start({ provider: 'weibo-v1', failNext: [{ path: '/account/verify_credentials.json', status: 503 }] });
    const res = await transportFor(sb).request({ url: `${sb.url}/account/verify_credentials.json` });
    expect(res.status).to.equal(200);
    const seen = sb.requests.filter((r) => r.path === '/account/verify_credentials.json');
    expect(seen.map((r) => r.status)).to.deep.equal([503, 200]);
    expect(seen[0]!.oauth.oauth_nonce).to.be.a('string');
    expect(seen[0]!.oauth.oauth_nonce).to.not.equal(seen[1]!.oauth.oauth_nonce);
    expect(seen[0]!.oauth.oauth_signature).to.not.equal(seen[1]!.oauth.oauth_signature);
    expect(res.attempts.map((a) => a.attempt)).to.deep.equal([0, 1]);
    expect(res.attempts[0]!.signed!.oauthParams.find(([n]) => n === 'oauth_nonce')![1]).to.equal(seen[0]!.oauth.oauth_nonce);
  });

  it('a POST answered 503 is not retried by default and surfaces as a decoded ProviderError', async () => {
    const sb = await start({ provider: 'weibo-v1', failNext: [{ path: '/statuses/update.json', status: 503 }] });
    const e = await rejection(transportFor(sb).request({ method: 'POST', url: `${sb.url}/statuses/update.json`, form: [['status', 'once']] }));
    expect(e).to.be.instanceOf(ProviderError);
    expect((e as ProviderError).status).to.equal(503);
    expect(sb.requests.filter((r) => r.path === '/statuses/update.json')).to.have.length(1);
  });

  it('a POST is retried with a fresh signature when the caller opts in (retry: true)', async () => {
    const sb = await start({ provider: 'twitter', failNext: [{ path: '/1.1/statuses/update.json', status: 503 }] });
    const res = await transportFor(sb).request({ method: 'POST', url: `${sb.url}/1.1/statuses/update.json`, form: [['status', 'twice']], retry: true });
    expect(res.status).to.equal(200);
    const seen = sb.requests.filter((r) => r.path === '/1.1/statuses/update.json');
    expect(seen.map((r) => r.status)).to.deep.equal([503, 200]);
    expect(seen[0]!.oauth.oauth_nonce).to.not.equal(seen[1]!.oauth.oauth_nonce);
  });

  it('a same-origin redirect is followed and re-signed for the new URL', async () => {
    const sb = await start({ provider: 'weibo-v1', redirects: [{ path: '/moved/verify', to: '/account/verify_credentials.json', status: 307 }] });
    const res = await transportFor(sb).request({ url: `${sb.url}/moved/verify` });
    expect(res.status).to.equal(200);
    expect(res.url).to.equal(`${sb.url}/account/verify_credentials.json`);
    const hop = sb.requests.find((r) => r.path === '/account/verify_credentials.json')!;
    expect(hop.authorization).to.equal(true);
    expect(hop.status).to.equal(200);
    const first = sb.requests.find((r) => r.path === '/moved/verify')!;
    expect(first.authorization).to.equal(true);
    expect(res.attempts.map((a) => a.redirect)).to.deep.equal([0, 1]);
    expect(res.attempts[1]!.signed!.baseString).to.include(encodeURIComponent(`${sb.url}/account/verify_credentials.json`));
  });

  it('a cross-origin redirect carries no Authorization header and no protocol parameters', async () => {
    const other = await start({ provider: 'weibo-v1' });
    const sb = await start({ provider: 'weibo-v1', redirects: [{ path: '/elsewhere', to: `${other.url}/account/verify_credentials.json`, status: 302 }] });
    const e = await rejection(transportFor(sb).request({ url: `${sb.url}/elsewhere` }));
    expect(e).to.be.instanceOf(ProviderError);
    expect((e as ProviderError).problem).to.equal('parameter_absent');
    expect((e as ProviderError).providerCode).to.equal('40102');
    expect(other.requests).to.have.length(1);
    expect(other.requests[0]!.authorization).to.equal(false);
    expect(other.requests[0]!.oauthIn).to.equal('none');
    expect(sb.requests[0]!.authorization).to.equal(true);
  });

  it('a cross-origin redirect with query placement carries no protocol parameters in the URL', async () => {
    const other = await start({ provider: 'twitter' });
    const sb = await start({ provider: 'twitter', redirects: [{ path: '/elsewhere', to: `${other.url}/1.1/account/verify_credentials.json`, status: 302 }] });
    await rejection(transportFor(sb, { placement: 'query' }).request({ url: `${sb.url}/elsewhere` }));
    expect(sb.requests[0]!.oauthIn).to.equal('query');
    expect(other.requests[0]!.oauthIn).to.equal('none');
    expect(other.requests[0]!.authorization).to.equal(false);
  });

  it('a clock 10 minutes slow is repaired once from oauth_acceptable_timestamps (weibo-v1 40104) and remembered', async () => {
    const sb = await start({ provider: 'weibo-v1' });
    const t = transportFor(sb, { now: () => Date.now() - TEN_MINUTES });
    const res = await t.request({ url: `${sb.url}/account/verify_credentials.json` });
    expect(res.status).to.equal(200);
    expect(sb.requests.map((r) => r.problem ?? r.status)).to.deep.equal(['timestamp_refused', 200]);
    expect(Math.abs(t.clockOffsetMs - TEN_MINUTES)).to.be.below(2000);
    await t.request({ url: `${sb.url}/account/verify_credentials.json` });
    expect(sb.requests.map((r) => r.problem ?? r.status)).to.deep.equal(['timestamp_refused', 200, 200]);
  });

  it('a clock 10 minutes fast is repaired once from the Date header (twitter 135 has no acceptable timestamps)', async () => {
    const sb = await start({ provider: 'twitter' });
    const t = transportFor(sb, { now: () => Date.now() + TEN_MINUTES, throwHttpErrors: false, repairClockSkew: false });
    const refused = await t.request({ url: `${sb.url}/1.1/account/verify_credentials.json` });
    expect(refused.status).to.equal(401);
    expect(JSON.parse(refused.body).errors[0].code).to.equal(135);
    expect(String(refused.headers['www-authenticate'] ?? '')).to.not.include('oauth_acceptable_timestamps');
    const repairing = transportFor(sb, { now: () => Date.now() + TEN_MINUTES });
    const res = await repairing.request({ url: `${sb.url}/1.1/account/verify_credentials.json` });
    expect(res.status).to.equal(200);
    expect(Math.abs(repairing.clockOffsetMs + TEN_MINUTES)).to.be.below(2000);
    expect(res.attempts).to.have.length(2);
  });

  it('the clock is repaired only once: a provider that keeps refusing gets a ProviderError', async () => {
    // The sandbox clock jumps 20 minutes on every request, so the learnt offset is always stale.
    let skew = 0;
    const sb = await start({ provider: 'weibo-v1', now: () => Date.now() + (skew += 20 * 60 * 1000) });
    const e = await rejection(transportFor(sb).request({ url: `${sb.url}/account/verify_credentials.json` }));
    expect((e as ProviderError).problem).to.equal('timestamp_refused');
    expect(sb.requests).to.have.length(2);
  });

  it('query placement and form placement are accepted by the provider', async () => {
    const sb = await start({ provider: 'twitter' });
    const q = await transportFor(sb, { placement: 'query' }).request({ url: `${sb.url}/1.1/account/verify_credentials.json` });
    expect(q.status).to.equal(200);
    const f = await transportFor(sb, { placement: 'form' }).request({ method: 'POST', url: `${sb.url}/1.1/statuses/update.json`, form: [['status', 'form placement']] });
    expect(f.status).to.equal(200);
    expect(sb.requests.map((r) => r.oauthIn)).to.deep.equal(['query', 'form']);
  });

  it('a wrong consumer secret is decoded to Weibo 40107 signature_invalid with a hint', async () => {
    const sb = await start({ provider: 'weibo-v1' });
    const t = createOAuthGot({ consumerKey: sb.consumerKey, consumerSecret: 'wrong', ...TOKEN }, { profile: sb.profile });
    const e = await rejection(t.request({ url: `${sb.url}/account/verify_credentials.json` })) as ProviderError;
    expect(e.code).to.equal('ERR_OAUTH_PROVIDER');
    expect(e.providerCode).to.equal('40107');
    expect(e.problem).to.equal('signature_invalid');
    expect(e.hint).to.be.a('string').and.not.equal('');
    expect(e.message).to.not.include('wrong');
  });

  it('a timeout is a TransportError with code ERR_OAUTH_TRANSPORT_TIMEOUT and no query in the message', async () => {
    const sb = await start({ provider: 'weibo-v1' });
    sb.registerRoute({ method: 'GET', path: '/slow', handle: () => new Promise((r) => setTimeout(() => r(jsonReply(200, {})), 1000)) });
    const e = await rejection(transportFor(sb, { timeout: 100, retry: false, placement: 'query' }).request({ url: `${sb.url}/slow` }));
    expect(e).to.be.instanceOf(TransportError);
    expect(e.code).to.equal('ERR_OAUTH_TRANSPORT_TIMEOUT');
    expect(e.message).to.match(new RegExp(`^GET ${sb.url.replace(/\./g, '\\.')}/slow timed out`));
    expect(e.message).to.not.include('oauth_');
  });

  it('a refused connection is a TransportError with code ERR_OAUTH_TRANSPORT', async () => {
    const sb = await start({ provider: 'weibo-v1' });
    const url = `${sb.url}/account/verify_credentials.json`;
    const t = transportFor(sb, { retry: false });
    await sb.close();
    const e = await rejection(t.request({ url }));
    expect(e.code).to.equal('ERR_OAUTH_TRANSPORT');
    expect(e.message).to.equal(`GET ${url} failed: ECONNREFUSED`);
  });

  it('withCredentials shares the learnt clock offset', async () => {
    const sb = await start({ provider: 'weibo-v1' });
    const t = transportFor(sb, { now: () => Date.now() - TEN_MINUTES });
    await t.request({ url: `${sb.url}/account/verify_credentials.json` });
    const other = t.withCredentials({});
    expect(other.clockOffsetMs).to.equal(t.clockOffsetMs);
    await other.request({ url: `${sb.url}/account/verify_credentials.json` });
    expect(sb.requests.filter((r) => r.problem === 'timestamp_refused')).to.have.length(1);
  });

  it('createOAuthGot throws TypeError without a consumer key', () => {
    expect(() => createOAuthGot({} as never)).to.throw(TypeError, 'credentials.consumerKey must be a string');
  });
});
