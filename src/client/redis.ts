// oauth1-toolkit/client/redis: RedisTemporaryCredentialStore, behind its own entry so that only its users need @redis/client.

export { RedisTemporaryCredentialStore, type RedisTemporaryCredentialStoreOptions, type RedisTemporaryCredentialClient } from './temporary-credential-store/redis.js';
