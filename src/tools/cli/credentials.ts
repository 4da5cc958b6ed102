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
  nonce: { type: 'string' },
  'nonce-length': { type: 'string' },
  timestamp: { type: 'string' },
  'no-version': { type: 'boolean' },
  realm: { type: 'string' },
  callback: { type: 'string' },
  verifier: { type: 'string' },
  'show-secrets': { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Help text lines for {@link CREDENTIAL_OPTIONS}, to append to a command's `--help`. */
export const CREDENTIAL_HELP = `Credentials and protocol values:
  --consumer-key KEY         oauth_consumer_key
  --consumer-secret SECRET   client secret (or env OAUTH1_CONSUMER_SECRET; keeps it out of shell history)
  --token TOKEN              oauth_token
  --token-secret SECRET      token secret (or env OAUTH1_TOKEN_SECRET)
  --signature-method NAME    HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, PLAINTEXT
  --private-key FILE         PEM RSA private key, for RSA-*
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
  if (values['consumer-key'] !== undefined) c.consumerKey = values['consumer-key'];
  const cs = values['consumer-secret'] ?? env.OAUTH1_CONSUMER_SECRET;
  if (cs !== undefined) c.consumerSecret = cs;
  if (values.token !== undefined) c.token = values.token;
  const ts = values['token-secret'] ?? env.OAUTH1_TOKEN_SECRET;
  if (ts !== undefined) c.tokenSecret = ts;
  if (values['signature-method'] !== undefined) c.signatureMethod = values['signature-method'];
  if (values['private-key'] !== undefined) {
    try {
      c.privateKey = readFileSync(values['private-key'], 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --private-key ${values['private-key']}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
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

/** Replaces a secret with a fixed marker unless the user asked to see secrets. */
export function redact(secret: string | undefined, show: boolean): string {
  if (secret === undefined) return '(none)';
  if (show) return secret;
  return secret === '' ? '(empty)' : '<redacted>';
}
