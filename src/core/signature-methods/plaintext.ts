// PLAINTEXT signatures (RFC 5849 §3.4.4): the signing key itself, for use over TLS only.

import { constantTimeEqual, signingKey } from './hmac.js';
import type { SignatureMethod, SigningKeys } from '../types.js';

/** PLAINTEXT: `encoded(consumerSecret)&encoded(tokenSecret)`; nonce and timestamp may be omitted. */
// RFC 5849 §3.4.4
export const PLAINTEXT: SignatureMethod = Object.freeze({
  name: 'PLAINTEXT',
  bodyHashAlgorithm: 'sha1',
  requiresNonce: false,
  sign: (_baseString: string, keys: SigningKeys) => signingKey(keys),
  verify: (_baseString: string, signature: string, keys: SigningKeys) => constantTimeEqual(signingKey(keys), signature),
  signAsync: async (_baseString: string, keys: SigningKeys) => signingKey(keys),
  verifyAsync: async (_baseString: string, signature: string, keys: SigningKeys) => constantTimeEqual(signingKey(keys), signature),
});
