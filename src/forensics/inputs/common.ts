// What the captured-request readers return, their options, and the error they throw for unreadable input.

import { RequestError } from '../../core/errors.js';
import type { CapturedRequest } from '../diagnose.js';

/** A captured request plus the secrets a JSON input may carry (the `signRequest` shape). */
export interface CapturedInput extends CapturedRequest {
  consumerKey?: string;
  consumerSecret?: string;
  token?: string;
  tokenSecret?: string;
}

/** Options shared by the readers. */
export interface InputOptions {
  /** Scheme for origin-form request lines (`GET /path`), which do not say it. @default 'https', or 'http' when the Host header names port 80 */
  scheme?: 'http' | 'https';
  /** Reads a file named by a curl `@file` / `<file` argument; without it those are errors. */
  readFile?: (path: string) => string;
}

/** The error every reader throws for input it cannot read. */
export function inputError(message: string): RequestError {
  return new RequestError('ERR_OAUTH_INPUT_INVALID', message);
}
