// oauth1-toolkit/core bundled with esbuild for a neutral platform: no Node built-in, at most 12 KiB min+gzip.

import { expect } from 'chai';
import { createRequire, builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
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
});
