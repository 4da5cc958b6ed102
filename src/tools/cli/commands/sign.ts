// `oauth1 sign`: sign one request from flags (or many from JSON lines) and explain every step (RFC 5849 §3.1–§3.5).

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { signRequest } from '../../../core/sign.js';
import { netsuiteTokenPassport } from '../../../providers/netsuite.js';
import { OAuthError } from '../../../core/errors.js';
import type { Parameter, Placement, SignRequestInput, SignedRequest, BodyHashAlgorithm } from '../../../core/types.js';
import { CREDENTIAL_OPTIONS, CREDENTIAL_HELP, credentialsFromFlags, requireTokenForTokenSecret, TOKEN_SECRET_WITHOUT_TOKEN } from '../shared/credentials.js';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../shared/io.js';
import { readAll } from '../shared/read-source.js';
import { curlCommand, redactSignedRequest, renderExplained, renderSigningKey } from '../shared/render.js';

const OPTIONS = {
  ...CREDENTIAL_OPTIONS,
  method: { type: 'string' },
  url: { type: 'string' },
  form: { type: 'string', multiple: true },
  body: { type: 'string' },
  'content-type': { type: 'string' },
  'body-hash': { type: 'boolean' },
  'body-hash-algorithm': { type: 'string' },
  placement: { type: 'string' },
  request: { type: 'string' },
  json: { type: 'boolean' },
  'netsuite-token-passport': { type: 'string' },
} as const;

const HELP = `Usage: oauth1 sign --url URL --consumer-key KEY [options]
       oauth1 sign --request FILE|- [--json] [options]
       oauth1 sign --netsuite-token-passport ACCOUNT --consumer-key K --token T [--json] [options]

Signs an OAuth 1.0a request (RFC 5849) and explains every step: each parameter with its
source (query, form, oauth), its encoded form and its sort position; the normalized parameter
string; the signature base string; the signing key (secrets redacted unless --show-secrets);
the signature; the Authorization header; and a ready curl command.

Request:
  --method METHOD            HTTP method (default GET)
  --url URL                  absolute URL as sent, query included (a relative URL is an error)
  --form NAME=VALUE          a form-body parameter, decoded (repeatable; sent as
                             application/x-www-form-urlencoded and signed)
  --body TEXT                a raw body (signed only if --content-type is form-encoded)
  --content-type TYPE        content type of --body
  --body-hash                add oauth_body_hash computed from --body (never with a form body)
  --body-hash-algorithm ALG  sha1, sha256 or sha512 (default: the signature method's digest)
  --placement WHERE          header (default), query or form (RFC 5849 §3.5)

${CREDENTIAL_HELP}

Batch and output:
  --request FILE|-           read one JSON request in the signRequest shape, or JSON lines of
                             many (- reads stdin). Flags above fill in fields a request leaves out.
                             --url, --method, --form, --body and --content-type are not allowed with it.
  --json                     print the SignedRequest as JSON, one line per request; a request that
                             fails prints {"error":{"code","message"}} on its line
  -h, --help                 show this help

NetSuite SOAP:
  --netsuite-token-passport ACCOUNT
                             print a NetSuite SOAP TokenPassport for account ACCOUNT (e.g.
                             1234567_SB1) instead of signing a request: the HMAC of
                             ACCOUNT&consumerKey&token&nonce&timestamp keyed with
                             consumerSecret&tokenSecret; --signature-method HMAC-SHA256 (default)
                             or HMAC-SHA1; --nonce and --timestamp as above

A PLAINTEXT signature is the signing key itself: it is redacted like the secrets unless
--show-secrets. Signing PLAINTEXT over http:// prints a warning on stderr.

Exit codes: 0 every request signed, 1 a request failed (the others are still signed), 2 usage error.

Examples:
  # Twitter's "Creating a signature" example (secrets from the environment)
  export OAUTH1_CONSUMER_SECRET=kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw
  export OAUTH1_TOKEN_SECRET=LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE
  oauth1 sign --method POST \\
    --url 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true' \\
    --form 'status=Hello Ladies + Gentlemen, a signed OAuth request!' \\
    --consumer-key xvz1evFS4wEEPTGEFPHBog \\
    --token 370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb \\
    --nonce kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg --timestamp 1318622958

  # RFC 5849 §1.2 temporary-credentials request (no oauth_version)
  oauth1 sign --method POST --url https://photos.example.net/initiate \\
    --consumer-key dpf43f3p2l4k3l03 --consumer-secret kd94hf93k423kf44 \\
    --callback http://printer.example.com/ready --realm Photos \\
    --nonce wIjqoS --timestamp 137131200 --no-version

  # many requests, JSON in and out
  oauth1 sign --request requests.jsonl --json

  # a NetSuite SOAP tokenPassport (secrets from the environment)
  oauth1 sign --netsuite-token-passport 1234567_SB1 --consumer-key CK --token TK --json
`;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true; allowPositionals: false }>>['values'];

