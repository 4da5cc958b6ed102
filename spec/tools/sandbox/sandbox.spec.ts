// The sandbox provider seen from the wire: authentication rules, replay and window checks, error formats, pages, routes.

import { expect } from 'chai';
import { createSandboxProvider, jsonReply, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { signRequest } from '../../../src/core/sign.js';
import type { SignRequestInput } from '../../../src/core/types.js';

const TOKEN = { token: 'sandbox-spec-token', tokenSecret: 'sandbox-spec-secret' };

describe('createSandboxProvider', () => {
  const sandboxes: SandboxProvider[] = [];
  const start = async (options: Parameters<typeof createSandboxProvider>[0] = {}): Promise<SandboxProvider> => {
    const s = await createSandboxProvider({ tokens: [TOKEN], ...options });
    sandboxes.push(s);
    return s;
  };
  after(async () => { await Promise.all(sandboxes.map((s) => s.close())); });

  const signedGet = (sb: SandboxProvider, path: string, more: Partial<SignRequestInput> = {}) => {
    const signed = signRequest({ method: 'GET', url: sb.url + path, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, ...TOKEN, ...more });
    return fetch(signed.url, { headers: signed.headers });
  };

  it('listens on 127.0.0.1 with an ephemeral port and closes', async () => {
    const sb = await start();
    expect(sb.url).to.equal(`http://127.0.0.1:${sb.port}`);
    expect(sb.port).to.be.above(0);
    expect(sb.profile.endpoints.temporaryCredentials).to.equal(`${sb.url}/oauth/request_token`);
  });

  it('accepts a request signed with a pre-registered access token', async () => {
    const sb = await start();
    const res = await signedGet(sb, '/account/verify_credentials.json');
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.include({ screen_name: 'sandbox_user' });
  });

  it('rejects a replayed nonce with Weibo 40105 nonce_used and a Problem Reporting header', async () => {
    const sb = await start();
    const fixed = { nonce: 'replayedNonce0001', timestamp: Math.floor(Date.now() / 1000) };
    expect((await signedGet(sb, '/account/verify_credentials.json', fixed)).status).to.equal(200);
    const again = await signedGet(sb, '/account/verify_credentials.json', fixed);
    expect(again.status).to.equal(401);
    expect(again.headers.get('www-authenticate')).to.equal(`OAuth realm="${sb.url}", oauth_problem="nonce_used"`);
    expect(await again.json()).to.deep.equal({ request: '/account/verify_credentials.json', error_code: '401', error: '40105:Oauth Error: nonce_used!' });
  });

  it('refuses a timestamp outside the window with 40104 and oauth_acceptable_timestamps', async () => {
    const now = 1_700_000_000_000;
    const sb = await start({ now: () => now, timestampWindow: 300 });
    const res = await signedGet(sb, '/account/verify_credentials.json', { timestamp: 1_700_000_000 - 301 });
    expect(res.status).to.equal(401);
    expect(res.headers.get('www-authenticate')).to.equal(`OAuth realm="${sb.url}", oauth_problem="timestamp_refused", oauth_acceptable_timestamps="1699999700-1700000300"`);
    expect((await res.json() as { error: string }).error).to.equal('40104:Oauth Error: timestamp_refused!');
    expect(res.headers.get('date')).to.equal(new Date(now).toUTCString());
    const inside = await signedGet(sb, '/account/verify_credentials.json', { timestamp: 1_700_000_000 - 300 });
    expect(inside.status).to.equal(200);
  });

  it('answers Twitter errors in the errors format (32 for a bad signature, 89 for an unknown token)', async () => {
    const sb = await start({ provider: 'twitter' });
    const bad = await signedGet(sb, '/1.1/account/verify_credentials.json', { consumerSecret: 'wrong' });
    expect(bad.status).to.equal(401);
    expect((await bad.json() as { errors: Array<{ code: number }> }).errors[0]!.code).to.equal(32);
    const unknown = await signedGet(sb, '/1.1/account/verify_credentials.json', { token: 'nope' });
    expect((await unknown.json() as { errors: Array<{ code: number }> }).errors[0]!.code).to.equal(89);
  });

  for (const provider of ['weibo-v1', 'twitter'] as const) {
    const api = provider === 'twitter' ? '/1.1' : '';
    describe(`--provider ${provider}: every refusal names its OAuth problem in WWW-Authenticate`, () => {
      const challenge = (res: Response): string | null => res.headers.get('www-authenticate');

      it('a replayed nonce and a bad signature are told apart (nonce_used vs signature_invalid), body unchanged', async () => {
        const sb = await start({ provider });
        const fixed = { nonce: `replay-${provider}`, timestamp: Math.floor(Date.now() / 1000) };
        expect((await signedGet(sb, `${api}/account/verify_credentials.json`, fixed)).status).to.equal(200);
        const replayed = await signedGet(sb, `${api}/account/verify_credentials.json`, fixed);
        const forged = await signedGet(sb, `${api}/account/verify_credentials.json`, { consumerSecret: 'wrong' });
        expect(challenge(replayed)).to.equal(`OAuth realm="${sb.url}", oauth_problem="nonce_used"`);
        expect(challenge(forged)).to.equal(`OAuth realm="${sb.url}", oauth_problem="signature_invalid"`);
        const bodies = [await replayed.text(), await forged.text()];
        if (provider === 'twitter') {
          // Twitter's own answer for both is its catch-all 32: the header is the only difference.
          expect(bodies).to.deep.equal(Array(2).fill('{"errors":[{"message":"Could not authenticate you","code":32}]}'));
        } else {
          expect(bodies.map((b) => (JSON.parse(b) as { error: string }).error)).to.deep.equal(['40105:Oauth Error: nonce_used!', '40107:Oauth Error: signature_invalid!']);
        }
      });

      it('an unknown token, a refused timestamp and absent parameters each carry their problem', async () => {
        const now = 1_700_000_000_000;
        const sb = await start({ provider, now: () => now });
        const unknown = await signedGet(sb, `${api}/account/verify_credentials.json`, { token: 'nope', timestamp: now / 1000 });
        const late = await signedGet(sb, `${api}/account/verify_credentials.json`, { timestamp: now / 1000 - 301 });
        const bare = await fetch(`${sb.url}${api}/account/verify_credentials.json`);
        expect([unknown, late, bare].map((r) => /oauth_problem="([a-z_]+)"/.exec(challenge(r) ?? '')?.[1]))
          .to.deep.equal(['token_rejected', 'timestamp_refused', 'parameter_absent']);
        for (const r of [unknown, late, bare]) expect(challenge(r)).to.match(new RegExp(`^OAuth realm="${sb.url}", oauth_problem=`));
        // Twitter never sent an acceptable range: a client learns the clock from Date, as it had to.
        if (provider === 'twitter') expect(challenge(late)).to.not.include('oauth_acceptable_timestamps');
        else expect(challenge(late)).to.include('oauth_acceptable_timestamps="1699999700-1700000300"');
      });

      it('token-credentials refusals (verifier_fail) carry the problem too; non-OAuth refusals (empty status) do not', async () => {
        const sb = await start({ provider });
        const temp = signRequest({ method: 'POST', url: `${sb.url}/oauth/request_token`, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, callback: 'oob' });
        const issued = new URLSearchParams(await (await fetch(temp.url, { method: 'POST', headers: temp.headers })).text());
        const token = issued.get('oauth_token')!;
        const approve = await fetch(`${sb.url}/oauth/authorize`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `oauth_token=${token}&action=allow` });
        expect(approve.status).to.equal(200);
        const access = signRequest({ method: 'POST', url: `${sb.url}/oauth/access_token`, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, token, tokenSecret: issued.get('oauth_token_secret')!, verifier: 'wrong-pin' });
        const refused = await fetch(access.url, { method: 'POST', headers: access.headers });
        expect(refused.status).to.be.within(400, 499);
        expect(challenge(refused)).to.equal(`OAuth realm="${sb.url}", oauth_problem="verifier_fail"`);
        const update = signRequest({ method: 'POST', url: `${sb.url}${api}/statuses/update.json`, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, ...TOKEN, form: [['status', ' ']] });
        const empty = await fetch(update.url, { method: 'POST', headers: { ...update.headers, 'content-type': 'application/x-www-form-urlencoded' }, body: update.body! });
        expect(empty.status).to.equal(400);
        expect(challenge(empty)).to.equal(null);
      });
    });
  }

  it('rejects protocol parameters sent in two places (header and query)', async () => {
    const sb = await start();
    const signed = signRequest({ method: 'GET', url: `${sb.url}/account/verify_credentials.json`, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, ...TOKEN, placement: 'query' });
    const res = await fetch(signed.url, { headers: { authorization: signed.authorization } });
    // Sina answered every 401xx OAuth code with HTTP 401.
    expect(res.status).to.equal(401);
    expect((await res.json() as { error: string }).error).to.match(/^40103:/);
    expect(sb.requests[0]!.problem).to.equal('parameter_rejected');
  });

  it('reports absent parameters by name', async () => {
    const sb = await start();
    const res = await fetch(`${sb.url}/oauth/request_token`, { headers: { authorization: `OAuth oauth_consumer_key="${sb.consumerKey}"` } });
    expect(res.status).to.be.oneOf([400, 401]);
    expect(sb.requests[0]!.problem).to.equal('parameter_absent');
    expect(res.headers.get('www-authenticate')).to.include('oauth_parameters_absent=');
    expect(decodeURIComponent(decodeURIComponent(/oauth_parameters_absent="([^"]*)"/.exec(res.headers.get('www-authenticate')!)![1]!)))
      .to.equal('oauth_signature_method&oauth_signature&oauth_timestamp&oauth_nonce&oauth_callback');
  });

  it('refuses an unknown consumer key and an unsupported signature method', async () => {
    const sb = await start();
    const unknown = await signedGet(sb, '/account/verify_credentials.json', { consumerKey: 'someone-else' });
    expect(unknown.status).to.equal(401);
    const plaintext = await signedGet(sb, '/account/verify_credentials.json', { signatureMethod: 'PLAINTEXT' });
    expect(plaintext.status).to.equal(401);
    expect((await plaintext.json() as { error: string }).error).to.match(/^40106:/);
    expect(sb.requests.map((r) => r.problem)).to.deep.equal(['consumer_key_unknown', 'signature_method_rejected']);
  });

  it('serves the authorisation page with Allow and Deny, and an error page for an unknown token', async () => {
    const sb = await start();
    const signed = signRequest({ method: 'GET', url: `${sb.url}/oauth/request_token`, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, callback: 'oob' });
    const body = await (await fetch(signed.url, { headers: signed.headers })).text();
    const token = new URLSearchParams(body).get('oauth_token')!;
    const page = await fetch(`${sb.url}/oauth/authorize?oauth_token=${token}`);
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).to.include('<form id="authorize" method="post" action="/oauth/authorize">');
    expect(html).to.include(`<input type="hidden" name="oauth_token" value="${token}">`);
    expect(html).to.include('<button type="submit" id="allow" name="action" value="allow">Allow</button>');
    expect(html).to.include('<button type="submit" id="deny" name="action" value="deny">Deny</button>');
    const bad = await fetch(`${sb.url}/oauth/authorize?oauth_token=nope`);
    expect(bad.status).to.equal(400);
    expect(await bad.text()).to.include('The oauth_token is unknown, expired or already used.');
  });

  it('autoApprove redirects at once for URL callbacks and shows the PIN for oob', async () => {
    const sb = await start({ autoApprove: true });
    const issue = async (callback: string): Promise<string> => {
      const signed = signRequest({ method: 'GET', url: `${sb.url}/oauth/request_token`, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, callback });
      return new URLSearchParams(await (await fetch(signed.url, { headers: signed.headers })).text()).get('oauth_token')!;
    };
    const t1 = await issue('http://127.0.0.1:9/cb?state=1');
    const r1 = await fetch(`${sb.url}/oauth/authorize?oauth_token=${t1}`, { redirect: 'manual' });
    expect(r1.status).to.equal(302);
    expect(r1.headers.get('location')).to.match(new RegExp(`^http://127\\.0\\.0\\.1:9/cb\\?state=1&oauth_token=${t1}&oauth_verifier=[A-Za-z0-9]+$`));
    const t2 = await issue('oob');
    const r2 = await fetch(`${sb.url}/oauth/authorize?oauth_token=${t2}`);
    expect(await r2.text()).to.match(/<code id="pin">\d{6}<\/code>/);
  });

  it('refuses an oauth_callback that is neither oob nor an http(s) URL', async () => {
    const sb = await start({ provider: 'twitter' });
    const signed = signRequest({ method: 'POST', url: `${sb.url}/oauth/request_token`, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, callback: 'javascript:alert(1)' });
    const res = await fetch(signed.url, { method: 'POST', headers: signed.headers });
    expect(res.status).to.not.equal(200);
  });

  it('registerRoute adds a route that can authenticate with the route context', async () => {
    const sb = await start();
    sb.registerRoute({
      method: 'GET', path: '/custom.json',
      async handle(ctx) {
        const auth = await ctx.authenticate('resource');
        return auth.ok ? jsonReply(200, { user: auth.access!.userId }) : auth.reply;
      },
    });
    const res = await signedGet(sb, '/custom.json');
    expect(await res.json()).to.deep.equal({ user: '1234567890' });
    expect((await fetch(`${sb.url}/custom.json`)).status).to.be.oneOf([400, 401]);
  });

  it('answers 404 for unknown paths and 405 for a known path with another method', async () => {
    const sb = await start();
    expect((await fetch(`${sb.url}/nope`)).status).to.equal(404);
    expect((await fetch(`${sb.url}/statuses/update.json`)).status).to.equal(405);
  });

  it('refuses repeated status text with Weibo 40025', async () => {
    const sb = await start();
    const post = () => {
      const signed = signRequest({ method: 'POST', url: `${sb.url}/statuses/update.json`, form: [['status', 'same text']], consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret, ...TOKEN });
      return fetch(signed.url, { method: 'POST', headers: signed.headers, body: signed.body! });
    };
    expect((await post()).status).to.equal(200);
    const again = await post();
    expect(again.status).to.equal(400);
    expect((await again.json() as { error: string }).error).to.equal('40025:Error: repeated weibo text!');
  });

  it('createSandboxProvider throws TypeError for an unknown provider', async () => {
    let error: unknown;
    try { await createSandboxProvider({ provider: 'myspace' as never }); } catch (e) { error = e; }
    expect(error).to.be.instanceOf(TypeError);
    expect((error as Error).message).to.equal('provider must be one of weibo-v1, twitter, woocommerce, magento2, netsuite, discogs, trello, flickr, tumblr, garmin, jira, confluence, got "myspace"');
  });
});
