// Where the npm packages `deno`, `bun` and `workerd` put their binaries (npm may skip install scripts: look in each place).

import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CANDIDATES: Record<string, string[]> = {
  deno: ['node_modules/deno/deno', 'node_modules/@deno/linux-x64-glibc/deno', 'node_modules/@deno/linux-arm64-glibc/deno'],
  bun: ['node_modules/bun/bin/bun.exe', 'node_modules/@oven/bun-linux-x64/bin/bun', 'node_modules/@oven/bun-linux-x64-baseline/bin/bun', 'node_modules/@oven/bun-linux-aarch64/bin/bun'],
};

/**
 * The path of the `deno` or `bun` binary installed from npm, checked by running `--version`.
 *
 * @throws Error naming every place looked in — never a silent skip.
 */
export function runtimeBinary(name: 'deno' | 'bun'): string {
  const tried: string[] = [];
  for (const rel of CANDIDATES[name]!) {
    const path = ROOT + rel;
    if (!existsSync(path)) { tried.push(`${rel} (absent)`); continue; }
    try {
      execFileSync(path, ['--version'], { stdio: 'pipe', timeout: 30_000 });
      return path;
    } catch (e) {
      tried.push(`${rel} (${(e as Error).message.split('\n')[0]})`);
    }
  }
  throw new Error(`${name} is not runnable from node_modules: run npm install (the devDependency "${name}" ships it). Looked in: ${tried.join('; ')}`);
}
