// signRequestAsync(): signRequest on WebCrypto, for runtimes without node:crypto (RFC 5849 §3.1–§3.5).

import { prepareSigning, finishSigning } from './sign.js';
import { digestBase64Async, webDigest } from './webcrypto.js';
import { resolveSignatureMethod, BUILT_IN_SIGNATURE_METHODS, type SignatureMethodTable } from './signature-methods/index.js';
import type { BodyHashAlgorithm, SignRequestInput, SignedRequest, SigningKeys } from './types.js';

const NO_HASHER = (): string => {
  throw new TypeError('internal: the body hash is computed before prepareSigning');
};

/**
 * {@link signRequest} on WebCrypto (`crypto.subtle`): the same input, the same
 * {@link SignedRequest}, byte for byte, in any runtime with WebCrypto — browsers (secure
 * contexts), Cloudflare Workers, Deno, Bun, Node. HMAC-SHA1/256/512, RSA-SHA1/256 (PEM
 * PKCS#8 or PKCS#1 private key, or a `CryptoKey`), PLAINTEXT and `bodyHash: true`.
 * A custom method without `signAsync` is called through its synchronous `sign`.
 *
 * @param input the request and credentials (see {@link SignRequestInput}).
 * @param methods the signature-method table to resolve `signatureMethod` names in. @default the built-ins
 * @throws the errors of {@link signRequest} (rejected promise), and `ERR_OAUTH_WEBCRYPTO_UNAVAILABLE` where there is no `crypto.subtle`.
 * @example
 * import { signRequestAsync } from 'oauth1-toolkit/core';
 * const signed = await signRequestAsync({ method: 'GET', url: 'https://api.example.com/r?a=1', consumerKey: 'ck', consumerSecret: 'cs', token: 't', tokenSecret: 'ts' });
 * await fetch(signed.url, { headers: signed.headers });
 */
// RFC 5849 §3.1–§3.5
export async function signRequestAsync(input: SignRequestInput, methods: SignatureMethodTable = BUILT_IN_SIGNATURE_METHODS): Promise<SignedRequest> {
  let prepared = input;
  if (input !== null && typeof input === 'object' && input.bodyHash === true) {
    // oauth_body_hash enters the base string, so it is computed (asynchronously) first.
    const method = resolveSignatureMethod(input.signatureMethod, methods);
    const algorithm = input.bodyHashAlgorithm ?? method.bodyHashAlgorithm ?? 'sha1';
    prepared = { ...input, bodyHash: await digestBase64Async(webDigest(algorithm), input.body) };
  }
  const u = prepareSigning(prepared, methods, NO_HASHER);
  const keys: SigningKeys = { consumerSecret: input.consumerSecret, tokenSecret: input.tokenSecret, privateKey: input.privateKey, ...(input.privateKeyPassphrase !== undefined ? { privateKeyPassphrase: input.privateKeyPassphrase } : {}) };
  const m = u.signatureMethod;
  const signature = m.signAsync !== undefined ? await m.signAsync(u.baseString, keys) : m.sign(u.baseString, keys);
  return finishSigning(input, u, signature);
}

/**
 * {@link computeBodyHash} on WebCrypto: Base64 of the digest of the exact body bytes
 * (draft-eaton-oauth-bodyhash-00 §3.2), in any runtime.
 *
 * @example await computeBodyHashAsync('Hello World!') // 'Lve95gjOVATpfV8EL5X4nxwjKHE='
 */
export function computeBodyHashAsync(body: string | Uint8Array | undefined, algorithm: BodyHashAlgorithm = 'sha1'): Promise<string> {
  return digestBase64Async(webDigest(algorithm), body);
}
