// The cross-runtime cases: golden fixtures plus generated requests, each with the answer of the sync Node signer.

import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { signRequest, resolveSignatureMethod, computeBodyHash, percentEncode, type SignRequestInput, type BodyHashAlgorithm } from '../../src/index.js';

/** Keys a `sign` case verifies with: the public half of the signing key, for RSA-*. */
export interface CaseKeys { consumerSecret?: string; tokenSecret?: string; publicKey?: string }

/** One case, JSON-able so that it can be sent to another runtime. */
export type RuntimeCase =
  | { id: string; kind: 'sign'; input: SignRequestInput; verifyKeys: CaseKeys; expected: SignOutcome }
  | { id: string; kind: 'signature'; method: string; baseString: string; keys: { consumerSecret?: string; tokenSecret?: string; privateKey?: string }; expected: string }
  | { id: string; kind: 'body-hash'; body: string; algorithm: BodyHashAlgorithm; expected: string }
  | { id: string; kind: 'percent-encode'; text: string; expected: string };

/** What a runtime reports for a `sign` case. */
export interface SignOutcome { baseString: string; signature: string; authorization: string; url: string; body?: string; headers: Record<string, string>; verified: boolean }

/** Fields compared byte for byte with the sync signer's. */
export function signOutcome(s: ReturnType<typeof signRequest>): SignOutcome {
  const o: SignOutcome = { baseString: s.baseString, signature: s.signature, authorization: s.authorization, url: s.url, headers: s.headers, verified: true };
  if (s.body !== undefined) o.body = s.body;
  return o;
}

interface Vector { id: string; kind: string; input: Record<string, unknown>; expected: unknown }

const FIXTURES = ['rfc5849.json', 'oauth-core-1.0.json', 'twitter.json', 'body-hash.json', 'oauth-test-cases.json'];

function fixtureCases(): RuntimeCase[] {
  const cases: RuntimeCase[] = [];
  for (const file of FIXTURES) {
    const { vectors } = JSON.parse(readFileSync(new URL(`../../fixtures/${file}`, import.meta.url), 'utf8')) as { vectors: Vector[] };
    for (const v of vectors) {
      const id = `${file}:${v.id}`;
      if (v.kind === 'sign') {
        const input = v.input as unknown as SignRequestInput;
        const expected = signOutcome(signRequest(input));
        const published = (v.expected as { signature?: string }).signature;
        if (published !== undefined && published !== expected.signature) throw new Error(`${id}: the sync signer disagrees with the published signature`);
        cases.push({ id, kind: 'sign', input, verifyKeys: { consumerSecret: input.consumerSecret ?? '', tokenSecret: input.tokenSecret ?? '', ...(typeof input.privateKey === 'string' ? { publicKey: input.privateKey } : {}) }, expected });
      } else if (v.kind === 'signature') {
        const keys = { consumerSecret: v.input.consumerSecret as string | undefined, tokenSecret: v.input.tokenSecret as string | undefined, privateKey: v.input.privateKey as string | undefined };
        const expected = resolveSignatureMethod(v.input.signatureMethod as string).sign(v.input.baseString as string, keys);
        if (expected !== v.expected) throw new Error(`${id}: the sync signer disagrees with the published signature`);
        cases.push({ id, kind: 'signature', method: v.input.signatureMethod as string, baseString: v.input.baseString as string, keys, expected });
      } else if (v.kind === 'body-hash') {
        const algorithm = (v.input.algorithm ?? 'sha1') as BodyHashAlgorithm;
        const expected = computeBodyHash(v.input.body as string, algorithm);
        if (expected !== v.expected) throw new Error(`${id}: computeBodyHash disagrees with the published hash`);
        cases.push({ id, kind: 'body-hash', body: v.input.body as string, algorithm, expected });
      } else if (v.kind === 'percent-encode') {
        const text = (typeof v.input === 'string' ? v.input : (v.input as { value?: string }).value) as string | undefined;
        if (typeof text === 'string') cases.push({ id, kind: 'percent-encode', text, expected: percentEncode(text) });
      }
    }
  }
  return cases;
}

