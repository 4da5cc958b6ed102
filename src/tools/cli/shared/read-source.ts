// Reading a command's input: a file named on the command line, or stdin for `-`.

import { readFileSync } from 'node:fs';
import { UsageError, type CliIo } from './io.js';

/** Reads a whole stream as UTF-8. */
export async function readAll(stream: CliIo['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a file named on the command line, or stdin for `-`; a missing file is a usage error. */
export async function readSource(path: string, io: CliIo, what: string): Promise<string> {
  if (path === '-') return readAll(io.stdin);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
