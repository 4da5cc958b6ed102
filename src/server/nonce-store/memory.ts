// In-memory nonce store (RFC 5849 §3.3): bounded, time-bucketed, for a single server process.

import { randomBytes } from 'node:crypto';
import { NonceStoreError, type NonceStore } from './store.js';

/**
 * A seeded 64-bit digest of a nonce key, left in `high` / `low`, so an entry costs the same
 * whatever the length of the key: two seeded multiply-xor lanes over the key's UTF-16 units,
 * then a final mix of each lane into the other. Not a cryptographic hash, and it need not be one
 * here: equal keys always give equal digests, so a replay is always caught; two different keys
 * with one digest only make the second request look replayed (refused, never accepted), and
 * making that happen to someone else's request takes knowing its nonce before it is sent. By
 * chance it happens with probability about n²/2⁶⁴ among n live keys (under 6·10⁻⁸ for a
 * million; one bit of the 64 marks a used slot). In the verifier this costs less than half of a
 * native SHA-256 call over the same key.
 *
 * Each store has its own (seeds, working lanes and the cache of the last credentials): a digest
 * means nothing outside the store that made it, and two stores never share state. The result is
 * left in fields rather than returned, so no pair is allocated per request.
 */
class KeyDigest {
  /** The two halves of the last digest computed. */
  high = 0;
  low = 0;
  readonly #seed1: number;
  readonly #seed2: number;
  // The two lanes of the digest being computed.
  #lane1 = 0;
  #lane2 = 0;
  // The lanes after the last consumer key and token fed, which most requests share with the one before.
  #lastConsumerKey: string | undefined;
  #lastToken: string | undefined;
  #credentialLane1 = 0;
  #credentialLane2 = 0;

  constructor() {
    const seeds = randomBytes(8);
    this.#seed1 = seeds.readInt32LE(0);
    this.#seed2 = seeds.readInt32LE(4);
  }

  /** Digests a whole key. */
  key(key: string): void {
    this.#start();
    this.#feedText(key);
    this.#finish();
  }

  /**
   * The digest of nonceKey(consumerKey, token, nonce, timestamp) without building the key: the
   * same characters — `length:part|` three times, then the timestamp — fed piece by piece.
   */
  parts(consumerKey: string, token: string, nonce: string, timestamp: string): void {
    if (consumerKey === this.#lastConsumerKey && token === this.#lastToken) {
      // The same client as last time (the usual case): start from the lanes after its credentials.
      this.#lane1 = this.#credentialLane1;
      this.#lane2 = this.#credentialLane2;
    } else {
      this.#start();
      this.#feedPart(consumerKey);
      this.#feedPart(token);
      this.#lastConsumerKey = consumerKey;
      this.#lastToken = token;
      this.#credentialLane1 = this.#lane1;
      this.#credentialLane2 = this.#lane2;
    }
    this.#feedPart(nonce);
    this.#feedText(timestamp);
    this.#finish();
  }

  #start(): void {
    this.#lane1 = 0xdeadbeef ^ this.#seed1;
    this.#lane2 = 0x41c6ce57 ^ this.#seed2;
  }

  #feedChar(c: number): void {
    this.#lane1 = Math.imul(this.#lane1 ^ c, 0x9e3779b1);
    this.#lane2 = Math.imul(this.#lane2 ^ c, 0x5f356495);
  }

  #feedText(text: string): void {
    let h1 = this.#lane1;
    let h2 = this.#lane2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x9e3779b1);
      h2 = Math.imul(h2 ^ c, 0x5f356495);
    }
    this.#lane1 = h1;
    this.#lane2 = h2;
  }

  /** Feeds `String(text.length) + ':' + text + '|'`, without making any of those strings. */
  #feedPart(text: string): void {
    const n = text.length;
    let unit = 1;
    while (unit * 10 <= n) unit *= 10;
    for (; unit >= 1; unit /= 10) this.#feedChar(0x30 + (Math.floor(n / unit) % 10));
    this.#feedChar(0x3a);
    this.#feedText(text);
    this.#feedChar(0x7c);
  }

  // Mixes each lane into the other and leaves the digest in high / low.
  #finish(): void {
    const lane1 = this.#lane1;
    const lane2 = this.#lane2;
    let h1 = Math.imul(lane1 ^ (lane1 >>> 16), 0x85ebca6b);
    h1 ^= Math.imul(lane2 ^ (lane2 >>> 13), 0xc2b2ae35);
    let h2 = Math.imul(lane2 ^ (lane2 >>> 16), 0x85ebca6b);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
    this.high = h1;
    // Never 0: a slot of the table below holding 0 is empty.
    this.low = h2 | 1;
  }
}

