// OAuth1Client.beginAuthorization / completeAuthorization with a store: two clients (two "servers") share only the store's reference.

import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { OAuth1Client } from '../../../src/client/flow/index.js';
import { MemoryTemporaryCredentialStore, SealedTemporaryCredentialStore } from '../../../src/client/temporary-credential-store/index.js';

describe('OAuth1Client with a TemporaryCredentialStore', () => {
  let sb: SandboxProvider;
  beforeEach(async () => { sb = await createSandboxProvider({ provider: 'twitter', autoApprove: true }); });
  afterEach(async () => { await sb.close(); });
  const client = (): OAuth1Client => new OAuth1Client({ profile: sb.profile, consumerKey: sb.consumerKey, consumerSecret: sb.consumerSecret });

  it('begins on one client and completes on another with a sealed reference, returning the state', async () => {
    const key = { id: 'k1', key: randomBytes(32) };
    const begin = await client().beginAuthorization(new SealedTemporaryCredentialStore({ keys: [key] }), { callback: 'http://127.0.0.1:9/cb', state: '/back' });
    expect(begin.reference).to.match(/^v1\.k1\./);
    const approved = await fetch(begin.authorizationUrl, { redirect: 'manual' });
    const callback = approved.headers.get('location')!;
    const other = client();
    const access = await other.completeAuthorization(new SealedTemporaryCredentialStore({ keys: [key] }), callback, begin.reference);
    expect(access.state).to.equal('/back');
    expect(access.token).to.be.a('string').and.not.equal(begin.token);
    const me = await other.request({ method: 'GET', url: `${sb.url}/1.1/account/verify_credentials.json` });
    expect(me.status).to.equal(200);
  });

  it('a second completion with a one-shot store fails with ERR_OAUTH_CALLBACK_TOKEN_MISMATCH before any request', async () => {
    const store = new MemoryTemporaryCredentialStore();
    const begin = await client().beginAuthorization(store, { callback: 'http://127.0.0.1:9/cb' });
    const callback = (await fetch(begin.authorizationUrl, { redirect: 'manual' })).headers.get('location')!;
    await client().completeAuthorization(store, callback, begin.reference);
    const before = sb.requests.length;
    try {
      await client().completeAuthorization(store, callback, begin.reference);
      expect.fail('should throw');
    } catch (e) {
      expect((e as { code: string }).code).to.equal('ERR_OAUTH_CALLBACK_TOKEN_MISMATCH');
      expect((e as Error).message).to.include("no temporary credentials stored for the callback's oauth_token");
    }
    expect(sb.requests.length).to.equal(before);
  });
});
