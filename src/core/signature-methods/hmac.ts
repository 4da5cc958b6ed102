// HMAC-SHA1 signatures (RFC 5849 §3.4.2) and the HMAC-SHA256/512 variants providers use.

import { nodeBuffer, nodeCrypto, type NodeBufferLike } from '../node-crypto.js';
import { hmacBase64Async, webDigest } from '../webcrypto.js';
import { percentEncode } from '../encoding.js';
import { KeyError } from '../errors.js';
import type { SignatureMethod, SigningKeys } from '../types.js';

/**
 * The shared-secret key: encoded consumer secret, `&`, encoded token secret (the `&` is kept
 * even when the token secret is empty).
 *
 * @throws {KeyError} `ERR_OAUTH_SECRET_MISSING` when `consumerSecret` is absent.
 * @example signingKey({ consumerSecret: 'kd94hf93k423kf44', tokenSecret: 'pfkkdhi9sl3r4s00' }) // 'kd94hf93k423kf44&pfkkdhi9sl3r4s00'
 */
// RFC 5849 §3.4.2 (key), also the PLAINTEXT signature §3.4.4
export function signingKey(keys: SigningKeys): string {
  if (typeof keys.consumerSecret !== 'string') {
    throw new KeyError('ERR_OAUTH_SECRET_MISSING', 'consumerSecret is required for HMAC-* and PLAINTEXT signatures (use "" for an empty secret)');
  }
  return percentEncode(keys.consumerSecret) + '&' + percentEncode(keys.tokenSecret ?? '');
}

/**
 * Compares two strings in time independent of where they differ: every UTF-16 unit up to the
 * longer length is XOR-ed into one accumulator, with no early exit and no branch on the contents,
 * so the time depends on the lengths only (a signature's length is public). It is the loop
 * `crypto.timingSafeEqual` runs, without first copying both strings into buffers — in the
 * verifier those two copies cost more than the comparison.
 *
 * @example constantTimeEqual(received, expected) // true only when identical
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') throw new TypeError('constantTimeEqual compares two strings');
  let diff = a.length ^ b.length;
  const n = a.length > b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

type Digest = 'sha1' | 'sha256' | 'sha512';
const BLOCK_BYTES: Readonly<Record<Digest, number>> = { sha1: 64, sha256: 64, sha512: 128 };
const DIGEST_BYTES: Readonly<Record<Digest, number>> = { sha1: 20, sha256: 32, sha512: 64 };

/** A key made ready for RFC 2104: its inner and outer padded blocks, the outer one with room for the inner digest. */
interface PreparedKey {
  /** The signing key itself, for base strings too long for the scratch buffer. */
  readonly key: string;
  readonly innerPad: NodeBufferLike;
  readonly outer: NodeBufferLike;
}

// RFC 2104 §2: K padded with zeros to the block size (hashed first when longer), XOR ipad / opad.
function prepareKey(digest: Digest, key: string): PreparedKey {
  const Buffer = nodeBuffer('synchronous HMAC signing');
  const block = BLOCK_BYTES[digest];
  let bytes: Uint8Array = Buffer.from(key, 'utf8');
  if (bytes.length > block) bytes = nodeCrypto('synchronous HMAC signing').hash(digest, bytes, 'buffer');
  const innerPad = Buffer.alloc(block, 0x36);
  const outer = Buffer.alloc(block + DIGEST_BYTES[digest]);
  outer.fill(0x5c, 0, block);
  for (let i = 0; i < bytes.length; i++) {
    innerPad[i] = bytes[i]! ^ 0x36;
    outer[i] = bytes[i]! ^ 0x5c;
  }
  return { key, innerPad, outer };
}

// Base strings up to this many UTF-16 units are hashed through one reused buffer; longer ones stream.
const SCRATCH_LIMIT = 16_384;
let scratch: NodeBufferLike | undefined;

