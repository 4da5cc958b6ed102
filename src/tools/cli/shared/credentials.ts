// Credential flags shared by every CLI command that signs (sign, flow, request, upload, verify).

import { readFileSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

/** `util.parseArgs` option specs for the credential and protocol-value flags. */
export const CREDENTIAL_OPTIONS = {
  'consumer-key': { type: 'string' },
  'consumer-secret': { type: 'string' },
  token: { type: 'string' },
  'token-secret': { type: 'string' },
  'signature-method': { type: 'string' },
  'private-key': { type: 'string' },
  'private-key-passphrase-env': { type: 'string' },
  nonce: { type: 'string' },
  'nonce-length': { type: 'string' },
  timestamp: { type: 'string' },
  'no-version': { type: 'boolean' },
  realm: { type: 'string' },
  callback: { type: 'string' },
  verifier: { type: 'string' },
  'show-secrets': { type: 'boolean' },
  credentials: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Help text lines for {@link CREDENTIAL_OPTIONS}, to append to a command's `--help`. */
export const CREDENTIAL_HELP = `Credentials and protocol values:
  --credentials FILE         JSON {"consumerKey","consumerSecret","token","tokenSecret"} (the file
                             \`oauth1 flow --save\` writes is accepted as is); flags win over it,
                             it wins over the environment
  --consumer-key KEY         oauth_consumer_key
  --consumer-secret SECRET   client secret (or env OAUTH1_CONSUMER_SECRET; keeps it out of shell history)
  --token TOKEN              oauth_token
  --token-secret SECRET      token secret (or env OAUTH1_TOKEN_SECRET)
  --signature-method NAME    HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, PLAINTEXT
  --private-key FILE         PEM RSA private key, for RSA-*
  --private-key-passphrase-env VAR
                             the passphrase of an encrypted --private-key, read from environment
                             variable VAR (never a flag: flags show in ps)
  --nonce VALUE              force oauth_nonce ("" omits it; PLAINTEXT only)
  --nonce-length N           length of each generated oauth_nonce, 8 to 256 letters and digits
                             (default 25: oauthlib-based providers accept 20 to 30)
  --timestamp SECONDS        force oauth_timestamp ("" omits it; PLAINTEXT only)
  --no-version               omit oauth_version (the RFC 5849 §1.2 examples do)
  --realm REALM              Authorization header realm (never signed)
  --callback URL|oob         oauth_callback
  --verifier VALUE           oauth_verifier
  --show-secrets             print secrets and the signing key instead of redacting them`;

/** Credential and protocol values as the signing core takes them. */
export interface CliCredentials {
  consumerKey?: string;
  consumerSecret?: string;
  token?: string;
  tokenSecret?: string;
  signatureMethod?: string;
  privateKey?: string;
  privateKeyPassphrase?: string;
  nonce?: string | null;
  nonceLength?: number;
  timestamp?: string | null;
  version?: null;
  realm?: string;
  callback?: string;
  verifier?: string;
}

type Values = { [K in keyof typeof CREDENTIAL_OPTIONS]?: (typeof CREDENTIAL_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/**
 * Builds credentials from parsed flags, with secrets also from `OAUTH1_CONSUMER_SECRET` and
 * `OAUTH1_TOKEN_SECRET` (a flag wins over the environment). Only the values given are set.
 */
export function credentialsFromFlags(values: Values, env: Record<string, string | undefined>): CliCredentials {
  const c: CliCredentials = {};
  const file = values.credentials === undefined ? {} : readCredentialsFile(values.credentials);
  const key = values['consumer-key'] ?? file.consumerKey;
  if (key !== undefined) c.consumerKey = key;
  const cs = values['consumer-secret'] ?? file.consumerSecret ?? env.OAUTH1_CONSUMER_SECRET;
  if (cs !== undefined) c.consumerSecret = cs;
  const token = values.token ?? file.token;
  if (token !== undefined) c.token = token;
  const ts = values['token-secret'] ?? file.tokenSecret ?? env.OAUTH1_TOKEN_SECRET;
  if (ts !== undefined) c.tokenSecret = ts;
  if (values['signature-method'] !== undefined) c.signatureMethod = values['signature-method'];
  if (values['private-key'] !== undefined) {
    try {
      c.privateKey = readFileSync(values['private-key'], 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --private-key ${values['private-key']}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  if (values['private-key-passphrase-env'] !== undefined) c.privateKeyPassphrase = passphraseFromEnv(values['private-key-passphrase-env'], env);
  if (values.nonce !== undefined) c.nonce = values.nonce === '' ? null : values.nonce;
  if (values['nonce-length'] !== undefined) {
    const n = values['nonce-length'];
    if (!/^\d{1,3}$/.test(n) || Number(n) < 8 || Number(n) > 256) throw new UsageError(`--nonce-length must be a whole number from 8 to 256, got ${JSON.stringify(n.slice(0, 20))}`);
    c.nonceLength = Number(n);
  }
  if (values.timestamp !== undefined) c.timestamp = values.timestamp === '' ? null : values.timestamp;
  if (values['no-version']) c.version = null;
  if (values.realm !== undefined) c.realm = values.realm;
  if (values.callback !== undefined) c.callback = values.callback;
  if (values.verifier !== undefined) c.verifier = values.verifier;
  return c;
}

/**
 * A passphrase from the environment variable a flag names (`--private-key-passphrase-env`,
 * keygen's `--passphrase-env`): a flag value would show in `ps`. Messages name the flag and the
 * variable, never its value.
 *
 * @throws {UsageError} when the name is not a variable name, or the variable is unset or empty.
 * @example passphraseFromEnv('PP', { PP: 'correct horse' }) // 'correct horse'
 */
export function passphraseFromEnv(name: string, env: Record<string, string | undefined>, flag = '--private-key-passphrase-env'): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`${flag} takes an environment variable name, got ${JSON.stringify(name.slice(0, 40))}`);
  const value = env[name];
  if (value === undefined || value === '') throw new UsageError(`${flag} ${name}: the environment variable is not set or empty`);
  return value;
}

/** Credentials read from a `--credentials` file. */
export interface CredentialsFile {
  consumerKey?: string;
  consumerSecret?: string;
  token?: string;
  tokenSecret?: string;
}

/**
 * Reads a credentials file: a JSON object with our names (`consumerKey`, `consumerSecret`,
 * `token`, `tokenSecret`, as `oauth1 flow --save` writes them), snake case or the wire names.
 * The file is never echoed (it holds secrets).
 *
 * @throws {UsageError} when it cannot be read or is not a JSON object.
 * @example readCredentialsFile('creds.json').tokenSecret
 */
export function readCredentialsFile(path: string): CredentialsFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read --credentials ${path}: ${(e as NodeJS.ErrnoException).code ?? 'not valid JSON'}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`--credentials ${path} must hold a JSON object`);
  const o = data as Record<string, unknown>;
  const pick = (...names: string[]): string | undefined => {
    for (const n of names) if (typeof o[n] === 'string') return o[n];
    return undefined;
  };
  const out: CredentialsFile = {};
  const fields = {
    consumerKey: pick('consumerKey', 'consumer_key', 'oauth_consumer_key'),
    consumerSecret: pick('consumerSecret', 'consumer_secret', 'oauth_consumer_secret'),
    token: pick('token', 'oauth_token'),
    tokenSecret: pick('tokenSecret', 'token_secret', 'oauth_token_secret'),
  };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k as keyof CredentialsFile] = v;
  return out;
}

/**
 * Refuses a token secret without a token (typically `OAUTH1_TOKEN_SECRET` left exported): the
 * request would be signed with the key `cs&ts` for a token it does not name.
 *
 * @throws {UsageError} naming where the secret came from.
 * @example requireTokenForTokenSecret({ tokenSecret: 'ts' }) // throws
 */
// RFC 5849 §3.4.2 (the token secret belongs to the token in oauth_token)
export function requireTokenForTokenSecret(c: Pick<CliCredentials, 'token' | 'tokenSecret'>): void {
  if (c.tokenSecret !== undefined && c.tokenSecret !== '' && (c.token === undefined || c.token === '')) {
    throw new UsageError(TOKEN_SECRET_WITHOUT_TOKEN);
  }
}

/** The message of {@link requireTokenForTokenSecret}. */
export const TOKEN_SECRET_WITHOUT_TOKEN = 'a token secret was given (--token-secret, --credentials or env OAUTH1_TOKEN_SECRET) but no --token: give the token it belongs to, or unset OAUTH1_TOKEN_SECRET';
