// Benchmark report writer: replaces one `## Title` section of docs/benchmarks.md, keeping the others.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root, whether this file runs from `bench/` (tsx) or from `dist/bench/` (built). */
export const repoRoot = existsSync(resolve(here, '../package.json')) ? resolve(here, '..') : resolve(here, '../..');

/** The benchmark report every bench writes its section into. */
export const BENCHMARKS_FILE = resolve(repoRoot, 'docs/benchmarks.md');

/**
 * Replace the `## title` section of the benchmark report with `markdown` (or append it when the
 * section is missing); every other section is kept byte for byte. Returns the file written.
 *
 * @example
 * ```ts
 * const file = writeBenchmarkSection('Signing', '| case | median |\n|---|---:|\n| twitter | 1.2 |');
 * console.log(`wrote ${file}`);
 * ```
 */
export function writeBenchmarkSection(title: string, markdown: string, file: string = BENCHMARKS_FILE): string {
  mkdirSync(dirname(file), { recursive: true });
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const heading = `\n## ${title}\n`;
  const start = doc.indexOf(heading);
  const section = heading + '\n' + markdown.trim() + '\n';
  if (start === -1) {
    doc = doc.replace(/\s*$/, '\n') + section;
  } else {
    const next = doc.indexOf('\n## ', start + 1);
    doc = doc.slice(0, start) + section + (next === -1 ? '' : doc.slice(next));
  }
  writeFileSync(file, doc);
  return file;
}
