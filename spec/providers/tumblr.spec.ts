// Specs for the tumblr profile and its emulation: the flow, /v2/user/info, posting (form signed, JSON not), and the unsigned post form named by `oauth1 verify`.

import { expect } from 'chai';
import { OAuth1Client } from '../../src/providers/oauth1-client.js';
import { decodeTumblrError, encodeTumblrError, getProfile, tumblr } from '../../src/providers/index.js';
import { decodeProviderError } from '../../src/providers/provider-error.js';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { TUMBLR_SANDBOX_BLOG } from '../../src/tools/sandbox/providers/tumblr.js';
import { signRequest } from '../../src/core/sign.js';
import { formEncode } from '../../src/core/encoding.js';
import { ensureBuilt, runCli } from '../tools/cli/helpers.js';
import { response } from './helpers.js';

// tumblr/docs issue #72: the v2 API's answer to a request it could not authorise, verbatim.
const UNABLE_TO_AUTHORIZE = '{"meta":{"status":401,"msg":"Unauthorized"},"response":[],"errors":[{"title":"Unauthorized","code":1016,"detail":"Unable to authorize"}]}';
// python-tumblpy issue #9: the older answer, without "errors".
const NOT_AUTHORIZED = '{"meta":{"status":401,"msg":"Not Authorized"},"response":[]}';

describe('tumblr profile', () => {
  it('getProfile("tumblr"): www.tumblr.com/oauth/*, POST token steps, HMAC-SHA1 in the header, v2 API base', () => {
    const p = getProfile('tumblr');
    expect(p).to.equal(tumblr);
    expect(p.endpoints).to.deep.equal({ temporaryCredentials: 'https://www.tumblr.com/oauth/request_token', authorization: 'https://www.tumblr.com/oauth/authorize', tokenCredentials: 'https://www.tumblr.com/oauth/access_token', apiBase: 'https://api.tumblr.com/v2/' });
    expect(p).to.include({ signatureMethod: 'HMAC-SHA1', placement: 'header' });
  });

  it('decodeTumblrError reads the v2 meta/errors body, its older form, and the OAuth endpoints\' mismatch line', () => {
    expect(decodeTumblrError(response(401, UNABLE_TO_AUTHORIZE))).to.include({ status: 401, providerCode: '1016', message: 'Unauthorized: Unable to authorize', format: 'tumblr' });
    expect(decodeTumblrError(response(401, NOT_AUTHORIZED))).to.include({ message: 'Not Authorized', format: 'tumblr' });
    // python-tumblpy issue #17 (the reporter's words in the brackets).
    const line = 'oauth_signature [something] does not match expected value [a thing that is, indeed, different]';
    expect(decodeTumblrError(response(401, line))).to.include({ problem: 'signature_invalid', serverSignature: 'a thing that is, indeed, different' });
    expect(decodeTumblrError(response(401, '{"message":"x"}'))).to.equal(undefined);
    expect(decodeProviderError(response(401, UNABLE_TO_AUTHORIZE))).to.include({ format: 'tumblr', providerCode: '1016' });
  });

  it('encodeTumblrError: the v2 JSON on the API, one text line on /oauth/', () => {
    expect(encodeTumblrError('signature_invalid', '/v2/user/info').body).to.equal(UNABLE_TO_AUTHORIZE);
    expect(encodeTumblrError('signature_invalid', '/oauth/request_token', { message: 'oauth_signature [a] does not match expected value [b]' }))
      .to.deep.equal({ status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'oauth_signature [a] does not match expected value [b]' });
  });
});

