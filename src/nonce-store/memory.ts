// In-memory nonce store (RFC 5849 §3.3): bounded, time-bucketed, for a single server process.

import { NonceStoreError, digestNonceKey, type NonceStore } from './store.js';

/** Options of {@link MemoryNonceStore}. */
export interface MemoryNonceStoreOptions {
  /**
   * Hard cap on remembered nonces. When it is reached and nothing has expired, new requests are
   * refused (fail closed) rather than forgetting a live nonce, which would reopen a replay.
   * Each entry costs about 125 bytes of heap (a 128-bit digest in a `Set`): ~120 MiB at the default cap.
   * @default 1_000_000
   */
  maxEntries?: number;
  /** Width of a time bucket, in seconds of `oauth_timestamp`. Smaller frees memory sooner. @default 10 */
  bucketSeconds?: number;
  /** Clock in milliseconds; must agree with the verifier's clock. @default Date.now */
  now?: () => number;
}

interface Bucket {
  readonly entries: Set<string>;
  /** Seconds since the epoch after which no key in this bucket can be replayed any more. */
  expiresAt: number;
}

/**
 * A {@link NonceStore} kept in this process. Keys are filed in buckets by `oauth_timestamp`
 * (a replay carries the same timestamp, so only one bucket is ever searched) and a bucket is
 * dropped whole once every timestamp in it has left the window: memory follows the request
 * rate inside the window, never the total number of requests seen. A hard cap bounds it even
 * then; a full store refuses new requests with `ERR_OAUTH_NONCE_STORE_FULL`.
 *
 * Only one process sees these nonces: behind a load balancer use {@link RedisNonceStore}.
 *
 * @example
 * ```ts
 * const store = new MemoryNonceStore({ maxEntries: 500_000 });
 * await store.checkAndStore(nonceKey('ck', undefined, 'n0nce', '1700000000'), 1700000000, 300); // true
 * await store.checkAndStore(nonceKey('ck', undefined, 'n0nce', '1700000000'), 1700000000, 300); // false
 * ```
 */
export class MemoryNonceStore implements NonceStore {
  /** The configured cap on live entries. */
  readonly maxEntries: number;
  readonly #bucketSeconds: number;
  readonly #now: () => number;
  readonly #buckets = new Map<number, Bucket>();
  #size = 0;
  #lastSweep = -Infinity;

  constructor(options: MemoryNonceStoreOptions = {}) {
    const { maxEntries = 1_000_000, bucketSeconds = 10, now = Date.now } = options;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    if (!Number.isInteger(bucketSeconds) || bucketSeconds < 1) throw new RangeError('bucketSeconds must be a positive integer');
    if (typeof now !== 'function') throw new TypeError('now must be a function returning milliseconds');
    this.maxEntries = maxEntries;
    this.#bucketSeconds = bucketSeconds;
    this.#now = now;
  }

  /** Number of nonces remembered right now (after dropping expired buckets). */
  get size(): number {
    this.#sweep(Math.floor(this.#now() / 1000), true);
    return this.#size;
  }

  /** Number of live time buckets (for monitoring). */
  get bucketCount(): number {
    return this.#buckets.size;
  }

  /** {@inheritDoc NonceStore.checkAndStore} */
  checkAndStore(key: string, timestampSeconds: number, ttlSeconds: number): Promise<boolean> {
    try {
      return Promise.resolve(this.checkAndStoreSync(key, timestampSeconds, ttlSeconds));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * The synchronous core of {@link checkAndStore}; atomic because nothing else runs in between.
   *
   * @throws {NonceStoreError} `ERR_OAUTH_NONCE_STORE_FULL` when `maxEntries` live nonces are held.
   * @example store.checkAndStoreSync('k', 1700000000, 300) // true the first time, false after
   */
  checkAndStoreSync(key: string, timestampSeconds: number, ttlSeconds: number): boolean {
    if (typeof key !== 'string') throw new TypeError('nonce key must be a string');
    if (!Number.isFinite(timestampSeconds) || !Number.isFinite(ttlSeconds) || ttlSeconds < 0) {
      throw new TypeError('timestampSeconds and ttlSeconds must be finite numbers (ttlSeconds ≥ 0)');
    }
    const nowSeconds = Math.floor(this.#now() / 1000);
    this.#sweep(nowSeconds, false);
    const index = Math.floor(timestampSeconds / this.#bucketSeconds);
    const digest = digestNonceKey(key);
    let bucket = this.#buckets.get(index);
    const expiresAt = (index + 1) * this.#bucketSeconds + ttlSeconds;
    if (bucket !== undefined && this.#size < this.maxEntries) {
      // Room left: one set operation both tests and records (the size tells which happened).
      const before = bucket.entries.size;
      bucket.entries.add(digest);
      if (bucket.entries.size === before) return false;
      if (expiresAt > bucket.expiresAt) bucket.expiresAt = expiresAt;
      this.#size++;
      return true;
    }
    if (bucket?.entries.has(digest)) return false;
    if (this.#size >= this.maxEntries) {
      this.#sweep(nowSeconds, true);
      if (this.#size >= this.maxEntries) {
        // Fail closed: evicting a live nonce would let its request be replayed.
        throw new NonceStoreError('ERR_OAUTH_NONCE_STORE_FULL', `in-memory nonce store is full (${this.maxEntries} live nonces); refusing the request instead of forgetting a nonce that could then be replayed`);
      }
      bucket = this.#buckets.get(index);
    }
    if (bucket === undefined) {
      bucket = { entries: new Set(), expiresAt };
      this.#buckets.set(index, bucket);
    } else if (expiresAt > bucket.expiresAt) {
      bucket.expiresAt = expiresAt;
    }
    bucket.entries.add(digest);
    this.#size++;
    return true;
  }

  /** Forgets every nonce (for tests and for a deliberate reset). @example store.clear() */
  clear(): void {
    this.#buckets.clear();
    this.#size = 0;
  }

  // Drops buckets whose every timestamp has left the window; at most once a second unless forced.
  #sweep(nowSeconds: number, force: boolean): void {
    if (!force && nowSeconds === this.#lastSweep) return;
    this.#lastSweep = nowSeconds;
    for (const [index, bucket] of this.#buckets) {
      if (bucket.expiresAt < nowSeconds) {
        this.#size -= bucket.entries.size;
        this.#buckets.delete(index);
      }
    }
  }
}
