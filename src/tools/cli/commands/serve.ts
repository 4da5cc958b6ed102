// `oauth1 serve`: runs the sandbox provider (Sina Weibo v1, Twitter or an emulated provider) on 127.0.0.1 until SIGINT/SIGTERM (RFC 5849 §2, §3).

import { parseArgs } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxProvider, type SandboxProviderName } from '../../sandbox/index.js';
import { SANDBOX_EMULATIONS } from '../../sandbox/providers/index.js';
import { CliError, EXIT, UsageError, type CliCommand, type CliIo } from '../shared/io.js';
import { redact } from '../shared/redact.js';
import { helpOption, sandboxProviderNames } from '../shared/help-text.js';
import type { RedisNonceStore } from '../../../server/nonce-store/redis.js';

const OPTIONS = {
  port: { type: 'string' },
  provider: { type: 'string' },
  'consumer-key': { type: 'string' },
  'consumer-secret': { type: 'string' },
  'public-key': { type: 'string' },
  token: { type: 'string' },
  'token-secret': { type: 'string' },
  'auto-approve': { type: 'boolean' },
  'timestamp-window': { type: 'string' },
  'nonce-store': { type: 'string' },
  'accept-version': { type: 'string', multiple: true },
  'show-secrets': { type: 'boolean' },
} as const;

const DEFAULT_KEY = 'sandbox-consumer-key';
const DEFAULT_SECRET = 'sandbox-consumer-secret';

/** Every provider id `--provider` accepts. */
const PROVIDER_IDS = sandboxProviderNames();

