// Specs for the woocommerce profile and its emulation: WooCommerce's WP_Error bodies, one-legged query signing end to end, and its classic mistake named by `oauth1 verify`.

import { expect } from 'chai';
import { OAuth1Client } from '../../src/providers/oauth1-client.js';
import { decodeWooCommerceError, encodeWooCommerceError, getProfile, woocommerce, woocommerceProfile, ProfileError } from '../../src/providers/index.js';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { signRequest } from '../../src/core/sign.js';
import { ensureBuilt, runCli } from '../tools/cli/helpers.js';
import { response } from './helpers.js';
import { caught } from '../helpers/errors.js';

const CK = 'ck_4a5b6c7d8e9f';
const CS = 'cs_0f1e2d3c4b5a';

describe('woocommerce profile', () => {
  it('getProfile("woocommerce") is one-legged over http: query placement, HMAC-SHA256, no oauth_version', () => {
    const p = getProfile('woocommerce');
    expect(p).to.equal(woocommerce);
    expect(p).to.include({ placement: 'query', signatureMethod: 'HMAC-SHA256', version: null });
    expect(p.endpoints.apiBase).to.equal('http://store.example/wp-json/wc/v3/');
  });

  it('woocommerceProfile moves the endpoints onto the store URL, keeping a sub-directory', () => {
    expect(woocommerceProfile({ storeUrl: 'http://example.com/shop/' }).endpoints.apiBase).to.equal('http://example.com/shop/wp-json/wc/v3/');
    expect(() => woocommerceProfile({ storeUrl: 42 as unknown as string })).to.throw(TypeError, 'storeUrl must be a string');
    const e = caught(() => woocommerceProfile({ storeUrl: 'shop.example' }), ProfileError);
    expect(e).to.include({ code: 'ERR_OAUTH_PROFILE_INVALID' });
  });

  it('encodeWooCommerceError writes the WP_Error body of class-wc-rest-authentication.php', () => {
    const e = encodeWooCommerceError('signature_invalid');
    expect(e.status).to.equal(401);
    expect(e.body).to.equal('{"code":"woocommerce_rest_authentication_error","message":"Invalid signature - provided signature does not match.","data":{"status":401}}');
    expect(JSON.parse(encodeWooCommerceError('parameter_absent', '/', { parametersAbsent: ['oauth_nonce', 'oauth_signature'] }).body)).to.deep.equal({
      code: 'woocommerce_rest_authentication_missing_parameter', message: 'Missing OAuth parameters oauth_nonce, oauth_signature', data: { status: 401 },
    });
    const n = caught(() => encodeWooCommerceError(40107), ProfileError);
    expect(n).to.include({ code: 'ERR_OAUTH_PROVIDER_CODE_UNKNOWN' });
    expect(n.message).to.equal('woocommerce has no numeric error code "40107"; known: signature_invalid, signature_method_rejected, consumer_key_unknown, timestamp_refused, nonce_used, parameter_absent');
  });

  it('decodeWooCommerceError names the problem behind each message and ignores other bodies', () => {
    const d = decodeWooCommerceError(response(401, '{"code":"woocommerce_rest_authentication_error","message":"Invalid timestamp.","data":{"status":401}}'));
    expect(d).to.include({ status: 401, providerCode: 'woocommerce_rest_authentication_error', problem: 'timestamp_refused', message: 'Invalid timestamp.', format: 'woocommerce' });
    expect(d?.hint).to.contain('15 minutes');
    const m = decodeWooCommerceError(response(401, '{"code":"woocommerce_rest_authentication_missing_parameter","message":"Missing OAuth parameter oauth_nonce","data":{"status":401}}'));
    expect(m).to.include({ problem: 'parameter_absent' });
    expect(m?.parametersAbsent).to.deep.equal(['oauth_nonce']);
    expect(decodeWooCommerceError(response(401, '{"code":"rest_forbidden","message":"x","data":{"status":401}}'))).to.equal(undefined);
    expect(decodeWooCommerceError(response(401, '{"errors":[{"message":"Could not authenticate you","code":32}]}'))).to.equal(undefined);
  });
});