/**
 * A set of 64-bit digests: open addressing with linear probing over one Int32Array (two words a
 * slot), kept at most half full. No object or string per entry, so 1 000 000 live nonces cost
 * 16–32 MB, and adding one allocates nothing (except when the table doubles).
 */
class DigestSet {
  size = 0;
  #slots: Int32Array;
  #mask: number;

  constructor(capacity = 64) {
    this.#slots = new Int32Array(2 * capacity);
    this.#mask = capacity - 1;
  }

  /** Adds the digest (high, low ≠ 0); false when it was already there. */
  add(high: number, low: number): boolean {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let i = high & mask; ; i = (i + 1) & mask) {
      const at = 2 * i;
      const l = slots[at + 1]!;
      if (l === 0) {
        slots[at] = high;
        slots[at + 1] = low;
        if (++this.size * 2 > mask + 1) this.#grow();
        return true;
      }
      if (l === low && slots[at] === high) return false;
    }
  }

  /** Whether the digest is present. */
  has(high: number, low: number): boolean {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let i = high & mask; ; i = (i + 1) & mask) {
      const l = slots[2 * i + 1]!;
      if (l === 0) return false;
      if (l === low && slots[2 * i] === high) return true;
    }
  }

  #grow(): void {
    const old = this.#slots;
    const capacity = 2 * (this.#mask + 1);
    const slots = new Int32Array(2 * capacity);
    const mask = capacity - 1;
    for (let at = 0; at < old.length; at += 2) {
      const low = old[at + 1]!;
      if (low === 0) continue;
      const high = old[at]!;
      let i = high & mask;
      while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = high;
      slots[2 * i + 1] = low;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}

/** The consumer key inside a {@link nonceKey} (`length:consumerKey|…`), or undefined for any other key. */
function consumerOfKey(key: string): string | undefined {
  const colon = key.indexOf(':');
  if (colon < 1 || colon > 10) return undefined;
  const length = Number(key.slice(0, colon));
  if (!Number.isInteger(length) || key.charCodeAt(colon + 1 + length) !== 0x7c) return undefined;
  return key.slice(colon + 1, colon + 1 + length);
}

/** Options of {@link MemoryNonceStore}. */
export interface MemoryNonceStoreOptions {
  /**
   * Hard cap on remembered nonces. When it is reached and nothing has expired, new requests are
   * refused (fail closed) rather than forgetting a live nonce, which would reopen a replay.
   * Each entry costs 16–32 bytes (a 64-bit digest in a half-full open-addressing table): 16–32 MB at the default cap.
   * @default 1_000_000
   */
  maxEntries?: number;
  /**
   * Cap on the live nonces of one consumer key, so one key's flood (a leaked or misbehaving
   * client) refuses only that key's requests with `ERR_OAUTH_NONCE_STORE_FULL` while other
   * consumers go on. Entries live up to twice the timestamp window (a timestamp may be up to one
   * window ahead of the clock and is kept until a window after it), plus one bucket: about 610 s
   * at the defaults, so the default cap allows about 160 requests a second per consumer key,
   * sustained, in one process. Keys given to {@link checkAndStore} that were not made by
   * `nonceKey` have no consumer and only the global cap applies.
   * @default maxEntries / 10 (100 000)
   */
  maxEntriesPerConsumer?: number;
  /** Width of a time bucket, in seconds of `oauth_timestamp`. Smaller frees memory sooner. @default 10 */
  bucketSeconds?: number;
  /** Clock in milliseconds; must agree with the verifier's clock. @default Date.now */
  now?: () => number;
}

interface Bucket {
  readonly entries: DigestSet;
  /** How many of `entries` each consumer key added. */
  readonly perConsumer: Map<string, number>;
  /** Seconds since the epoch after which no key in this bucket can be replayed any more. */
  expiresAt: number;
}

function checkTimes(timestampSeconds: number, ttlSeconds: number): void {
  if (!Number.isFinite(timestampSeconds) || !Number.isFinite(ttlSeconds) || ttlSeconds < 0) {
    throw new TypeError('timestampSeconds and ttlSeconds must be finite numbers (ttlSeconds ≥ 0)');
  }
}

/**
 * A {@link NonceStore} kept in this process. Keys are filed in buckets by `oauth_timestamp`
 * (a replay carries the same timestamp, so only one bucket is ever searched) and a bucket is
 * dropped whole once every timestamp in it has left the window: memory follows the request
 * rate inside the window, never the total number of requests seen. A hard cap bounds it even
 * then; a full store refuses new requests with `ERR_OAUTH_NONCE_STORE_FULL`.
 *
 * An entry lives until its timestamp leaves the window — up to twice the window after it is
 * stored (a timestamp may be a window ahead of the clock), plus one bucket. A per-consumer quota
 * (`maxEntriesPerConsumer`) keeps one consumer key's flood from refusing everyone else.
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
  /** The configured cap on live entries of one consumer key. */
  readonly maxEntriesPerConsumer: number;
  /** Live entries per consumer key. */
  readonly #perConsumer = new Map<string, number>();
  readonly #bucketSeconds: number;
  readonly #now: () => number;
  readonly #buckets = new Map<number, Bucket>();
  readonly #digest = new KeyDigest();
  #size = 0;
  #lastSweep = -Infinity;

  constructor(options: MemoryNonceStoreOptions = {}) {
    const { maxEntries = 1_000_000, bucketSeconds = 10, now = Date.now } = options;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    const maxEntriesPerConsumer = options.maxEntriesPerConsumer ?? Math.max(1, Math.floor(maxEntries / 10));
    if (!Number.isInteger(maxEntriesPerConsumer) || maxEntriesPerConsumer < 1) throw new RangeError('maxEntriesPerConsumer must be a positive integer');
    this.maxEntriesPerConsumer = maxEntriesPerConsumer;
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
    checkTimes(timestampSeconds, ttlSeconds);
    this.#digest.key(key);
    return this.#record(consumerOfKey(key), timestampSeconds, ttlSeconds);
  }

  /**
   * `checkAndStoreSync(nonceKey(consumerKey, token, nonce, timestamp), timestampSeconds, ttlSeconds)`
   * without building the key string: the same digest, so both calls see each other's nonces.
   * What the verifier calls.
   *
   * @param timestamp `oauth_timestamp` as sent (digits), `timestampSeconds` its value.
   * @throws {NonceStoreError} `ERR_OAUTH_NONCE_STORE_FULL` when `maxEntries` live nonces are held.
   * @example store.checkAndStorePartsSync('ck', undefined, 'n0nce', '1700000000', 1700000000, 300) // true, then false
   */
  checkAndStorePartsSync(consumerKey: string, token: string | undefined, nonce: string, timestamp: string, timestampSeconds: number, ttlSeconds: number): boolean {
    if (typeof consumerKey !== 'string' || (token !== undefined && typeof token !== 'string') || typeof nonce !== 'string' || typeof timestamp !== 'string') {
      throw new TypeError('consumerKey, nonce and timestamp must be strings, token a string or undefined');
    }
    checkTimes(timestampSeconds, ttlSeconds);
    this.#digest.parts(consumerKey, token ?? '', nonce, timestamp);
    return this.#record(consumerKey, timestampSeconds, ttlSeconds);
  }

  // Records the last digest under its timestamp's bucket; false when present.
  #record(consumer: string | undefined, timestampSeconds: number, ttlSeconds: number): boolean {
    const high = this.#digest.high;
    const low = this.#digest.low;
    const nowSeconds = Math.floor(this.#now() / 1000);
    this.#sweep(nowSeconds, false);
    const index = Math.floor(timestampSeconds / this.#bucketSeconds);
    let bucket = this.#buckets.get(index);
    const expiresAt = (index + 1) * this.#bucketSeconds + ttlSeconds;
    const held = consumer === undefined ? 0 : this.#perConsumer.get(consumer) ?? 0;
    const underQuota = held < this.maxEntriesPerConsumer;
    if (bucket !== undefined && underQuota && this.#size < this.maxEntries) {
      // Room left: one table operation both tests and records.
      if (!bucket.entries.add(high, low)) return false;
      if (expiresAt > bucket.expiresAt) bucket.expiresAt = expiresAt;
      this.#size++;
      if (consumer !== undefined) this.#count(bucket, consumer, held);
      return true;
    }
    if (bucket?.entries.has(high, low)) return false;
    if (!underQuota) {
      this.#sweep(nowSeconds, true);
      if ((this.#perConsumer.get(consumer!) ?? 0) >= this.maxEntriesPerConsumer) {
        // Fail closed for this consumer only: the others keep their room.
        throw new NonceStoreError('ERR_OAUTH_NONCE_STORE_FULL', `in-memory nonce store holds ${this.maxEntriesPerConsumer} live nonces of consumer key ${JSON.stringify(consumer!.slice(0, 64))}, its quota; refusing its requests instead of forgetting a nonce that could then be replayed`);
      }
      bucket = this.#buckets.get(index);
    }
    if (this.#size >= this.maxEntries) {
      this.#sweep(nowSeconds, true);
      if (this.#size >= this.maxEntries) {
        // Fail closed: evicting a live nonce would let its request be replayed.
        throw new NonceStoreError('ERR_OAUTH_NONCE_STORE_FULL', `in-memory nonce store is full (${this.maxEntries} live nonces); refusing the request instead of forgetting a nonce that could then be replayed`);
      }
      bucket = this.#buckets.get(index);
    }
    if (bucket === undefined) {
      bucket = { entries: new DigestSet(), perConsumer: new Map(), expiresAt };
      this.#buckets.set(index, bucket);
    } else if (expiresAt > bucket.expiresAt) {
      bucket.expiresAt = expiresAt;
    }
    bucket.entries.add(high, low);
    this.#size++;
    if (consumer !== undefined) this.#count(bucket, consumer, this.#perConsumer.get(consumer) ?? 0);
    return true;
  }

  #count(bucket: Bucket, consumer: string, held: number): void {
    this.#perConsumer.set(consumer, held + 1);
    bucket.perConsumer.set(consumer, (bucket.perConsumer.get(consumer) ?? 0) + 1);
  }

  /** Forgets every nonce (for tests and for a deliberate reset). @example store.clear() */
  clear(): void {
    this.#buckets.clear();
    this.#perConsumer.clear();
    this.#size = 0;
  }

  // Drops buckets whose every timestamp has left the window; at most once a second unless forced.
  #sweep(nowSeconds: number, force: boolean): void {
    if (!force && nowSeconds === this.#lastSweep) return;
    this.#lastSweep = nowSeconds;
    for (const [index, bucket] of this.#buckets) {
      if (bucket.expiresAt < nowSeconds) {
        this.#size -= bucket.entries.size;
        for (const [consumer, n] of bucket.perConsumer) {
          const left = this.#perConsumer.get(consumer)! - n;
          if (left > 0) this.#perConsumer.set(consumer, left); else this.#perConsumer.delete(consumer);
        }
        this.#buckets.delete(index);
      }
    }
  }
}
