// oauth1-toolkit/redis: RedisNonceStore, behind its own entry so that only its users need @redis/client (an optional peer dependency).

export { RedisNonceStore, redactRedisUrl, type RedisNonceStoreOptions, type RedisLikeClient } from './nonce-store/redis.js';
