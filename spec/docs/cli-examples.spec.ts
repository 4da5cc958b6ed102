// Every `oauth1` command shown in README.md and docs/*.md runs against the sandbox on 127.0.0.1 without a usage error or a stack trace.
// A block preceded by `<!-- oauth1-example: not runnable (reason) -->` is left out (real providers, your own files, a browser).

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { shellWords } from '../../src/forensics/inputs/index.js';
import { startCli } from '../tools/cli/async-run.js';
import { ROOT, ensureBuilt } from '../tools/cli/helpers.js';
import { docFiles } from './doc-files.js';

const NOT_RUNNABLE = /<!--\s*oauth1-example:\s*not runnable\b[^>]*-->\s*$/;

/** One command from the docs: where it is and its words (after `oauth1`), with leading VAR=value assignments. */
interface CliExample { file: string; line: number; words: string[]; env: Record<string, string> }

/** The `oauth1 …` commands of the shell blocks of one page (output lines such as `oauth1 sign: warning…` skipped). */
function cliExamples(file: string): { runnable: CliExample[]; skipped: number } {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const runnable: CliExample[] = [];
  let skipped = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(sh|console|shell|bash|text)\s*$/.test(lines[i]!)) continue;
    const marked = i > 0 && (NOT_RUNNABLE.test(lines[i - 1]!) || (lines[i - 1] === '' && i > 1 && NOT_RUNNABLE.test(lines[i - 2]!)));
    let j = i + 1;
    for (; j < lines.length && !/^```\s*$/.test(lines[j]!); j++) {
      const m = /^(?:\$ )?((?:[A-Z0-9_]+=\S+ )*)oauth1 (?![a-z]+(?: \([^)]*\))?:)(.*)$/.exec(lines[j]!);
      if (m === null) continue;
      const start = j;
      let text = m[2]!;
      while (text.endsWith('\\') && j + 1 < lines.length) text = text.slice(0, -1) + ' ' + lines[++j]!.trim();
      if (marked) { skipped++; continue; }
      text = text.replace(/\s{2,}#\s.*$/, '').replace(/\s+#\s[^'"]*$/, '').replace(/\s*&\s*$/, '');
      const env: Record<string, string> = {};
      for (const a of m[1]!.trim().split(' ').filter(Boolean)) env[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
      // What follows a pipe or a redirection is the shell's business, not the example's.
      const words = shellWords(text);
      const cut = words.findIndex((w) => /^(\||>|>>|2>|<|&&|;)$/.test(w));
      runnable.push({ file, line: start + 1, words: cut === -1 ? words : words.slice(0, cut), env });
    }
    i = j;
  }
  return { runnable, skipped };
}

describe('every oauth1 command in the docs runs against the sandbox', function () {
  this.timeout(180_000);
  before(() => ensureBuilt());
  let sb: SandboxProvider;
  before(async () => {
    sb = await createSandboxProvider({ provider: 'weibo-v1', autoApprove: true, tokens: [{ token: 'demo-token', tokenSecret: 'demo-secret' }] });
  });
  after(async () => { await sb.close(); });

  const pages = docFiles().map((f) => ({ file: f, ...cliExamples(f) }));
  it('finds commands to run, and few are marked not runnable', () => {
    // The provider guides talk to real services and are mostly marked; the ratio is over the general pages.
    const general = pages.filter((p) => !p.file.startsWith('docs/providers/'));
    const run = general.reduce((n, p) => n + p.runnable.length, 0);
    const skipped = general.reduce((n, p) => n + p.skipped, 0);
    expect(run).to.be.greaterThan(5);
    expect(skipped, 'commands marked not runnable').to.be.lessThan(run);
  });
  for (const page of pages) {
    for (const ex of page.runnable) {
      it(`${ex.file}:${ex.line} oauth1 ${ex.words.join(' ').slice(0, 60)}`, async () => {
        const local = (w: string): string => w.replace(/http:\/\/127\.0\.0\.1:8765/g, sb.url).replace(/^…$/, 'x');
        const words = ex.words.map(local);
        const longRunning = words[0] === 'serve' || words[0] === 'ui';
        if (longRunning) { const p = words.indexOf('--port'); if (p !== -1) words[p + 1] = '0'; }
        // The token secret only with a token: alone it is refused (OAUTH1_TOKEN_SECRET left exported).
        const env: Record<string, string> = { OAUTH1_CONSUMER_SECRET: sb.consumerSecret, ...(words.includes('--token') ? { OAUTH1_TOKEN_SECRET: 'demo-secret' } : {}), ...ex.env };
        for (const [k, v] of Object.entries(env)) if (v === '…') env[k] = k === 'OAUTH1_CONSUMER_SECRET' ? sb.consumerSecret : 'demo-secret';
        const cli = startCli(words, env);
        if (words[0] === 'serve') { await cli.waitForStdout(/press Ctrl-C to stop\n/); cli.child.kill('SIGTERM'); }
        // `oauth1 ui` prints its address first and serves until stopped (with --open and no browser it says so and keeps serving).
        if (words[0] === 'ui') { await cli.waitForStdout(/^debugger on http:\/\/127\.0\.0\.1:\d+\//); cli.child.kill('SIGTERM'); }
        cli.child.stdin.end();
        const exit = await cli.exited;
        const out = cli.stdout() + cli.stderr();
        expect(out, out).to.not.match(/^\s+at /m);
        expect(out, out).to.not.include('ERR_OAUTH_CLI_USAGE');
        expect(exit, out).to.be.oneOf([0, 1]);
      });
    }
  }
});
