// The documentation pages the docs specs read: README.md, docs/*.md and docs/providers/*.md.

import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** README.md, docs/*.md and the provider guides docs/providers/*.md (docs/api is generated from the TSDoc and left out). */
export function docFiles(): string[] {
  const pages = (dir: string): string[] => readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.md')).sort().map((n) => `${dir}/${n}`);
  return ['README.md', ...pages('docs'), ...pages('docs/providers')];
}
