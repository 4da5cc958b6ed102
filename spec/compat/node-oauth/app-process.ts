// A child process for the multi-process spec: an express + passport-oauth1 app on compat/oauth with a chosen request-token store.

import { startApp } from './passport-app.js';
import { passportRequestTokenStore } from '../../../src/compat/oauth.js';
import { SealedTemporaryCredentialStore } from '../../../src/client/temporary-credential-store/index.js';
import { RedisTemporaryCredentialStore } from '../../../src/client/redis.js';

const env = process.env;
const options: Record<string, unknown> = {};
if (env.CALLBACK_URL) options.callbackURL = env.CALLBACK_URL;
let redis: RedisTemporaryCredentialStore | undefined;
if (env.STORE === 'sealed') {
  const keys = (JSON.parse(env.SEAL_KEYS!) as Array<{ id: string; hex: string }>).map((k) => ({ id: k.id, key: Buffer.from(k.hex, 'hex') }));
  options.requestTokenStore = passportRequestTokenStore(new SealedTemporaryCredentialStore({ keys }));
} else if (env.STORE === 'redis') {
  redis = new RedisTemporaryCredentialStore({ url: env.REDIS_URL!, prefix: 'spec:tmp:' });
  options.requestTokenStore = passportRequestTokenStore(redis);
}
const app = await startApp({ url: env.PROVIDER_URL!, consumerKey: env.CONSUMER_KEY!, consumerSecret: env.CONSUMER_SECRET! }, options);
process.stdout.write(JSON.stringify({ url: app.url }) + '\n');
process.stdin.resume();
process.stdin.on('end', () => {
  app.server.closeAllConnections();
  app.server.close();
  void redis?.close();
});
