// RSA-SHA1 signatures (RFC 5849 §3.4.3) and the RSA-SHA256 variant.

import { nodeBuffer, nodeCrypto, type KeyObjectLike as KeyObject } from '../node-crypto.js';
import { rsaSignBase64Async, rsaVerifyAsync, webDigest } from '../webcrypto.js';
import { KeyError } from '../errors.js';
import { pemPrivateKeyError, pemPrivateKeyForm } from '../pem-private-key.js';
import type { SignatureMethod, SigningKeys } from '../types.js';

const privateCache = new Map<string, KeyObject>();
const publicCache = new Map<string, KeyObject>();
const CACHE_LIMIT = 64;

function remember(cache: Map<string, KeyObject>, pem: string, key: KeyObject): KeyObject {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(pem, key);
  return key;
}

/**
 * Loads the RSA private key for signing: PKCS#8 (`BEGIN PRIVATE KEY`), PKCS#1 (`BEGIN RSA PRIVATE
 * KEY`), or either encrypted (`BEGIN ENCRYPTED PRIVATE KEY`, legacy `Proc-Type: 4,ENCRYPTED`) with
 * `passphrase`.
 *
 * @throws {KeyError} `ERR_OAUTH_KEY_MISSING`; `ERR_OAUTH_KEY_INVALID` (not a readable PEM key),
 * `ERR_OAUTH_KEY_NOT_PRIVATE` (a public key or certificate), `ERR_OAUTH_KEY_NOT_RSA` (an EC key…),
 * `ERR_OAUTH_KEY_PASSPHRASE_MISSING`, `ERR_OAUTH_KEY_PASSPHRASE_WRONG`. The key and the passphrase are never quoted.
 * @example loadPrivateKey(readFileSync('client-key.pem', 'utf8'), 'RSA-SHA1') // KeyObject (cached by PEM text)
 */
export function loadPrivateKey(key: string | KeyObject | undefined, method: string, passphrase?: string): KeyObject {
  if (key === undefined || key === '') throw new KeyError('ERR_OAUTH_KEY_MISSING', `${method} needs privateKey (a PEM RSA private key)`);
  if (typeof key !== 'string') {
    if (key.type !== 'private' || key.asymmetricKeyType !== 'rsa') throw new KeyError(key.type !== 'private' ? 'ERR_OAUTH_KEY_NOT_PRIVATE' : 'ERR_OAUTH_KEY_NOT_RSA', `${method} needs an RSA private KeyObject`);
    return key;
  }
  const form = pemPrivateKeyForm(key);
  const encrypted = form === 'pkcs8-encrypted' || form === 'legacy-encrypted';
  const formError = pemPrivateKeyError(form, method, !!passphrase);
  if (formError !== undefined) throw formError;
  // An encrypted key is cached per passphrase, so a wrong one is never answered from the cache.
  const cacheKey = encrypted ? `${key}\u0000${passphrase}` : key;
  const cached = privateCache.get(cacheKey);
  if (cached) return cached;
  let k: KeyObject;
  try {
    k = nodeCrypto('synchronous RSA signing').createPrivateKey({ key, ...(encrypted ? { passphrase } : {}) });
  } catch (cause) {
    if (encrypted) throw new KeyError('ERR_OAUTH_KEY_PASSPHRASE_WRONG', `privateKey for ${method} could not be decrypted: wrong privateKeyPassphrase`, { cause: sanitize(cause) });
    throw new KeyError('ERR_OAUTH_KEY_INVALID', `privateKey for ${method} could not be read as a PEM private key`, { cause: sanitize(cause) });
  }
  if (k.asymmetricKeyType !== 'rsa') throw new KeyError('ERR_OAUTH_KEY_NOT_RSA', `${method} needs an RSA key, got ${k.asymmetricKeyType ?? 'unknown'}`);
  return remember(privateCache, cacheKey, k);
}

/**
 * Loads the RSA public key for verification from a PEM public key, an X.509 certificate, a
 * private key (its public half) or a `KeyObject`.
 *
 * @throws {KeyError} `ERR_OAUTH_KEY_MISSING` or `ERR_OAUTH_KEY_INVALID`.
 * @example loadPublicKey(readFileSync('provider-cert.pem', 'utf8'), 'RSA-SHA1') // the certificate's public key
 */
export function loadPublicKey(key: string | KeyObject | undefined, method: string): KeyObject {
  if (key === undefined || key === '') throw new KeyError('ERR_OAUTH_KEY_MISSING', `${method} verification needs publicKey (PEM public key or certificate)`);
  if (typeof key !== 'string') {
    if (key.asymmetricKeyType !== 'rsa') throw new KeyError('ERR_OAUTH_KEY_NOT_RSA', `${method} needs an RSA KeyObject`);
    return key.type === 'private' ? nodeCrypto('synchronous RSA verification').createPublicKey(key) : key;
  }
  const cached = publicCache.get(key);
  if (cached) return cached;
  let k: KeyObject;
  try {
    k = nodeCrypto('synchronous RSA verification').createPublicKey(key);
  } catch (cause) {
    throw new KeyError('ERR_OAUTH_KEY_INVALID', `publicKey for ${method} could not be read as a PEM public key or certificate`, { cause: sanitize(cause) });
  }
  if (k.asymmetricKeyType !== 'rsa') throw new KeyError('ERR_OAUTH_KEY_NOT_RSA', `${method} needs an RSA key, got ${k.asymmetricKeyType ?? 'unknown'}`);
  return remember(publicCache, key, k);
}

// OpenSSL messages do not contain key material, but keep only the message to be sure nothing else rides along.
function sanitize(cause: unknown): Error {
  return new Error(cause instanceof Error ? cause.message : 'key parse error');
}

function rsaMethod(name: string, digest: 'sha1' | 'sha256'): SignatureMethod {
  const web = webDigest(digest);
  return Object.freeze({
    signAsync: (baseString: string, keys: SigningKeys) => rsaSignBase64Async(web, keys.privateKey, baseString, name),
    verifyAsync: (baseString: string, signature: string, keys: SigningKeys) => rsaVerifyAsync(web, keys.publicKey ?? keys.privateKey, baseString, signature, name),
    name,
    bodyHashAlgorithm: digest,
    // "The "oauth_signature" parameter is set to the calculated value S … base64-encoded"
    sign: (baseString: string, keys: SigningKeys) => {
      const { sign } = nodeCrypto('synchronous RSA signing');
      const Buffer = nodeBuffer('synchronous RSA signing');
      return Buffer.from(sign(digest, Buffer.from(baseString, 'utf8'), loadPrivateKey(keys.privateKey, name, keys.privateKeyPassphrase))).toString('base64');
    },
    verify: (baseString: string, signature: string, keys: SigningKeys) => {
      const { verify } = nodeCrypto('synchronous RSA verification');
      const Buffer = nodeBuffer('synchronous RSA verification');
      const pub = loadPublicKey(keys.publicKey ?? keys.privateKey, name);
      const sig = Buffer.from(signature, 'base64');
      if (sig.length === 0) return false;
      return verify(digest, Buffer.from(baseString, 'utf8'), pub, sig);
    },
  });
}

/** RSA-SHA1: RSASSA-PKCS1-v1_5 with SHA-1 over the base string, base64-encoded. */
// RFC 5849 §3.4.3
export const RSA_SHA1: SignatureMethod = rsaMethod('RSA-SHA1', 'sha1');
/** RSA-SHA256: as RSA-SHA1 with SHA-256. */
export const RSA_SHA256: SignatureMethod = rsaMethod('RSA-SHA256', 'sha256');
