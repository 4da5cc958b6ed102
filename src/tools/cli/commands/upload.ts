// `oauth1 upload`: send a multipart upload, streamed from disk, signed under an explicit policy (RFC 5849 §3.4.1.3.1 vs Weibo v1).

import { parseArgs } from 'node:util';
import { uploadMultipart, type MultipartFile, type MultipartUploadResult, type UploadAttemptProgress } from '../../../client/multipart/index.js';
import { runChunkedUpload, CHUNKED_HELP, CHUNKED_OPTIONS } from './upload-chunked.js';
import type { MultipartSigningPolicy } from '../../../providers/profile.js';
import { ProviderError } from '../../../providers/provider-error.js';
import { providerErrorFor } from '../../../client/transport/skew.js';
import { createOAuthGot } from '../../../client/transport/got.js';
import { CREDENTIAL_HELP, CREDENTIAL_OPTIONS, credentialsFromFlags, requireTokenForTokenSecret } from '../shared/credentials.js';
import { REDACTED, hidesSignature } from '../shared/redact.js';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../shared/io.js';
import { pairsFromFlags, profileFromFlags, resolveApiUrl } from '../shared/provider-flags.js';
import { helpOption, providerNames } from '../shared/help-text.js';
import { clientCredentials, transportOptionsFromFlags } from '../shared/transport-flags.js';
import { describeProviderError, parseBody, providerErrorJson } from '../shared/provider-error-output.js';

const OPTIONS = {
  ...CREDENTIAL_OPTIONS,
  field: { type: 'string', multiple: true },
  file: { type: 'string', multiple: true },
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  sign: { type: 'string' },
  'signed-fields': { type: 'string' },
  'percent-encode-text': { type: 'boolean' },
  retry: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  ...CHUNKED_OPTIONS,
} as const;

