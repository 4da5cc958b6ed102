// Test helper: runs the built `oauth1` binary asynchronously, so an in-process sandbox can answer it meanwhile.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN, ROOT, ensureBuilt } from './helpers.js';

/** A running `oauth1` child with its output collected as it arrives. */
export interface CliChild {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stderr line matching `pattern` (rejects after `timeoutMs`). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the first stdout match. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
}

/** Starts `node dist/src/tools/cli/main.js …args` with only PATH and HOME (plus `env`) in its environment. */
export function startCli(args: ReadonlyArray<string>, env: Record<string, string> = {}): CliChild {
  ensureBuilt();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env } });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  const poke = (): void => { for (const w of [...waiters]) w(); };
  child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; poke(); });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; poke(); });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => { poke(); resolve(code); }));
  const waitFor = (get: () => string, name: string) => (pattern: RegExp, timeoutMs = 15_000): Promise<RegExpExecArray> => new Promise((resolve, reject) => {
    const check = (): void => {
      const m = pattern.exec(get());
      if (m) { done(); resolve(m); } else if (child.exitCode !== null) { done(); reject(new Error(`oauth1 exited (${child.exitCode}) before ${name} matched ${pattern}; stdout: ${out} stderr: ${err}`)); }
    };
    const timer = setTimeout(() => { done(); reject(new Error(`timed out waiting for ${name} to match ${pattern}; stdout: ${out} stderr: ${err}`)); }, timeoutMs);
    const done = (): void => { clearTimeout(timer); waiters.splice(waiters.indexOf(check), 1); };
    waiters.push(check);
    check();
  });
  return { child, stdout: () => out, stderr: () => err, waitForStderr: waitFor(() => err, 'stderr'), waitForStdout: waitFor(() => out, 'stdout'), exited };
}
