// diagnoseSignature over the forensics corpus: requests signed wrongly by an independent signer (fixtures/forensics/corpus.jsonl).

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnoseSignature } from '../../src/forensics/diagnose.js';
import { parseJsonRequests } from '../../src/forensics/inputs/index.js';
import { MISTAKE_IDS } from '../../src/forensics/catalogue.js';
import { getProfile } from '../../src/providers/index.js';
import { CORPUS_DIR, CORPUS_FILE, SCENARIOS, corpusJsonLines, signScenario, type CorpusEntry, type Mistake } from './corpus-signer.js';

const THRESHOLD = 0.95;

describe('forensics corpus (fixtures/forensics/corpus.jsonl)', () => {
  const text = readFileSync(CORPUS_FILE, 'utf8');
  const labels = text.trim().split('\n').map((l) => JSON.parse(l) as CorpusEntry);
  const requests = parseJsonRequests(text);
  const publicKey = readFileSync(resolve(CORPUS_DIR, 'test-rsa-public.pem'), 'utf8');
  const cache = new Map<number, ReturnType<typeof diagnoseSignature>>();
  const diagnose = (i: number): ReturnType<typeof diagnoseSignature> => {
    const hit = cache.get(i);
    if (hit !== undefined) return hit;
    const r = requests[i]!;
    const policy = r.provider === undefined ? undefined : getProfile(r.provider).multipart.policy;
    const d = diagnoseSignature(r, { consumerSecret: r.consumerSecret, tokenSecret: r.tokenSecret, publicKey }, policy === undefined ? {} : { multipartPolicy: policy });
    cache.set(i, d);
    return d;
  };

  it('the committed corpus is exactly what spec/forensics/corpus-signer.ts generates', () => {
    expect(text).to.equal(corpusJsonLines());
  });

  it('covers every catalogue id with at least 4 wrongly signed requests, plus correct and wrong-secret ones', () => {
    // Issue 15's library mistakes have their own corpus, signed by the real libraries (library-corpus.spec.ts).
    const LIBRARY_CORPUS = new Set(['node-oauth-indexed-keys', 'duplicates-collapsed', 'json-body-as-form', 'empty-token-mismatch', 'postman-empty-params-signed', 'php-brackets-unencoded', 'header-values-unencoded']);
    for (const id of MISTAKE_IDS.filter((m) => !LIBRARY_CORPUS.has(m))) {
      const n = labels.filter((l) => l.expectedMistake?.[0] === id).length;
      expect(n, id).to.be.at.least(4);
    }
    expect(labels.filter((l) => l.valid).length).to.be.at.least(20);
    expect(labels.filter((l) => l.wrongSecret).length).to.be.at.least(20);
    for (const l of labels) expect(l.source, l.id).to.match(/^corpus-signer\.ts: /);
  });

  it('diagnoseSignature accepts every correctly signed request', () => {
    const rejected = labels.map((l, i) => (l.valid && !diagnose(i).valid ? l.id : undefined)).filter(Boolean);
    expect(rejected).to.deep.equal([]);
  });

  it('diagnoseSignature rejects every wrong-secret request and leaves it unexplained', () => {
    labels.forEach((l, i) => {
      if (!l.wrongSecret) return;
      const d = diagnose(i);
      expect(d.valid, l.id).to.equal(false);
      expect(d.explanations.map((e) => e.mistakes.join('+')), l.id).to.deep.equal([]);
    });
  });

  it(`diagnoseSignature names the right mistake first for at least ${THRESHOLD * 100}% of the mistaken requests`, () => {
    let right = 0;
    let total = 0;
    const misses: string[] = [];
    const perId = new Map<string, [number, number]>();
    labels.forEach((l, i) => {
      if (l.expectedMistake === undefined) return;
      const d = diagnose(i);
      expect(d.valid, l.id).to.equal(false);
      total++;
      const first = d.explanations[0]?.mistakes;
      const ok = first !== undefined && first.length === 1 && l.expectedMistake.includes(first[0]!);
      const [r, t] = perId.get(l.expectedMistake[0]!) ?? [0, 0];
      perId.set(l.expectedMistake[0]!, [r + (ok ? 1 : 0), t + 1]);
      if (ok) right++;
      else misses.push(`${l.id}: got ${d.explanations.map((e) => e.mistakes.join('+')).join(', ') || 'unexplained'}`);
    });
    const score = right / total;
    console.log(`      corpus score: ${right}/${total} mistaken requests named right first (${(score * 100).toFixed(1)}%)`);
    for (const [id, [r, t]] of perId) if (r !== t) console.log(`        ${id}: ${r}/${t}`);
    if (misses.length > 0) console.log('        misses:\n          ' + misses.join('\n          '));
    expect(total).to.be.greaterThan(100);
    expect(score).to.be.at.least(THRESHOLD);
  });

  it('diagnoseSignature names both mistakes of every pair entry first, and the pair\'s base string is the one signed', () => {
    let right = 0;
    let total = 0;
    const misses: string[] = [];
    labels.forEach((l, i) => {
      if (l.expectedPair === undefined) return;
      total++;
      const d = diagnose(i);
      expect(d.valid, l.id).to.equal(false);
      const first = d.explanations[0];
      if (first !== undefined && [...first.mistakes].sort().join('+') === [...l.expectedPair].sort().join('+')) {
        right++;
        const [name] = l.id.split('/').slice(1);
        const index = SCENARIOS.findIndex((s) => s.name === name);
        const theirs = signScenario(SCENARIOS[index]!, index, { mistake: l.expectedPair[0] as Mistake, also: l.expectedPair[1] as Mistake, unsortedOrder: 'as-sent' });
        expect(first.baseString, l.id).to.equal(theirs.baseString);
      } else {
        misses.push(`${l.id}: got ${d.explanations.map((e) => e.mistakes.join('+')).join(', ') || 'unexplained'}`);
      }
    });
    console.log(`      corpus pair score: ${right}/${total} pair entries named right first`);
    if (misses.length > 0) console.log('        misses:\n          ' + misses.join('\n          '));
    expect(total).to.be.at.least(20);
    expect(right / total).to.be.at.least(THRESHOLD);
  });

  it('the base string of each right first explanation is the one the independent signer signed', () => {
    let compared = 0;
    labels.forEach((l, i) => {
      if (l.expectedMistake === undefined) return;
      const e = diagnose(i).explanations[0];
      const [mistake, name] = l.id.split('/') as [Mistake, string];
      if (e === undefined || e.mistakes.length !== 1 || e.mistakes[0] !== mistake) return;
      const index = SCENARIOS.findIndex((s) => s.name === name);
      const order = /\(order: (as-sent|oauth-first)\)/.exec(l.source)?.[1] as 'as-sent' | 'oauth-first' | undefined;
      const theirs = signScenario(SCENARIOS[index]!, index, { mistake, ...(order ? { unsortedOrder: order } : {}) });
      expect(e.baseString, l.id).to.equal(theirs.baseString);
      const correct = signScenario(SCENARIOS[index]!, index).baseString;
      expect(e.firstDifference === null, l.id).to.equal(theirs.baseString === correct);
      compared++;
    });
    expect(compared).to.be.greaterThan(100);
  });
});
