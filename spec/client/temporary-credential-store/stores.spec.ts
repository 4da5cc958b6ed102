// TemporaryCredentialStore implementations: one-shot take, expiry, sealing (tamper, rotation, size), Redis TTL and failures.

import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { createClient } from '@redis/client';
import { MemoryTemporaryCredentialStore, SealedTemporaryCredentialStore, type TemporaryCredentialStore } from '../../../src/client/temporary-credential-store/index.js';
import { RedisTemporaryCredentialStore } from '../../../src/client/redis.js';
import { redisForSuite, freePort } from '../../helpers/redis-server.js';

const creds = { token: 'tmp-token-123', tokenSecret: 'tmp-secret-xyz', state: '/return/here' };

function contract(name: string, make: (now: () => number) => TemporaryCredentialStore | Promise<TemporaryCredentialStore>, oneShot: boolean): void {
  describe(`${name}: the contract`, () => {
    it('gives back what was saved, with its state', async () => {
      const store = await make(Date.now);
      const ref = await store.save(creds);
      expect(await store.take(creds.token, ref)).to.deep.equal(creds);
    });
    it(oneShot ? 'take is one-shot' : 'take keeps answering until the seal expires (nothing is stored)', async () => {
      const store = await make(Date.now);
      const ref = await store.save(creds);
      await store.take(creds.token, ref);
      expect(await store.take(creds.token, ref)).to.deep.equal(oneShot ? undefined : creds);
    });
    it('an unknown token gives undefined', async () => {
      const store = await make(Date.now);
      const ref = await store.save(creds);
      expect(await store.take('another-token', ref)).to.equal(undefined);
    });
    it('rejects malformed credentials with a TypeError', async () => {
      const store = await make(Date.now);
      expect(() => store.save({ token: '', tokenSecret: 's' })).to.throw(TypeError, /temporary credentials must be/);
      expect(() => store.save(creds, 0)).to.throw(TypeError, /ttlSeconds/);
    });
  });
}

contract('MemoryTemporaryCredentialStore', (now) => new MemoryTemporaryCredentialStore({ now }), true);
contract('SealedTemporaryCredentialStore', (now) => new SealedTemporaryCredentialStore({ keys: [{ id: 'k1', key: randomBytes(32) }], now }), false);

describe('MemoryTemporaryCredentialStore', () => {
  it('expires entries after ttlSeconds', async () => {
    let t = 1_000_000;
    const store = new MemoryTemporaryCredentialStore({ now: () => t, ttlSeconds: 60 });
    await store.save(creds);
    t += 60_000;
    expect(await store.take(creds.token)).to.equal(undefined);
  });
  it('drops the oldest entry beyond maxEntries', async () => {
    const store = new MemoryTemporaryCredentialStore({ maxEntries: 2 });
    for (const token of ['a', 'b', 'c']) await store.save({ token, tokenSecret: 's' });
    expect(store.size).to.equal(2);
    expect(await store.take('a')).to.equal(undefined);
    expect(await store.take('c')).to.deep.equal({ token: 'c', tokenSecret: 's' });
  });
});

