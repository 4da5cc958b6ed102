// Client credentials and transport options from the credential flags (request, upload, flow).

import type { OAuthCredentials, OAuthTransportOptions } from '../../../client/transport/options.js';
import type { ProviderProfile } from '../../../providers/profile.js';
import type { CliCredentials } from './credentials.js';
import { UsageError } from './io.js';
import { generateNonce } from '../../../core/nonce.js';

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
  if (c.privateKeyPassphrase !== undefined) out.privateKeyPassphrase = c.privateKeyPassphrase;
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
