// Nonce stores for replay protection (RFC 5849 §3.3): the contract, in-memory and Redis implementations.

export { type NonceStore, NonceStoreError, nonceKey, digestNonceKey } from './store.js';
export { MemoryNonceStore, type MemoryNonceStoreOptions } from './memory.js';
export { RedisNonceStore, type RedisNonceStoreOptions } from './redis.js';
