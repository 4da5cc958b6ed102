// WebCrypto (crypto.subtle) for the asynchronous signer: HMAC, RSASSA-PKCS1-v1_5 from PEM, digests, base64.
//
// Every runtime the core targets has it: Node ≥ 20, Deno, Bun, workerd and browsers (in a secure
// context). PKCS#1 keys (`BEGIN RSA PRIVATE KEY`) are wrapped into PKCS#8 here, since WebCrypto
// imports only PKCS#8, SPKI and JWK; certificates are cut down to their SubjectPublicKeyInfo.

import { OAuthError, KeyError } from './errors.js';
import { utf8Encode } from './utf8.js';
import { pemPrivateKeyError, pemPrivateKeyForm } from './pem-private-key.js';

/** The WebCrypto key object, as far as this package looks at it. */
export interface CryptoKeyLike {
  readonly type: string;
  readonly algorithm: { readonly name: string };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- crypto.subtle is typed by the host's lib, not ours */
interface Subtle {
  importKey(format: string, keyData: any, algorithm: any, extractable: boolean, usages: string[]): Promise<CryptoKeyLike>;
  exportKey(format: 'jwk', key: CryptoKeyLike): Promise<any>;
  sign(algorithm: any, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: any, key: CryptoKeyLike, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** `crypto.subtle`, or `ERR_OAUTH_WEBCRYPTO_UNAVAILABLE` (a browser page outside a secure context has none). */
export function subtle(): Subtle {
  const s = (globalThis as { crypto?: { subtle?: Subtle } }).crypto?.subtle;
  if (s === undefined) throw new OAuthError('ERR_OAUTH_WEBCRYPTO_UNAVAILABLE', 'crypto.subtle is not available here (browsers offer it only in secure contexts: https:// or localhost)');
  return s;
}

/** The WebCrypto name of a digest. */
export type WebDigest = 'SHA-1' | 'SHA-256' | 'SHA-512';
const WEB_DIGEST: Readonly<Record<string, WebDigest>> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };

/** `sha1` → `SHA-1` etc. */
export function webDigest(digest: string): WebDigest {
  const d = WEB_DIGEST[digest];
  if (d === undefined) throw new TypeError(`unknown digest ${JSON.stringify(digest)}`);
  return d;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (RFC 4648 §4). */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  if (i < bytes.length) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + '=';
  }
  return out;
}

/** Decodes standard base64 (whitespace ignored); `undefined` when it is not base64. */
export function base64Decode(text: string): Uint8Array | undefined {
  const s = text.replace(/[\s]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) return undefined;
  const bare = s.replace(/=+$/, '');
  const out = new Uint8Array((bare.length * 3) >> 2);
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (let i = 0; i < bare.length; i++) {
    acc = (acc << 6) | B64.indexOf(bare[i]!);
    bits += 6;
    if (bits >= 8) { bits -= 8; out[j++] = (acc >> bits) & 0xff; }
  }
  return out;
}

/** HMAC of `message` under the UTF-8 bytes of `key`, base64. */
// RFC 5849 §3.4.2 (HMAC-SHA1), with the SHA-256/512 variants
export async function hmacBase64Async(digest: WebDigest, key: string, message: string): Promise<string> {
  const s = subtle();
  const k = await s.importKey('raw', utf8Encode(key), { name: 'HMAC', hash: digest }, false, ['sign']);
  return base64Encode(new Uint8Array(await s.sign('HMAC', k, utf8Encode(message))));
}

/** Digest of the UTF-8 bytes of `body` (or the bytes themselves), base64: the `oauth_body_hash` value. */
export async function digestBase64Async(digest: WebDigest, body: string | Uint8Array | undefined): Promise<string> {
  const bytes = body === undefined ? new Uint8Array(0) : typeof body === 'string' ? utf8Encode(body) : body;
  return base64Encode(new Uint8Array(await subtle().digest(digest, bytes)));
}

// --- DER: just enough to wrap PKCS#1 keys and find a certificate's SubjectPublicKeyInfo ---------

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const head = [tag, ...derLength(length)];
  const out = new Uint8Array(head.length + length);
  out.set(head, 0);
  let at = head.length;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
const RSA_ALGORITHM = new Uint8Array([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);

/** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING key } (RFC 5208 §5). */
export function pkcs1PrivateToPkcs8(pkcs1: Uint8Array): Uint8Array {
  return der(0x30, new Uint8Array([0x02, 0x01, 0x00]), RSA_ALGORITHM, der(0x04, pkcs1));
}

/** PKCS#1 RSAPublicKey → SubjectPublicKeyInfo { rsaEncryption, BIT STRING key } (RFC 5280 §4.1). */
export function pkcs1PublicToSpki(pkcs1: Uint8Array): Uint8Array {
  return der(0x30, RSA_ALGORITHM, der(0x03, new Uint8Array([0]), pkcs1));
}

interface DerNode { tag: number; start: number; contentStart: number; end: number }

function readNode(bytes: Uint8Array, at: number): DerNode {
  const tag = bytes[at];
  let len = bytes[at + 1];
  if (tag === undefined || len === undefined) throw new RangeError('truncated DER');
  let contentStart = at + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4) throw new RangeError('unsupported DER length');
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + bytes[contentStart + i]!;
    contentStart += count;
  }
  const end = contentStart + len;
  if (end > bytes.length) throw new RangeError('truncated DER');
  return { tag, start: at, contentStart, end };
}

