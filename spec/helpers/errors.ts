// Shared spec helper: run a function that must throw, check the error's class, and hand the error back.

import { expect } from 'chai';

/**
 * Runs `fn`, expects it to throw an instance of `type`, and returns the error (typed) so the
 * caller can assert its `code` and message.
 *
 * @example
 * ```ts
 * const e = caught(() => percentDecode('%zz'), EncodingError);
 * expect(e.code).to.equal('ERR_OAUTH_PERCENT_ENCODING_MALFORMED');
 * ```
 */
export function caught<T extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => T): T {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(type);
    return e as T;
  }
  throw new Error(`expected a ${type.name}`);
}