/** Splits `--form name=value` at the first `=`; a name without `=` has an empty value. */
function parseFormFlag(spec: string): Parameter {
  const eq = spec.indexOf('=');
  return eq === -1 ? [spec, ''] : [spec.slice(0, eq), spec.slice(eq + 1)];
}

/** Fields every request gets from flags and the environment unless it sets them itself. */
function defaultsFromFlags(values: Values, env: CliIo['env']): Partial<SignRequestInput> {
  const d: Partial<SignRequestInput> = { ...credentialsFromFlags(values, env) };
  if (values.placement !== undefined) {
    if (!['header', 'query', 'form'].includes(values.placement)) throw new UsageError(`--placement must be header, query or form, got ${JSON.stringify(values.placement)}`);
    d.placement = values.placement as Placement;
  }
  if (values['body-hash']) d.bodyHash = true;
  if (values['body-hash-algorithm'] !== undefined) {
    if (!values['body-hash']) throw new UsageError('--body-hash-algorithm needs --body-hash');
    if (!['sha1', 'sha256', 'sha512'].includes(values['body-hash-algorithm'])) throw new UsageError(`--body-hash-algorithm must be sha1, sha256 or sha512, got ${JSON.stringify(values['body-hash-algorithm'])}`);
    d.bodyHashAlgorithm = values['body-hash-algorithm'] as BodyHashAlgorithm;
  }
  return d;
}

/** The single request described by flags. */
function requestFromFlags(values: Values, defaults: Partial<SignRequestInput>): SignRequestInput {
  if (values.url === undefined) throw new UsageError('--url is required (or give --request FILE)');
  if (defaults.consumerKey === undefined) throw new UsageError('--consumer-key is required');
  if (values.form !== undefined && values.body !== undefined) throw new UsageError('give either --form or --body, not both');
  if (values['content-type'] !== undefined && values.body === undefined) throw new UsageError('--content-type describes --body; give --body too');
  const input: SignRequestInput = { ...defaults, method: values.method ?? 'GET', url: values.url, consumerKey: defaults.consumerKey };
  if (values.form !== undefined) input.form = values.form.map(parseFormFlag);
  if (values.body !== undefined) input.body = values.body;
  if (values['content-type'] !== undefined) input.contentType = values['content-type'];
  return input;
}

/** One request read from `--request`: its 1-based line and either the input or why it is unusable. */
interface RequestLine {
  line: number;
  input?: Record<string, unknown>;
  error?: { code: string; message: string };
}

