// Test helpers for the CLI specs: build dist/ when stale, run the built `oauth1` binary, load fixtures/cli/<case>/.

import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The built CLI entry point (the package's `bin`). */
export const BIN = join(ROOT, 'dist/src/tools/cli/main.js');
const CASES = join(ROOT, 'fixtures/cli');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return path.endsWith('.ts') || path.endsWith('.json') ? st.mtimeMs : 0;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Runs `tsc -p tsconfig.build.json` when dist/ is older than any source file. tsc still emits when
 * another module has type errors; then the CLI specs run against what was emitted and a warning is
 * printed (the type check itself is `npm run typecheck`'s job).
 */
export function ensureBuilt(): void {
  const built = existsSync(BIN) ? statSync(BIN).mtimeMs : 0;
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'package.json')), newestMtime(join(ROOT, 'tsconfig.build.json')));
  if (built >= sources) return;
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(BIN) || statSync(BIN).mtimeMs < sources) {
    throw new Error(`build failed (tsc exit ${tsc.status}):\n${tsc.stdout}${tsc.stderr}`);
  }
  if (tsc.status !== 0) console.warn(`warning: tsc reported errors (exit ${tsc.status}); testing the emitted JavaScript:\n${tsc.stdout.split('\n').slice(0, 10).join('\n')}`);
}

/** The outcome of one run of the binary. */
export interface CliRun {
  stdout: string;
  stderr: string;
  exit: number | null;
}

/**
 * Runs `node dist/src/tools/cli/main.js …args` from the repository root with a clean environment
 * (only PATH and HOME, plus `env`), so OAUTH1_* variables of the test runner never leak in.
 */
export function runCli(args: ReadonlyArray<string>, options: { stdin?: string; env?: Record<string, string> } = {}): CliRun {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...options.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, input: options.stdin ?? '', encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, exit: r.status };
}

/** One expected run: fixtures/cli/<name>/{args.json, stdin?, env.json?, stdout, stderr, exit}. */
export interface CliCase {
  name: string;
  args: string[];
  stdin?: string;
  env?: Record<string, string>;
  stdout: string;
  stderr: string;
  exit: number;
}

function version(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Expected files may say `{{version}}` for the package version. */
function expand(text: string): string {
  return text.split('{{version}}').join(version());
}

/** Loads every case folder under fixtures/cli/ whose name starts with `prefix`, sorted by name. */
export function loadCliCases(prefix: string): CliCase[] {
  return readdirSync(CASES).filter((n) => n.startsWith(prefix) && statSync(join(CASES, n)).isDirectory()).sort().map((name) => {
    const dir = join(CASES, name);
    const read = (file: string): string | undefined => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : undefined);
    const args = JSON.parse(read('args.json') ?? 'null') as unknown;
    if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) throw new Error(`fixtures/cli/${name}/args.json must be a list of strings`);
    const exit = Number((read('exit') ?? '').trim());
    if (!Number.isInteger(exit)) throw new Error(`fixtures/cli/${name}/exit must hold the exit code`);
    const c: CliCase = { name, args, stdout: expand(read('stdout') ?? ''), stderr: expand(read('stderr') ?? ''), exit };
    const stdin = read('stdin');
    if (stdin !== undefined) c.stdin = stdin;
    const env = read('env.json');
    if (env !== undefined) c.env = JSON.parse(env) as Record<string, string>;
    return c;
  });
}

/** Runs one fixture case: its args, with its stdin and env when the case folder has them. */
export function runCliCase(c: CliCase): CliRun {
  return runCli(c.args, { ...(c.stdin === undefined ? {} : { stdin: c.stdin }), ...(c.env === undefined ? {} : { env: c.env }) });
}

/**
 * Inside a `describe`: one test that fixtures/cli/<prefix>* is not empty, then one test per case
 * that the built binary's stderr, stdout and exit code equal the case's expected files.
 */
export function itMatchesCliCases(prefix: string): void {
  const cases = loadCliCases(prefix);
  it(`has expected-output cases in fixtures/cli/${prefix}*`, () => {
    expect(cases.length).to.be.greaterThan(0);
  });
  for (const c of cases) {
    it(`oauth1 ${c.args.join(' ').slice(0, 70)} matches fixtures/cli/${c.name}`, () => {
      const r = runCliCase(c);
      expect(r.stderr, 'stderr').to.equal(c.stderr);
      expect(r.stdout, 'stdout').to.equal(c.stdout);
      expect(r.exit, 'exit code').to.equal(c.exit);
    });
  }
}