/**
 * HMAC (RFC 2104) as two one-shot hashes over the prepared pads: the same bytes as
 * `createHmac(digest, key).update(message).digest('base64')`, which spec/signature-methods checks
 * on random keys and messages, but without setting up an HMAC context on every call — in a
 * verifier that set-up cost more than hashing a Twitter-sized base string.
 */
function hmacBase64(digest: Digest, key: PreparedKey, message: string): string {
  // A PreparedKey exists only where node:crypto does (prepareKey checked), so these do not throw.
  const { hash, createHmac } = nodeCrypto('synchronous HMAC signing');
  const block = key.innerPad.length;
  if (message.length > SCRATCH_LIMIT) return createHmac(digest, key.key).update(message).digest('base64');
  const room = block + 3 * message.length;
  if (scratch === undefined || scratch.length < room) scratch = nodeBuffer('synchronous HMAC signing').alloc(Math.max(room, 2 * (scratch?.length ?? 512)));
  key.innerPad.copy(scratch, 0);
  const written = scratch.write(message, block, 'utf8');
  // The inner digest comes back as a latin1 ('binary') string: asking for a Buffer costs more than the hash.
  key.outer.write(hash(digest, scratch.subarray(0, block + written), 'binary'), block, 'latin1');
  return hash(digest, key.outer, 'base64');
}

/**
 * Prepared keys by signing-key string, per digest. Bounded, and dropped whole when full; they
 * live only in this process's memory, as the secrets they come from do.
 */
function keyCache(digest: Digest): (keys: SigningKeys) => PreparedKey {
  const prepared = new Map<string, PreparedKey>();
  const LIMIT = 256;
  let lastConsumerSecret: string | undefined;
  let lastTokenSecret: string | undefined;
  let lastKey: PreparedKey | undefined;
  return (keys) => {
    // Same secrets as the previous call (the common case for a client): skip re-encoding them.
    if (lastKey !== undefined && keys.consumerSecret === lastConsumerSecret && keys.tokenSecret === lastTokenSecret) return lastKey;
    const key = signingKey(keys);
    let found = prepared.get(key);
    if (found === undefined) {
      if (prepared.size >= LIMIT) prepared.clear();
      found = prepareKey(digest, key);
      prepared.set(key, found);
    }
    lastConsumerSecret = keys.consumerSecret;
    lastTokenSecret = keys.tokenSecret;
    lastKey = found;
    return found;
  };
}

function hmacMethod(name: string, digest: Digest): SignatureMethod {
  const preparedKey = keyCache(digest);
  const sign = (baseString: string, keys: SigningKeys): string => hmacBase64(digest, preparedKey(keys), baseString);
  const web = webDigest(digest);
  // No key cache on this path: the CryptoKey is imported per call (see docs/signing.md, "Runtimes").
  const signAsync = async (baseString: string, keys: SigningKeys): Promise<string> => hmacBase64Async(web, signingKey(keys), baseString);
  return Object.freeze({
    name,
    bodyHashAlgorithm: digest,
    sign,
    verify: (baseString: string, signature: string, keys: SigningKeys) => constantTimeEqual(sign(baseString, keys), signature),
    signAsync,
    verifyAsync: async (baseString: string, signature: string, keys: SigningKeys) => constantTimeEqual(await signAsync(baseString, keys), signature),
  });
}

/** HMAC-SHA1: `base64(HMAC-SHA1(key, base string))`. */
// RFC 5849 §3.4.2
export const HMAC_SHA1: SignatureMethod = hmacMethod('HMAC-SHA1', 'sha1');
/** HMAC-SHA256 (NetSuite, and many later OAuth 1.0a servers): as HMAC-SHA1 with SHA-256. */
export const HMAC_SHA256: SignatureMethod = hmacMethod('HMAC-SHA256', 'sha256');
/** HMAC-SHA512: as HMAC-SHA1 with SHA-512. */
export const HMAC_SHA512: SignatureMethod = hmacMethod('HMAC-SHA512', 'sha512');
