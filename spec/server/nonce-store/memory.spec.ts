// Specs for MemoryNonceStore: set-if-absent, expiry with the timestamp window, the hard bound, failing closed.

import { expect } from 'chai';
import { MemoryNonceStore, NonceStoreError, nonceKey } from '../../../src/index.js';

describe('MemoryNonceStore', () => {
  it('checkAndStore accepts a key once and refuses it afterwards', async () => {
    const store = new MemoryNonceStore({ now: () => 1_700_000_000_000 });
    const key = nonceKey('ck', 'tok', 'n1', '1700000000');
    expect(await store.checkAndStore(key, 1_700_000_000, 300)).to.equal(true);
    expect(await store.checkAndStore(key, 1_700_000_000, 300)).to.equal(false);
    expect(store.size).to.equal(1);
  });

  it('nonceKey keeps consumer key, token, nonce and timestamp apart', async () => {
    const store = new MemoryNonceStore({ now: () => 1_700_000_000_000 });
    const keys = [
      nonceKey('ck', 'tok', 'n1', '1700000000'), nonceKey('ck', 'tok2', 'n1', '1700000000'), nonceKey('ck2', 'tok', 'n1', '1700000000'),
      nonceKey('ck', undefined, 'n1', '1700000000'), nonceKey('ck', 'tok', 'n1', '1700000001'),
      // Length prefixes stop "a|b" + "c" colliding with "a" + "b|c".
      nonceKey('a|1:b', undefined, 'c', '1'), nonceKey('a', '1:b', 'c', '1'),
    ];
    expect(new Set(keys).size).to.equal(keys.length);
    for (const k of keys) expect(await store.checkAndStore(k, 1_700_000_000, 300)).to.equal(true);
  });

  it('checkAndStoreSync tells apart 200 000 keys that differ in one character, order or length', () => {
    // The store keeps a 64-bit digest of each key: near-identical keys must still be new.
    const store = new MemoryNonceStore({ maxEntriesPerConsumer: 1_000_000, now: () => 1_700_000_000_000 });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const base = 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgm';
    let accepted = 0;
    let total = 0;
    const offer = (nonce: string): void => {
      total++;
      if (store.checkAndStoreSync(nonceKey('xvz1evFS4wEEPTGEFPHBog', '370773112-GmHx', nonce, '1700000000'), 1_700_000_000, 300)) accepted++;
    };
    for (let i = 0; i < base.length; i++) for (const ch of alphabet) if (ch !== base[i]) offer(base.slice(0, i) + ch + base.slice(i + 1));
    for (let i = 0; i + 1 < base.length; i++) if (base[i] !== base[i + 1]) offer(base.slice(0, i) + base[i + 1] + base[i] + base.slice(i + 2));
    for (let n = 0; total < 200_000; n++) offer(n.toString(36));
    expect(accepted).to.equal(total);
    expect(store.size).to.equal(total);
    // Every key is still there after the table grew from 64 slots to over 400 000: offered again, all are refused.
    accepted = 0;
    for (let i = 0; i < base.length; i++) for (const ch of alphabet) if (ch !== base[i]) offer(base.slice(0, i) + ch + base.slice(i + 1));
    for (let n = 0; n < 150_000; n++) offer(n.toString(36));
    expect(accepted).to.equal(0);
  });

  it('checkAndStorePartsSync and checkAndStoreSync(nonceKey(…)) see each other\'s nonces, and only those', () => {
    const store = new MemoryNonceStore({ now: () => 1_700_000_000_000 });
    // Lengths either side of each change in the number of digits of the length prefix.
    const texts = ['', 'a', 'x'.repeat(9), 'y'.repeat(10), 'z'.repeat(99), 'w'.repeat(100), 'v'.repeat(1000), 'ü|1:'];
    let round = 0;
    // No '' token: nonceKey treats it as no token (undefined), on purpose.
    for (const consumerKey of texts) for (const token of [undefined, ...texts.slice(1)]) for (const nonce of texts.slice(1)) {
      const ts = String(1_700_000_000 + (round++ % 7));
      const viaKey = round % 2 === 0;
      const first = viaKey ? store.checkAndStoreSync(nonceKey(consumerKey, token, nonce, ts), Number(ts), 300) : store.checkAndStorePartsSync(consumerKey, token, nonce, ts, Number(ts), 300);
      expect(first, `${consumerKey.length}/${token?.length}/${nonce.length} first`).to.equal(true);
      const again = viaKey ? store.checkAndStorePartsSync(consumerKey, token, nonce, ts, Number(ts), 300) : store.checkAndStoreSync(nonceKey(consumerKey, token, nonce, ts), Number(ts), 300);
      expect(again, `${consumerKey.length}/${token?.length}/${nonce.length} again`).to.equal(false);
    }
    expect(store.size).to.equal(round);
    expect(() => store.checkAndStorePartsSync('ck', 5 as unknown as string, 'n', '1', 1, 300)).to.throw(TypeError, 'token a string or undefined');
  });

  it('checkAndStore forgets a key once its timestamp has left the window, not before', async () => {
    let nowMs = 1_700_000_000_000;
    const store = new MemoryNonceStore({ now: () => nowMs, bucketSeconds: 10 });
    const key = nonceKey('ck', undefined, 'n', '1700000000');
    expect(await store.checkAndStore(key, 1_700_000_000, 300)).to.equal(true);
    nowMs += 300_000;
    expect(await store.checkAndStore(key, 1_700_000_000, 300)).to.equal(false);
    nowMs += 11_000;
    expect(store.size).to.equal(0);
    expect(await store.checkAndStore(key, 1_700_000_000, 300)).to.equal(true);
  });

  it('checkAndStore fails closed with ERR_OAUTH_NONCE_STORE_FULL at maxEntries, still spotting replays', async () => {
    let nowMs = 1_700_000_000_000;
    const store = new MemoryNonceStore({ maxEntries: 1000, maxEntriesPerConsumer: 2000, now: () => nowMs });
    for (let i = 0; i < 1000; i++) expect(store.checkAndStoreSync(nonceKey('ck', undefined, `n${i}`, '1700000000'), 1_700_000_000, 300)).to.equal(true);
    expect(store.checkAndStoreSync(nonceKey('ck', undefined, 'n5', '1700000000'), 1_700_000_000, 300)).to.equal(false);
    let err: unknown;
    try { store.checkAndStoreSync(nonceKey('ck', undefined, 'n1000', '1700000000'), 1_700_000_000, 300); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(NonceStoreError);
    expect((err as NonceStoreError).code).to.equal('ERR_OAUTH_NONCE_STORE_FULL');
    expect((err as NonceStoreError).message).to.equal('in-memory nonce store is full (1000 live nonces); refusing the request instead of forgetting a nonce that could then be replayed');
    await store.checkAndStore(nonceKey('ck', undefined, 'n1000', '1700000000'), 1_700_000_000, 300).then(
      () => expect.fail('expected a rejection'), (e: unknown) => expect((e as NonceStoreError).code).to.equal('ERR_OAUTH_NONCE_STORE_FULL'));
    // Once the window has passed, the old entries are dropped and new nonces are accepted again.
    nowMs += 320_000;
    expect(store.checkAndStoreSync(nonceKey('ck', undefined, 'n1000', '1700000320'), 1_700_000_320, 300)).to.equal(true);
    expect(store.size).to.equal(1);
  });

  it('MemoryNonceStore keeps its bound under 1 million unique nonces', function () {
    this.timeout(120_000);
    // 1 000 000 unique nonces at 2 000 per (simulated) second: 500 s, longer than the 300 s window.
    let nowMs = 1_700_000_000_000;
    const maxEntries = 700_000;
    const store = new MemoryNonceStore({ maxEntries, maxEntriesPerConsumer: maxEntries, now: () => nowMs, bucketSeconds: 10 });
    let peak = 0;
    for (let i = 0; i < 1_000_000; i++) {
      if (i % 2000 === 0 && i > 0) nowMs += 1000;
      const ts = Math.floor(nowMs / 1000);
      if (!store.checkAndStoreSync(`ck|tok|nonce-${i}|${ts}`, ts, 300)) expect.fail(`unique nonce ${i} was refused`);
      if (i % 10_000 === 0) peak = Math.max(peak, store.size);
    }
    peak = Math.max(peak, store.size);
    expect(peak).to.be.at.most(maxEntries);
    // Only the window's worth (≈ 310 s × 2 000/s) is alive at the end, not a million.
    expect(store.size).to.be.at.most(2000 * 311);
    expect(store.size).to.be.at.least(2000 * 300);
    expect(store.bucketCount).to.be.at.most(33);
  });

  it('MemoryNonceStore rejects bad options with RangeError/TypeError', () => {
    expect(() => new MemoryNonceStore({ maxEntries: 0 })).to.throw(RangeError, 'maxEntries must be a positive integer');
    expect(() => new MemoryNonceStore({ bucketSeconds: 0.5 })).to.throw(RangeError, 'bucketSeconds must be a positive integer');
    expect(() => new MemoryNonceStore().checkAndStoreSync(1 as unknown as string, 1, 1)).to.throw(TypeError, 'nonce key must be a string');
  });
});

describe('MemoryNonceStore per-consumer quota', () => {
  const T = 1_700_000_000;
  it('a consumer key over maxEntriesPerConsumer is refused (fail closed) while other keys go on', () => {
    const store = new MemoryNonceStore({ maxEntries: 100, maxEntriesPerConsumer: 10, now: () => T * 1000 });
    for (let i = 0; i < 10; i++) expect(store.checkAndStorePartsSync('flooder', undefined, `n${i}`, String(T), T, 300)).to.equal(true);
    let error: unknown;
    try { store.checkAndStorePartsSync('flooder', undefined, 'n10', String(T), T, 300); } catch (e) { error = e; }
    expect(error).to.be.instanceOf(NonceStoreError);
    expect((error as NonceStoreError).code).to.equal('ERR_OAUTH_NONCE_STORE_FULL');
    expect((error as NonceStoreError).message).to.equal('in-memory nonce store holds 10 live nonces of consumer key "flooder", its quota; refusing its requests instead of forgetting a nonce that could then be replayed');
    // A replay of the flooder's nonce is still a replay, not a quota refusal.
    expect(store.checkAndStorePartsSync('flooder', undefined, 'n3', String(T), T, 300)).to.equal(false);
    // Keys made with nonceKey count against the same consumer's quota.
    expect(() => store.checkAndStoreSync(nonceKey('flooder', 'tok', 'other', String(T)), T, 300)).to.throw(NonceStoreError);
    for (let i = 0; i < 10; i++) expect(store.checkAndStorePartsSync('quiet', 'tok', `n${i}`, String(T), T, 300)).to.equal(true);
    expect(store.size).to.equal(20);
  });

  it('a consumer key gets its room back once its entries leave the window (twice the window after, plus a bucket)', () => {
    let now = T * 1000;
    const store = new MemoryNonceStore({ maxEntries: 100, maxEntriesPerConsumer: 2, bucketSeconds: 10, now: () => now });
    // Timestamps a whole window ahead of the clock are acceptable, so their nonces are kept 2 × 300 s.
    expect(store.checkAndStorePartsSync('ck', undefined, 'a', String(T + 300), T + 300, 300)).to.equal(true);
    expect(store.checkAndStorePartsSync('ck', undefined, 'b', String(T + 300), T + 300, 300)).to.equal(true);
    now = (T + 600) * 1000;
    expect(() => store.checkAndStorePartsSync('ck', undefined, 'c', String(T + 600), T + 600, 300)).to.throw(NonceStoreError);
    now = (T + 611) * 1000;
    expect(store.checkAndStorePartsSync('ck', undefined, 'c', String(T + 611), T + 611, 300)).to.equal(true);
  });

  it('the default per-consumer quota is a tenth of maxEntries', () => {
    expect(new MemoryNonceStore().maxEntriesPerConsumer).to.equal(100_000);
    expect(new MemoryNonceStore({ maxEntries: 5 }).maxEntriesPerConsumer).to.equal(1);
    expect(() => new MemoryNonceStore({ maxEntriesPerConsumer: 0 })).to.throw(RangeError, 'maxEntriesPerConsumer must be a positive integer');
  });
});

describe('MemoryNonceStore digest state', () => {
  it('two stores used in turn with the same credentials each see exactly their own nonces (per-store seeds and caches)', () => {
    const T = 1_700_000_000;
    const a = new MemoryNonceStore({ now: () => T * 1000 });
    const b = new MemoryNonceStore({ now: () => T * 1000 });
    for (let i = 0; i < 50; i++) {
      // Parts and whole keys, alternating stores, so any digest state shared between them would show.
      expect(a.checkAndStorePartsSync('ck', 'tok', `n${i}`, String(T), T, 300)).to.equal(true);
      expect(b.checkAndStoreSync(nonceKey('ck', 'tok', `n${i}`, String(T)), T, 300)).to.equal(true);
      expect(b.checkAndStorePartsSync('ck', 'tok', `n${i}`, String(T), T, 300)).to.equal(false);
      expect(a.checkAndStoreSync(nonceKey('ck', 'tok', `n${i}`, String(T)), T, 300)).to.equal(false);
    }
    expect(a.size).to.equal(50);
    expect(b.size).to.equal(50);
  });
});
