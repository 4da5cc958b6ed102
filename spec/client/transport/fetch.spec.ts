// createOAuthFetch against the sandbox on 127.0.0.1: a signing fetch with retries, redirects and clock repair.

import { expect } from 'chai';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { createOAuthFetch } from '../../../src/client/transport/index.js';
import { ProviderError } from '../../../src/client/profile/provider-error.js';

const TOKEN = { token: 'fetch-token', tokenSecret: 'fetch-secret' };

async function rejection(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try { await p; } catch (e) { return e as Error & { code?: string }; }
  throw new Error('expected a rejection');
}

describe('createOAuthFetch', () => {
  const sandboxes: SandboxProvider[] = [];
  const start = async (options: Parameters<typeof createSandboxProvider>[0]): Promise<SandboxProvider> => {
    const s = await createSandboxProvider({ tokens: [TOKEN], ...options });
    sandboxes.push(s);
    return s;
  };
  const fetchFor = (sb: SandboxProvider, more: Parameters<typeof createOAuthFetch>[1] = {}) =>
    createOAuthFetch({ consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, ...TOKEN }, { profile: sb.profile, retry: { delayMs: 5 }, ...more });
  after(async () => { await Promise.all(sandboxes.map((s) => s.close())); });

  it('createOAuthFetch signs a GET and returns the Response', async () => {
    const sb = await start({ provider: 'twitter' });
    const res = await fetchFor(sb)(`${sb.url}/1.1/account/verify_credentials.json`);
    expect(res.status).to.equal(200);
    expect((await res.json() as { screen_name: string }).screen_name).to.equal('sandbox_user');
    expect(sb.requests[0]!.oauthIn).to.equal('header');
  });

  it('createOAuthFetch signs a URLSearchParams body as form parameters', async () => {
    const sb = await start({ provider: 'weibo-v1' });
    const res = await fetchFor(sb)(`${sb.url}/statuses/update.json`, { method: 'POST', body: new URLSearchParams({ status: 'fetch says 你好 & bye' }) });
    expect(res.status).to.equal(200);
    expect((await res.json() as { text: string }).text).to.equal('fetch says 你好 & bye');
  });

  it('createOAuthFetch retries a 503 GET with a new nonce', async () => {
    const sb = await start({ provider: 'weibo-v1', failNext: [{ path: '/account/verify_credentials.json' }] });
    const seen: string[] = [];
    const res = await fetchFor(sb, { onSigned: (a) => { seen.push(a.signed!.oauthParams.find(([n]) => n === 'oauth_nonce')![1]); } })(`${sb.url}/account/verify_credentials.json`);
    expect(res.status).to.equal(200);
    const nonces = sb.requests.map((r) => r.oauth.oauth_nonce);
    expect(sb.requests.map((r) => r.status)).to.deep.equal([503, 200]);
    expect(nonces[0]).to.not.equal(nonces[1]);
    expect(seen).to.deep.equal(nonces);
  });

  it('createOAuthFetch re-signs a same-origin redirect and strips credentials on a cross-origin one', async () => {
    const other = await start({ provider: 'weibo-v1' });
    const sb = await start({
      provider: 'weibo-v1',
      redirects: [
        { path: '/same', to: '/account/verify_credentials.json', status: 302 },
        { path: '/cross', to: `${other.url}/account/verify_credentials.json`, status: 307 },
      ],
    });
    const f = fetchFor(sb, { throwHttpErrors: false });
    const same = await f(`${sb.url}/same`);
    expect(same.status).to.equal(200);
    const cross = await f(`${sb.url}/cross`);
    expect(cross.status).to.not.equal(200);
    expect(other.requests).to.have.length(1);
    expect(other.requests[0]!.authorization).to.equal(false);
    expect(other.requests[0]!.oauthIn).to.equal('none');
  });

  it('createOAuthFetch repairs a clock 10 minutes slow once and remembers it', async () => {
    const sb = await start({ provider: 'weibo-v1' });
    const f = fetchFor(sb, { now: () => Date.now() - 600_000 });
    expect((await f(`${sb.url}/account/verify_credentials.json`)).status).to.equal(200);
    expect(Math.abs(f.clockOffsetMs - 600_000)).to.be.below(2000);
    expect((await f(`${sb.url}/account/verify_credentials.json`)).status).to.equal(200);
    expect(sb.requests.map((r) => r.problem ?? r.status)).to.deep.equal(['timestamp_refused', 200, 200]);
  });

  it('createOAuthFetch adds the weibo-v1 profile\'s source=<app key> to the query of a GET and the form of a POST, signed', async () => {
    const sb = await start({ provider: 'weibo-v1' });
    const signed: Array<ReadonlyArray<{ name: string; value: string; source: string }>> = [];
    const f = fetchFor(sb, { onSigned: (a) => { signed.push(a.signed!.parameters); } });
    expect((await f(`${sb.url}/account/verify_credentials.json`)).status).to.equal(200);
    expect((await f(`${sb.url}/statuses/update.json`, { method: 'POST', body: new URLSearchParams({ status: 'with source' }) })).status).to.equal(200);
    expect(signed[0]!.filter((p) => p.name === 'source')).to.deep.equal([{ name: 'source', value: sb.consumerKey, source: 'query' }]);
    expect(signed[1]!.filter((p) => p.source === 'form').map((p) => p.name)).to.deep.equal(['status', 'source']);
  });

  it('createOAuthFetch throws a decoded ProviderError for a Twitter error answer', async () => {
    const sb = await start({ provider: 'twitter' });
    const f = createOAuthFetch({ consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, token: 'unknown', tokenSecret: 'x' }, { profile: sb.profile });
    const e = await rejection(f(`${sb.url}/1.1/account/verify_credentials.json`)) as ProviderError;
    expect(e.code).to.equal('ERR_OAUTH_PROVIDER');
    expect(e.status).to.equal(401);
    expect(e.providerCode).to.equal('89');
  });
});
