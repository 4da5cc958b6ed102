// Temporary credential stores: memory, sealed (stateless, in a cookie); the Redis one is in oauth1-toolkit/client/redis.

export { type TemporaryCredentialStore, type StoredTemporaryCredentials, DEFAULT_TEMPORARY_CREDENTIAL_TTL, MemoryTemporaryCredentialStore, TemporaryCredentialStoreError, type MemoryTemporaryCredentialStoreOptions } from './store.js';
export { SealedTemporaryCredentialStore, type SealedTemporaryCredentialStoreOptions, type SealingKey } from './sealed.js';
