// Forensics benchmark: how long diagnoseSignature takes per captured request, over the forensics corpus.
//
// Run after a build: `npx tsc -p tsconfig.build.json && node dist/bench/forensics.bench.js [passes]`.
// Prints per-kind medians and 95th percentiles (wall time of one diagnosis, warmed up) and the
// number of distinct faulty signers run. Prints only; writes no file.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { diagnoseSignature, parseJsonRequests, getProfile } from '../src/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const text = readFileSync(resolve(ROOT, 'fixtures/forensics/corpus.jsonl'), 'utf8');
const labels = text.trim().split('\n').map((l) => JSON.parse(l) as { id: string; valid?: boolean; wrongSecret?: boolean; expectedPair?: string[] });
const requests = parseJsonRequests(text);
const publicKey = readFileSync(resolve(ROOT, 'fixtures/forensics/test-rsa-public.pem'), 'utf8');
const passes = Number(process.argv[2] ?? 5);

function run(i: number): number {
  const r = requests[i]!;
  const policy = r.provider === undefined ? 'none' : getProfile(r.provider).multipart.policy;
  return diagnoseSignature(r, { consumerSecret: r.consumerSecret, tokenSecret: r.tokenSecret, publicKey }, { multipartPolicy: policy }).variantsTried;
}

const kinds = new Map<string, number[]>();
const variants = new Map<string, number[]>();
requests.forEach((_, i) => run(i)); // warm-up
for (let p = 0; p < passes; p++) {
  requests.forEach((_, i) => {
    const l = labels[i]!;
    const kind = `${l.valid ? 'valid' : l.wrongSecret ? 'wrong secret (unexplained)' : l.expectedPair ? 'pair of mistakes' : 'one mistake'}${/oauth_signature_method="RSA/.test(requests[i]!.authorization ?? '') ? ', RSA' : ''}`;
    const t = performance.now();
    const n = run(i);
    const ms = performance.now() - t;
    kinds.set(kind, [...(kinds.get(kind) ?? []), ms]);
    variants.set(kind, [...(variants.get(kind) ?? []), n]);
  });
}

const pct = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
console.log(`diagnoseSignature over ${requests.length} corpus entries × ${passes} passes (Node ${process.version}, load average ${loadavg()[0]!.toFixed(2)})`);
for (const [kind, xs] of [...kinds].sort()) {
  const v = variants.get(kind)!;
  console.log(`  ${kind.padEnd(34)} n=${String(xs.length).padStart(4)}  median ${pct(xs, 0.5).toFixed(2)} ms  p95 ${pct(xs, 0.95).toFixed(2)} ms  signers run ~${Math.round(v.reduce((a, b) => a + b, 0) / v.length)}`);
}
