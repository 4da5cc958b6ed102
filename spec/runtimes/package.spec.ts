// The packed tarball: every entry point loads with require() and import, and both sign the Twitter example.

import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../tools/cli/helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRIES = ['oauth1-toolkit', 'oauth1-toolkit/core', 'oauth1-toolkit/client', 'oauth1-toolkit/server', 'oauth1-toolkit/forensics', 'oauth1-toolkit/redis'];

const twitter = JSON.parse(readFileSync(join(ROOT, 'fixtures/twitter.json'), 'utf8')) as { vectors: Array<{ id: string; input: unknown; expected: { signature: string } }> };
const TWITTER = twitter.vectors.find((v) => v.id === 'twitter-legacy-sign')!;

/** The relative imports of a built module, followed through the whole graph; returns every bare specifier reached. */
function bareImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) walk(resolve(dirname(file), spec));
      else bare.add(spec);
    }
  };
  walk(entry);
  return bare;
}

describe('the packed package (npm pack), installed into a project: require() and import on Node >= 20.19', function () {
  this.timeout(120_000);
  let project: string;
  before(() => {
    ensureBuilt();
    // Inside node_modules so that the package's own dependencies (got, busboy…) resolve from this checkout: nothing is downloaded.
    project = mkdtempSync(join(ROOT, 'node_modules', '.oauth1-pack-'));
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', project], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    const into = join(project, 'node_modules', 'oauth1-toolkit');
    mkdirSync(into, { recursive: true });
    execFileSync('tar', ['-xzf', join(project, tarball), '-C', into, '--strip-components=1']);
    expect(existsSync(join(into, 'dist/src/core/index.js'))).to.equal(true);
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  const node = (code: string, type: 'commonjs' | 'module'): string => {
    const out = spawnSync(process.execPath, ['--input-type=' + type, '-e', code], { cwd: project, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`node exited ${out.status}: ${out.stderr}`);
    return out.stdout.trim();
  };

  for (const entry of ENTRIES) {
    it(`require('${entry}') and import('${entry}') give the same exports`, () => {
      const required = node(`console.log(Object.keys(require(${JSON.stringify(entry)})).sort().join(','))`, 'commonjs');
      const imported = node(`console.log(Object.keys(await import(${JSON.stringify(entry)})).filter((k) => k !== 'default').sort().join(','))`, 'module');
      expect(required.split(',').filter((k) => k !== '__esModule' && k !== 'module.exports')).to.deep.equal(imported.split(','));
      expect(imported.length).to.be.greaterThan(0);
    });
  }

  it("require('oauth1-toolkit') and import both sign the Twitter example; so do require/import of oauth1-toolkit/core (async)", () => {
    const input = JSON.stringify(TWITTER.input);
    expect(node(`console.log(require('oauth1-toolkit').signRequest(${input}).signature)`, 'commonjs')).to.equal(TWITTER.expected.signature);
    expect(node(`const { signRequest } = await import('oauth1-toolkit'); console.log(signRequest(${input}).signature)`, 'module')).to.equal(TWITTER.expected.signature);
    expect(node(`require('oauth1-toolkit/core').signRequestAsync(${input}).then((s) => console.log(s.signature))`, 'commonjs')).to.equal(TWITTER.expected.signature);
    expect(node(`const { signRequestAsync } = await import('oauth1-toolkit/core'); console.log((await signRequestAsync(${input})).signature)`, 'module')).to.equal(TWITTER.expected.signature);
  });

  it('only oauth1-toolkit/redis reaches @redis/client; oauth1-toolkit/core reaches no package and no node: module', () => {
    const dist = join(project, 'node_modules', 'oauth1-toolkit', 'dist', 'src');
    expect([...bareImports(join(dist, 'core/index.js'))]).to.deep.equal([]);
    for (const e of ['index.js', 'client/index.js', 'server/index.js', 'forensics/index.js']) {
      expect([...bareImports(join(dist, e))].filter((s) => s.includes('redis')), e).to.deep.equal([]);
    }
    expect([...bareImports(join(dist, 'server/redis.js'))]).to.include('@redis/client');
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules/oauth1-toolkit/package.json'), 'utf8')) as { dependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional: boolean }> };
    expect(Object.keys(pkg.dependencies)).not.to.include('redis');
    expect(pkg.peerDependenciesMeta['@redis/client']?.optional).to.equal(true);
  });
});
