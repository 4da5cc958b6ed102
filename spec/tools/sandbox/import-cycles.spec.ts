// The sandbox and demo modules import one way: no cycle (routes ↔ upload, demo ↔ demo-upload were the last two).

import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';

/** Relative imports of each module under `dirs`, resolved to .ts paths. */
function importGraph(dirs: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const file = join(dir, name);
      const deps = [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)]
        .map((m) => relative(process.cwd(), resolve(dirname(file), m[1]!)).replace(/\.js$/, '.ts'))
        .filter((t) => existsSync(t));
      graph.set(file, deps);
    }
  }
  return graph;
}

function cyclesOf(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const visit = (node: string, stack: string[]): void => {
    const at = stack.indexOf(node);
    if (at !== -1) { found.push([...stack.slice(at), node].join(' -> ')); return; }
    if (done.has(node) || !graph.has(node)) return;
    stack.push(node);
    for (const d of graph.get(node)!) visit(d, stack);
    stack.pop();
    done.add(node);
  };
  for (const node of graph.keys()) visit(node, []);
  return found;
}

describe('sandbox and demo module graph', () => {
  it('has no import cycle (type-only imports included)', () => {
    expect(cyclesOf(importGraph(['src/tools/sandbox', 'src/tools/demo']))).to.deep.equal([]);
  });
});