describe('SealedTemporaryCredentialStore', () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const k2 = { id: 'k2', key: randomBytes(32) };

  it('seals: the reference holds neither secret nor state in the clear, and fits in a cookie', async () => {
    const ref = await new SealedTemporaryCredentialStore({ keys: [k1] }).save({ token: 'x'.repeat(50), tokenSecret: 'y'.repeat(50), state: 'z'.repeat(100) });
    expect(ref).to.match(/^v1\.k1\.[A-Za-z0-9_-]+$/);
    expect(ref).to.not.include('yyyy');
    expect(Buffer.from(ref.split('.')[2]!, 'base64url').toString('latin1')).to.not.include('yyyy');
    expect(ref.length).to.be.below(400);
  });
  it('refuses a changed byte, another key, another token, and garbage', async () => {
    const store = new SealedTemporaryCredentialStore({ keys: [k1] });
    const ref = await store.save(creds);
    const body = Buffer.from(ref.split('.')[2]!, 'base64url');
    body[20] = body[20]! ^ 1;
    expect(await store.take(creds.token, `v1.k1.${body.toString('base64url')}`)).to.equal(undefined);
    expect(await new SealedTemporaryCredentialStore({ keys: [{ id: 'k1', key: randomBytes(32) }] }).take(creds.token, ref)).to.equal(undefined);
    expect(await store.take('other', ref)).to.equal(undefined);
    expect(await store.take(creds.token, ref.replace('v1.k1.', 'v1.k2.'))).to.equal(undefined);
    for (const bad of ['', 'v1', 'v1.k1.', 'v2.k1.AAAA', 'v1.k1.AAAA.x']) expect(await store.take(creds.token, bad), bad).to.equal(undefined);
    expect(await store.take(creds.token)).to.equal(undefined);
  });
  it('expires: a seal older than ttlSeconds is refused', async () => {
    let t = 1_700_000_000_000;
    const store = new SealedTemporaryCredentialStore({ keys: [k1], ttlSeconds: 120, now: () => t });
    const ref = await store.save(creds);
    t += 119_000;
    expect(await store.take(creds.token, ref)).to.deep.equal(creds);
    t += 1_000;
    expect(await store.take(creds.token, ref)).to.equal(undefined);
  });
  it('rotates: seals with the first key, unseals with any listed key, not with a dropped one', async () => {
    const old = await new SealedTemporaryCredentialStore({ keys: [k1] }).save(creds);
    const rotated = new SealedTemporaryCredentialStore({ keys: [k2, k1] });
    expect(await rotated.take(creds.token, old)).to.deep.equal(creds);
    expect(await rotated.save(creds)).to.match(/^v1\.k2\./);
    expect(await new SealedTemporaryCredentialStore({ keys: [k2] }).take(creds.token, old)).to.equal(undefined);
  });
  it('checks its keys, and shows no key in util.inspect', () => {
    expect(() => new SealedTemporaryCredentialStore({ keys: [] })).to.throw(TypeError, /needs keys/);
    expect(() => new SealedTemporaryCredentialStore({ keys: [{ id: 'k', key: randomBytes(16) }] })).to.throw(TypeError, /must be 32 bytes/);
    expect(() => new SealedTemporaryCredentialStore({ keys: [k1, k1] })).to.throw(TypeError, /given twice/);
    expect(() => new SealedTemporaryCredentialStore({ keys: [{ id: 'a.b', key: randomBytes(32) }] })).to.throw(TypeError, /key id/);
    const store = new SealedTemporaryCredentialStore({ keys: [k1] });
    expect(inspect(store, { depth: 10, showHidden: true })).to.not.include(k1.key.toString('hex').slice(0, 8));
  });
});

describe('RedisTemporaryCredentialStore', function () {
  let url: string;
  let store: RedisTemporaryCredentialStore;
  before(async function () { url = await redisForSuite(this); });
  beforeEach(() => { store = new RedisTemporaryCredentialStore({ url, prefix: `spec:tmp:${randomBytes(4).toString('hex')}:`, ttlSeconds: 90 }); });
  afterEach(async () => { await store.close(); });

  contract('RedisTemporaryCredentialStore', () => store, true);

  it('sets the TTL in Redis (EX)', async () => {
    const prefix = `spec:ttl:${randomBytes(4).toString('hex')}:`;
    const s = new RedisTemporaryCredentialStore({ url, prefix });
    await s.save(creds, 45);
    const raw = createClient({ url });
    raw.on('error', () => undefined);
    await raw.connect();
    try {
      const ttl = await raw.ttl(prefix + creds.token);
      expect(ttl).to.be.within(44, 45);
    } finally {
      await raw.close();
      await s.close();
    }
  });
  it('an unreachable Redis throws ERR_OAUTH_TEMPORARY_CREDENTIAL_STORE_UNAVAILABLE without the password', async () => {
    const port = await freePort();
    const s = new RedisTemporaryCredentialStore({ url: `redis://:hunter2@127.0.0.1:${port}` });
    try {
      await s.save(creds);
      expect.fail('save should throw');
    } catch (e) {
      expect((e as { code: string }).code).to.equal('ERR_OAUTH_TEMPORARY_CREDENTIAL_STORE_UNAVAILABLE');
      expect((e as Error).message).to.match(/^Redis temporary credential store at redis:\/\/.*127\.0\.0\.1:\d+: cannot connect/);
      expect((e as Error).message).to.not.include('hunter2');
    } finally {
      await s.close();
    }
  });
});
