// `oauth1 explain`: a provider's error response decoded into problem, cause and next step (OAuth Problem Reporting, provider error tables).

import { parseArgs } from 'node:util';
import { decodeProviderError } from '../../../providers/provider-error.js';
import { OAUTH_PROBLEMS } from '../../../providers/problem-reporting.js';
import type { DecodedProviderError } from '../../../providers/profile.js';
import { extractBaseString } from '../../../forensics/base-string-diff.js';
import { versionNote } from '../../../forensics/catalogue.js';
import { parseHttpResponseText, type CapturedResponse } from '../../../forensics/inputs/index.js';
import { capEcho } from '../../../forensics/cap-echo.js';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../shared/io.js';
import { profileOrUsage } from '../shared/provider-flags.js';
import { decoderNames, helpOption, providerNames, wrapHelpText } from '../shared/help-text.js';
import { readSource } from '../shared/read-source.js';

const OPTIONS = {
  provider: { type: 'string' },
  status: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HELP = `Usage: oauth1 explain [FILE|-] [--provider NAME] [--status CODE] [--json]

Decodes a provider's error response into the problem, its cause and the next step, with the
error tables of the provider profiles (Sina Weibo v1 401xx and v2 213xx codes, Twitter's
errors[].code, Tencent's ret/errcode, …) and OAuth Problem Reporting (oauth_problem in
WWW-Authenticate or the body). Without --provider every known format is tried, in this order:
${wrapHelpText(`${decoderNames()}, then OAuth Problem Reporting.`, '  ', '  ')}

Input (FILE, or - / nothing for stdin), any of:
  - a raw HTTP response: status line, headers, blank line, body (curl -si …)
  - the output of \`oauth1 request\` (status on the first line, then the body) or its --json
  - a bare body; give the HTTP status with --status

Options:
${helpOption('--provider NAME', `try this profile's decoder first: ${providerNames()}`, 22)}
  --status CODE       HTTP status, for a bare body
  --json              print the decoded error as JSON
  -h, --help          show this help

Exit codes: 0 explained (or the response is not an error), 1 an error nothing specific
explains (only the HTTP status is known), 2 usage error.

Examples:
  curl -si -H "Authorization: OAuth …" https://api.weibo.com/2/statuses/update.json | oauth1 explain
  oauth1 explain --provider weibo-v1 response.txt
  echo '{"errors":[{"message":"Could not authenticate you","code":32}]}' | oauth1 explain --status 401
`;

/** A hint reads "cause: what to do"; split it there when it does. */
function causeAndNextStep(d: DecodedProviderError): { cause: string; next: string } {
  const at = d.hint.indexOf(': ');
  const described = d.problem !== undefined ? OAUTH_PROBLEMS[d.problem]?.description : undefined;
  if (at > 0) return { cause: d.hint.slice(0, at), next: d.hint.slice(at + 2) };
  return { cause: described ?? (d.message !== '' ? d.message : `HTTP ${d.status}`), next: d.hint };
}

/** Whether the input was no HTTP response and no provider format decoded it: nothing says what went wrong. */
function unrecognised(d: DecodedProviderError): boolean {
  return d.status === 0 && d.problem === undefined && d.providerCode === undefined;
}

function render(d: DecodedProviderError, response: CapturedResponse, provider: string | undefined): string {
  const { cause, next } = unrecognised(d)
    ? { cause: 'the input is not an HTTP response (no status line such as "HTTP/1.1 401 Unauthorized") and its body is in no error format a provider uses', next: 'paste the whole response (curl -si …), or give the HTTP status with --status' }
    : causeAndNextStep(d);
  const problem = d.problem !== undefined
    ? `${d.problem}${OAUTH_PROBLEMS[d.problem] ? ` (${OAUTH_PROBLEMS[d.problem]!.description})` : ''}`
    : d.providerCode !== undefined ? `provider code ${d.providerCode}` : d.status === 0 ? 'unknown: nothing in the input names one' : `HTTP ${d.status}`;
  const lines = [
    `status:     ${d.status === 0 ? 'unknown (give --status)' : `HTTP ${d.status}`}${d.format ? `   decoded as: ${d.format}` : ''}${provider ? `   provider: ${provider}` : ''}`,
    `problem:    ${problem}`,
  ];
  if (d.providerCode !== undefined && d.problem !== undefined) lines.push(`code:       ${d.providerCode}`);
  if (d.message !== '') lines.push(`message:    ${capEcho(d.message)}`);
  lines.push(`cause:      ${cause}`, `next step:  ${next}`, `retryable:  ${d.retryable ? 'yes (re-signed with a fresh nonce and timestamp)' : 'no'}`);
  if (d.acceptableTimestamps) lines.push(`acceptable timestamps: ${d.acceptableTimestamps[0]}–${d.acceptableTimestamps[1]}`);
  if (d.parametersAbsent?.length) lines.push(`parameters absent:   ${d.parametersAbsent.join(', ')}`);
  if (d.parametersRejected?.length) lines.push(`parameters rejected: ${d.parametersRejected.join(', ')}`);
  if (d.advice) lines.push(`advice:     ${d.advice}`);
  if (d.retryAfterSeconds !== undefined) lines.push(`retry after: ${d.retryAfterSeconds} s`);
  if (d.problem === 'version_rejected') lines.push(`note:       if the client sent ${versionNote('1.0A')!}`);
  const echoed = Object.values(response.headers).join('\n') + '\n' + response.body;
  if (/oauth_signature_base_string/i.test(echoed)) {
    lines.push('', 'The provider echoed the base string it computed:', `  ${extractBaseString(echoed)}`,
      'Compare it with yours: oauth1 diff --a \'YOUR BASE STRING\' --b \'THE ONE ABOVE\'');
  } else if (d.problem === 'signature_invalid') {
    lines.push('', 'To find out why: oauth1 verify --curl \'…\' (or the raw request) with your secrets — see docs/debugging.md');
  }
  return lines.join('\n') + '\n';
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (positionals.length > 1) throw new UsageError('give one response FILE (or - for stdin)');
  let status: number | undefined;
  if (values.status !== undefined) {
    if (!/^\d{3}$/.test(values.status)) throw new UsageError(`--status must be a three-digit HTTP status, got ${JSON.stringify(values.status)}`);
    status = Number(values.status);
  }
  const profile = values.provider === undefined ? undefined : profileOrUsage(values.provider);
  const text = await readSource(positionals[0] ?? '-', io, 'response file');
  if (text.trim() === '') throw new UsageError('the response is empty');
  const response = parseHttpResponseText(text);
  if (status !== undefined) response.status = status;
  if (response.status >= 200 && response.status < 400) {
    io.stdout.write(`HTTP ${response.status}: not an error response; nothing to explain\n`);
    return EXIT.OK;
  }
  const decoded = decodeProviderError(response, profile);
  if (values.json) io.stdout.write(JSON.stringify(decoded) + '\n');
  else io.stdout.write(render(decoded, response, profile?.name));
  return decoded.format === 'http' && decoded.problem === undefined && decoded.providerCode === undefined ? EXIT.FAILURE : EXIT.OK;
}

/** The `oauth1 explain` command. */
export const command: CliCommand = {
  name: 'explain',
  summary: 'decode a provider\'s error response into problem, cause and next step',
  help: HELP,
  run,
};