const HELP = `Usage: oauth1 serve [--port N] [--provider NAME]
                    [--consumer-key K --consumer-secret S] [--token T --token-secret TS]
                    [--public-key FILE]
                    [--auto-approve] [--timestamp-window SECONDS] [--show-secrets]
                    [--nonce-store memory|redis://HOST:PORT] [--accept-version 1.0A]

Runs the sandbox OAuth 1.0a provider on 127.0.0.1 so you can practise the three-legged flow and
signed calls without a live provider. It plays Sina Weibo v1 (the default), Twitter or one of
the emulated providers listed below: temporary credentials, an authorisation page with Allow
and Deny (a PIN for oob), token credentials and protected resources, with signatures checked,
a timestamp window, replayed nonces refused and errors answered in the provider's own format.

Endpoints (weibo-v1):  /oauth/request_token  /oauth/authorize  /oauth/access_token
                       /account/verify_credentials.json  /statuses/update.json
                       /statuses/upload.json (multipart; text fields signed, pic not)
Endpoints (twitter):   the same /oauth/* steps, /1.1/account/verify_credentials.json,
                       /1.1/statuses/update.json
                       /1.1/statuses/update_with_media.json (multipart; no field signed)
Emulated providers (docs/providers/NAME.md):
${Object.entries(SANDBOX_EMULATIONS).map(([id, e]) => `  ${id.padEnd(20)} ${e.summary}`).join('\n')}

It prints "listening on http://127.0.0.1:PORT" and the client credentials it accepts, then
runs until interrupted (Ctrl-C, SIGINT or SIGTERM).

Options:
  --port N                  TCP port (default 0: a free port is chosen)
${helpOption('--provider NAME', PROVIDER_IDS.map((id) => (id === 'weibo-v1' ? `${id} (default)` : id)).join(', '), 28)}
  --consumer-key K          client identifier accepted (default ${DEFAULT_KEY})
  --consumer-secret S       client secret accepted (or env OAUTH1_CONSUMER_SECRET;
                            default ${DEFAULT_SECRET})
  --public-key FILE         jira, confluence: the application link's RSA public key (PEM public
                            key or certificate, e.g. oauth1 keygen's public.pem) that RSA-SHA1
                            signatures are checked with. Without it a key pair is generated and
                            its private key written to a new temporary directory (mode 0600);
                            the path is printed
  --token T                 pre-register an access token for scripted calls (needs --token-secret)
  --token-secret TS         its secret (or env OAUTH1_TOKEN_SECRET)
  --auto-approve            approve authorisation requests at once (redirect or PIN page)
  --timestamp-window S      accepted oauth_timestamp distance in seconds (default 300;
                            an emulated provider's own, e.g. woocommerce 900)
  --nonce-store STORE       where accepted nonces are remembered: memory (default) or a Redis
                            URL (redis://127.0.0.1:6379) shared by several sandboxes, so a
                            request replayed to another one is refused too; if Redis is
                            unreachable, requests are refused (fail closed)
  --accept-version V        also accept oauth_version="V" (repeatable); RFC 5849 allows only
                            1.0 (the default), but node-oauth sends 1.0A: --accept-version 1.0A
  --show-secrets            print secrets you passed instead of <redacted>
  -h, --help                show this help

Exit codes: 0 stopped by a signal, 1 could not listen ("port N is in use"), 2 usage error.

Examples:
  oauth1 serve --port 8765
  oauth1 serve --provider twitter --auto-approve --token demo-token --token-secret demo-secret
  oauth1 serve --port 8765 --nonce-store redis://127.0.0.1:6379
  oauth1 serve --port 8765 --accept-version 1.0A
  oauth1 serve --provider woocommerce --port 8765 --consumer-key ck_demo --consumer-secret cs_demo
  oauth1 serve --provider jira --port 8765 --consumer-key my-app-link --public-key keys/public.pem
  oauth1 flow --provider weibo-v1 --base-url http://127.0.0.1:8765 \\
    --consumer-key ${DEFAULT_KEY} --consumer-secret ${DEFAULT_SECRET} --callback oob
`;

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got ${JSON.stringify(text)}`);
  return Number(text);
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  const provider = (values.provider ?? 'weibo-v1') as SandboxProviderName;
  if (!PROVIDER_IDS.includes(provider)) throw new UsageError(`--provider must be one of ${PROVIDER_IDS.join(', ')}, got ${JSON.stringify(values.provider)}`);
  const emulation = Object.prototype.hasOwnProperty.call(SANDBOX_EMULATIONS, provider) ? SANDBOX_EMULATIONS[provider as keyof typeof SANDBOX_EMULATIONS] : undefined;
  const port = parsePort(values.port);
  const consumerKey = values['consumer-key'] ?? DEFAULT_KEY;
  const givenSecret = values['consumer-secret'] ?? io.env.OAUTH1_CONSUMER_SECRET;
  const consumerSecret = givenSecret ?? DEFAULT_SECRET;
  const token = values.token;
  const tokenSecret = values['token-secret'] ?? io.env.OAUTH1_TOKEN_SECRET;
  if (token !== undefined && tokenSecret === undefined) throw new UsageError('--token needs --token-secret (or env OAUTH1_TOKEN_SECRET)');
  let window: number | undefined;
  if (values['timestamp-window'] !== undefined) {
    if (!/^\d{1,6}$/.test(values['timestamp-window'])) throw new UsageError('--timestamp-window must be a whole number of seconds');
    window = Number(values['timestamp-window']);
  }
  const extraVersions = values['accept-version'] ?? [];
  for (const v of extraVersions) if (!/^[\x21-\x7e]{1,20}$/.test(v)) throw new UsageError(`--accept-version must be a version string such as 1.0A, got ${JSON.stringify(v)}`);
  const show = values['show-secrets'] === true;
  let consumerPublicKey: string | undefined;
  if (values['public-key'] !== undefined) {
    if (emulation?.rsaConsumer !== true) throw new UsageError(`--public-key goes with an RSA provider (${Object.entries(SANDBOX_EMULATIONS).filter(([, e]) => e.rsaConsumer === true).map(([id]) => id).join(', ')})`);
    try {
      consumerPublicKey = readFileSync(values['public-key'], 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --public-key ${values['public-key']}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    if (!/-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/.test(consumerPublicKey)) {
      throw new UsageError(`--public-key ${values['public-key']} is not a PEM public key or certificate${/PRIVATE KEY-----/.test(consumerPublicKey) ? ' (it is a private key: give the public half, e.g. public.pem)' : ''}`);
    }
  }
  const storeSpec = values['nonce-store'] ?? 'memory';
  let nonceStore: RedisNonceStore | undefined;
  // Loaded only when asked for: @redis/client is an optional peer dependency.
  const redis = /^rediss?:\/\//i.test(storeSpec) || storeSpec.includes('@') ? await import('../../../server/nonce-store/redis.js') : undefined;
  const redactRedisUrl = (url: string): string => redis?.redactRedisUrl(url) ?? url;
  if (redis !== undefined && /^rediss?:\/\//i.test(storeSpec)) {
    // Connect before listening: a sandbox that cannot record nonces would refuse every request.
    nonceStore = await new redis.RedisNonceStore({ url: storeSpec }).connect();
  } else if (storeSpec !== 'memory') {
    throw new UsageError(`--nonce-store must be memory or a redis:// URL, got ${JSON.stringify(storeSpec.includes('@') ? redactRedisUrl(storeSpec) : storeSpec)}`);
  }
  // Listen for the stop signals before announcing the port, so a signal sent right after is not lost.
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  let sandbox;
  try {
    sandbox = await createSandboxProvider({
      provider, port, consumerKey, consumerSecret, ...(consumerPublicKey !== undefined ? { consumerPublicKey } : {}), ...(window !== undefined ? { timestampWindow: window } : {}), autoApprove: values['auto-approve'] === true,
      ...(token !== undefined ? { tokens: [{ token, tokenSecret: tokenSecret! }] } : {}),
      ...(nonceStore !== undefined ? { nonceStore } : {}),
      ...(extraVersions.length > 0 ? { acceptVersions: ['1.0', ...extraVersions] } : {}),
    });
  } catch (e) {
    await nonceStore?.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError('ERR_OAUTH_CLI_PORT_IN_USE', `port ${port} is in use`);
    if (code === 'EACCES') throw new CliError('ERR_OAUTH_CLI_PORT_DENIED', `port ${port} needs privileges this user does not have`);
    throw e;
  }
  const lines = [
    `listening on ${sandbox.url}`,
    `provider: ${provider} (${sandbox.profile.displayName})`,
    `consumer key: ${consumerKey}`,
    `nonce store: ${nonceStore === undefined ? 'memory' : redactRedisUrl(storeSpec)}`,
    ...(extraVersions.length > 0 ? [`oauth_version accepted: 1.0, ${extraVersions.join(', ')} (or absent)`] : []),
    // The built-in default secret is published in the docs; a secret you chose is redacted unless --show-secrets.
    emulation?.rsaConsumer === true
      ? 'consumer secret: none (an application link signs RSA-SHA1; HMAC-SHA1 is refused)'
      : `consumer secret: ${givenSecret === undefined ? consumerSecret : redact(consumerSecret, show)}`,
  ];
  if (sandbox.consumerPrivateKey !== undefined) {
    // Generated for this run: written where the user's client can read it, never printed.
    const dir = mkdtempSync(join(tmpdir(), `oauth1-serve-${provider}-`));
    const file = join(dir, 'private.pem');
    writeFileSync(file, sandbox.consumerPrivateKey, { mode: 0o600, flag: 'wx' });
    lines.push(`application link private key (generated; RSA-SHA1): ${file}`);
  } else if (values['public-key'] !== undefined) {
    lines.push(`application link public key: ${values['public-key']}`);
  }
  if (token !== undefined) lines.push(`access token: ${token}`, `access token secret: ${redact(tokenSecret, show)}`);
  if (emulation !== undefined) lines.push(...emulation.endpoints.map((e) => `${e.replace(/ \//, ` ${sandbox.url}/`)}`));
  else lines.push(`temporary credentials: ${sandbox.url}/oauth/request_token`, `authorization: ${sandbox.url}/oauth/authorize`, `token credentials: ${sandbox.url}/oauth/access_token`);
  if (values['auto-approve']) lines.push('authorisation requests are approved automatically');
  lines.push('press Ctrl-C to stop');
  io.stdout.write(lines.join('\n') + '\n');
  await stopped;
  await sandbox.close();
  await nonceStore?.close();
  io.stderr.write('sandbox stopped\n');
  return EXIT.OK;
}

/** The `oauth1 serve` command. */
export const command: CliCommand = {
  name: 'serve',
  summary: `run the sandbox OAuth 1.0a provider on 127.0.0.1 (weibo-v1, twitter or ${Object.keys(SANDBOX_EMULATIONS).length} emulations)`,
  help: HELP,
  run,
};
