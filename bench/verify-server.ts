// Load-benchmark server: node:http + verifyRequest with an in-memory or Redis nonce store, in its own process.
//
// Started by bench/verify.bench.ts as `node dist/bench/verify-server.js memory|redis [redisUrl]`. Prints
// `{"port":N}` on stdout once listening. Besides the verified route it answers two unsigned,
// bench-only routes on 127.0.0.1: GET /__stats (RSS, heap after a GC, store size) and POST /__feed?n=&from=
// (records n unique nonces straight into the store, 200 concurrent calls at a time, for the 1-million-nonce figure).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  verifyRequest, OAuthRequestRejected, sendOAuthRejection, MemoryNonceStore, nonceKey, type NonceStore, type VerifyRequestOptions,
} from '../src/index.js';
import { RedisNonceStore } from '../src/server/redis.js';

import { BENCH_CONSUMER, BENCH_TOKEN } from './verify-constants.js';

async function main(): Promise<void> {
  const kind = process.argv[2] ?? 'memory';
  const redisUrl = process.argv[3] ?? 'redis://127.0.0.1:6379';
  let store: NonceStore;
  let memory: MemoryNonceStore | undefined;
  if (kind === 'redis') {
    store = await new RedisNonceStore({ url: redisUrl, prefix: `oauth1:bench:${process.pid}:` }).connect();
  } else {
    memory = new MemoryNonceStore({ maxEntries: 1_500_000, maxEntriesPerConsumer: 1_500_000 });
    store = memory;
  }
  const options: VerifyRequestOptions = {
    lookupConsumer: (k) => (k === BENCH_CONSUMER.key ? { secret: BENCH_CONSUMER.secret } : undefined),
    lookupToken: (_k, t) => (t === BENCH_TOKEN.token ? { secret: BENCH_TOKEN.secret } : undefined),
    nonceStore: store,
    origin: 'https://api.twitter.com',
  };
  let accepted = 0;
  let rejected = 0;
  const server = createServer((req, res) => {
    if (req.url === '/__stats') {
      // Collect garbage first (the server runs with --expose-gc) so the figures count what is retained.
      // The in-memory store keeps its digests in typed arrays, outside the JS heap: count both.
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      res.end(JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed + m.arrayBuffers, storeSize: memory?.size ?? null, accepted, rejected }));
      return;
    }
    if (req.url?.startsWith('/__feed')) {
      const q = new URL(req.url, 'http://x').searchParams;
      const n = Number(q.get('n'));
      const from = Number(q.get('from'));
      void feed(store, n, from).then((fed) => res.end(JSON.stringify({ fed })), (e: Error) => { res.writeHead(500); res.end(e.message); });
      return;
    }
    verifyRequest(req, options).then(
      (v) => { accepted++; res.writeHead(200, { 'content-type': 'application/json' }); res.end(`{"ok":true,"consumer":"${v.consumerKey}"}`); },
      (e: unknown) => {
        rejected++;
        if (e instanceof OAuthRequestRejected) sendOAuthRejection(res, e);
        else { res.writeHead(500); res.end(); }
      },
    );
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n'));
  process.on('SIGTERM', () => { server.close(); process.exit(0); });
}

/** Records n unique nonces (current timestamp) in the store, 200 at a time; returns how many were new. */
async function feed(store: NonceStore, n: number, from: number): Promise<number> {
  let fed = 0;
  for (let i = 0; i < n; i += 200) {
    const ts = Math.floor(Date.now() / 1000);
    const batch: Array<Promise<boolean>> = [];
    for (let j = i; j < Math.min(n, i + 200); j++) batch.push(store.checkAndStore(nonceKey(BENCH_CONSUMER.key, BENCH_TOKEN.token, `feed${from + j}`, String(ts)), ts, 300));
    for (const ok of await Promise.all(batch)) if (ok) fed++;
  }
  return fed;
}

await main();
