// oauth1-toolkit/core bundled with esbuild for a neutral platform: no Node built-in, at most 12 KiB min+gzip.

import { expect } from 'chai';
import { createRequire, builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { ensureBuilt } from '../tools/cli/helpers.js';

const require = createRequire(import.meta.url);
const BUILTINS = new Set(builtinModules);
const LIMIT = 12 * 1024;

/** Bundles `contents` (an ES module) for platform 'neutral', minified; returns the code and every Node built-in it asked for. */
async function bundleNeutral(contents: string): Promise<{ code: string; builtins: string[]; errors: string[] }> {
  const builtins: string[] = [];
  const record: Plugin = {
    name: 'record-node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, '').split('/')[0]!;
        if (args.path.startsWith('node:') || BUILTINS.has(args.path) || BUILTINS.has(bare) && !args.path.startsWith('.')) {
          builtins.push(args.path);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true, write: false, minify: true, format: 'esm', platform: 'neutral', target: 'es2022', logLevel: 'silent',
    plugins: [record],
  }).catch((e: { errors?: Array<{ text: string }> }) => ({ outputFiles: undefined, errors: e.errors ?? [] }));
  return { code: result.outputFiles?.[0]?.text ?? '', builtins, errors: result.errors.map((e) => e.text) };
}

describe('oauth1-toolkit/core as a browser/Workers bundle (esbuild, platform neutral)', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('the check itself catches a module that imports a Node built-in', async () => {
    const { builtins } = await bundleNeutral("import { createHmac } from 'node:crypto'; import { Buffer } from 'buffer'; export { createHmac, Buffer };");
    expect(builtins).to.deep.equal(['node:crypto', 'buffer']);
  });

  it('bundles with no Node built-in, no error, and at most 12 KiB min+gzip', async () => {
    const entry = require.resolve('oauth1-toolkit/core');
    expect(entry).to.match(/dist\/src\/core\/index\.js$/);
    const { code, builtins, errors } = await bundleNeutral(`export * from ${JSON.stringify(entry)};`);
    expect(errors).to.deep.equal([]);
    expect(builtins).to.deep.equal([]);
    expect(code).not.to.match(/\brequire\(/);
    const gz = gzipSync(code, { level: 9 }).length;
    console.log(`      oauth1-toolkit/core: ${code.length} bytes minified, ${gz} bytes min+gzip (limit ${LIMIT})`);
    expect(gz).to.be.at.most(LIMIT);
  });

  it('its type declarations compile for a browser/Workers project: no Node types (types: []), lib DOM, skipLibCheck off', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oauth1-core-types-'));
    try {
      const entry = require.resolve('oauth1-toolkit/core').replace(/\.js$/, '.d.ts');
      writeFileSync(join(dir, 'app.ts'), [
        "import { signRequestAsync, verifySignatureAsync, percentEncode, OAuthError, type SignedRequest } from 'oauth1-toolkit/core';",
        "const signed: Promise<SignedRequest> = signRequestAsync({ method: 'GET', url: 'https://example.com/', consumerKey: 'k', consumerSecret: 's' });",
        "void signed.then((s) => verifySignatureAsync({ method: s.method, url: s.url, authorization: s.authorization }, { consumerSecret: 's' }));",
        "export const e: string = percentEncode('a b') + String(new OAuthError('ERR_OAUTH_REQUEST_INVALID', 'x').code);",
      ].join('\n'));
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM'], types: [], strict: true, noEmit: true, skipLibCheck: false, paths: { 'oauth1-toolkit/core': [entry] } },
        files: ['app.ts'],
      }));
      const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
      expect(tsc.stdout + tsc.stderr).to.equal('');
      expect(tsc.status).to.equal(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
