// Writing files that hold secrets (`flow --save`, `keygen`): created anew with their mode (O_EXCL, never through a symbolic link); `--save` then renames atomically.

import { closeSync, constants, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
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
  let kind;
  try {
    kind = fileKind(path);
  } catch (e) {
    throw new UsageError(`cannot use ${flag} ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (kind === 'symlink') throw new UsageError(`${flag} ${path} is a symbolic link; credentials are not written through one (give the real path)`);
  if (kind === 'other') throw new UsageError(`${flag} ${path} exists and is not a regular file`);
}

/**
 * What is at `path`, without following a symbolic link.
 *
 * @throws the `lstat` error other than ENOENT (EACCES…).
 * @example fileKind('keys/private.pem') // 'missing' | 'symlink' | 'file' | 'other'
 */
export function fileKind(path: string): 'missing' | 'symlink' | 'file' | 'other' {
  try {
    const st = lstatSync(path);
    return st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
}

/**
 * Creates `path` anew (O_CREAT|O_EXCL|O_NOFOLLOW: never an existing file, never through a link)
 * with exactly `mode` (set again after creation, whatever the umask did) and writes `data` to disk.
 *
 * @throws the `open` error (EEXIST when something appeared at `path`), or the write's.
 * @example createNewFile('keys/private.pem', pem, 0o600)
 */
export function createNewFile(path: string, data: string | Uint8Array, mode: number): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  try {
    fchmodSync(fd, mode);
    writeFileSync(fd, data); // loops until every byte is written, unlike one writeSync
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
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
  try {
    createNewFile(tmp, text, 0o600);
    renameSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') { try { unlinkSync(tmp); } catch { /* never created, or already gone */ } }
    throw new CliError('ERR_OAUTH_CLI_WRITE_FAILED', `cannot write ${flag} ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
