// `oauth1 flow`: the three-legged flow from the terminal — oob PIN, a loopback callback listener, or a pasted callback URL (RFC 5849 §2).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Parameter } from '../../../core/types.js';
import type { ProviderProfile } from '../../../providers/profile.js';
import { getProfile } from '../../../providers/index.js';
import { ProviderError } from '../../../providers/provider-error.js';
import { createOAuthGot } from '../../../client/transport/got.js';
import { requestTemporaryCredentials, authorizationUrl, parseAuthorizationCallback, requestTokenCredentials, CallbackError } from '../../../client/flow/index.js';
import { CREDENTIAL_HELP, CREDENTIAL_OPTIONS, credentialsFromFlags } from '../shared/credentials.js';
import { redact } from '../shared/redact.js';
import { checkSecretFileTarget, writeSecretFile } from '../shared/secret-file.js';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../shared/io.js';
import { pairsFromFlags, profileFromFlags } from '../shared/provider-flags.js';
import { helpOption, profileTemplateNames, providerNames } from '../shared/help-text.js';
import { clientCredentials, transportOptionsFromFlags } from '../shared/transport-flags.js';
import { describeProviderError } from '../shared/provider-error-output.js';

const OPTIONS = {
  ...CREDENTIAL_OPTIONS,
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  'request-token-url': { type: 'string' },
  'authorize-url': { type: 'string' },
  'access-token-url': { type: 'string' },
  'authorize-param': { type: 'string', multiple: true },
  'callback-timeout': { type: 'string' },
  'allow-unconfirmed-callback': { type: 'boolean' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  save: { type: 'string' },
} as const;

const HELP = `Usage: oauth1 flow (--provider NAME [--base-url URL] |
                    --request-token-url U --authorize-url U --access-token-url U)
                   --consumer-key K [--consumer-secret S] [--callback oob|loopback|URL]
                   [--authorize-param NAME=VALUE]… [--callback-timeout SECONDS]
                   [--json] [--save FILE] [--show-secrets]

Runs the OAuth 1.0a three-legged flow (RFC 5849 §2):
  1. requests temporary credentials (a.k.a. request token) with oauth_callback,
  2. prints the authorisation URL on a line of its own on stderr — open it in a browser,
  3. gets the verifier: --callback oob prompts for the PIN on stdin; --callback loopback
     listens on http://127.0.0.1:PORT/callback/RANDOM (an ephemeral port, a random path) and
     waits for the browser's redirect carrying the temporary token (other hits get 400);
     any other URL prompts for the URL you were sent to,
  4. exchanges it for token credentials (a.k.a. access token), signed with the temporary secret,
and prints the token credentials. A temporary-credentials answer without
oauth_callback_confirmed=true is refused unless --allow-unconfirmed-callback.

Options:
${helpOption('--provider NAME', `${providerNames()} (templates, built in code: ${profileTemplateNames()})`, 29)}
  --base-url URL             point the profile at another host, e.g. the sandbox
                             (oauth1 serve): every endpoint keeps its path
  --request-token-url U      temporary-credentials endpoint (instead of --provider)
  --authorize-url U          resource-owner authorisation endpoint
  --access-token-url U       token-credentials endpoint
  --callback oob|loopback|URL  (default: the profile's, usually oob)
  --authorize-param N=V      extra query parameter on the authorisation URL (repeatable), e.g.
                             Trello's scope=read,write expiration=never name=MyApp or Flickr's
                             perms=write; oauth_token is refused (the flow sets it)
  --callback-timeout S       how long loopback waits for the redirect (default 300)
  --allow-unconfirmed-callback  accept a pre-1.0a provider (no oauth_callback_confirmed)
  --timeout SECONDS          per-request timeout (default 30)
  --json                     print {"token","tokenSecret", …other response parameters}
  --save FILE                write the JSON credentials to FILE with mode 0600 (a new file
                             renamed over FILE; a symbolic link is refused)
  -h, --help                 show this help

Without --json the token secret is printed only with --show-secrets (use --json or --save to
keep it).

${CREDENTIAL_HELP}

Environment: OAUTH1_CONSUMER_KEY, OAUTH1_CONSUMER_SECRET.

Exit codes: 0 credentials obtained, 1 the provider refused or the callback did not come, 2 usage.

Examples:
  oauth1 serve --port 8765 &
  oauth1 flow --provider weibo-v1 --base-url http://127.0.0.1:8765 \\
    --consumer-key sandbox-consumer-key --consumer-secret sandbox-consumer-secret --callback loopback
  OAUTH1_CONSUMER_SECRET=… oauth1 flow --provider twitter --consumer-key KEY --callback oob --save ~/.twitter.json
  OAUTH1_CONSUMER_SECRET=… oauth1 flow --provider flickr --consumer-key KEY --authorize-param perms=write
`;

/** Reads one line from stdin (the PIN or the pasted callback URL). */
function readLine(io: CliIo, prompt: string): Promise<string> {
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: io.stdin, terminal: false });
    let done = false;
    rl.once('line', (line) => {
      done = true;
      rl.close();
      // Stop reading stdin so a driver that keeps its pipe open does not keep the process alive.
      io.stdin.pause();
      (io.stdin as { unref?: () => void }).unref?.();
      resolve(line.trim());
    });
    rl.once('close', () => { if (!done) reject(new CallbackError('ERR_OAUTH_CALLBACK_INVALID', 'stdin closed before the PIN or callback URL was entered')); });
  });
}

