// `oauth1 request`: sign and send one request, print the status and body, or the decoded provider error (RFC 5849 §3).

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SignedRequest } from '../../../core/types.js';
import { capturedRequestJson } from '../shared/capture.js';
import { ProviderError } from '../../../providers/provider-error.js';
import { createOAuthGot } from '../../../client/transport/got.js';
import { CREDENTIAL_HELP, CREDENTIAL_OPTIONS, credentialsFromFlags, requireTokenForTokenSecret } from '../shared/credentials.js';
import { pairsFromFlags, profileFromFlags, resolveApiUrl } from '../shared/provider-flags.js';
import { helpOption, profileTemplateNames, providerNames } from '../shared/help-text.js';
import { clientCredentials, transportOptionsFromFlags } from '../shared/transport-flags.js';
import { describeProviderError, parseBody, providerErrorJson } from '../shared/provider-error-output.js';
import { redactSignedRequest } from '../shared/render.js';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../shared/io.js';

const OPTIONS = {
  ...CREDENTIAL_OPTIONS,
  form: { type: 'string', multiple: true },
  query: { type: 'string', multiple: true },
  header: { type: 'string', multiple: true },
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  placement: { type: 'string' },
  retry: { type: 'string' },
  'retry-post': { type: 'boolean' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  capture: { type: 'string' },
} as const;

const HELP = `Usage: oauth1 request METHOD URL [--form name=value]… [--query name=value]… [credentials]
                      [--provider NAME [--base-url URL]] [--json] [-v]

Signs a request (a fresh nonce and timestamp on every attempt and same-origin redirect), sends
it, and prints the HTTP status and the body. A non-2xx answer is decoded with the provider's
error format (Sina Weibo 401xx, Twitter "errors", Problem Reporting…): the provider code,
the OAuth problem and a one-line hint are printed and the exit code is 1. On
timestamp_refused the clock offset is taken from the answer and the request re-signed once.

Arguments:
  METHOD                     GET, POST, PUT, DELETE…
  URL                        absolute URL, or a path relative to the profile's API base

Options:
  --form name=value          form field (repeatable; sent form-encoded and signed)
  --query name=value         query parameter (repeatable; appended to URL and signed)
  --header "Name: value"     extra request header (repeatable)
${helpOption('--provider NAME', `profile (placement, signature method, oauth_version, extra parameters, error decoder): ${providerNames()} (templates, built in code: ${profileTemplateNames()})`, 29)}
  --base-url URL             point the profile at another host (e.g. the sandbox)
  --placement WHERE          header, query or form (default: the profile's)
  --retry N                  retries on 5xx/network errors (default 2; POST only with --retry-post)
  --retry-post               allow POST to be retried
  --timeout SECONDS          whole-request timeout (default 30)
  --json                     print {"status","headers","body","attempts"} (and "error" on failure)
  -v, --verbose              print each attempt's base string and Authorization header on stderr
  --capture FILE             write the last signed attempt, exactly as sent, as JSON that
                             \`oauth1 verify --request FILE\` reads (no secrets; a PLAINTEXT
                             signature is <redacted> unless --show-secrets)
  -h, --help                 show this help

${CREDENTIAL_HELP}

Environment: OAUTH1_CONSUMER_KEY, OAUTH1_CONSUMER_SECRET, OAUTH1_TOKEN_SECRET.

Exit codes: 0 2xx answer, 1 error answer or network failure, 2 usage error.

Examples:
  oauth1 request GET http://127.0.0.1:8765/account/verify_credentials.json \\
    --provider weibo-v1 --consumer-key sandbox-consumer-key --token demo-token
  OAUTH1_CONSUMER_SECRET=… OAUTH1_TOKEN_SECRET=… oauth1 request POST statuses/update.json \\
    --provider twitter --base-url http://127.0.0.1:8765 --form status='hello' --json
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (positionals.length !== 2) throw new UsageError('expected METHOD and URL');
  const method = positionals[0]!.toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw new UsageError(`METHOD must be a word such as GET or POST, got ${JSON.stringify(positionals[0])}`);
  const profile = profileFromFlags(values.provider, values['base-url']);
  let url = resolveApiUrl(positionals[1]!, profile);
  const query = pairsFromFlags(values.query, '--query');
  if (query.length > 0) {
    const u = new URL(url);
    for (const [n, v] of query) u.searchParams.append(n, v);
    url = u.href.replace(/\+/g, '%20');
  }
  const form = pairsFromFlags(values.form, '--form');
  const headers: Record<string, string> = {};
  for (const h of values.header ?? []) {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new UsageError(`--header expects "Name: value", got ${JSON.stringify(h)}`);
    headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
  }
  const creds = credentialsFromFlags(values, io.env);
  requireTokenForTokenSecret(creds);
  const showSecrets = values['show-secrets'] === true;
  const options = transportOptionsFromFlags(creds, profile, values.timeout);
  if (values.placement !== undefined) {
    if (!['header', 'query', 'form'].includes(values.placement)) throw new UsageError('--placement must be header, query or form');
    options.placement = values.placement as 'header' | 'query' | 'form';
  }
  if (values.retry !== undefined) {
    if (!/^\d{1,2}$/.test(values.retry)) throw new UsageError('--retry must be a small whole number');
    options.retry = { limit: Number(values.retry), retryPost: values['retry-post'] === true, delayMs: (n) => 250 * 2 ** (n - 1) };
  } else if (values['retry-post']) options.retry = { retryPost: true };
  let lastSigned: SignedRequest | undefined;
  const verbose = values.verbose === true;
  if (verbose || values.capture !== undefined) {
    options.onSigned = (a) => {
      if (a.signed !== undefined) lastSigned = a.signed;
      if (!verbose) return;
      const tag = `attempt ${a.attempt + 1}${a.redirect > 0 ? `, redirect ${a.redirect}` : ''}`;
      if (a.signed === undefined) { io.stderr.write(`[${tag}] ${a.url.split('?')[0]} — another origin: sent without credentials\n`); return; }
      // A PLAINTEXT signature is the signing key: redacted like the secrets unless --show-secrets.
      const shown = redactSignedRequest(a.signed, showSecrets);
      io.stderr.write(`[${tag}] base string: ${shown.baseString}\n[${tag}] authorization: ${shown.authorization}\n`);
    };
  }
  options.throwHttpErrors = false;
  const transport = createOAuthGot(clientCredentials(creds, io.env), options);
  const request = { method, url, headers, ...(form.length > 0 ? { form } : {}), ...(creds.callback !== undefined ? { callback: creds.callback } : {}), ...(creds.verifier !== undefined ? { verifier: creds.verifier } : {}) };
  let res: Awaited<ReturnType<typeof transport.request>>;
  try {
    res = await transport.request(request);
  } finally {
    if (values.capture !== undefined && lastSigned !== undefined) {
      writeFileSync(values.capture, JSON.stringify(capturedRequestJson(lastSigned, profile?.name, showSecrets), null, 2) + '\n', { mode: 0o600 });
    }
  }
  const ok = res.status >= 200 && res.status < 300;
  let error: ProviderError | undefined;
  if (!ok) {
    const { providerErrorFor } = await import('../../../client/transport/skew.js');
    error = providerErrorFor(res, profile);
  }
  if (values.json) {
    const out: Record<string, unknown> = {
      status: res.status, headers: res.headers, body: parseBody(res.body),
      attempts: res.attempts.map((a) => ({ attempt: a.attempt, redirect: a.redirect, url: a.url.split('?')[0], signed: a.signed !== undefined, nonce: a.signed?.oauthParams.find(([n]) => n === 'oauth_nonce')?.[1] })),
    };
    if (error !== undefined) out.error = providerErrorJson(error);
    if (transport.clockOffsetMs !== 0) out.clockOffsetMs = transport.clockOffsetMs;
    io.stdout.write(JSON.stringify(out) + '\n');
  } else {
    io.stdout.write(`${res.status}\n${res.body}${res.body.endsWith('\n') || res.body === '' ? '' : '\n'}`);
    if (transport.clockOffsetMs !== 0) io.stderr.write(`note: the server clock differs from ours by ${Math.round(transport.clockOffsetMs / 1000)} s; the request was re-signed with the server's time\n`);
    if (error !== undefined) io.stderr.write(describeProviderError(error, 'request').join('\n') + '\n');
  }
  return ok ? EXIT.OK : EXIT.FAILURE;
}

/** The `oauth1 request` command. */
export const command: CliCommand = {
  name: 'request',
  summary: 'sign and send a request; print the status and body or the decoded provider error',
  help: HELP,
  run: async (argv, io) => {
    try {
      return await run(argv, io);
    } catch (e) {
      if (e instanceof ProviderError) { io.stderr.write(describeProviderError(e, 'request').join('\n') + '\n'); return EXIT.FAILURE; }
      throw e;
    }
  },
};
