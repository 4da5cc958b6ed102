// Specs for RedisNonceStore against a real Redis: one the specs start themselves (or OAUTH1_REDIS_URL); pending, said in one line, when redis-server is absent.

import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { NonceStoreError, nonceKey, digestNonceKey } from '../../../src/index.js';
import { RedisNonceStore } from '../../../src/server/redis.js';
import { request as httpRequest } from 'node:http';
import { independentSign } from '../../core/independent-signer.js';
import { startCli, type CliChild } from '../../tools/cli/async-run.js';
import { redisForSuite } from '../../helpers/redis-server.js';

let REDIS_URL = '';
const PREFIX = `oauth1:spec:${process.pid}:${Date.now()}:`;

describe('RedisNonceStore (a real redis-server)', () => {
  let store: RedisNonceStore;
  let raw: ReturnType<typeof createClient>;

  before(async function () {
    this.timeout(20_000);
    REDIS_URL = await redisForSuite(this);
    store = new RedisNonceStore({ url: REDIS_URL, prefix: PREFIX });
    await store.connect();
    raw = createClient({ url: REDIS_URL });
    raw.on('error', () => undefined);
    await raw.connect();
  });
  after(async () => {
    await store?.close();
    if (raw?.isOpen) {
      for await (const keys of raw.scanIterator({ MATCH: `${PREFIX}*`, COUNT: 1000 })) if (keys.length) await raw.del(keys);
      await raw.close();
    }
  });

  it('checkAndStore accepts a key once and refuses it afterwards', async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = nonceKey('ck', 'tok', 'once', String(now));
    expect(await store.checkAndStore(key, now, 300)).to.equal(true);
    expect(await store.checkAndStore(key, now, 300)).to.equal(false);
  });

  it('checkAndStore writes one SET NX with an expiry ending when the timestamp leaves the window', async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = nonceKey('ck', undefined, 'ttl', String(now - 100));
    expect(await store.checkAndStore(key, now - 100, 300)).to.equal(true);
    const ttl = await raw.ttl(PREFIX + digestNonceKey(key));
    expect(ttl).to.be.within(198, 201);
    expect(await raw.get(PREFIX + digestNonceKey(key))).to.equal('1');
  });

  it('checkAndStore lets exactly one of 50 concurrent identical requests through', async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = nonceKey('ck', 'tok', 'race', String(now));
    const other = new RedisNonceStore({ url: REDIS_URL, prefix: PREFIX });
    await other.connect();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? other : store).checkAndStore(key, now, 300)));
    await other.close();
    expect(results.filter(Boolean)).to.have.length(1);
  });

  it('checkAndStore accepts the key again once Redis has expired it', async function () {
    this.timeout(10_000);
    const now = Math.floor(Date.now() / 1000);
    const key = nonceKey('ck', undefined, 'expiring', String(now - 300));
    expect(await store.checkAndStore(key, now - 300, 300)).to.equal(true); // expires in 1 s
    expect(await store.checkAndStore(key, now - 300, 300)).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await store.checkAndStore(key, now - 300, 300)).to.equal(true);
  });

  it('checkAndStore fails closed with ERR_OAUTH_NONCE_STORE_UNAVAILABLE when Redis is unreachable, without the password', async () => {
    const dead = new RedisNonceStore({ url: 'redis://:s3cret-pw@127.0.0.1:1', connectTimeoutMs: 300 });
    let err: unknown;
    try { await dead.checkAndStore('k', 1, 1); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(NonceStoreError);
    expect((err as NonceStoreError).code).to.equal('ERR_OAUTH_NONCE_STORE_UNAVAILABLE');
    expect((err as NonceStoreError).message).to.match(/^Redis nonce store at redis:\/\/:\*\*\*@127\.0\.0\.1:1: cannot connect \(.+\); refusing the request \(fail closed\)$/);
    expect((err as Error).message).not.to.include('s3cret-pw');
  });

  it('RedisNonceStore refuses a URL that is not redis:// with a TypeError', () => {
    expect(() => new RedisNonceStore({ url: 'http://127.0.0.1:6379' })).to.throw(TypeError, 'Redis nonce store URL must start with redis:// or rediss://, got "http://127.0.0.1:6379/"');
  });

  describe('two server processes sharing Redis', () => {
    const children: ChildProcess[] = [];
    const ports: number[] = [];

    before(async function () {
      this.timeout(30_000);
      const script = fileURLToPath(new URL('./verify-server.fixture.ts', import.meta.url));
      for (let i = 0; i < 2; i++) {
        const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, OAUTH1_REDIS_URL: REDIS_URL, NONCE_PREFIX: PREFIX }, stdio: ['ignore', 'pipe', 'inherit'] });
        children.push(child);
        const line = await new Promise<string>((resolve, reject) => {
          const rl = createInterface({ input: child.stdout! });
          rl.once('line', (l) => { rl.close(); resolve(l); });
          child.once('exit', (code) => reject(new Error(`verify server exited with ${code} before listening`)));
        });
        ports.push((JSON.parse(line) as { port: number }).port);
      }
    });
    after(async () => {
      await Promise.all(children.map((c) => new Promise((resolve) => { if (c.exitCode !== null) resolve(null); else { c.once('exit', resolve); c.kill('SIGTERM'); } })));
    });

    it('a nonce accepted by one process is refused by the other with 401 nonce_used', async () => {
      expect(new Set(ports).size).to.equal(2);
      // Signed once for the public name; the very same bytes go to each process, as a load balancer would send them.
      const s = independentSign({ method: 'GET', url: 'http://api.example.test/resource?x=1', consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: 'kd94hf93k423kf44' });
      const first = await fetch(`http://127.0.0.1:${ports[0]}/resource?x=1`, { headers: s.headers });
      expect(first.status).to.equal(200);
      const firstPid = (await first.text()).split(' ')[1];
      const second = await fetch(`http://127.0.0.1:${ports[1]}/resource?x=1`, { headers: s.headers });
      expect(second.status).to.equal(401);
      expect(second.headers.get('www-authenticate')).to.equal('OAuth realm="", oauth_problem="nonce_used"');
      // A fresh nonce goes through on the second process, so it was the shared store that refused.
      const fresh = independentSign({ method: 'GET', url: 'http://api.example.test/resource?x=1', consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: 'kd94hf93k423kf44' });
      const third = await fetch(`http://127.0.0.1:${ports[1]}/resource?x=1`, { headers: fresh.headers });
      expect(third.status).to.equal(200);
      expect((await third.text()).split(' ')[1]).not.to.equal(firstPid);
    });
  });

  describe('oauth1 serve --nonce-store (built binary, two sandboxes sharing Redis)', () => {
    const clis: CliChild[] = [];
    const urls: string[] = [];

    before(async function () {
      this.timeout(60_000);
      for (let i = 0; i < 2; i++) {
        const cli = startCli(['serve', '--provider', 'twitter', '--token', 'shared-token', '--token-secret', 'shared-token-secret', '--nonce-store', REDIS_URL]);
        clis.push(cli);
        const m = await cli.waitForStdout(/press Ctrl-C to stop\n/, 30_000);
        urls.push(/^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(m.input)![1]!);
        expect(m.input).to.include(`nonce store: ${new URL(REDIS_URL).toString()}\n`);
      }
    });
    after(async () => {
      for (const cli of clis) cli.child.kill('SIGTERM');
      await Promise.all(clis.map((c) => c.exited));
    });

    /** Sends the same bytes to a sandbox, with the Host header of the first one (as a load balancer would). */
    function send(target: string, host: string, path: string, authorization: string): Promise<{ status: number; www: string | undefined }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(target + path, { headers: { host, authorization } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, www: res.headers['www-authenticate'] }));
        });
        req.on('error', reject);
        req.end();
      });
    }

    it('a request accepted by one sandbox is refused by the other as nonce_used', async () => {
      const host = new URL(urls[0]!).host;
      const path = '/1.1/account/verify_credentials.json';
      const s = independentSign({ method: 'GET', url: `http://${host}${path}`, consumerKey: 'sandbox-consumer-key', consumerSecret: 'sandbox-consumer-secret', token: 'shared-token', tokenSecret: 'shared-token-secret' });
      expect((await send(urls[0]!, host, path, s.headers.authorization!)).status).to.equal(200);
      const replay = await send(urls[1]!, host, path, s.headers.authorization!);
      expect(replay.status).to.equal(401);
      expect(clis[1]!.child.exitCode).to.equal(null);
      const fresh = independentSign({ method: 'GET', url: `http://${host}${path}`, consumerKey: 'sandbox-consumer-key', consumerSecret: 'sandbox-consumer-secret', token: 'shared-token', tokenSecret: 'shared-token-secret' });
      expect((await send(urls[1]!, host, path, fresh.headers.authorization!)).status).to.equal(200);
    });

    it('oauth1 serve --nonce-store with an unreachable Redis exits 1 with ERR_OAUTH_NONCE_STORE_UNAVAILABLE and no password', async function () {
      this.timeout(30_000);
      const cli = startCli(['serve', '--nonce-store', 'redis://:pw-s3cret@127.0.0.1:1']);
      expect(await cli.exited).to.equal(1);
      expect(cli.stderr()).to.match(/^oauth1 serve: error ERR_OAUTH_NONCE_STORE_UNAVAILABLE: Redis nonce store at redis:\/\/:\*\*\*@127\.0\.0\.1:1: cannot connect/);
      expect(cli.stderr() + cli.stdout()).not.to.include('pw-s3cret');
    });

    it('oauth1 serve --nonce-store mysql://x is a usage error (exit 2)', async () => {
      const cli = startCli(['serve', '--nonce-store', 'mysql://x']);
      expect(await cli.exited).to.equal(2);
      expect(cli.stderr()).to.equal('oauth1 serve: error ERR_OAUTH_CLI_USAGE: --nonce-store must be memory or a redis:// URL, got "mysql://x"\nRun `oauth1 serve --help` for usage.\n');
    });
  });
});
