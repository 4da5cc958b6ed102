// Bundles spec/runtimes/runner.ts for the other runtimes, with src/core replaced by the built package entry oauth1-toolkit/core.

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const require = createRequire(import.meta.url);

/** Points the runner's `../../src/core/index.js` at what `oauth1-toolkit/core` resolves to (dist/src/core/index.js). */
const packageEntry: Plugin = {
  name: 'oauth1-toolkit-core-entry',
  setup(b) {
    b.onResolve({ filter: /\/src\/core\/index\.js$/ }, () => ({ path: require.resolve('oauth1-toolkit/core') }));
  },
};

/** The runner and oauth1-toolkit/core as one ES module for a neutral platform (no Node built-ins allowed). */
export async function bundleRunner(footer = ''): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./runner.ts', import.meta.url))],
    bundle: true, write: false, format: 'esm', platform: 'neutral', target: 'es2022', logLevel: 'silent',
    plugins: [packageEntry],
    footer: footer === '' ? undefined : { js: footer },
  });
  return result.outputFiles[0]!.text;
}
