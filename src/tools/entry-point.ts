// Entry-point check: is this module the script Node was started with (`node file.js`, or via a bin symlink)?

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * True when the module at `moduleUrl` is the script Node was started with, so a module can run
 * its `main()` when executed but stay side-effect free when imported. `process.argv[1]` goes
 * through `realpathSync`, so an npm bin symlink still counts as the module itself.
 *
 * @example
 * ```ts
 * import { isMainModule } from './entry-point.js';
 *
 * if (isMainModule(import.meta.url)) {
 *   await main(process.argv.slice(2));
 * }
 * ```
 */
export function isMainModule(moduleUrl: string): boolean {
  if (process.argv[1] === undefined) return false;
  try {
    return realpathSync(process.argv[1]) === fileURLToPath(moduleUrl);
  } catch {
    return false;
  }
}
