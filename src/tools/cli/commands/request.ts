// `oauth1 request`: sign and send one request, print the status and body, or the decoded provider error (RFC 5849 §3).

import { parseArgs } from 'node:util';
import type { ProviderProfile } from '../../../providers/profile.js';
import { getProfile, withBaseUrl } from '../../../providers/index.js';
import { ProviderError } from '../../../providers/provider-error.js';
import { createOAuthGot } from '../../../client/transport/got.js';
import type { OAuthCredentials, OAuthTransportOptions } from '../../../client/transport/options.js';
import type { Parameter } from '../../../core/types.js';
import { generateNonce } from '../../../core/nonce.js';
import { CREDENTIAL_HELP, CREDENTIAL_OPTIONS, credentialsFromFlags, type CliCredentials } from '../credentials.js';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../io.js';

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
  --provider NAME            profile: weibo-v1, twitter, tencent, netease, generic, netsuite, jira
                             (placement, signature method, oauth_version, extra parameters,
                             error decoder)
  --base-url URL             point the profile at another host (e.g. the sandbox)
  --placement WHERE          header, query or form (default: the profile's)
  --retry N                  retries on 5xx/network errors (default 2; POST only with --retry-post)
  --retry-post               allow POST to be retried
  --timeout SECONDS          whole-request timeout (default 30)
  --json                     print {"status","headers","body","attempts"} (and "error" on failure)
  -v, --verbose              print each attempt's base string and Authorization header on stderr
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

/**
 * Parses repeatable `name=value` flags into pairs.
 *
 * @example pairsFromFlags(['status=hi=there'], '--form') // [['status', 'hi=there']]
 */
export function pairsFromFlags(values: string[] | undefined, flag: string): Parameter[] {
  return (values ?? []).map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} expects name=value, got ${JSON.stringify(v)}`);
    return [v.slice(0, eq), v.slice(eq + 1)] as const;
  });
}

/**
 * Resolves `--provider` and `--base-url` to a profile (undefined when neither is given).
 *
 * @example profileFromFlags('twitter', 'http://127.0.0.1:8765')?.endpoints.temporaryCredentials // 'http://127.0.0.1:8765/oauth/request_token'
 */
export function profileFromFlags(provider: string | undefined, baseUrl: string | undefined): ProviderProfile | undefined {
  if (provider === undefined && baseUrl === undefined) return undefined;
  let profile = getProfile(provider ?? 'generic');
  if (baseUrl !== undefined) {
    try { new URL(baseUrl); } catch { throw new UsageError(`--base-url must be an absolute URL, got ${JSON.stringify(baseUrl)}`); }
    profile = withBaseUrl(profile, baseUrl);
  }
  return profile;
}

/**
 * Client credentials from flags and environment (`OAUTH1_CONSUMER_KEY` as a fallback for the key).
 *
 * @example clientCredentials(credentialsFromFlags(values, env), env)
 */
export function clientCredentials(c: CliCredentials, env: Record<string, string | undefined>): OAuthCredentials {
  const consumerKey = c.consumerKey ?? env.OAUTH1_CONSUMER_KEY;
  if (consumerKey === undefined) throw new UsageError('--consumer-key (or env OAUTH1_CONSUMER_KEY) is required');
  const out: OAuthCredentials = { consumerKey };
  if (c.consumerSecret !== undefined) out.consumerSecret = c.consumerSecret;
  if (c.privateKey !== undefined) out.privateKey = c.privateKey;
  if (c.token !== undefined) out.token = c.token;
  if (c.tokenSecret !== undefined) out.tokenSecret = c.tokenSecret;
  return out;
}

/**
 * Transport options shared by `flow` and `request` from the protocol-value flags.
 *
 * @example transportOptionsFromFlags({ signatureMethod: 'HMAC-SHA256' }, profile, '10') // { profile, signatureMethod: 'HMAC-SHA256', timeout: 10000 }
 */
export function transportOptionsFromFlags(c: CliCredentials, profile: ProviderProfile | undefined, timeoutSeconds: string | undefined): OAuthTransportOptions {
  const o: OAuthTransportOptions = {};
  if (profile !== undefined) o.profile = profile;
  if (c.signatureMethod !== undefined) o.signatureMethod = c.signatureMethod;
  if (c.version === null) o.version = null;
  if (c.realm !== undefined) o.realm = c.realm;
  if (c.nonce != null) { const n = c.nonce; o.generateNonce = () => n; } else if (c.nonceLength !== undefined) { const len = c.nonceLength; o.generateNonce = () => generateNonce(len); }
  if (timeoutSeconds !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(timeoutSeconds)) throw new UsageError('--timeout must be a number of seconds');
    o.timeout = Math.round(Number(timeoutSeconds) * 1000);
  }
  return o;
}

/**
 * Lines describing a decoded provider error (status, code, problem, message, hint) — no secrets.
 *
 * @example io.stderr.write(describeProviderError(e).join('\n') + '\n')
 */
export function describeProviderError(e: ProviderError): string[] {
  const head = [`HTTP ${e.status}`];
  if (e.providerCode !== undefined) head.push(`provider code ${e.providerCode}`);
  if (e.problem !== undefined) head.push(`oauth_problem ${e.problem}`);
  const lines = [`error ${e.code}: ${e.message}`, `  ${head.join(', ')}`];
  if (e.providerMessage) lines.push(`  provider message: ${e.providerMessage}`);
  if (e.hint) lines.push(`  hint: ${e.hint}`);
  lines.push(`  retryable: ${e.retryable ? 'yes' : 'no'}`);
  return lines;
}

/**
 * A response body for `--json` output: parsed when it looks like JSON, else the text as received.
 *
 * @example parseBody('{"id":1}') // { id: 1 };  parseBody('oauth_token=a') // 'oauth_token=a'
 */
export function parseBody(body: string): unknown {
  const t = body.trim();
  if (t.startsWith('{') || t.startsWith('[')) { try { return JSON.parse(t); } catch { return body; } }
  return body;
}

/**
 * The decoded provider error as the `error` member of `--json` output (no secrets).
 *
 * @example out.error = providerErrorJson(error) // { code, message, status, providerCode, problem, providerMessage, retryable, hint }
 */
export function providerErrorJson(error: ProviderError): Record<string, unknown> {
  return { code: error.code, message: error.message, status: error.status, providerCode: error.providerCode, problem: error.problem, providerMessage: error.providerMessage, retryable: error.retryable, hint: error.hint };
}

/**
 * The request URL from the command line: an absolute URL as given, a relative one resolved against
 * the profile's API base (`--provider` / `--base-url`); a relative URL without an API base is a usage error.
 *
 * @example resolveApiUrl('/statuses/update.json', getProfile('twitter')) // 'https://api.twitter.com/1.1/statuses/update.json'
 */
export function resolveApiUrl(url: string, profile: ProviderProfile | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  const base = profile?.endpoints.apiBase;
  if (base === undefined) throw new UsageError('URL must be absolute unless --provider gives an API base');
  return new URL(url.replace(/^\//, ''), base.endsWith('/') ? base : base + '/').href;
}

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
  const options = transportOptionsFromFlags(creds, profile, values.timeout);
  if (values.placement !== undefined) {
    if (!['header', 'query', 'form'].includes(values.placement)) throw new UsageError('--placement must be header, query or form');
    options.placement = values.placement as 'header' | 'query' | 'form';
  }
  if (values.retry !== undefined) {
    if (!/^\d{1,2}$/.test(values.retry)) throw new UsageError('--retry must be a small whole number');
    options.retry = { limit: Number(values.retry), retryPost: values['retry-post'] === true, delayMs: (n) => 250 * 2 ** (n - 1) };
  } else if (values['retry-post']) options.retry = { retryPost: true };
  if (values.verbose) {
    options.onSigned = (a) => {
      const tag = `attempt ${a.attempt + 1}${a.redirect > 0 ? `, redirect ${a.redirect}` : ''}`;
      if (a.signed === undefined) { io.stderr.write(`[${tag}] ${a.url.split('?')[0]} — another origin: sent without credentials\n`); return; }
      io.stderr.write(`[${tag}] base string: ${a.signed.baseString}\n[${tag}] authorization: ${a.signed.authorization}\n`);
    };
  }
  options.throwHttpErrors = false;
  const transport = createOAuthGot(clientCredentials(creds, io.env), options);
  const request = { method, url, headers, ...(form.length > 0 ? { form } : {}), ...(creds.callback !== undefined ? { callback: creds.callback } : {}), ...(creds.verifier !== undefined ? { verifier: creds.verifier } : {}) };
  const res = await transport.request(request);
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
    if (error !== undefined) io.stderr.write(describeProviderError(error).join('\n') + '\n');
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
      if (e instanceof ProviderError) { io.stderr.write(describeProviderError(e).join('\n') + '\n'); return EXIT.FAILURE; }
      throw e;
    }
  },
};
