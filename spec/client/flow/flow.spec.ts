// The three-legged flow end to end against the sandbox on 127.0.0.1 (RFC 5849 §2): URL callback, oob, refusals.

import { expect } from 'chai';
import { createSandboxProvider, submitAuthorization, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import {
  OAuth1Client, CallbackNotConfirmedError, CallbackError, requestTemporaryCredentials, requestTokenCredentials,
  authorizationUrl, parseAuthorizationCallback,
} from '../../../src/client/flow/index.js';
import { createOAuthGot } from '../../../src/client/transport/got.js';
import { ProviderError } from '../../../src/client/profile/provider-error.js';

async function rejection(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try { await p; } catch (e) { return e as Error & { code?: string }; }
  throw new Error('expected a rejection');
}

describe('flow against the sandbox', () => {
  const sandboxes: SandboxProvider[] = [];
  const start = async (...args: Parameters<typeof createSandboxProvider>): Promise<SandboxProvider> => {
    const s = await createSandboxProvider(...args);
    sandboxes.push(s);
    return s;
  };
  after(async () => { await Promise.all(sandboxes.map((s) => s.close())); });

  it('OAuth1Client runs the whole flow with a URL callback through the Allow form and then calls the API (weibo-v1)', async () => {
    const sb = await start({ provider: 'weibo-v1' });
    const client = new OAuth1Client({ profile: sb.profile, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret });
    const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/callback' });
    expect(temp.callbackConfirmed).to.equal(true);
    expect(temp.callback).to.equal('http://127.0.0.1:9/callback');
    const url = client.authorizationUrl(temp);
    expect(url).to.equal(`${sb.url}/oauth/authorize?oauth_token=${temp.token}`);
    const decision = await submitAuthorization(url, 'allow');
    expect(decision.page).to.match(/<button[^>]*id="allow"[^>]*>Allow<\/button>/);
    expect(decision.page).to.match(/<button[^>]*id="deny"[^>]*>Deny<\/button>/);
    expect(decision.location).to.match(/^http:\/\/127\.0\.0\.1:9\/callback\?oauth_token=[^&]+&oauth_verifier=[^&]+$/);
    const cb = client.parseAuthorizationCallback(decision.location!, temp);
    expect(cb.token).to.equal(temp.token);
    const access = await client.requestTokenCredentials(temp, cb.verifier);
    expect(access.token).to.not.equal(temp.token);
    expect(access.params.find(([n]) => n === 'user_id')?.[1]).to.equal('1234567890');
    expect(client.token).to.deep.equal({ token: access.token, tokenSecret: access.tokenSecret });
    const me = await client.request({ url: 'account/verify_credentials.json' });
    expect(JSON.parse(me.body)).to.include({ screen_name: 'sandbox_user', id: 1234567890 });
    const posted = await client.request({ method: 'POST', url: 'statuses/update.json', form: [['status', 'hello from the flow spec']] });
    expect(JSON.parse(posted.body).text).to.equal('hello from the flow spec');
    // The sandbox received the token-credentials request with the temporary token and the verifier.
    const tokenRequest = sb.requests.find((r) => r.path === '/oauth/access_token')!;
    expect(tokenRequest.oauth.oauth_token).to.equal(temp.token);
    expect(tokenRequest.oauth.oauth_verifier).to.equal(cb.verifier);
    expect(tokenRequest.status).to.equal(200);
  });

  it('requestTemporaryCredentials / requestTokenCredentials run the oob flow with the PIN from the page (twitter)', async () => {
    const sb = await start({ provider: 'twitter' });
    const transport = createOAuthGot({ consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret }, { profile: sb.profile });
    const temp = await requestTemporaryCredentials(transport, { callback: 'oob' });
    const decision = await submitAuthorization(authorizationUrl(sb.profile, temp), 'allow');
    expect(decision.location).to.equal(undefined);
    expect(decision.pin).to.match(/^\d{6}$/);
    const access = await requestTokenCredentials(transport, temp, decision.pin!);
    expect(access.params.map(([n]) => n)).to.deep.equal(['oauth_token', 'oauth_token_secret', 'user_id', 'screen_name']);
    const me = await transport.withCredentials({ token: access.token, tokenSecret: access.tokenSecret })
      .request({ url: `${sb.url}/1.1/account/verify_credentials.json` });
    expect(JSON.parse(me.body).screen_name).to.equal('sandbox_user');
  });

  it('requestTemporaryCredentials refuses an answer without oauth_callback_confirmed unless allowUnconfirmedCallback', async () => {
    const sb = await start({ provider: 'twitter', omitCallbackConfirmed: true });
    const transport = createOAuthGot({ consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret }, { profile: sb.profile });
    const e = await rejection(requestTemporaryCredentials(transport, { callback: 'oob' }));
    expect(e).to.be.instanceOf(CallbackNotConfirmedError);
    expect(e.code).to.equal('ERR_OAUTH_CALLBACK_NOT_CONFIRMED');
    expect(e.message).to.equal('the temporary-credentials response has no oauth_callback_confirmed; RFC 5849 §2.1 requires oauth_callback_confirmed=true (set allowUnconfirmedCallback for pre-1.0a providers)');
    const temp = await requestTemporaryCredentials(transport, { callback: 'oob', allowUnconfirmedCallback: true });
    expect(temp.callbackConfirmed).to.equal(false);
  });

  it('requestTokenCredentials with a wrong verifier gets Weibo 40114 verifier_fail decoded', async () => {
    const sb = await start({ provider: 'weibo-v1', autoApprove: true });
    const client = new OAuth1Client({ profile: sb.profile, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret });
    const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/cb' });
    await submitAuthorization(client.authorizationUrl(temp));
    const e = await rejection(client.requestTokenCredentials(temp, 'not-the-verifier'));
    expect(e).to.be.instanceOf(ProviderError);
    const pe = e as ProviderError;
    expect(pe.code).to.equal('ERR_OAUTH_PROVIDER');
    expect(pe.status).to.equal(401);
    expect(pe.providerCode).to.equal('40114');
    expect(pe.problem).to.equal('verifier_fail');
  });

  it('requestTokenCredentials fails with signature_invalid when the temporary secret is not used to sign', async () => {
    const sb = await start({ provider: 'weibo-v1', autoApprove: true });
    const transport = createOAuthGot({ consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret }, { profile: sb.profile });
    const temp = await requestTemporaryCredentials(transport, { callback: 'http://127.0.0.1:9/cb' });
    const { location } = await submitAuthorization(authorizationUrl(sb.profile, temp));
    const { verifier } = parseAuthorizationCallback(location!, temp);
    const e = await rejection(requestTokenCredentials(transport, { token: temp.token, tokenSecret: 'wrong-secret' }, verifier));
    expect((e as ProviderError).problem).to.equal('signature_invalid');
    expect((e as ProviderError).providerCode).to.equal('40107');
    const access = await requestTokenCredentials(transport, temp, verifier);
    expect(access.token).to.be.a('string');
  });

  it('the Deny button sends the user back with denied=…, which parseAuthorizationCallback reports', async () => {
    const sb = await start({ provider: 'twitter' });
    const client = new OAuth1Client({ profile: sb.profile, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret });
    const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/cb' });
    const { location } = await submitAuthorization(client.authorizationUrl(temp), 'deny');
    expect(location).to.equal(`http://127.0.0.1:9/cb?denied=${temp.token}`);
    const e = (() => { try { client.parseAuthorizationCallback(location!, temp); } catch (x) { return x as CallbackError; } throw new Error('no error'); })();
    expect(e.code).to.equal('ERR_OAUTH_AUTHORIZATION_DENIED');
    expect(e.message).to.equal('the user denied access (the callback carries denied=…)');
  });

  it('a JSON token answer (tokenResponseFormat json) is accepted by the flow', async () => {
    const sb = await start({ provider: 'twitter', autoApprove: true, tokenResponseFormat: 'json' });
    const client = new OAuth1Client({ profile: sb.profile, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret });
    const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/cb' });
    const { location } = await submitAuthorization(client.authorizationUrl(temp));
    const access = await client.requestTokenCredentials(temp, client.parseAuthorizationCallback(location!, temp).verifier);
    expect(access.params.find(([n]) => n === 'screen_name')?.[1]).to.equal('sandbox_user');
  });

  it('a temporary token cannot be exchanged twice (token_used)', async () => {
    const sb = await start({ provider: 'twitter', autoApprove: true });
    const client = new OAuth1Client({ profile: sb.profile, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret });
    const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/cb' });
    const { location } = await submitAuthorization(client.authorizationUrl(temp));
    const { verifier } = client.parseAuthorizationCallback(location!, temp);
    const again = new OAuth1Client({ profile: sb.profile, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret });
    await client.requestTokenCredentials(temp, verifier);
    const e = await rejection(again.requestTokenCredentials(temp, verifier));
    expect((e as ProviderError).status).to.equal(401);
    expect(sb.requests.at(-1)!.problem).to.equal('token_used');
  });
});

describe('parseAuthorizationCallback', () => {
  it('parseAuthorizationCallback returns token and verifier from a callback URL', () => {
    expect(parseAuthorizationCallback('http://127.0.0.1:8000/callback?oauth_token=hh5s93j4hdidpola&oauth_verifier=hfdp7dh39dks9884', 'hh5s93j4hdidpola'))
      .to.deep.include({ token: 'hh5s93j4hdidpola', verifier: 'hfdp7dh39dks9884' });
  });

  it('parseAuthorizationCallback refuses a callback for another temporary token', () => {
    try {
      parseAuthorizationCallback('http://127.0.0.1/cb?oauth_token=other&oauth_verifier=v', { token: 'mine' });
      expect.fail('no error');
    } catch (e) {
      expect((e as CallbackError).code).to.equal('ERR_OAUTH_CALLBACK_TOKEN_MISMATCH');
      expect((e as CallbackError).message).to.equal('the callback\'s oauth_token is not the temporary token this flow asked to authorise');
    }
  });

  it('parseAuthorizationCallback refuses a callback without oauth_verifier', () => {
    try {
      parseAuthorizationCallback('?oauth_token=t');
      expect.fail('no error');
    } catch (e) {
      expect((e as CallbackError).code).to.equal('ERR_OAUTH_CALLBACK_INVALID');
      expect((e as CallbackError).message).to.equal('the callback has no oauth_verifier');
    }
  });

  it('authorizationUrl appends oauth_token and extra parameters to an endpoint that already has a query', () => {
    expect(authorizationUrl('https://api.t.sina.com.cn/oauth/authorize?display=page', 'abc', [['forcelogin', 'true']]))
      .to.equal('https://api.t.sina.com.cn/oauth/authorize?display=page&oauth_token=abc&forcelogin=true');
  });
});