describe('oauth1 serve --provider tumblr (emulation over real HTTP)', function () {
  this.timeout(120_000);
  let sandbox: SandboxProvider;
  beforeEach(async () => { sandbox = await createSandboxProvider({ provider: 'tumblr', autoApprove: true }); });
  afterEach(async () => { await sandbox.close(); });

  it('the profile\'s client runs the flow, reads /v2/user/info and posts (form signed; NPF JSON body not signed)', async () => {
    const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret });
    const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/cb' });
    const page = await fetch(client.authorizationUrl(temp), { redirect: 'manual' });
    const { verifier } = client.parseAuthorizationCallback(page.headers.get('location')!, temp);
    await client.requestTokenCredentials(temp, verifier);
    const info = await client.request({ method: 'GET', url: 'user/info' });
    expect(info.status).to.equal(200);
    expect(JSON.parse(info.body).response.user.blogs[0].url).to.equal(`https://${TUMBLR_SANDBOX_BLOG}/`);
    const legacy = await client.request({ method: 'POST', url: `blog/${TUMBLR_SANDBOX_BLOG}/post`, form: [['type', 'text'], ['title', 'Hello'], ['body', 'From the sandbox & co.']] });
    expect(legacy.status).to.equal(201);
    const npf = await client.request({ method: 'POST', url: `blog/${TUMBLR_SANDBOX_BLOG}/posts`, body: JSON.stringify({ content: [{ type: 'text', text: 'NPF post' }] }), headers: { 'content-type': 'application/json' } });
    expect(npf.status).to.equal(201);
    const posts = JSON.parse((await client.request({ method: 'GET', url: `blog/${TUMBLR_SANDBOX_BLOG}/posts` })).body).response.posts as Array<{ body: string }>;
    expect(posts.map((p) => p.body)).to.deep.equal(['From the sandbox & co.', 'NPF post']);
  });

  it('a wrong signature on /oauth/request_token gets the plain-text mismatch line; HMAC-SHA256 is refused', async () => {
    const url = `${sandbox.url}/oauth/request_token`;
    const wrong = signRequest({ method: 'POST', url, consumerKey: sandbox.consumerKey, consumerSecret: 'not-the-secret', callback: 'oob' });
    const r = await fetch(url, { method: 'POST', headers: { authorization: wrong.headers.authorization! } });
    expect(r.status).to.equal(401);
    const text = await r.text();
    expect(text).to.match(/^oauth_signature \[[^\]]+\] does not match expected value \[[A-Za-z0-9+/=]{28}\]$/);
    expect(text).to.contain(`[${wrong.oauthParams.find(([n]) => n === 'oauth_signature')![1]}]`);
    const sha256 = signRequest({ method: 'POST', url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, callback: 'oob', signatureMethod: 'HMAC-SHA256' });
    const refused = await fetch(url, { method: 'POST', headers: { authorization: sha256.headers.authorization! } });
    expect(refused.headers.get('www-authenticate')).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_method_rejected"`);
  });

  it('the classic mistake — the post\'s form fields sent but left out of the signature — is refused, and `oauth1 verify` names it', async () => {
    ensureBuilt();
    sandbox.addAccessToken({ token: 'tk', tokenSecret: 'ts' });
    const url = `${sandbox.url}/v2/blog/${TUMBLR_SANDBOX_BLOG}/post`;
    const form: Array<[string, string]> = [['type', 'text'], ['body', 'unsigned body']];
    const signed = signRequest({ method: 'POST', url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, token: 'tk', tokenSecret: 'ts' });
    const r = await fetch(url, { method: 'POST', headers: { authorization: signed.headers.authorization!, 'content-type': 'application/x-www-form-urlencoded' }, body: formEncode(form) });
    expect(r.status).to.equal(401);
    expect(r.headers.get('www-authenticate')).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_invalid"`);
    expect(await r.text()).to.equal(UNABLE_TO_AUTHORIZE);
    const v = runCli(['verify', '--request', '-', '--consumer-secret', sandbox.consumerSecret, '--token-secret', 'ts', '--provider', 'tumblr'], {
      stdin: JSON.stringify({ method: 'POST', url, authorization: signed.headers.authorization, form }),
    });
    expect(v.stdout, v.stderr).to.include('1. form-omitted');
  });
});

describe('npm run demo -- --provider tumblr', function () {
  this.timeout(60_000);
  it('runFlowDemo with the tumblr steps runs the flow and shows the classic mistake refused', async () => {
    const { runFlowDemo } = await import('../../src/tools/demo/demo.js');
    const { PROVIDER_DEMOS } = await import('../../src/tools/demo/providers/index.js');
    let text = '';
    const code = await runFlowDemo(PROVIDER_DEMOS['tumblr']!, { write: (t: string) => { text += t; } }, { provider: 'tumblr' });
    expect(code, text).to.equal(0);
    expect(text).to.include('-> HTTP 401');
    expect(text).to.include('{"meta":{"status":401,"msg":"Unauthorized"},"response":[],"errors":[{"title":"Unauthorized","code":1016,"detail":"Unable to authorize"}]}');
  });
});
