// Every ```ts example in README.md and docs/*.md (not docs/api) compiles under --strict against the package's src/ (the import 'oauth1-toolkit' mapped to src/index.ts).

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { docFiles } from './doc-files.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One ```ts block: where it is and its text. */
export interface DocExample { file: string; line: number; code: string }

/** The fenced blocks of `lang` in a Markdown text, with the line each starts on. */
export function fencedBlocks(file: string, text: string, lang: RegExp): DocExample[] {
  const out: DocExample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (open === null) continue;
    const start = i;
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j]!)) j++;
    if (lang.test(open[1]!)) out.push({ file, line: start + 1, code: lines.slice(start + 1, j).join('\n') });
    i = j;
  }
  return out;
}

function compile(examples: DocExample[]): Map<DocExample, string[]> {
  const names = new Map<string, DocExample>();
  const sources = new Map<string, string>();
  examples.forEach((ex, i) => {
    const name = join(ROOT, `__doc_example_${i}.ts`);
    names.set(name, ex);
    // Each example is its own module, so top-level await and repeated names are allowed.
    sources.set(name, `${ex.code}\nexport {};\n`);
  });
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, types: ['node'],
    baseUrl: ROOT, paths: { 'oauth1-toolkit': ['src/index.ts'], 'oauth1-toolkit/*': ['src/*'] },
    allowUnusedLabels: true, noUnusedLocals: false, noUnusedParameters: false,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => sources.get(f) ?? readFile(f);
  host.fileExists = (f) => sources.has(f) || fileExists(f);
  host.getSourceFile = (f, v, onError, create) => (sources.has(f) ? ts.createSourceFile(f, sources.get(f)!, v, true) : getSourceFile(f, v, onError, create));
  const program = ts.createProgram([...sources.keys()], options, host);
  const errors = new Map<DocExample, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const ex = d.file === undefined ? undefined : names.get(d.file.fileName);
    if (ex === undefined) continue;
    const at = d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line;
    const list = errors.get(ex) ?? [];
    list.push(`${ex.file}:${ex.line + 1 + at}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    errors.set(ex, list);
  }
  return errors;
}

/**
 * Pages whose examples are still fragments (names declared nowhere): their owners make them
 * whole, then take them off this list. A test below fails once a listed page compiles, so the
 * list cannot go stale.
 */
const FRAGMENT_PAGES = new Set(['docs/errors.md', 'docs/flow.md', 'docs/lti.md', 'docs/sandbox.md', 'docs/signing.md', 'docs/verify-request.md']);

describe('TypeScript examples in README.md and docs/*.md compile under --strict', function () {
  this.timeout(180_000);
  const all = docFiles().flatMap((f) => fencedBlocks(f, readFileSync(join(ROOT, f), 'utf8'), /^(ts|typescript)$/));
  const examples = all.filter((ex) => !FRAGMENT_PAGES.has(ex.file));
  let errors: Map<DocExample, string[]>;
  before(() => { errors = compile(all); });

  for (const page of FRAGMENT_PAGES) {
    it(`${page} is still listed as holding fragments only while one of its examples does not compile`, () => {
      expect(all.some((ex) => ex.file === page && errors.has(ex)), `${page} compiles now: remove it from FRAGMENT_PAGES`).to.equal(true);
    });
  }

  it('finds TypeScript examples to compile', () => {
    expect(examples.length).to.be.greaterThan(3);
  });
  for (const ex of examples) {
    it(`${ex.file}:${ex.line} compiles`, () => {
      expect(errors.get(ex) ?? [], (errors.get(ex) ?? []).join('\n')).to.deep.equal([]);
    });
  }
});
