// A verifying node:http server in its own process, sharing a Redis nonce store (used by redis.spec.ts).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyRequest, OAuthRequestRejected, sendOAuthRejection, type VerifyRequestOptions } from '../../../src/index.js';
import { RedisNonceStore } from '../../../src/server/redis.js';

const store = new RedisNonceStore({ url: process.env.OAUTH1_REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: process.env.NONCE_PREFIX ?? 'oauth1:nonce:' });
await store.connect();
const options: VerifyRequestOptions = {
  lookupConsumer: (key) => (key === 'dpf43f3p2l4k3l03' ? { secret: 'kd94hf93k423kf44' } : undefined),
  nonceStore: store,
  // Both processes stand behind one public name, as behind a load balancer.
  origin: process.env.PUBLIC_ORIGIN ?? 'http://api.example.test',
};
const server = createServer((req, res) => {
  verifyRequest(req, options).then(
    (v) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(`ok ${process.pid} ${v.consumerKey}`); },
    (e: unknown) => {
      if (e instanceof OAuthRequestRejected) sendOAuthRejection(res, e);
      else { res.writeHead(500); res.end(); }
    },
  );
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port, pid: process.pid }) + '\n');
});
process.on('SIGTERM', () => {
  server.close();
  void store.close().finally(() => process.exit(0));
});