const HELP = `Usage: oauth1 upload URL --field name=value… --file name=PATH… [--provider NAME]
                     [--sign none|text-fields|body-hash] [--signed-fields a,b]
                     [--percent-encode-text] [credentials] [--json]
       oauth1 upload URL --chunked --file media=PATH --provider twitter [--segment-size N]
                     [--resume FILE] [--media-type T] [--media-category C] [credentials] [--json]

Sends a multipart/form-data upload, signed on every attempt. Files are streamed from disk,
never read whole: the Content-Length is computed from the part sizes (no chunked encoding), a
retry re-opens the file and signs again with a fresh nonce, and a file that is missing,
unreadable, or changes size while it is sent fails with an error instead of a short upload.

Which multipart fields are signed is a policy:
  none          RFC 5849 / Twitter update_with_media: no multipart field is signed (the query
                and the oauth_* parameters still are)
  text-fields   Sina Weibo v1 statuses/upload (2010–2011): every text field is signed (or only
                --signed-fields), file parts never
  body-hash     oauth_body_hash over the exact multipart bytes (the file is read twice: once to
                hash, once to send)
The default is the provider profile's (weibo-v1: text-fields, twitter: none), else none.

Arguments:
  URL                        absolute URL, or a path relative to the profile's API base

Options:
  --field name=value         text field, in order (repeatable; UTF-8 sent raw)
  --file name=PATH           file part (repeatable): pic for Weibo, media[] for Twitter
${helpOption('--provider NAME', `profile (policy, signature method, Sina's source=<app key>, error decoder): ${providerNames()}`, 29)}
  --base-url URL             point the profile at another host (e.g. the sandbox)
  --sign POLICY              none, text-fields or body-hash (overrides the profile)
  --signed-fields a,b        with text-fields: sign only these text fields
  --percent-encode-text      percent-encode text values inside their parts, as some Weibo SDKs
                             did (the base string then carries them encoded twice)
  --retry N                  retries of the upload on 5xx/network errors (default 0)
  --timeout SECONDS          whole-request timeout (default 300)
  --json                     print {"status","body","explain","attempts"} (and "error" on failure)
  -v, --verbose              print each attempt's base string on stderr
  -h, --help                 show this help

${CHUNKED_HELP}
${CREDENTIAL_HELP}

Environment: OAUTH1_CONSUMER_KEY, OAUTH1_CONSUMER_SECRET, OAUTH1_TOKEN_SECRET.

Progress goes to stderr: a bar when stderr is a terminal, otherwise one line per quarter. The
provider's answer goes to stdout; an error answer is decoded on stderr (exit code 1).

Exit codes: 0 2xx answer, 1 error answer, file error or network failure, 2 usage error.

Examples:
  # Sina Weibo v1 (the sandbox from \`oauth1 serve --token demo-token --token-secret …\`):
  # status signed, pic not; secrets from OAUTH1_CONSUMER_SECRET / OAUTH1_TOKEN_SECRET
  oauth1 upload http://127.0.0.1:8765/statuses/upload.json --provider weibo-v1 \\
    --field 'status=微博 upload 🐱' --file pic=cat.jpg \\
    --consumer-key sandbox-consumer-key --token demo-token

  # Twitter: nothing but oauth_* signed
  oauth1 upload statuses/update_with_media.json --provider twitter \\
    --base-url http://127.0.0.1:8765 --field status=hello --file 'media[]=cat.jpg'

  # force the body-hash policy and print JSON
  oauth1 upload URL --sign body-hash --field status=x --file pic=big.png --json
`;

const MiB = 1024 * 1024;
const POLICIES = ['none', 'text-fields', 'body-hash'];

function formatBytes(n: number): string {
  return n >= MiB ? `${(n / MiB).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;
}

/** Progress on stderr: a redrawn bar on a terminal, one line per quarter otherwise. */
function progressReporter(io: CliIo): { report: (p: UploadAttemptProgress) => void; finish: () => void } {
  let attempt = -1;
  let quarter = 0;
  let started = 0;
  let lastDraw = 0;
  let drawn = false;
  const draw = (p: UploadAttemptProgress, force: boolean): void => {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const width = 30;
    const ratio = p.total === 0 ? 1 : p.bytesSent / p.total;
    const filled = Math.round(ratio * width);
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? `${(p.bytesSent / MiB / seconds).toFixed(1)} MiB/s` : '';
    const tag = p.attempt > 0 ? ` (retry ${p.attempt})` : '';
    io.stderr.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(ratio * 100)}% ${formatBytes(p.bytesSent)}/${formatBytes(p.total)} ${rate}${tag}`);
    drawn = true;
  };
  return {
    report(p) {
      if (p.attempt !== attempt) {
        attempt = p.attempt;
        quarter = 0;
        started = Date.now();
        if (io.stderrIsTty) { if (drawn) io.stderr.write('\n'); } else io.stderr.write(`attempt ${p.attempt + 1}: sending ${p.total} bytes\n`);
      }
      if (io.stderrIsTty) { draw(p, p.bytesSent === p.total); return; }
      const reached = p.total === 0 ? 4 : Math.floor((p.bytesSent / p.total) * 4);
      while (quarter < reached) {
        quarter++;
        io.stderr.write(`attempt ${p.attempt + 1}: ${quarter * 25}% sent\n`);
      }
    },
    finish() { if (io.stderrIsTty && drawn) { io.stderr.write('\n'); drawn = false; } },
  };
}

/** Parses `--file name=PATH`. */
function filesFromFlags(values: string[] | undefined): MultipartFile[] {
  return pairsFromFlags(values, '--file').map(([name, path]) => {
    if (path === '') throw new UsageError(`--file ${name}= needs a path`);
    return { name, path };
  });
}

/** The explanation summary printed on stderr before sending (no secrets). */
function describePlan(result: Pick<MultipartUploadResult, 'plan' | 'body'>, profileName: string | undefined): string {
  const { plan, body } = result;
  const from = plan.policySource === 'request' ? '--sign' : plan.policySource === 'profile' ? `profile ${profileName}` : 'default';
  const lines = [`policy ${plan.policy} (${from})`];
  if (plan.policy === 'text-fields') lines.push(`  signed text fields: ${plan.signedFields.length === 0 ? '(none)' : plan.signedFields.join(', ')}`);
  if (plan.unsignedFields.length > 0) lines.push(`  unsigned text fields: ${plan.unsignedFields.join(', ')}`);
  for (const f of body.files) lines.push(`  file ${f.name}: ${f.filename}, ${f.size} bytes (never signed)`);
  if (plan.bodyHash !== undefined) lines.push(`  oauth_body_hash: ${plan.bodyHash} (${plan.bodyHashAlgorithm ?? 'sha1'} of ${body.contentLength} bytes)`);
  if (body.textEncoding === 'percent') lines.push('  text values percent-encoded in their parts (encoded twice in the base string)');
  lines.push(`  Content-Length: ${body.contentLength}`);
  return lines.join('\n') + '\n';
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('expected one URL');
  const profile = profileFromFlags(values.provider, values['base-url']);
  const url = resolveApiUrl(positionals[0]!, profile);
  if (values.chunked) return runChunkedUpload(values, url, profile, io);
  for (const flag of ['segment-size', 'resume', 'media-type', 'media-category'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} needs --chunked`);
  }
  const fields = pairsFromFlags(values.field, '--field');
  const files = filesFromFlags(values.file);
  if (fields.length === 0 && files.length === 0) throw new UsageError('give at least one --field or --file');
  if (values.sign !== undefined && !POLICIES.includes(values.sign)) throw new UsageError(`--sign must be none, text-fields or body-hash, got ${JSON.stringify(values.sign)}`);
  const policy = values.sign as MultipartSigningPolicy | undefined;
  let signedFields: string[] | undefined;
  if (values['signed-fields'] !== undefined) {
    signedFields = values['signed-fields'].split(',').map((s) => s.trim()).filter((s) => s !== '');
    const effective = policy ?? profile?.multipart.policy ?? 'none';
    if (effective !== 'text-fields') throw new UsageError(`--signed-fields needs the text-fields policy (this upload uses ${effective})`);
  }
  let retries = 0;
  if (values.retry !== undefined) {
    if (!/^\d{1,2}$/.test(values.retry)) throw new UsageError('--retry must be a small whole number');
    retries = Number(values.retry);
  }
  const creds = credentialsFromFlags(values, io.env);
  requireTokenForTokenSecret(creds);
  const options = transportOptionsFromFlags(creds, profile, values.timeout ?? '300');
  options.throwHttpErrors = false;
  options.retry = retries === 0 ? false : { limit: retries, retryPost: true, delayMs: (n) => 250 * 2 ** (n - 1) };
  if (values.verbose) {
    options.onSigned = (a) => {
      if (a.signed !== undefined) io.stderr.write(`[attempt ${a.attempt + 1}] base string: ${a.signed.baseString}\n`);
    };
  }
  const transport = createOAuthGot(clientCredentials(creds, io.env), options);
  const progress = progressReporter(io);
  const result = await uploadMultipart(transport, {
    url, fields, files,
    ...(policy === undefined ? {} : { policy }),
    ...(signedFields === undefined ? {} : { signedFields }),
    ...(values['percent-encode-text'] ? { textEncoding: 'percent' as const } : {}),
  }, {
    ...(retries > 0 ? { retry: true } : {}),
    onPrepared: (prepared) => { if (!values.json) io.stderr.write(describePlan(prepared, profile?.name)); },
    onProgress: (p) => progress.report(p),
  }).finally(() => progress.finish());
  const res = result.response;
  const ok = res.status >= 200 && res.status < 300;
  const error: ProviderError | undefined = ok ? undefined : providerErrorFor(res, profile);
  if (values.json) {
    const out: Record<string, unknown> = {
      status: res.status,
      body: parseBody(res.body),
      explain: result.explain !== undefined && hidesSignature(result.explain.signatureMethod, values['show-secrets'] === true) ? { ...result.explain, signature: REDACTED } : result.explain,
      attempts: res.attempts.map((a) => ({ attempt: a.attempt, nonce: a.signed?.oauthParams.find(([n]) => n === 'oauth_nonce')?.[1] })),
    };
    if (error !== undefined) out.error = providerErrorJson(error);
    io.stdout.write(JSON.stringify(out) + '\n');
  } else {
    io.stderr.write(`HTTP ${res.status}${result.attempts > 1 ? ` after ${result.attempts} attempts` : ''}\n`);
    io.stdout.write(res.body + (res.body.endsWith('\n') || res.body === '' ? '' : '\n'));
    if (error !== undefined) io.stderr.write(describeProviderError(error, 'upload').join('\n') + '\n');
  }
  return ok ? EXIT.OK : EXIT.FAILURE;
}

/** The `oauth1 upload` command. */
export const command: CliCommand = {
  name: 'upload',
  summary: 'send a multipart upload streamed from disk; which fields are signed is a policy',
  help: HELP,
  run,
};
