// Standalone fuzz run: N fast-check iterations per front door, counting outcomes, time and memory.
//
// Run with `npm run bench:fuzz` (build, then `node dist/bench/fuzz.js [N]`, default N = 20 000 per target).
// Exits 1 if any input ends in something other than a result or a typed error (OAuthError/TypeError),
// or if an adversarial input (see the last table) takes more than 12× as long for 4× the size.

import fc from 'fast-check';
import { parseAuthorizationHeader, percentDecode, parseFormEncoded, verifyRequest, MemoryNonceStore, OAuthError, type VerifyRequestOptions } from '../src/index.js';
import { headerArb, percentArb, formArb, requestArb, signedRequest, pairsArb, mutationArb, mutate, isTypedError, FUZZ_CONSUMER, FUZZ_TOKEN } from './verify-fuzz-arbitraries.js';

const N = Number(process.argv[2] ?? 20_000);
const MAX_BODY = 64 * 1024;
const NOW = 1_700_000_000;

interface Tally { target: string; runs: number; results: number; typed: Map<string, number>; seconds: number; maxInput: number; rssBefore: number; rssAfter: number }

function outcome(t: Tally, e: unknown): void {
  if (!isTypedError(e)) throw e;
  const code = e instanceof OAuthError ? `${e.code}${'problem' in e ? ` (${String((e as { problem: string }).problem)})` : ''}` : 'TypeError';
  t.typed.set(code, (t.typed.get(code) ?? 0) + 1);
}

function newTally(target: string): Tally {
  return { target, runs: 0, results: 0, typed: new Map(), seconds: 0, maxInput: 0, rssBefore: process.memoryUsage().rss, rssAfter: 0 };
}

function runSync(target: string, arb: fc.Arbitrary<string>, f: (s: string) => unknown): Tally {
  const t = newTally(target);
  const start = process.hrtime.bigint();
  fc.assert(fc.property(arb, (s) => {
    t.runs++;
    t.maxInput = Math.max(t.maxInput, s.length);
    try { f(s); t.results++; } catch (e) { outcome(t, e); }
  }), { numRuns: N });
  t.seconds = Number(process.hrtime.bigint() - start) / 1e9;
  t.rssAfter = process.memoryUsage().rss;
  return t;
}

function options(): VerifyRequestOptions {
  return {
    lookupConsumer: (k) => (k === FUZZ_CONSUMER.key ? { secret: FUZZ_CONSUMER.secret } : undefined),
    lookupToken: (_k, tk) => (tk === FUZZ_TOKEN.token ? { secret: FUZZ_TOKEN.secret } : undefined),
    nonceStore: new MemoryNonceStore({ now: () => NOW * 1000 }),
    now: () => NOW * 1000,
    maxBodyBytes: MAX_BODY,
  };
}