describe('oauth1 serve --provider woocommerce (emulation over real HTTP)', function () {
  this.timeout(120_000);
  let sandbox: SandboxProvider;
  beforeEach(async () => { sandbox = await createSandboxProvider({ provider: 'woocommerce', consumerKey: CK, consumerSecret: CS }); });
  afterEach(async () => { await sandbox.close(); });

  it('the profile\'s client lists and creates products one-legged, OAuth parameters in the query, both HMAC methods', async () => {
    const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: CK, consumerSecret: CS });
    const list = await client.request({ method: 'GET', url: 'products?per_page=1' });
    expect(list.status).to.equal(200);
    expect(JSON.parse(list.body as string)).to.have.length(1);
    expect(sandbox.requests.at(-1)).to.include({ oauthIn: 'query', status: 200 });
    expect(sandbox.requests.at(-1)!.oauth).to.include({ oauth_signature_method: 'HMAC-SHA256' });
    expect(sandbox.requests.at(-1)!.oauth).to.not.have.property('oauth_token');
    const sha1 = new OAuth1Client({ profile: sandbox.profile, consumerKey: CK, consumerSecret: CS, signatureMethod: 'HMAC-SHA1' });
    const created = await sha1.request({ method: 'POST', url: 'products', body: JSON.stringify({ name: 'Sandbox Mug', regular_price: '9.50' }), headers: { 'content-type': 'application/json' } });
    expect(created.status).to.equal(201);
    expect(JSON.parse(created.body as string)).to.include({ name: 'Sandbox Mug', regular_price: '9.50' });
  });

  it('a request without OAuth parameters gets the controller\'s 401; a replayed nonce gets WooCommerce\'s nonce message', async () => {
    const anon = await fetch(`${sandbox.url}/wp-json/wc/v3/products`);
    expect(anon.status).to.equal(401);
    expect(await anon.json()).to.deep.equal({ code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
    const signed = signRequest({ method: 'GET', url: `${sandbox.url}/wp-json/wc/v3/orders`, consumerKey: CK, consumerSecret: CS, signatureMethod: 'HMAC-SHA256', version: null, placement: 'query' });
    expect((await fetch(signed.url)).status).to.equal(200);
    const replay = await fetch(signed.url);
    expect(replay.status).to.equal(401);
    expect(replay.headers.get('www-authenticate')).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="nonce_used"`);
    expect(await replay.json()).to.deep.equal({ code: 'woocommerce_rest_authentication_error', message: 'Invalid nonce - nonce has already been used.', data: { status: 401 } });
  });

  it('the classic mistake — signing the https URL while the store is reached over http — is refused, and `oauth1 verify` names it', async () => {
    ensureBuilt();
    const httpUrl = `${sandbox.url}/wp-json/wc/v3/products`;
    const signed = signRequest({ method: 'GET', url: httpUrl.replace(/^http:/, 'https:'), consumerKey: CK, consumerSecret: CS, signatureMethod: 'HMAC-SHA256', version: null, placement: 'query' });
    const sent = signed.url.replace(/^https:/, 'http:');
    const r = await fetch(sent);
    expect(r.status).to.equal(401);
    expect(r.headers.get('www-authenticate')).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_invalid"`);
    expect(await r.json()).to.deep.equal({ code: 'woocommerce_rest_authentication_error', message: 'Invalid signature - provided signature does not match.', data: { status: 401 } });
    const v = runCli(['verify', '--request', '-', '--consumer-secret', CS, '--provider', 'woocommerce'], { stdin: JSON.stringify({ method: 'GET', url: sent }) });
    expect(v.stdout, v.stderr).to.include("1. scheme-mismatch\n     The signer used https:// where the request went over http://");
  });
});

describe('npm run demo -- --provider woocommerce', function () {
  this.timeout(60_000);
  it('runFlowDemo with the woocommerce steps lists, creates, and shows the https-URL mistake refused', async () => {
    const { runFlowDemo } = await import('../../src/tools/demo/demo.js');
    const { PROVIDER_DEMOS } = await import('../../src/tools/demo/providers/index.js');
    let text = '';
    const code = await runFlowDemo(PROVIDER_DEMOS['woocommerce']!, { write: (t: string) => { text += t; } }, { provider: 'woocommerce' });
    expect(code, text).to.equal(0);
    expect(text).to.include('-> HTTP 201');
    expect(text).to.include('{"code":"woocommerce_rest_authentication_error","message":"Invalid signature - provided signature does not match.","data":{"status":401}}');
  });
});
