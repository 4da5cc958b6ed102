// How long a diagnosis takes inside the debugger page, in headless Chromium (target ≤ 100 ms for a typical request).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../spec/helpers/chromium.js';
import { buildUi } from '../src/tools/ui/build.js';
import { startUiServer } from '../src/tools/cli/commands/ui.js';
import { corpusLines, diagnoseInPage, inForm } from '../spec/tools/ui/corpus-forms.js';
import { CORPUS_DIR } from '../spec/forensics/corpus-signer.js';

const ROUNDS = 5;

const built = await buildUi();
console.log(`page: ${(built.bytes / 1024).toFixed(1)} KiB, ${(built.gzipBytes / 1024).toFixed(1)} KiB gzip (${built.file})`);
const server = await startUiServer(built.html);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  const publicKey = readFileSync(resolve(CORPUS_DIR, 'test-rsa-public.pem'), 'utf8');
  const lines = corpusLines().filter(({ line }) => line.multipart === undefined);
  const groups: Record<string, number[]> = { valid: [], 'named mistake': [], unexplained: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const { line, text } of lines) {
      const got = await diagnoseInPage(page, inForm(line, text, 'http'), { cs: line.consumerSecret ?? '', ts: line.tokenSecret ?? '' }, publicKey);
      if (round === 0) continue; // warm-up round
      groups[got.valid ? 'valid' : got.first !== null ? 'named mistake' : 'unexplained']!.push(got.ms);
    }
  }
  const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  for (const [name, xs] of Object.entries(groups)) {
    if (xs.length === 0) continue;
    console.log(`${name.padEnd(14)} n=${String(xs.length).padStart(4)}  median ${pct(xs, 0.5).toFixed(1)} ms  p95 ${pct(xs, 0.95).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms`);
  }
} finally {
  await browser.close();
  await server.close();
}
