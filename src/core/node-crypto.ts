// The host's node:crypto and Buffer, looked up at run time so that src/core imports no `node:` module.
//
// `process.getBuiltinModule` exists in Node ≥ 20.16, Bun and Deno; browsers and Workers have no
// synchronous crypto at all, so there the synchronous signer throws
// {@link SyncCryptoUnavailableError} and callers use `signRequestAsync` (WebCrypto) instead.

import { OAuthError } from './errors.js';

/** The key objects of node:crypto, as far as the signing core looks at them. */
export interface KeyObjectLike {
  /** `'private'`, `'public'` or `'secret'`. */
  readonly type: string;
  /** `'rsa'` for the keys RSA-* methods use. */
  readonly asymmetricKeyType?: string | undefined;
}

interface NodeDigest {
  update(data: string | Uint8Array): NodeDigest;
  digest(encoding: 'base64'): string;
}

/** The part of node:crypto the synchronous signer uses. */
export interface NodeCrypto {
  createHmac(algorithm: string, key: string | Uint8Array): NodeDigest;
  createHash(algorithm: string): NodeDigest;
  hash(algorithm: string, data: string | Uint8Array, outputEncoding: 'buffer'): Uint8Array;
  hash(algorithm: string, data: string | Uint8Array, outputEncoding: 'binary' | 'base64'): string;
  createPrivateKey(key: { key: string; passphrase?: string | undefined }): KeyObjectLike;
  createPublicKey(key: string | KeyObjectLike): KeyObjectLike;
  sign(algorithm: string, data: Uint8Array, key: KeyObjectLike): Uint8Array;
  verify(algorithm: string, data: Uint8Array, key: KeyObjectLike, signature: Uint8Array): boolean;
}

/** A node:buffer `Buffer`, as far as the synchronous signer uses one (typed here so that no Node type leaks into the core's declarations). */
export interface NodeBufferLike extends Uint8Array {
  toString(encoding?: string): string;
  write(text: string, offset: number, encoding: string): number;
  copy(target: Uint8Array, targetStart?: number): number;
}

/** The `Buffer` class, as far as the synchronous signer uses it. */
export interface NodeBufferClass {
  from(text: string, encoding: string): NodeBufferLike;
  from(bytes: Uint8Array): NodeBufferLike;
  alloc(size: number, fill?: number): NodeBufferLike;
}

/** Synchronous signing was asked for where the runtime has no node:crypto (browsers, Workers). */
export class SyncCryptoUnavailableError extends OAuthError {
  constructor(what: string) {
    super('ERR_OAUTH_SYNC_CRYPTO_UNAVAILABLE', `${what} needs node:crypto, which this runtime does not provide (Node ≥ 20.16, Bun and Deno do); use signRequestAsync / verifySignatureAsync, which run on WebCrypto`);
  }
}

type BuiltinLoader = { process?: { getBuiltinModule?: (id: string) => unknown } };

let crypto: NodeCrypto | null | undefined;
let buffer: NodeBufferClass | null | undefined;

function builtin(id: string): unknown {
  return (globalThis as BuiltinLoader).process?.getBuiltinModule?.(id) ?? null;
}

/** Whether the synchronous signer can run here (node:crypto is available). */
export function hasNodeCrypto(): boolean {
  if (crypto === undefined) crypto = builtin('node:crypto') as NodeCrypto | null;
  return crypto !== null;
}

/**
 * node:crypto, or a typed error naming the asynchronous alternative.
 *
 * @throws {SyncCryptoUnavailableError} `ERR_OAUTH_SYNC_CRYPTO_UNAVAILABLE`.
 */
export function nodeCrypto(what: string): NodeCrypto {
  if (crypto === undefined) crypto = builtin('node:crypto') as NodeCrypto | null;
  if (crypto === null) throw new SyncCryptoUnavailableError(what);
  return crypto;
}

/** node:buffer's `Buffer`, with the same error as {@link nodeCrypto} where there is none. */
export function nodeBuffer(what: string): NodeBufferClass {
  if (buffer === undefined) buffer = ((builtin('node:buffer') as { Buffer?: NodeBufferClass } | null)?.Buffer) ?? null;
  if (buffer === null) throw new SyncCryptoUnavailableError(what);
  return buffer;
}

// Registers this module's code in the error family's union (see OAuthErrorRegistry).
declare module './errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_SYNC_CRYPTO_UNAVAILABLE: SyncCryptoUnavailableError;
  }
}
