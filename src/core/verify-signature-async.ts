// verifySignatureAsync(): verifySignature on WebCrypto, for runtimes without node:crypto (RFC 5849 §3.2).

import { verifySignature, type SignatureVerification } from './verify-signature.js';
import { BUILT_IN_SIGNATURE_METHODS, type SignatureMethodTable } from './signature-methods/index.js';
import type { ReceivedRequest } from './base-string.js';
import type { SignatureMethod, SigningKeys } from './types.js';

interface Recorded { method: SignatureMethod; baseString: string; signature: string }
let recorded: Recorded | undefined;

// For each table, a twin whose methods record what verifySignature asks them to check instead of
// checking it: the base string is then built by verifySignature itself, never by a second copy.
const recorders = new WeakMap<SignatureMethodTable, SignatureMethodTable>();

function recordingTable(table: SignatureMethodTable): SignatureMethodTable {
  let twin = recorders.get(table);
  if (twin === undefined) {
    const map = new Map<string, SignatureMethod>();
    for (const [name, method] of table) {
      map.set(name, {
        name: method.name,
        sign: method.sign,
        verify: (baseString, signature) => {
          recorded = { method, baseString, signature };
          return false;
        },
      });
    }
    twin = map;
    recorders.set(table, twin);
  }
  return twin;
}

/**
 * {@link verifySignature} on WebCrypto (`crypto.subtle`): recomputes the base string of a
 * received request and checks `oauth_signature` — HMAC-* and PLAINTEXT in constant time, RSA-*
 * with `crypto.subtle.verify` (PEM public key, PKCS#1 public key, X.509 certificate, PEM private
 * key or `CryptoKey`). Runs in browsers, Workers, Deno, Bun and Node.
 *
 * @throws {RequestError} (rejected promise) when `oauth_signature` or `oauth_signature_method` is missing or repeated.
 * @example
 * const { valid } = await verifySignatureAsync({ method: 'GET', url, authorization }, { consumerSecret: 'kd94hf93k423kf44', tokenSecret: 'pfkkdhi9sl3r4s00' });
 */
// RFC 5849 §3.2
export async function verifySignatureAsync(request: ReceivedRequest, keys: SigningKeys, methods: SignatureMethodTable = BUILT_IN_SIGNATURE_METHODS): Promise<SignatureVerification> {
  recorded = undefined;
  const result = verifySignature(request, keys, recordingTable(methods));
  const r = recorded as Recorded | undefined;
  recorded = undefined;
  if (r === undefined) return result; // a method table whose entry never asked to verify
  const valid = r.method.verifyAsync !== undefined ? await r.method.verifyAsync(r.baseString, r.signature, keys) : r.method.verify(r.baseString, r.signature, keys);
  return { ...result, valid };
}
