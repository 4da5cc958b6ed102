// Checks on the credentials a request is signed with, shared by the sync and async signers and the transports (RFC 5849 §3.4.2).

import { KeyError } from './errors.js';

/** Methods keyed by the shared secrets (`consumerSecret&tokenSecret`). */
const SHARED_SECRET_METHODS = new Set(['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT']);

/** The token half of a request's credentials, as every signer and transport takes it. */
export interface TokenPair {
  /** `oauth_token`. */
  token?: string | undefined;
  /** The token shared-secret. */
  tokenSecret?: string | undefined;
}

/**
 * Refuses token credentials that do not pair up, before anything is signed: a token secret
 * without a token (the key would silently be `consumerSecret&tokenSecret` for a request that
 * names no token — a provider answers `signature_invalid` and nobody sees why), and — for the
 * shared-secret methods — a token without its secret. An empty `tokenSecret` without a token is
 * allowed: it yields the same key as none. Messages never quote a secret.
 *
 * @param signatureMethod the method's name, or undefined to skip the shared-secret rule (transports, before a method is known).
 * @throws {KeyError} `ERR_OAUTH_TOKEN_MISSING` a non-empty `tokenSecret` and no `token`;
 *   `ERR_OAUTH_SECRET_MISSING` a `token` without `tokenSecret` for HMAC-* or PLAINTEXT.
 * @example checkTokenCredentials({ tokenSecret: 's' }, 'HMAC-SHA1') // throws ERR_OAUTH_TOKEN_MISSING
 */
// RFC 5849 §3.4.2: the key is the consumer secret "&" the token secret — of the token the request carries.
export function checkTokenCredentials(credentials: TokenPair, signatureMethod?: string): void {
  if (credentials.token === undefined && credentials.tokenSecret !== undefined && credentials.tokenSecret !== '') {
    throw new KeyError('ERR_OAUTH_TOKEN_MISSING', 'tokenSecret was given without token: refusing to sign with a token secret for a request that carries no oauth_token (pass token too, or leave tokenSecret out)');
  }
  if (signatureMethod !== undefined && credentials.token !== undefined && credentials.tokenSecret === undefined && SHARED_SECRET_METHODS.has(signatureMethod)) {
    throw new KeyError('ERR_OAUTH_SECRET_MISSING', `tokenSecret is required with token for ${signatureMethod} (use "" if the provider issued an empty secret)`);
  }
}