/** The SubjectPublicKeyInfo of an X.509 certificate (RFC 5280 §4.1: the 7th field of tbsCertificate, 6th without [0] version). */
export function certificateSpki(cert: Uint8Array): Uint8Array {
  const certificate = readNode(cert, 0);
  const tbs = readNode(cert, certificate.contentStart);
  let node = readNode(cert, tbs.contentStart);
  if (node.tag === 0xa0) node = readNode(cert, node.end); // explicit [0] version
  // serialNumber, signature, issuer, validity, subject, then subjectPublicKeyInfo
  for (let i = 0; i < 5; i++) node = readNode(cert, node.end);
  if (node.tag !== 0x30) throw new RangeError('no SubjectPublicKeyInfo');
  return cert.subarray(node.start, node.end);
}

/** Whether a PKCS#8 PrivateKeyInfo names rsaEncryption (RFC 5208 §5): SEQUENCE { INTEGER 0, SEQUENCE { OID … } } — the OID of RSA_ALGORITHM at its place. */
function pkcs8IsRsa(pkcs8: Uint8Array): boolean {
  const at = 2 + (pkcs8[1]! & 0x80 ? pkcs8[1]! & 0x7f : 0) + 3 + 2;
  return RSA_ALGORITHM.subarray(2, 13).every((b, i) => pkcs8[at + i] === b);
}

/** The label and DER bytes of the first PEM block in `text`, or `undefined`. */
function pemBlock(text: string): { label: string; der: Uint8Array } | undefined {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (m === null) return undefined;
  const body = m[2]!;
  if (body.includes(':')) return undefined; // encrypted PEM headers (Proc-Type: …) are not supported
  const bytes = base64Decode(body);
  return bytes === undefined ? undefined : { label: m[1]!, der: bytes };
}

function isCryptoKey(key: unknown): key is CryptoKeyLike {
  return typeof key === 'object' && key !== null && typeof (key as CryptoKeyLike).type === 'string' && typeof (key as CryptoKeyLike).algorithm === 'object';
}

/**
 * An RSASSA-PKCS1-v1_5 signing key from a PEM private key (PKCS#8 `PRIVATE KEY` or PKCS#1
 * `RSA PRIVATE KEY`) or a CryptoKey.
 *
 * @throws {KeyError} `ERR_OAUTH_KEY_MISSING` or `ERR_OAUTH_KEY_INVALID` (the key is never quoted).
 */
export async function importRsaPrivateKey(key: unknown, digest: WebDigest, method: string, extractable = false): Promise<CryptoKeyLike> {
  if (key === undefined || key === '') throw new KeyError('ERR_OAUTH_KEY_MISSING', `${method} needs privateKey (a PEM RSA private key)`);
  if (isCryptoKey(key)) return key;
  if (typeof key !== 'string') throw new KeyError('ERR_OAUTH_KEY_INVALID', `${method} with signRequestAsync needs a PEM string or a CryptoKey as privateKey`);
  const form = pemPrivateKeyForm(key);
  if (form === 'pkcs8-encrypted' || form === 'legacy-encrypted') {
    throw new KeyError('ERR_OAUTH_KEY_ENCRYPTED_UNSUPPORTED', `privateKey for ${method} is encrypted: decrypt it first (WebCrypto cannot), or use signRequest with privateKeyPassphrase`);
  }
  const formError = pemPrivateKeyError(form, method, false);
  if (formError !== undefined) throw formError;
  const block = pemBlock(key);
  let pkcs8: Uint8Array | undefined;
  if (block?.label === 'PRIVATE KEY') {
    if (!pkcs8IsRsa(block.der)) throw new KeyError('ERR_OAUTH_KEY_NOT_RSA', `${method} needs an RSA key, got another kind of private key`);
    pkcs8 = block.der;
  }
  else if (block?.label === 'RSA PRIVATE KEY') pkcs8 = pkcs1PrivateToPkcs8(block.der);
  if (pkcs8 === undefined) throw new KeyError('ERR_OAUTH_KEY_INVALID', `privateKey for ${method} could not be read as a PEM private key`);
  try {
    return await subtle().importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: digest }, extractable, ['sign']);
  } catch (cause) {
    throw new KeyError('ERR_OAUTH_KEY_INVALID', `privateKey for ${method} could not be read as an RSA private key`, { cause: sanitize(cause) });
  }
}

