// Writing a file that holds secrets (`flow --save`): a fresh 0600 temporary file beside the target, then an atomic rename; never through a symbolic link.

import { closeSync, constants, fsyncSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { CliError, UsageError } from './io.js';

/**
 * Refuses a target that is a symbolic link or not a regular file, before any secret exists to
 * write (so a flow is not run for nothing). A missing file is fine.
 *
 * @throws {UsageError} naming the flag and the path.
 * @example checkSecretFileTarget('creds.json', '--save')
 */
export function checkSecretFileTarget(path: string, flag: string): void {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError(`cannot use ${flag} ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (st.isSymbolicLink()) throw new UsageError(`${flag} ${path} is a symbolic link; credentials are not written through one (give the real path)`);
  if (!st.isFile()) throw new UsageError(`${flag} ${path} exists and is not a regular file`);
}

/**
 * Writes `text` to `path` with mode 0600: into a new temporary file beside it, created with
 * O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600 (so no other user can ever read it), then renamed over
 * the target. An existing file is replaced, not rewritten in place; a symbolic link is refused.
 *
 * @throws {UsageError} when the target is a symbolic link or not a regular file.
 * @throws {CliError} `ERR_OAUTH_CLI_WRITE_FAILED` when the file cannot be written.
 * @example writeSecretFile('creds.json', JSON.stringify(credentials), '--save')
 */
export function writeSecretFile(path: string, text: string, flag: string): void {
  checkSecretFileTarget(path, flag);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (e) {
    throw new CliError('ERR_OAUTH_CLI_WRITE_FAILED', `cannot write ${flag} ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw new CliError('ERR_OAUTH_CLI_WRITE_FAILED', `cannot write ${flag} ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