// mulberry32: a small deterministic generator, so every run (and every runtime) gets the same cases.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['a', 'hello world', 'café crème', 'a+b=c&d', '東京', 'emoji 😀', "it's (fine)!*", '100%', '~_-.', 'x,y;z:w', '', 'Ωμέγα ß', '%41', 'line\nbreak'];
const METHODS = ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT', 'RSA-SHA1', 'RSA-SHA256'] as const;

/** `count` generated requests over every method, placement, parameter source and key format. */
function generatedCases(count: number): RuntimeCase[] {
  const rnd = prng(5849);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const spki = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const pkcs1Public = publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const cases: RuntimeCase[] = [];
  for (let i = 0; i < count; i++) {
    const signatureMethod = METHODS[i % METHODS.length]!;
    const rsa = signatureMethod.startsWith('RSA');
    const query = Array.from({ length: Math.floor(rnd() * 6) }, () => `${percentEncode(pick(WORDS) || 'q')}=${rnd() < 0.5 ? encodeURIComponent(pick(WORDS)).replace(/%20/g, '+') : percentEncode(pick(WORDS))}`).join('&');
    const url = `${pick(['https', 'http', 'HTTPS'])}://${pick(['api.example.com', 'Example.COM:443', 'example.com:8080', '127.0.0.1'])}/${pick(['', 'r', 'a%20b/c', '1.1/statuses/update.json', '%C3%BC', 'x;y=1'])}${query ? '?' + query : ''}`;
    const bodyKind = pick(['none', 'form', 'json'] as const);
    const input: SignRequestInput = {
      method: pick(['GET', 'POST', 'put', 'DELETE', 'patch']),
      url,
      consumerKey: `ck-${i}-${pick(WORDS)}`,
      signatureMethod,
      nonce: signatureMethod === 'PLAINTEXT' && rnd() < 0.3 ? null : `n${i}${pick(['', 'x y', '+/='])}`,
      timestamp: signatureMethod === 'PLAINTEXT' && rnd() < 0.3 ? null : 1_300_000_000 + i,
    };
    if (rsa) input.privateKey = rnd() < 0.5 ? pkcs8 : pkcs1;
    else input.consumerSecret = pick(WORDS);
    if (rnd() < 0.7) { input.token = `tok ${i}`; if (!rsa) input.tokenSecret = pick(WORDS); }
    if (rnd() < 0.2) input.realm = pick(['Photos', 'r"e\\alm', '']);
    if (rnd() < 0.2) input.callback = pick(['oob', 'http://127.0.0.1:9/cb?x=1']);
    if (rnd() < 0.2) input.verifier = pick(WORDS);
    if (rnd() < 0.2) input.version = null;
    if (bodyKind === 'form') input.form = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => [pick(WORDS) || 'f', pick(WORDS)] as const);
    if (bodyKind === 'json') {
      input.body = JSON.stringify({ i, text: pick(WORDS) });
      input.contentType = 'application/json';
      if (rnd() < 0.6) input.bodyHash = true;
      if (rnd() < 0.3) input.bodyHashAlgorithm = pick(['sha1', 'sha256', 'sha512'] as const);
    }
    input.placement = bodyKind === 'form' ? pick(['header', 'query', 'form'] as const) : pick(['header', 'query'] as const);
    const verifyKeys: CaseKeys = rsa
      ? { publicKey: pick([spki, pkcs1Public, input.privateKey as string]) }
      : { consumerSecret: input.consumerSecret ?? '', tokenSecret: input.tokenSecret ?? '' };
    cases.push({ id: `generated-${i}-${signatureMethod}`, kind: 'sign', input, verifyKeys, expected: signOutcome(signRequest(input)) });
  }
  return cases;
}

/** The golden fixtures and `generated` generated requests. */
export function runtimeCases(generated = 300): RuntimeCase[] {
  return [...fixtureCases(), ...generatedCases(generated)];
}
