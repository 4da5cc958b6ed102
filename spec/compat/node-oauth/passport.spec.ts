// passport-oauth1, unchanged, runs the whole three-legged flow on compat/oauth in place of node-oauth, against the sandbox.

import { expect } from 'chai';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { Browser, startApp } from './passport-app.js';

describe('compat/oauth under passport-oauth1', () => {
  let sandbox: SandboxProvider;
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeEach(async () => {
    sandbox = await createSandboxProvider({ provider: 'twitter', autoApprove: true });
    app = await startApp(sandbox);
  });
  afterEach(async () => {
    await new Promise((r) => { app.server.close(r); app.server.closeAllConnections(); });
    await sandbox.close();
  });

  it('completes login → authorize → callback → profile, and the token signs further requests', async () => {
    const browser = new Browser();
    const login = await browser.get(`${app.url}/auth/login`);
    expect(login.status).to.equal(302);
    const authorize = login.headers.get('location')!;
    expect(authorize).to.match(new RegExp(`^${sandbox.url}/oauth/authorize\\?oauth_token=`));
    const approved = await browser.get(authorize);
    expect(approved.status).to.equal(302);
    const callback = approved.headers.get('location')!;
    expect(callback).to.match(new RegExp(`^${app.url}/auth/callback\\?oauth_token=.+&oauth_verifier=`));
    const done = await browser.get(callback);
    expect(done.status, await done.clone().text()).to.equal(302);
    expect(done.headers.get('location')).to.equal('/me');
    const me = await (await browser.get(`${app.url}/me`)).json() as { token: string; tokenSecret: string; profile: { screen_name: string } };
    expect(me.profile.screen_name).to.be.a('string').and.not.equal('');
    expect(sandbox.requests.map((r) => r.status)).to.deep.equal([200, 302, 200, 200]);

    // The strategy's OAuth signs a form body given as an object and as a string (node-oauth leaves the string unsigned).
    const oa = app.strategy._oauth;
    const post = (body: string | Record<string, string>): Promise<{ err: unknown; data?: string }> => new Promise((resolve) => {
      oa.post(`${sandbox.url}/1.1/statuses/update.json`, me.token, me.tokenSecret, body, 'application/x-www-form-urlencoded', (err, data) => resolve({ err, data }));
    });
    const asObject = await post({ status: 'hello (object) & more' });
    expect(asObject.err).to.equal(null);
    expect(JSON.parse(asObject.data!)).to.include({ text: 'hello (object) & more' });
    const asString = await post('status=hello%20%28string%29%21');
    expect(asString.err).to.equal(null);
    expect(JSON.parse(asString.data!)).to.include({ text: 'hello (string)!' });
  });

  it('passes node-oauth\'s { statusCode, data } error to passport when the provider refuses', async () => {
    await new Promise((r) => { app.server.close(r); app.server.closeAllConnections(); });
    app = await startApp(sandbox, { consumerSecret: 'wrong-secret' });
    const res = await new Browser().get(`${app.url}/auth/login`);
    expect(res.status).to.equal(500);
    const body = await res.json() as { message: string; oauthError: { statusCode: number; data: string } };
    expect(body.message).to.equal('Failed to obtain request token');
    expect(body.oauthError.statusCode).to.equal(401);
    expect(JSON.parse(body.oauthError.data)).to.deep.equal({ errors: [{ message: 'Could not authenticate you', code: 32 }] });
  });
});
