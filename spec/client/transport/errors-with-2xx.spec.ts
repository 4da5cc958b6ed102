// Profiles that answer errors with HTTP 200 (Tencent): both transports must not report them as success.

import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOAuthGot, createOAuthFetch } from '../../../src/client/transport/index.js';
import { ProviderError } from '../../../src/client/profile/provider-error.js';
import { getProfile, withBaseUrl } from '../../../src/providers/index.js';

const CREDENTIALS = { consumerKey: 'tencent-app', consumerSecret: 'tencent-secret', token: 't', tokenSecret: 'ts' };

describe('transports with a profile whose errors come with HTTP 200 (errorsWith2xx)', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      // Tencent's failure shape (providers.md): ret 3 = authentication failed, errcode 9 = signature invalid.
      res.end(req.url!.startsWith('/api/fails') ? '{"ret":3,"errcode":9,"msg":"check sign error","data":null}' : '{"ret":0,"msg":"ok","data":{"id":"1"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const profile = () => withBaseUrl(getProfile('tencent'), base);

  it('createOAuthGot turns a 200 carrying {"ret":3,"errcode":9} into a ProviderError with signature_invalid', async () => {
    const transport = createOAuthGot(CREDENTIALS, { profile: profile() });
    let error: unknown;
    try { await transport.request({ url: `${base}/api/fails?format=json` }); } catch (e) { error = e; }
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).status).to.equal(200);
    expect((error as ProviderError).problem).to.equal('signature_invalid');
    expect((error as ProviderError).providerCode).to.equal('3/9');
  });

  it('createOAuthGot still returns a 200 with ret 0 as a success', async () => {
    const res = await createOAuthGot(CREDENTIALS, { profile: profile() }).request({ url: `${base}/api/ok?format=json` });
    expect(res.status).to.equal(200);
    expect(JSON.parse(res.body)).to.deep.include({ ret: 0 });
  });

  it('createOAuthFetch throws the same ProviderError for a 200 error body and passes a real success through', async () => {
    const oauthFetch = createOAuthFetch(CREDENTIALS, { profile: profile() });
    let error: unknown;
    try { await oauthFetch(`${base}/api/fails?format=json`); } catch (e) { error = e; }
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).problem).to.equal('signature_invalid');
    const ok = await oauthFetch(`${base}/api/ok?format=json`);
    expect(ok.status).to.equal(200);
    expect(await ok.json()).to.deep.include({ ret: 0 });
  });
});
