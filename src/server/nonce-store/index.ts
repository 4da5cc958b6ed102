// Nonce stores for replay protection (RFC 5849 §3.3): the contract and the in-memory store (Redis: ./redis.ts, entry oauth1-toolkit/redis).

export { type NonceStore, NonceStoreError, nonceKey, digestNonceKey } from './store.js';
export { MemoryNonceStore, type MemoryNonceStoreOptions } from './memory.js';
