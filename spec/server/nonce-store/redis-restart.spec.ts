// RedisNonceStore across a Redis restart without persistence: the forgotten nonces, and refuseTimestampsBeforeConnect. Starts its own redis-server.

import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { NonceStoreError, nonceKey } from '../../../src/index.js';
import { RedisNonceStore } from '../../../src/server/redis.js';
import { freePort, needRedisServer } from '../../helpers/redis-server.js';

const T = 1_700_000_000;

/** Starts redis-server on 127.0.0.1:port with no persistence at all; resolves once it accepts connections. */
function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ready to accept connections')) resolve(child);
    });
  });
}

function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => { child.removeAllListeners('exit'); child.once('exit', () => resolve()); child.kill('SIGTERM'); });
}

/** checkAndStore, retried while the store is still reconnecting to the restarted Redis. */
async function checkAfterReconnect(store: RedisNonceStore, key: string, timestamp: number): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.checkAndStore(key, timestamp, 300);
    } catch (e) {
      if (!(e instanceof NonceStoreError) || attempt > 200) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('RedisNonceStore across a Redis restart without persistence (own redis-server)', function () {
  this.timeout(30_000);
  let port: number;
  let redis: ChildProcess | undefined;

  before(async function () {
    needRedisServer(this);
    port = await freePort();
    redis = await startRedis(port);
  });
  after(async () => { if (redis) await stopRedis(redis); });

  it('without refuseTimestampsBeforeConnect a restarted Redis has forgotten the nonce; with it, the replay is refused', async () => {
    let now = T * 1000;
    const url = `redis://127.0.0.1:${port}`;
    const plain = new RedisNonceStore({ url, prefix: 'plain:', now: () => now });
    const guarded = new RedisNonceStore({ url, prefix: 'guarded:', now: () => now, refuseTimestampsBeforeConnect: true });
    try {
      await plain.connect();
      await guarded.connect();
      now = (T + 2) * 1000;
      const key = nonceKey('ck', 'tok', 'n0nce', String(T + 2));
      expect(await plain.checkAndStore(key, T + 2, 300)).to.equal(true);
      expect(await guarded.checkAndStore(key, T + 2, 300)).to.equal(true);
      expect(await plain.checkAndStore(key, T + 2, 300)).to.equal(false);

      // Redis restarts empty; the stores reconnect at T + 5.
      now = (T + 5) * 1000;
      await stopRedis(redis!);
      redis = await startRedis(port);

      // The hole docs/security.md describes: the replay passes.
      expect(await checkAfterReconnect(plain, key, T + 2)).to.equal(true);
      // The guard: a timestamp from before the reconnection may be a forgotten nonce.
      expect(await checkAfterReconnect(guarded, key, T + 2)).to.equal(false);
      // Requests signed after the reconnection are accepted as usual.
      now = (T + 6) * 1000;
      const fresh = nonceKey('ck', 'tok', 'n0nce-2', String(T + 6));
      expect(await guarded.checkAndStore(fresh, T + 6, 300)).to.equal(true);
      expect(await guarded.checkAndStore(fresh, T + 6, 300)).to.equal(false);
    } finally {
      await plain.close().catch(() => undefined);
      await guarded.close().catch(() => undefined);
    }
  });
});
