// `oauth1 diff`: two signature base strings taken apart and compared part by part (RFC 5849 §3.4.1).

import { parseArgs } from 'node:util';
import { diffBaseStrings, extractBaseString, type BaseStringDiff } from '../../../forensics/base-string-diff.js';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../shared/io.js';
import { readSource } from '../shared/read-source.js';
import { REDACTED, redactSignatureParameter } from '../shared/redact.js';
import { capEcho } from '../../../forensics/cap-echo.js';

const OPTIONS = {
  a: { type: 'string' },
  b: { type: 'string' },
  json: { type: 'boolean' },
  'show-secrets': { type: 'boolean' },
} as const;

const HELP = `Usage: oauth1 diff A B
       oauth1 diff --a 'BASE STRING' --b 'BASE STRING'

Compares two signature base strings — typically the one you signed (\`oauth1 sign\` or your
library's debug output) against the one the provider computed — decomposed into the HTTP
method, the base string URI (scheme, host, port, path) and the parameters. It names each
parameter that is missing from B, extra in B, has another value, or is encoded differently
(space as "+", lower-case hex, ! * ' ( ) unencoded, encoded twice), and says when the
parameters are out of order (RFC 5849 §3.4.1.3.2 sorts them by encoded name, then value).

A and B are files, or - for stdin (one of them). Each may hold a bare base string or what a
provider echoed: a WWW-Authenticate header carrying oauth_signature_base_string="…" (Sina
Weibo, percent-encoded or not), or an "expected signature base string: …" line.

Options:
  --a TEXT, --b TEXT   give a base string literally instead of a file
  --json               print the comparison as JSON
  --show-secrets       print oauth_signature values of PLAINTEXT base strings (the signature
                       is the signing key, so it is redacted otherwise)

Every value quoted from the input is cut at 200 characters, with a count of the rest.
  -h, --help           show this help

Exit codes: 0 identical, 1 different, 2 usage error.

Examples:
  oauth1 diff mine.txt theirs.txt
  oauth1 diff --a 'GET&http%3A%2F%2Fa.example%2F&a%3D1%26b%3Dx%2520y' --b 'GET&http%3A%2F%2Fa.example%2F&a%3D1%26b%3Dx%2By'
  curl -si … | oauth1 diff mine.txt -
`;

/**
 * The comparison as it may be shown: every value quoted from the input capped at 200 characters,
 * and — when a side was signed with PLAINTEXT and secrets are hidden — oauth_signature values
 * replaced by <redacted> (a PLAINTEXT signature is the signing key, RFC 5849 §3.4.4).
 */
function shownDiff(d: BaseStringDiff, showSecrets: boolean): BaseStringDiff {
  const plaintext = [...d.a.parameters, ...d.b.parameters].some((p) => p.name === 'oauth_signature_method' && p.value.toUpperCase() === 'PLAINTEXT');
  const hide = plaintext && !showSecrets;
  const text = (v: string): string => capEcho(hide ? redactSignatureParameter(v) : v);
  const value = (name: string, v: string | undefined): string | undefined => (v === undefined ? undefined : hide && name === 'oauth_signature' ? REDACTED : capEcho(v));
  const side = (p: BaseStringDiff['a']): BaseStringDiff['a'] => ({ ...p, method: capEcho(p.method), uri: text(p.uri), warnings: p.warnings.map(text), parameters: p.parameters });
  return {
    ...d,
    a: side(d.a), b: side(d.b),
    method: { ...d.method, a: capEcho(d.method.a), b: capEcho(d.method.b) },
    uri: { ...d.uri, a: text(d.uri.a), b: text(d.uri.b), notes: d.uri.notes.map(text) },
    parameters: d.parameters.map((p) => {
      const out = { ...p, name: capEcho(p.name) };
      const a = value(p.name, p.a);
      const b = value(p.name, p.b);
      if (a === undefined) delete out.a; else out.a = a;
      if (b === undefined) delete out.b; else out.b = b;
      return out;
    }),
    order: d.order.map(text),
  };
}

function renderDiff(d: BaseStringDiff): string {
  const lines: string[] = [];
  if (d.identical) return 'identical base strings\n';
  for (const [side, p] of [['A', d.a], ['B', d.b]] as const) for (const w of p.warnings) lines.push(`warning (${side}): ${w}`);
  lines.push(d.method.same ? `method      same (${d.method.a})` : `method      differs: A ${d.method.a}   B ${d.method.b}`);
  if (d.uri.same) lines.push(`base URI    same (${d.uri.a})`);
  else {
    lines.push('base URI    differs:', `  A ${d.uri.a}`, `  B ${d.uri.b}`);
    for (const n of d.uri.notes) lines.push(`  - ${n}`);
  }
  lines.push(`parameters  A has ${d.a.parameters.length}, B has ${d.b.parameters.length}`);
  for (const p of d.parameters) {
    switch (p.kind) {
      case 'missing': lines.push(`  missing in B:       ${p.name} (A: ${p.a})`); break;
      case 'extra': lines.push(`  extra in B:         ${p.name} (B: ${p.b})`); break;
      case 'value': lines.push(`  value differs:      ${p.name}  A ${p.a}   B ${p.b}${p.note ? `   (${p.note})` : ''}`); break;
      case 'encoding': lines.push(`  encoded differently: ${p.name}  A ${p.a}   B ${p.b}${p.note ? `   (${p.note})` : ''}`); break;
    }
  }
  if (d.parameters.length === 0) lines.push('  the same parameters with the same values and encoding');
  for (const o of d.order) lines.push(`order       ${o}`);
  if (d.firstDifference !== null) lines.push(`first difference at byte ${d.firstDifference}`);
  return lines.join('\n') + '\n';
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  const sources: Array<{ text?: string; path?: string }> = [];
  if (values.a !== undefined) sources.push({ text: values.a });
  if (values.b !== undefined && values.a === undefined) throw new UsageError('--b needs --a');
  for (const p of positionals) sources.push({ path: p });
  if (values.b !== undefined) sources.push({ text: values.b });
  if (sources.length !== 2) throw new UsageError(`give two base strings (files, - for stdin, or --a/--b), got ${sources.length}`);
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('only one of A and B can be read from stdin');
  const texts: string[] = [];
  for (const [i, s] of sources.entries()) texts.push(s.text ?? await readSource(s.path!, io, i === 0 ? 'A' : 'B'));
  const a = extractBaseString(texts[0]!);
  const b = extractBaseString(texts[1]!);
  if (a === '' || b === '') throw new UsageError(`${a === '' ? 'A' : 'B'} is empty`);
  const d = shownDiff(diffBaseStrings(a, b), values['show-secrets'] === true);
  if (values.json) {
    io.stdout.write(JSON.stringify({
      identical: d.identical, method: d.method, uri: d.uri, parameters: d.parameters, order: d.order,
      firstDifference: d.firstDifference, warnings: { a: d.a.warnings, b: d.b.warnings },
    }) + '\n');
  } else {
    io.stdout.write(renderDiff(d));
  }
  return d.identical ? EXIT.OK : EXIT.FAILURE;
}

/** The `oauth1 diff` command. */
export const command: CliCommand = {
  name: 'diff',
  summary: 'compare two signature base strings: method, URI and each parameter',
  help: HELP,
  run,
};
