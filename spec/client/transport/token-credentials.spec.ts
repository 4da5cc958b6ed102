// The transports refuse a token secret without a token (ERR_OAUTH_TOKEN_MISSING) before sending anything.

import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOAuthFetch, createOAuthGot } from '../../../src/client/transport/index.js';
import { OAuth1Client } from '../../../src/index.js';
import { KeyError } from '../../../src/core/errors.js';
import { caught } from '../../helpers/errors.js';

const CREDS = { consumerKey: 'ck', consumerSecret: 'cs', tokenSecret: 'ts-no-token' };

describe('transports and a token secret without a token', () => {
  let server: Server;
  let url = '';
  let hits = 0;
  before(async () => {
    server = createServer((_req, res) => { hits++; res.end('ok'); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/r`;
  });
  after(async () => { await new Promise((r) => server.close(r)); });

  it('createOAuthGot refuses credentials with tokenSecret and no token', () => {
    expect(caught(() => createOAuthGot(CREDS), KeyError).code).to.equal('ERR_OAUTH_TOKEN_MISSING');
  });

  it('createOAuthFetch refuses credentials with tokenSecret and no token', () => {
    expect(caught(() => createOAuthFetch(CREDS), KeyError).code).to.equal('ERR_OAUTH_TOKEN_MISSING');
  });

  it('new OAuth1Client refuses tokenSecret without token', () => {
    expect(caught(() => new OAuth1Client({ profile: 'generic', ...CREDS }), KeyError).code).to.equal('ERR_OAUTH_TOKEN_MISSING');
  });

  it('transport.request refuses a per-call tokenSecret without any token, sending nothing', async () => {
    const t = createOAuthGot({ consumerKey: 'ck', consumerSecret: 'cs' });
    const before = hits;
    let error: unknown;
    try { await t.request({ url, tokenSecret: 'ts-no-token' }); } catch (e) { error = e; }
    expect(error).to.be.instanceOf(KeyError);
    expect((error as KeyError).code).to.equal('ERR_OAUTH_TOKEN_MISSING');
    expect(hits).to.equal(before);
    expect((await t.request({ url, token: 't', tokenSecret: 's' })).status).to.equal(200);
  });

  it('withCredentials refuses a tokenSecret without token', () => {
    const t = createOAuthGot({ consumerKey: 'ck', consumerSecret: 'cs' });
    expect(caught(() => t.withCredentials({ tokenSecret: 'ts-no-token' }), KeyError).code).to.equal('ERR_OAUTH_TOKEN_MISSING');
  });
});