async function main(): Promise<void> {
  const tallies: Tally[] = [];
  tallies.push(runSync('parseAuthorizationHeader', headerArb(2000), (s) => parseAuthorizationHeader(s)));
  tallies.push(runSync('percentDecode', percentArb(2000), (s) => percentDecode(s)));
  tallies.push(runSync('parseFormEncoded', formArb(2000), (s) => parseFormEncoded(s)));

  const opts = options();
  let t = newTally('verifyRequest (random requests)');
  let start = process.hrtime.bigint();
  await fc.assert(fc.asyncProperty(requestArb(MAX_BODY), async (req) => {
    t.runs++;
    t.maxInput = Math.max(t.maxInput, req.url.length + String(req.headers.authorization ?? '').length + (req.body?.length ?? 0));
    try { await verifyRequest(req, opts); t.results++; } catch (e) { outcome(t, e); }
  }), { numRuns: N });
  t.seconds = Number(process.hrtime.bigint() - start) / 1e9;
  t.rssAfter = process.memoryUsage().rss;
  tallies.push(t);

  t = newTally('verifyRequest (signed, then edited)');
  start = process.hrtime.bigint();
  let n = 0;
  await fc.assert(fc.asyncProperty(pairsArb(6), pairsArb(6), fc.boolean(), mutationArb, async (q, f, edit, m) => {
    t.runs++;
    const signed = signedRequest(q, f, `fz${n++}`, NOW);
    const req = edit ? mutate(signed, m) : signed;
    t.maxInput = Math.max(t.maxInput, req.url.length + String(req.headers.authorization).length + (req.body?.length ?? 0));
    try { await verifyRequest(req, opts); t.results++; } catch (e) { outcome(t, e); }
  }), { numRuns: N });
  t.seconds = Number(process.hrtime.bigint() - start) / 1e9;
  t.rssAfter = process.memoryUsage().rss;
  tallies.push(t);

  console.log(`fuzz: ${N} inputs per target, Node ${process.version}`);
  console.log('| target | inputs | results | typed errors | largest input (chars) | seconds | inputs/s | RSS before → after MiB | typed errors by code |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const x of tallies) {
    const typed = [...x.typed.values()].reduce((a, b) => a + b, 0);
    const codes = [...x.typed.entries()].sort((a, b) => b[1] - a[1]).map(([c, k]) => `${c}: ${k}`).join('; ');
    console.log(`| ${x.target} | ${x.runs} | ${x.results} | ${typed} | ${x.maxInput} | ${x.seconds.toFixed(1)} | ${Math.round(x.runs / x.seconds)} | ${(x.rssBefore / 1048576).toFixed(0)} → ${(x.rssAfter / 1048576).toFixed(0)} | ${codes} |`);
  }
  console.log('no input ended in an untyped exception');

  // Shapes that make a careless parser quadratic, at the 1 MiB body limit and at a quarter of it:
  // linear work takes about 4× as long for 4× the input, quadratic about 16×. Best of 5 runs each.
  console.log('');
  console.log('| adversarial input | 256 KiB ms | 1 MiB ms | ratio (linear ≈ 4, quadratic ≈ 16) |');
  console.log('|---|---:|---:|---:|');
  const shapes: Array<[string, (size: number) => string, (s: string) => unknown]> = [
    ['form: pieces without "=" (a&a&a…)', (size) => 'a&'.repeat(size / 2), (x) => parseFormEncoded(x)],
    ['form: one "=" at the very end', (size) => 'a&'.repeat(size / 2 - 1) + 'b=', (x) => parseFormEncoded(x)],
    ['form: "=" only (====…)', (size) => '='.repeat(size), (x) => parseFormEncoded(x)],
    ['percentDecode: "%41" repeated', (size) => '%41'.repeat(Math.floor(size / 3)), (x) => percentDecode(x)],
    ['header: many distinct empty parameters', (size) => {
      const names: string[] = [];
      for (let k = 0, length = 6; length < size; k++) { names.push(`p${k}=""`); length += names[k]!.length + 2; }
      return 'OAuth ' + names.join(', ');
    }, (x) => parseAuthorizationHeader(x)],
    ['header: one long quoted-pair value', (size) => 'OAuth a="' + '\\"'.repeat(Math.floor(size / 2) - 5) + '"', (x) => parseAuthorizationHeader(x)],
  ];
  let worst = 0;
  for (const [name, make, parse] of shapes) {
    const time = (size: number): number => {
      const input = make(size);
      let best = Infinity;
      for (let k = 0; k < 5; k++) {
        const t0 = process.hrtime.bigint();
        try { parse(input); } catch (e) { if (!isTypedError(e)) throw e; }
        best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
      }
      return best;
    };
    const small = time(256 * 1024);
    const large = time(1024 * 1024);
    const ratio = large / Math.max(small, 0.01);
    worst = Math.max(worst, ratio);
    console.log(`| ${name} | ${small.toFixed(1)} | ${large.toFixed(1)} | ${ratio.toFixed(1)} |`);
  }
  await hostileBodies();
  // Allocation-heavy shapes (500 000 pairs) reach 5–10× through garbage collection alone on this
  // machine; the quadratic form parser this table was written for took 16× (4.7 s at 1 MiB).
  if (worst > 12) throw new Error(`an adversarial input grew ${worst.toFixed(1)}× for 4× the size: quadratic work`);
}

/**
 * The cost of one unauthenticated hostile form body through verifyRequest with its default
 * options (body limit, parameter cap): what a request that fails every check costs the server
 * before it is refused. Median of 9 runs each, after 2 warm-up runs.
 */
async function hostileBodies(): Promise<void> {
  const opts: VerifyRequestOptions = {
    lookupConsumer: (k) => (k === FUZZ_CONSUMER.key ? { secret: FUZZ_CONSUMER.secret } : undefined),
    nonceStore: new MemoryNonceStore({ now: () => NOW * 1000 }),
    now: () => NOW * 1000,
  };
  const cases: Array<[string, string]> = [
    ['1 MiB `a&a&…` form body', 'a&'.repeat(512 * 1024)],
    ['64 KiB `a&a&…` form body', 'a&'.repeat(32 * 1024)],
    ['1,000 parameters of 60 bytes (about 64 KiB)', Array.from({ length: 1000 }, (_, i) => `p${String(i).padStart(4, '0')}=${'v'.repeat(54)}`).join('&').slice(0, 64 * 1024 - 1)],
    ['1,000 parameters of percent-escapes (about 64 KiB)', Array.from({ length: 1000 }, (_, i) => `p${String(i).padStart(4, '0')}=${'%E2%82%AC'.repeat(6)}`).join('&')],
  ];
  console.log('');
  console.log('| hostile form body through verifyRequest (default options) | bytes | median ms | outcome |');
  console.log('|---|---:|---:|---|');
  for (const [name, body] of cases) {
    const req = { method: 'POST', url: 'http://api.example.com/statuses/update', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
    const times: number[] = [];
    let result = '';
    for (let k = 0; k < 11; k++) {
      const t0 = process.hrtime.bigint();
      try { await verifyRequest(req, opts); result = 'accepted'; } catch (e) {
        if (!isTypedError(e)) throw e;
        result = e instanceof OAuthError && 'problem' in e ? `${String((e as { problem: string }).problem)} (${String((e as { status?: number }).status)})` : 'TypeError';
      }
      if (k >= 2) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${Buffer.byteLength(body)} | ${times[Math.floor(times.length / 2)]!.toFixed(2)} | ${result} |`);
  }
}

main().catch((e: unknown) => {
  console.error('bench:fuzz failed (an untyped exception, or quadratic work on an adversarial input):', e);
  process.exit(1);
});
