// `oauth1 selftest`: runs the shipped golden fixtures (RFC 5849, OAuth Core 1.0, Twitter, body hash) and reports each vector.

import { parseArgs } from 'node:util';
import { loadFixtures, runFixtures, summarizeResults } from '../../selftest.js';
import { EXIT, type CliCommand, type CliIo } from '../shared/io.js';
import { renderSelftest } from '../shared/render.js';

const OPTIONS = {
  json: { type: 'boolean' },
  dir: { type: 'string' },
} as const;

const HELP = `Usage: oauth1 selftest [--json] [--dir DIR]

Runs every golden vector shipped in the package's fixtures/ folder (RFC 5849, OAuth Core 1.0,
the OAuth 1.0 test-case set, Twitter's "Creating a signature" example, the body-hash draft)
through this installation's signing core and prints one line per vector: ok or FAIL, the
vector id and the source the expected value is published in. A failure is followed by the
expected and actual values (indented), and a summary line ends the report.

Options:
  --json       print {"ok", "total", "passed", "failed", "files", "results": [...]} instead
  --dir DIR    run the *.json fixture files in DIR instead of the shipped ones
  -h, --help   show this help

Exit codes: 0 every vector passed, 1 a vector failed (or there were none), 2 usage error.

Examples:
  oauth1 selftest
  oauth1 selftest --json | jq '.results[] | select(.ok | not)'
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  const files = loadFixtures(values.dir);
  const results = runFixtures(files);
  const summary = summarizeResults(results);
  const ok = summary.failed === 0 && summary.total > 0;
  if (values.json) {
    io.stdout.write(JSON.stringify({ ok, ...summary, files: files.map((f) => f.file), results }) + '\n');
  } else {
    io.stdout.write(renderSelftest(results, summary, files.length));
    if (summary.total === 0) io.stderr.write('oauth1 selftest: no fixture vectors found\n');
  }
  return ok ? EXIT.OK : EXIT.FAILURE;
}

/** The `oauth1 selftest` command. */
export const command: CliCommand = {
  name: 'selftest',
  summary: 'check this installation against the shipped golden fixtures (RFC 5849, Twitter, …)',
  help: HELP,
  run,
};