/** The loopback callback listener: where it listens, the callback it resolves with, and how to stop it. */
interface LoopbackListener {
  /** `http://127.0.0.1:PORT/callback/RANDOM`: the oauth_callback to send. */
  callback: string;
  /** Sets the temporary token the callback must carry (known only after the first leg). */
  expectToken(token: string): void;
  /** The full callback URL, once the expected redirect arrives. */
  received: Promise<string>;
  close(): void;
}

/**
 * A callback listener on 127.0.0.1 (ephemeral port) at a random path. Only a request to that path
 * carrying `oauth_token` equal to the temporary token, with `oauth_verifier` or `denied`, ends the
 * wait; any other hit (another page on this machine, a guess) is answered 400 and ignored, so
 * it cannot end or hijack the flow.
 */
// RFC 5849 §2.2 (the callback carries oauth_token and oauth_verifier)
async function loopbackListener(timeoutMs: number): Promise<LoopbackListener> {
  let resolveReceived!: (url: string) => void;
  let rejectReceived!: (e: Error) => void;
  const received = new Promise<string>((res, rej) => { resolveReceived = res; rejectReceived = rej; });
  const path = `/callback/${randomBytes(16).toString('hex')}`;
  let expected: string | undefined;
  let done = false;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const token = url.searchParams.get('oauth_token');
    const ours = !done && expected !== undefined && url.pathname === path && token === expected
      && (url.searchParams.has('oauth_verifier') || url.searchParams.has('denied'));
    if (!ours) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not the OAuth callback this flow is waiting for\n');
      return;
    }
    done = true;
    const denied = url.searchParams.has('denied');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
    res.end(`<!doctype html><meta charset="utf-8"><title>oauth1</title><p id="result">${denied ? 'Access was denied.' : 'Authorised. You can close this window and return to the terminal.'}</p>\n`);
    resolveReceived(`http://127.0.0.1${req.url ?? '/'}`);
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', () => resolve()); });
  const port = (server.address() as AddressInfo).port;
  const timer = setTimeout(() => rejectReceived(new CallbackError('ERR_OAUTH_CALLBACK_INVALID', `no callback arrived at http://127.0.0.1:${port}${path} within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  timer.unref();
  return {
    callback: `http://127.0.0.1:${port}${path}`,
    expectToken: (token) => { expected = token; },
    received,
    close: () => { clearTimeout(timer); server.close(); server.closeAllConnections(); },
  };
}

function flowProfile(values: { provider?: string; 'base-url'?: string; 'request-token-url'?: string; 'authorize-url'?: string; 'access-token-url'?: string }): ProviderProfile {
  const urls = [values['request-token-url'], values['authorize-url'], values['access-token-url']];
  const given = urls.filter((u) => u !== undefined).length;
  if (given > 0 && given < 3) throw new UsageError('give all three of --request-token-url, --authorize-url and --access-token-url');
  if (given === 0 && values.provider === undefined) throw new UsageError('give --provider NAME or the three endpoint URLs');
  let profile = profileFromFlags(values.provider, values['base-url']) ?? getProfile('generic');
  if (given === 3) {
    for (const u of urls) { try { new URL(u!); } catch { throw new UsageError(`endpoint URLs must be absolute, got ${JSON.stringify(u)}`); } }
    profile = { ...profile, endpoints: { ...profile.endpoints, temporaryCredentials: urls[0]!, authorization: urls[1]!, tokenCredentials: urls[2]! } };
  }
  return profile;
}

/**
 * `--authorize-param NAME=VALUE` pairs for the authorisation URL. `oauth_token` is refused: the
 * flow sets it to the temporary token, and a second one would confuse the provider.
 */
// RFC 5849 §2.2 (the authorisation URL carries oauth_token; a provider may take more parameters)
function authorizeParamsFromFlags(specs: string[] | undefined): Parameter[] {
  const pairs = pairsFromFlags(specs, '--authorize-param');
  for (const [n] of pairs) if (n === 'oauth_token') throw new UsageError('--authorize-param cannot set oauth_token: the flow puts the temporary token there');
  return pairs;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  const profile = flowProfile(values);
  // Refuse a bad --save target before the user is sent to authorise anything.
  if (values.save !== undefined) checkSecretFileTarget(values.save, '--save');
  const authorizeParams = authorizeParamsFromFlags(values['authorize-param']);
  const creds = credentialsFromFlags(values, io.env);
  const client = clientCredentials(creds, io.env);
  delete client.token;
  delete client.tokenSecret;
  const transport = createOAuthGot(client, transportOptionsFromFlags(creds, profile, values.timeout));
  const mode = creds.callback ?? profile.defaultCallback;
  let callbackTimeout = 300_000;
  if (values['callback-timeout'] !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(values['callback-timeout'])) throw new UsageError('--callback-timeout must be a number of seconds');
    callbackTimeout = Math.round(Number(values['callback-timeout']) * 1000);
  }
  const listener = mode === 'loopback' ? await loopbackListener(callbackTimeout) : undefined;
  try {
    const callback = listener?.callback ?? mode;
    const temp = await requestTemporaryCredentials(transport, {
      callback, ...(values['allow-unconfirmed-callback'] ? { allowUnconfirmedCallback: true } : {}),
    });
    const url = authorizationUrl(profile, temp.token, authorizeParams);
    io.stderr.write(`Open this URL in a browser and authorise the application:\n${url}\n`);
    let verifier: string;
    if (listener !== undefined) {
      listener.expectToken(temp.token);
      io.stderr.write(`Waiting for the redirect to ${listener.callback} …\n`);
      verifier = parseAuthorizationCallback(await listener.received, temp).verifier;
    } else if (callback === 'oob' || callback === 'null') {
      verifier = await readLine(io, 'Enter the PIN (verifier) shown after you allowed access: ');
      if (verifier === '') throw new CallbackError('ERR_OAUTH_CALLBACK_INVALID', 'no PIN was entered');
    } else {
      verifier = parseAuthorizationCallback(await readLine(io, 'Paste the full URL the browser was sent to: '), temp).verifier;
    }
    const access = await requestTokenCredentials(transport, temp, verifier);
    const extra = access.params.filter(([n]) => n !== 'oauth_token' && n !== 'oauth_token_secret');
    const json: Record<string, string> = { token: access.token, tokenSecret: access.tokenSecret };
    for (const [n, v] of extra) if (!(n in json)) json[n] = v;
    if (values.save !== undefined) {
      writeSecretFile(values.save, JSON.stringify(json, null, 2) + '\n', '--save');
      io.stderr.write(`saved the token credentials to ${values.save} (mode 0600)\n`);
    }
    if (values.json) io.stdout.write(JSON.stringify(json) + '\n');
    else {
      const lines = [`oauth_token=${access.token}`, `oauth_token_secret=${redact(access.tokenSecret, values['show-secrets'] === true)}`];
      for (const [n, v] of extra) lines.push(`${n}=${v}`);
      io.stdout.write(lines.join('\n') + '\n');
    }
    return EXIT.OK;
  } finally {
    listener?.close();
  }
}

/** The `oauth1 flow` command. */
export const command: CliCommand = {
  name: 'flow',
  summary: 'run the three-legged flow (oob PIN or loopback callback) and print the token credentials',
  help: HELP,
  run: async (argv, io) => {
    try {
      return await run(argv, io);
    } catch (e) {
      if (e instanceof ProviderError) { io.stderr.write(`${describeProviderError(e, 'flow').join('\n')}\n`); return EXIT.FAILURE; }
      throw e;
    }
  },
};
