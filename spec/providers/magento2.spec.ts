// Specs for the magento2 profile and its emulation: the activation post, request and access tokens with Magento's verifier, REST calls, HMAC-SHA1 refused.

import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth1Client } from '../../src/providers/oauth1-client.js';
import { decodeMagento2Error, encodeMagento2Error, getProfile, magento2, magento2Profile } from '../../src/providers/index.js';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { signRequest } from '../../src/core/sign.js';
import { ensureBuilt, runCli } from '../tools/cli/helpers.js';
import { response } from './helpers.js';

/** A loopback "integration endpoint" that records what Magento posts on activation. */
async function integrationEndpoint(): Promise<{ server: Server; url: string; received: Promise<URLSearchParams> }> {
  let resolve!: (p: URLSearchParams) => void;
  const received = new Promise<URLSearchParams>((r) => { resolve = r; });
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => { res.writeHead(200).end(); resolve(new URLSearchParams(body)); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/magento/activate`, received };
}

describe('magento2 profile', () => {
  it('getProfile("magento2"): POST /oauth/token/request and /access, header, HMAC-SHA256, no oauth_callback_confirmed', () => {
    const p = getProfile('magento2');
    expect(p).to.equal(magento2);
    expect(p).to.include({ placement: 'header', signatureMethod: 'HMAC-SHA256', version: '1.0', requireCallbackConfirmed: false });
    expect(magento2Profile({ baseUrl: 'https://shop.example' }).endpoints.tokenCredentials).to.equal('https://shop.example/oauth/token/access');
  });

  it('encodeMagento2Error: oauth_problem form on /oauth/token/*, the REST {"message","parameters"} elsewhere; decode reads both', () => {
    const t = encodeMagento2Error('signature_invalid', '/oauth/token/request');
    expect(t).to.deep.equal({ status: 401, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'oauth_problem=The+signature+is+invalid.+Verify+and+try+again.' });
    expect(decodeMagento2Error(response(401, t.body))).to.include({ problem: 'signature_invalid', format: 'magento2' });
    const m = decodeMagento2Error(response(400, 'oauth_problem=Signature+method+HMAC-SHA1+is+not+supported'));
    expect(m).to.include({ problem: 'signature_method_rejected', message: 'Signature method HMAC-SHA1 is not supported' });
    const r = encodeMagento2Error('signature_invalid', '/rest/V1/products');
    expect(r.body).to.equal('{"message":"The consumer isn\'t authorized to access %resources.","parameters":{"resources":"Magento_Catalog::products"}}');
    expect(decodeMagento2Error(response(401, r.body))?.message).to.equal('The consumer isn\'t authorized to access Magento_Catalog::products.');
    expect(decodeMagento2Error(response(401, '{"errors":[{"code":32}]}'))).to.equal(undefined);
  });
});

describe('oauth1 serve --provider magento2 (emulation over real HTTP)', function () {
  this.timeout(120_000);
  let sandbox: SandboxProvider;
  beforeEach(async () => { sandbox = await createSandboxProvider({ provider: 'magento2', consumerKey: 'mgck0123456789abcdef0123456789ab', consumerSecret: 'mgcs0123456789abcdef0123456789ab' }); });
  afterEach(async () => { await sandbox.close(); });

  it('activation posts the credentials and oauth_verifier; the client gets request and access tokens and calls /rest/V1/products', async () => {
    const app = await integrationEndpoint();
    try {
      const act = await fetch(`${sandbox.url}/admin/admin/integration/activate`, { method: 'POST', body: new URLSearchParams({ endpoint: app.url }) });
      expect(act.status).to.equal(200);
      const posted = await app.received;
      expect([...posted.keys()]).to.deep.equal(['oauth_consumer_key', 'oauth_consumer_secret', 'store_base_url', 'oauth_verifier']);
      expect(posted.get('store_base_url')).to.equal(`${sandbox.url}/`);
      const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: posted.get('oauth_consumer_key')!, consumerSecret: posted.get('oauth_consumer_secret')! });
      const temp = await client.requestTemporaryCredentials();
      await client.requestTokenCredentials(temp, posted.get('oauth_verifier')!);
      const products = await client.request({ method: 'GET', url: 'products?searchCriteria[pageSize]=2' });
      expect(products.status).to.equal(200);
      expect(JSON.parse(products.body)).to.include({ total_count: 2 });
      expect(sandbox.requests.filter((r) => r.oauthIn === 'header').map((r) => r.oauth['oauth_signature_method'])).to.deep.equal(['HMAC-SHA256', 'HMAC-SHA256', 'HMAC-SHA256']);
    } finally {
      app.server.close();
    }
  });

  it('the classic mistake — HMAC-SHA1 where 2.4 wants HMAC-SHA256 — is refused with Magento\'s message, and `oauth1 verify` names the method', async () => {
    ensureBuilt();
    const app = await integrationEndpoint();
    try {
      await fetch(`${sandbox.url}/admin/admin/integration/activate`, { method: 'POST', body: new URLSearchParams({ endpoint: app.url }) });
      await app.received;
    } finally { app.server.close(); }
    const url = `${sandbox.url}/oauth/token/request`;
    const signed = signRequest({ method: 'POST', url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, signatureMethod: 'HMAC-SHA1' });
    const r = await fetch(url, { method: 'POST', headers: { authorization: signed.headers.authorization! } });
    expect(r.status).to.equal(400);
    expect(r.headers.get('www-authenticate')).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_method_rejected"`);
    expect(await r.text()).to.equal('oauth_problem=Signature+method+HMAC-SHA1+is+not+supported');
    const captured = { method: 'POST', url, authorization: signed.headers.authorization };
    const v = runCli(['verify', '--request', '-', '--consumer-secret', sandbox.consumerSecret, '--provider', 'magento2'], { stdin: JSON.stringify(captured) });
    expect(v.stdout, v.stderr).to.include('  note: magento2 accepts HMAC-SHA256, not HMAC-SHA1: it refuses this request with signature_method_rejected whether or not the signature is valid');
  });
});
