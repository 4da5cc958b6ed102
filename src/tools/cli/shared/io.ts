// The CLI's I/O seam: commands write through this so tests and the binary share one code path.

import type { Readable, Writable } from 'node:stream';

/** Streams and environment a command runs with. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** Whether stderr is an interactive terminal (progress bars, colours). */
  stderrIsTty: boolean;
}

/** A command's entry point: parse its own arguments, do the work, return the exit code (0 ok, 1 failure, 2 usage). */
export type CommandRun = (argv: string[], io: CliIo) => Promise<number>;

/** A CLI command: its name, one-line summary, full `--help` text and entry point. */
export interface CliCommand {
  name: string;
  summary: string;
  help: string;
  run: CommandRun;
}

/** Thrown for bad command-line usage; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  readonly code = 'ERR_OAUTH_CLI_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A failure the CLI itself detects (a port in use, a file it cannot write…): printed as
 * `oauth1 <command>: error CODE: message`, exit 1. Never carries a secret.
 */
export class CliError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = 'CliError';
  }
}

/** Exit codes: 0 ok, 1 failure, 2 usage error. */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2 } as const;
