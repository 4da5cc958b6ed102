// Builds the debugger page into one self-contained file, dist/ui/index.html: the page's TypeScript bundled by esbuild, JS and CSS inlined, a hash-based CSP.

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file is src/tools/ui/build.ts). */
const ROOT = resolve(HERE, '../../..');
/** Where the page lands. */
export const UI_FILE = resolve(ROOT, 'dist/ui/index.html');

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The Content-Security-Policy of the page: only its own inline script and style (by hash), no network at all. */
export function contentSecurityPolicy(script: string, style: string): string {
  return [
    "default-src 'none'", `script-src ${sha256(script)}`, `style-src ${sha256(style)}`, "img-src 'none'", "connect-src 'none'",
    "font-src 'none'", "base-uri 'none'", "form-action 'none'", "object-src 'none'",
  ].join('; ');
}

/** Result of {@link buildUi}. */
export interface UiBuild {
  html: string;
  bytes: number;
  gzipBytes: number;
  file: string;
}

/** Bundles src/tools/ui/browser/page.ts for browsers and writes the self-contained page to `file`. */
export async function buildUi(file = UI_FILE): Promise<UiBuild> {
  const result = await build({
    entryPoints: [resolve(HERE, 'browser/page.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'es2022',
    minify: true, write: false, legalComments: 'none', charset: 'utf8', logLevel: 'silent',
  });
  // `</script` inside the bundle would end the element early.
  const script = result.outputFiles[0]!.text.replace(/<\/(script)/gi, '<\\/$1').trimEnd();
  const style = readFileSync(resolve(HERE, 'styles.css'), 'utf8').trim();
  const template = readFileSync(resolve(HERE, 'template.html'), 'utf8');
  const csp = contentSecurityPolicy(script, style);
  // Functions as replacements: `$` in the bundle must stay literal.
  const html = template.replace('%CSP%', () => csp).replace('%CSS%', () => style).replace('%JS%', () => script);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, html);
  return { html, bytes: Buffer.byteLength(html), gzipBytes: gzipSync(html, { level: 9 }).length, file };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildUi(process.argv[2] === undefined ? UI_FILE : resolve(process.argv[2]));
  console.log(`${built.file}: ${(built.bytes / 1024).toFixed(1)} KiB, ${(built.gzipBytes / 1024).toFixed(1)} KiB gzip`);
}
