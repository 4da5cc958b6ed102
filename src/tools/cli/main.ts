#!/usr/bin/env node
// The `oauth1` command line: parses the command name and dispatches; commands live in cli/commands/.

import { readFileSync } from 'node:fs';
import { CliError, EXIT, UsageError, type CliCommand, type CliIo } from './shared/io.js';
import { OAuthError } from '../../core/errors.js';
import { isMainModule } from '../entry-point.js';

/** Command name → module path (loaded lazily so `oauth1 --version` stays fast). */
const COMMANDS: Record<string, string> = {
  sign: './commands/sign.js',
  selftest: './commands/selftest.js',
  serve: './commands/serve.js',
  flow: './commands/flow.js',
  request: './commands/request.js',
  upload: './commands/upload.js',
  verify: './commands/verify.js',
  diff: './commands/diff.js',
  explain: './commands/explain.js',
  ui: './commands/ui.js',
  keygen: './commands/keygen.js',
};

/** The package version, from the nearest package.json above this module (works from src/tools/cli/ and dist/src/tools/cli/). */
function version(): string {
  for (const up of ['../../../package.json', '../../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'oauth1-toolkit') return pkg.version;
    } catch {
      // not at this level; try the next one up
    }
  }
  throw new Error('cannot find oauth1-toolkit\'s package.json');
}

async function loadCommand(name: string): Promise<CliCommand | undefined> {
  const path = COMMANDS[name];
  if (path === undefined) return undefined;
  try {
    return ((await import(path)) as { command: CliCommand }).command;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(path.slice(2))) return undefined;
    throw e;
  }
}

async function usage(): Promise<string> {
  const lines = ['Usage: oauth1 <command> [options]', '', 'Commands:'];
  for (const name of Object.keys(COMMANDS)) {
    const cmd = await loadCommand(name);
    if (cmd) lines.push(`  ${name.padEnd(10)} ${cmd.summary}`);
  }
  lines.push('', 'Run `oauth1 <command> --help` for a command\'s options.', 'Exit codes: 0 ok, 1 failure, 2 usage error.');
  return lines.join('\n') + '\n';
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await usage());
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(version() + '\n');
    return EXIT.OK;
  }
  const cmd = await loadCommand(name);
  if (!cmd) {
    io.stderr.write(errorLine(undefined, 'ERR_OAUTH_CLI_USAGE', `unknown command ${JSON.stringify(name)}`) + '\n' + (await usage()));
    return EXIT.USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(cmd.help.endsWith('\n') ? cmd.help : cmd.help + '\n');
    return EXIT.OK;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    const usage = usageMessage(e);
    if (usage !== undefined) {
      io.stderr.write(`${errorLine(name, 'ERR_OAUTH_CLI_USAGE', usage)}Run \`oauth1 ${name} --help\` for usage.\n`);
      return EXIT.USAGE;
    }
    io.stderr.write(failureLine(name, e));
    return EXIT.FAILURE;
  }
}

/** The one format of every CLI error line: `oauth1 <command>: error CODE: message`. */
export function errorLine(command: string | undefined, code: string, message: string): string {
  return `oauth1${command === undefined ? '' : ` ${command}`}: error ${code}: ${message}\n`;
}

/** Node's parseArgs messages, rephrased: they quote unevenly and advise `--` where it does not help. */
function usageMessage(e: unknown): string | undefined {
  if (e instanceof UsageError) return e.message;
  const code = (e as { code?: string } | null)?.code;
  const message = String((e as Error | null)?.message ?? '');
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${quoted}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = quoted.split(' ')[0] ?? quoted;
    return / argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${JSON.stringify(quoted)}: this command takes options only`;
  return undefined;
}

/**
 * Any other failure as one line, never a stack: an OAuthError or CLI error with its code, anything
 * else under ERR_OAUTH_CLI_INTERNAL (with the Node error code when there is one).
 */
function failureLine(command: string | undefined, e: unknown): string {
  if (e instanceof OAuthError || e instanceof CliError) return errorLine(command, e.code, e.message);
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return errorLine(command, 'ERR_OAUTH_CLI_INTERNAL', typeof code === 'string' ? `${code}: ${message}` : message);
}

if (isMainModule(import.meta.url)) {
  const command = process.argv[2];
  // Whatever escapes (an error event, a rejected promise nobody awaited) is one line, not a stack.
  const crash = (e: unknown): void => { process.stderr.write(failureLine(command, e)); process.exit(EXIT.FAILURE); };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  main(process.argv.slice(2), {
    stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env,
    stderrIsTty: Boolean(process.stderr.isTTY),
  }).then((code) => { process.exitCode = code; }, crash);
}
