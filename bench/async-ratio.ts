// signRequestAsync against one bare crypto.subtle importKey + sign of the same base string; bundled and run in Node, Deno and Bun.

import { signRequestAsync, signingKey, type SignRequestInput } from '../src/core/index.js';

/** The Twitter "Creating a signature" example (HMAC-SHA1, 1 query + 1 form parameter). */
export const TWITTER: SignRequestInput = {
  method: 'POST', url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
  form: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']],
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog', consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', timestamp: 1318622958,
};

/** Median wall-clock nanoseconds per call of each contender, and the ratio. */
export interface AsyncRatio { bareNs: number; oursNs: number; ratio: number; signature: string }

type Fn = () => Promise<unknown>;

async function timeRound(fn: Fn, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - start) * 1e6) / n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/**
 * Interleaved rounds (each contender once per round, alternating first) after a warm-up; wall
 * time, since Deno and Bun have no common CPU-time clock. Awaited one after another, as a client signs.
 */
export async function measureAsyncRatio(rounds = 21, perRound = 400): Promise<AsyncRatio> {
  const signed = await signRequestAsync(TWITTER);
  const key = signingKey(TWITTER);
  const base = signed.baseString;
  const subtle = globalThis.crypto.subtle;
  const encoder = new TextEncoder();
  const bare: Fn = async () => {
    const k = await subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    return subtle.sign('HMAC', k, encoder.encode(base));
  };
  const ours: Fn = () => signRequestAsync(TWITTER);
  for (const fn of [bare, ours]) for (let i = 0; i < 3000; i++) await fn();
  const b: number[] = [];
  const o: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2) { b.push(await timeRound(bare, perRound)); o.push(await timeRound(ours, perRound)); }
    else { o.push(await timeRound(ours, perRound)); b.push(await timeRound(bare, perRound)); }
  }
  const bareNs = median(b);
  const oursNs = median(o);
  return { bareNs, oursNs, ratio: oursNs / bareNs, signature: signed.signature };
}