/** Reads one JSON object (possibly spread over lines) or JSON lines of many. */
function parseRequests(text: string): RequestLine[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new UsageError('--request input is empty');
  try {
    const whole: unknown = JSON.parse(trimmed);
    if (whole !== null && typeof whole === 'object' && !Array.isArray(whole)) return [{ line: 1, input: whole as Record<string, unknown> }];
  } catch {
    // Not one JSON document: read it as JSON lines below.
  }
  const out: RequestLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      const value: unknown = JSON.parse(raw);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        out.push({ line: i + 1, error: { code: 'ERR_OAUTH_REQUEST_INVALID', message: `line ${i + 1}: a request must be a JSON object in the signRequest shape` } });
      } else {
        out.push({ line: i + 1, input: value as Record<string, unknown> });
      }
    } catch {
      // The engine's parse message differs between Node versions; the line number is what helps.
      out.push({ line: i + 1, error: { code: 'ERR_OAUTH_REQUEST_INVALID', message: `line ${i + 1}: not valid JSON` } });
    }
  });
  return out;
}

function readRequestSource(path: string, io: CliIo): Promise<string> {
  if (path === '-') return readAll(io.stdin);
  try {
    return Promise.resolve(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read --request ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** Signs one input; a protocol error or a wrongly typed field becomes `{code, message}`. */
function trySign(input: SignRequestInput): { signed: SignedRequest } | { error: { code: string; message: string } } {
  if (input.tokenSecret !== undefined && input.tokenSecret !== '' && (input.token === undefined || input.token === '')) {
    return { error: { code: 'ERR_OAUTH_CLI_USAGE', message: TOKEN_SECRET_WITHOUT_TOKEN } };
  }
  try {
    return { signed: signRequest(input) };
  } catch (e) {
    if (e instanceof OAuthError) return { error: e.toJSON() };
    if (e instanceof TypeError) return { error: { code: 'ERR_OAUTH_REQUEST_INVALID', message: e.message } };
    throw e;
  }
}

function warnPlaintext(signed: SignedRequest, io: CliIo, where: string): void {
  if (signed.signatureMethod === 'PLAINTEXT' && signed.baseStringUri.startsWith('http://')) {
    io.stderr.write(`oauth1 sign: warning${where}: PLAINTEXT over http:// sends the secrets in clear text; RFC 5849 §3.4.4 requires TLS\n`);
  }
}

function explain(signed: SignedRequest, input: SignRequestInput, showSecrets: boolean): string {
  const shown = redactSignedRequest(signed, showSecrets);
  const headers: Record<string, string> = { ...shown.headers };
  let body = shown.body;
  if (body === undefined && input.body !== undefined) {
    body = typeof input.body === 'string' ? input.body : Buffer.from(input.body).toString('utf8');
    if (input.contentType !== undefined) headers['content-type'] = input.contentType;
  }
  return renderExplained({
    signed: shown,
    inputUrl: input.url,
    signingKey: renderSigningKey(signed.signatureMethod, {
      consumerSecret: input.consumerSecret, tokenSecret: input.tokenSecret,
      hasPrivateKey: input.privateKey !== undefined, showSecrets,
    }),
    curl: curlCommand({ method: shown.method, url: shown.url, headers, ...(body === undefined ? {} : { body }) }),
  });
}

/** `--netsuite-token-passport ACCOUNT`: the SOAP TokenPassport fields and signature (no secret printed). */
function printTokenPassport(account: string, values: Values, defaults: Partial<SignRequestInput>, io: CliIo): number {
  for (const flag of ['url', 'request', 'form', 'body'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} cannot be combined with --netsuite-token-passport`);
  }
  if (defaults.consumerKey === undefined || defaults.token === undefined) throw new UsageError('--netsuite-token-passport needs --consumer-key and --token');
  if (defaults.consumerSecret === undefined || defaults.tokenSecret === undefined) throw new UsageError('--netsuite-token-passport needs the consumer secret and the token secret (flags, --credentials or OAUTH1_CONSUMER_SECRET / OAUTH1_TOKEN_SECRET)');
  const algorithm = typeof defaults.signatureMethod === 'string' ? defaults.signatureMethod.toUpperCase() : 'HMAC-SHA256';
  if (algorithm !== 'HMAC-SHA256' && algorithm !== 'HMAC-SHA1') throw new UsageError(`--signature-method must be HMAC-SHA256 or HMAC-SHA1 for a tokenPassport, got ${JSON.stringify(algorithm)}`);
  const p = netsuiteTokenPassport({
    account, consumerKey: defaults.consumerKey, consumerSecret: defaults.consumerSecret, token: defaults.token, tokenSecret: defaults.tokenSecret, algorithm,
    ...(typeof defaults.nonce === 'string' ? { nonce: defaults.nonce } : {}),
    ...(defaults.timestamp !== undefined && defaults.timestamp !== null ? { timestamp: defaults.timestamp } : {}),
  });
  if (values.json) { io.stdout.write(JSON.stringify(p) + '\n'); return EXIT.OK; }
  io.stdout.write([
    `NetSuite SOAP tokenPassport (${p.algorithm})`,
    `  base string:  ${p.baseString}`,
    `  signing key:  <consumer secret>&<token secret>   (secrets are never printed)`,
    `  signature:    ${p.signature}`,
    '',
    '<platformMsgs:tokenPassport>',
    `  <platformCore:account>${p.account}</platformCore:account>`,
    `  <platformCore:consumerKey>${p.consumerKey}</platformCore:consumerKey>`,
    `  <platformCore:token>${p.token}</platformCore:token>`,
    `  <platformCore:nonce>${p.nonce}</platformCore:nonce>`,
    `  <platformCore:timestamp>${p.timestamp}</platformCore:timestamp>`,
    `  <platformCore:signature algorithm="${p.algorithm}">${p.signature}</platformCore:signature>`,
    '</platformMsgs:tokenPassport>',
    '',
  ].join('\n'));
  return EXIT.OK;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  const showSecrets = values['show-secrets'] === true;
  const defaults = defaultsFromFlags(values, io.env);

  if (values['netsuite-token-passport'] !== undefined) return printTokenPassport(values['netsuite-token-passport'], values, defaults, io);
  if (values.request === undefined) {
    const input = requestFromFlags(values, defaults);
    requireTokenForTokenSecret(input);
    const signed = signRequest(input);
    warnPlaintext(signed, io, '');
    io.stdout.write(values.json ? JSON.stringify(redactSignedRequest(signed, showSecrets)) + '\n' : explain(signed, input, showSecrets));
    return EXIT.OK;
  }

  for (const flag of ['url', 'method', 'form', 'body', 'content-type'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} cannot be combined with --request; put it in the request JSON`);
  }
  const requests = parseRequests(await readRequestSource(values.request, io));
  let failed = 0;
  requests.forEach((req, index) => {
    const where = requests.length === 1 ? '' : ` (request ${index + 1}, line ${req.line})`;
    const result = req.error !== undefined ? { error: req.error } : trySign({ ...defaults, ...req.input } as SignRequestInput);
    if ('error' in result) {
      failed++;
      if (values.json) io.stdout.write(JSON.stringify({ error: result.error }) + '\n');
      else io.stderr.write(`oauth1 sign${where}: error ${result.error.code}: ${result.error.message}\n`);
      return;
    }
    warnPlaintext(result.signed, io, where);
    if (values.json) {
      io.stdout.write(JSON.stringify(redactSignedRequest(result.signed, showSecrets)) + '\n');
    } else {
      const input = { ...defaults, ...req.input } as SignRequestInput;
      io.stdout.write((index === 0 ? '' : '\n') + (requests.length === 1 ? '' : `=== request ${index + 1} (line ${req.line}) ===\n\n`) + explain(result.signed, input, showSecrets));
    }
  });
  if (failed > 0) {
    io.stderr.write(`oauth1 sign: error ERR_OAUTH_CLI_REQUESTS_FAILED: ${failed} of ${requests.length} request${requests.length === 1 ? '' : 's'} failed\n`);
    return EXIT.FAILURE;
  }
  return EXIT.OK;
}

/** The `oauth1 sign` command. */
export const command: CliCommand = {
  name: 'sign',
  summary: 'sign a request and explain every step (parameters, base string, key, header, curl)',
  help: HELP,
  run,
};