/**
 * An RSASSA-PKCS1-v1_5 verification key from a PEM public key (SPKI or PKCS#1), an X.509
 * certificate, a PEM private key (its public half) or a CryptoKey.
 *
 * @throws {KeyError} `ERR_OAUTH_KEY_MISSING` or `ERR_OAUTH_KEY_INVALID`.
 */
export async function importRsaPublicKey(key: unknown, digest: WebDigest, method: string): Promise<CryptoKeyLike> {
  if (key === undefined || key === '') throw new KeyError('ERR_OAUTH_KEY_MISSING', `${method} verification needs publicKey (PEM public key or certificate)`);
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: digest };
  let privateKey: CryptoKeyLike | undefined;
  if (isCryptoKey(key)) {
    if (key.type === 'public') return key;
    privateKey = key;
  } else if (typeof key !== 'string') {
    throw new KeyError('ERR_OAUTH_KEY_INVALID', `${method} with verifySignatureAsync needs a PEM string or a CryptoKey as publicKey`);
  }
  try {
    if (privateKey === undefined) {
      const block = pemBlock(key as string);
      if (block?.label === 'PRIVATE KEY' || block?.label === 'RSA PRIVATE KEY') {
        privateKey = await importRsaPrivateKey(key, digest, method, true);
      } else {
        let spki: Uint8Array | undefined;
        if (block?.label === 'PUBLIC KEY') spki = block.der;
        else if (block?.label === 'RSA PUBLIC KEY') spki = pkcs1PublicToSpki(block.der);
        else if (block?.label === 'CERTIFICATE') spki = certificateSpki(block.der);
        if (spki === undefined) throw new RangeError('not a PEM public key or certificate');
        return await subtle().importKey('spki', spki, algorithm, false, ['verify']);
      }
    }
    // The public half of a private key: its modulus and exponent, through JWK.
    const jwk = await subtle().exportKey('jwk', privateKey) as { n: string; e: string };
    return await subtle().importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e, alg: digest === 'SHA-1' ? 'RS1' : 'RS256', ext: true }, algorithm, false, ['verify']);
  } catch (cause) {
    if (cause instanceof KeyError) throw cause;
    throw new KeyError('ERR_OAUTH_KEY_INVALID', `publicKey for ${method} could not be read as a PEM public key or certificate`, { cause: sanitize(cause) });
  }
}

/** RSASSA-PKCS1-v1_5 signature of the UTF-8 base string, base64. */
// RFC 5849 §3.4.3
export async function rsaSignBase64Async(digest: WebDigest, key: unknown, baseString: string, method: string): Promise<string> {
  const k = await importRsaPrivateKey(key, digest, method);
  return base64Encode(new Uint8Array(await subtle().sign('RSASSA-PKCS1-v1_5', k, utf8Encode(baseString))));
}

/** Checks an RSASSA-PKCS1-v1_5 signature (base64) of the UTF-8 base string. */
// RFC 5849 §3.4.3
export async function rsaVerifyAsync(digest: WebDigest, key: unknown, baseString: string, signature: string, method: string): Promise<boolean> {
  const k = await importRsaPublicKey(key, digest, method);
  const sig = base64Decode(signature);
  if (sig === undefined || sig.length === 0) return false;
  return subtle().verify('RSASSA-PKCS1-v1_5', k, sig, utf8Encode(baseString));
}

// Engine messages carry no key material, but keep only the message to be sure nothing else rides along.
function sanitize(cause: unknown): Error {
  return new Error(cause instanceof Error ? cause.message : 'key import error');
}

// Registers this module's code in the error family's union (see OAuthErrorRegistry).
declare module './errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_WEBCRYPTO_UNAVAILABLE: OAuthError;
  }
}
