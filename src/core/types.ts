// Public option and result types of the signing core, in one place (RFC 5849 §3).

import type { KeyObjectLike as KeyObject } from './node-crypto.js';
import type { CryptoKeyLike } from './webcrypto.js';

/** One `[name, value]` pair, decoded. Parameters are always ordered lists so names can repeat. */
export type Parameter = readonly [name: string, value: string];

/** An ordered list of decoded `[name, value]` pairs; repeated names are kept. */
export type Parameters = ReadonlyArray<Parameter>;

/** Where a parameter of the signature base string came from (RFC 5849 §3.4.1.3.1). */
export type ParameterSource = 'query' | 'authorization' | 'form' | 'oauth' | 'multipart';

/** A collected parameter with the source it was found in. */
export interface SourcedParameter {
  /** Decoded name. */
  readonly name: string;
  /** Decoded value. */
  readonly value: string;
  /** Where it came from: URL query, `Authorization` header, form body, or added by the signer. */
  readonly source: ParameterSource;
}

/** Where the protocol parameters are sent (RFC 5849 §3.5). */
export type Placement = 'header' | 'query' | 'form';

/** Names of the signature methods built in. Custom ones are {@link SignatureMethod} objects. */
export type BuiltInSignatureMethodName = 'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'RSA-SHA1' | 'RSA-SHA256' | 'PLAINTEXT';

/** Digest used by the `oauth_body_hash` extension. */
export type BodyHashAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** Keys and secrets a signature method may need. Only the ones a method uses must be set. */
export interface SigningKeys {
  /** Client shared-secret (`consumerSecret`); `""` is a valid (empty) secret. */
  consumerSecret?: string;
  /** Token shared-secret; `""` or absent when there is no token. */
  tokenSecret?: string;
  /** PEM private key (PKCS#8 or PKCS#1) for RSA-* signing; also a node:crypto `KeyObject` (sync) or a WebCrypto `CryptoKey` (async). */
  privateKey?: string | KeyObject | CryptoKeyLike;
  /** Passphrase of an encrypted PEM `privateKey` (`BEGIN ENCRYPTED PRIVATE KEY` or `Proc-Type: 4,ENCRYPTED`); synchronous signer only. */
  privateKeyPassphrase?: string;
  /** PEM public key, X.509 certificate, `KeyObject` (sync) or `CryptoKey` (async) for RSA-* verification. */
  publicKey?: string | KeyObject | CryptoKeyLike;
}

/**
 * A signature method: a name plus how to sign and verify a base string.
 * Pass an object of this shape as `signatureMethod` (or to {@link createSigner}) to add one.
 */
export interface SignatureMethod {
  /** The `oauth_signature_method` value, e.g. `HMAC-SHA1`. */
  readonly name: string;
  /** Digest for `oauth_body_hash` when the caller does not choose one. */
  readonly bodyHashAlgorithm?: BodyHashAlgorithm;
  /** Whether the method needs `oauth_nonce`/`oauth_timestamp` (PLAINTEXT does not). Default `true`. */
  readonly requiresNonce?: boolean;
  /** Compute `oauth_signature` for a base string. */
  sign(baseString: string, keys: SigningKeys): string;
  /** Check a received signature in constant time. */
  verify(baseString: string, signature: string, keys: SigningKeys): boolean;
  /** `sign` on WebCrypto, used by `signRequestAsync` (which falls back to `sign` when absent). */
  signAsync?(baseString: string, keys: SigningKeys): Promise<string>;
  /** `verify` on WebCrypto, used by `verifySignatureAsync` (which falls back to `verify` when absent). */
  verifyAsync?(baseString: string, signature: string, keys: SigningKeys): Promise<boolean>;
}

/** The request-describing fields shared by signing, base-string construction and verification. */
export interface HttpRequestLike {
  /** HTTP method, any case (upper-cased in the base string). */
  method: string;
  /** Absolute URL as sent, may carry a query. */
  url: string;
  /** Decoded `[name, value]` pairs of an `application/x-www-form-urlencoded` body. */
  form?: Parameters;
  /** Raw entity body; its parameters count only when `contentType` is form-encoded. */
  body?: string | Uint8Array;
  /** Content type of `body`. */
  contentType?: string;
}

/** Input of {@link signRequest}: a plain, JSON-able description of the request and credentials. */
export interface SignRequestInput extends HttpRequestLike {
  /** `oauth_consumer_key`. */
  consumerKey: string;
  /** Client shared-secret. Required for HMAC-* and PLAINTEXT (may be `""`). */
  consumerSecret?: string;
  /** `oauth_token` (temporary or token credentials). */
  token?: string;
  /** Token shared-secret; required when `token` is set and the method uses secrets. */
  tokenSecret?: string;
  /** Signature method name or a custom {@link SignatureMethod}. @default 'HMAC-SHA1' */
  signatureMethod?: string | SignatureMethod;
  /** PEM private key, `KeyObject` (signRequest) or `CryptoKey` (signRequestAsync), for RSA-*. */
  privateKey?: string | KeyObject | CryptoKeyLike;
  /**
   * Passphrase of an encrypted PEM `privateKey` (`BEGIN ENCRYPTED PRIVATE KEY`, or legacy
   * `Proc-Type: 4,ENCRYPTED`). `signRequest` only: `signRequestAsync` (WebCrypto) refuses encrypted
   * keys with `ERR_OAUTH_KEY_ENCRYPTED_UNSUPPORTED` — decrypt the key first.
   */
  privateKeyPassphrase?: string;
  /** `oauth_nonce`; `null` omits it (PLAINTEXT). @default a fresh 25-character alphanumeric nonce (≈ 149 bits; oauthlib accepts 20–30) */
  nonce?: string | null;
  /** Length of the generated nonce, 8 to 256 letters and digits (ignored when `nonce` or `generateNonce` is given). @default 25 */
  nonceLength?: number;
  /** `oauth_timestamp` in seconds; `null` omits it. @default the current time */
  timestamp?: string | number | null;
  /** `oauth_version`; `null` omits it (RFC 5849 §1.2 examples do). @default '1.0' */
  version?: string | null;
  /** `oauth_callback` (a URL or `oob`), for temporary-credentials requests. */
  callback?: string;
  /** `oauth_verifier`, for token-credentials requests. */
  verifier?: string;
  /** `realm` of the Authorization header; never signed. */
  realm?: string;
  /** `true` computes `oauth_body_hash` from `body`; a string is sent as given. Never with form bodies. */
  bodyHash?: boolean | string;
  /** Digest for `bodyHash: true`. @default sha1 for *-SHA1 methods, sha256 for *-SHA256, sha512 for HMAC-SHA512 */
  bodyHashAlgorithm?: BodyHashAlgorithm;
  /** Further protocol parameters to send and sign (e.g. `oauth_session_handle`, `xoauth_…`). */
  extraOAuthParams?: Parameters;
  /**
   * Ordinary parameters to sign that the caller sends itself, outside a form body — e.g. the
   * text fields of a `multipart/form-data` body under Sina Weibo v1's rule. They enter the base
   * string with source `multipart` and change neither `form`, `body` nor `headers`.
   */
  extraSignedParams?: Parameters;
  /** Where the protocol parameters go. @default 'header' */
  placement?: Placement;
  /** Clock in milliseconds, for the default timestamp. @default Date.now */
  now?: () => number;
  /** Nonce source for the default nonce. @default {@link generateNonce} */
  generateNonce?: () => string;
}

/** Result of {@link signRequest}: the signature and every intermediate step. */
export interface SignedRequest {
  /** Upper-cased HTTP method. */
  method: string;
  /** URL to send: the input URL, plus the protocol parameters when `placement` is `query`. */
  url: string;
  /** Base string URI (RFC 5849 §3.4.1.2). */
  baseStringUri: string;
  /** Every parameter that was signed, in collection order, with its source. */
  parameters: ReadonlyArray<SourcedParameter>;
  /** Normalised parameter string (RFC 5849 §3.4.1.3.2). */
  normalizedParameters: string;
  /** Signature base string (RFC 5849 §3.4.1.1). */
  baseString: string;
  /** Name of the signature method used. */
  signatureMethod: string;
  /** `oauth_signature`, not percent-encoded. */
  signature: string;
  /** Protocol parameters sent, decoded, including `oauth_signature`. */
  oauthParams: Parameters;
  /** The full `Authorization` header value (`OAuth realm="…", oauth_…`), whatever the placement. */
  authorization: string;
  /** Headers to send: `authorization` for header placement, `content-type` for form bodies. */
  headers: Record<string, string>;
  /** The form parameters to send (with the protocol parameters for form placement). */
  form?: Parameters;
  /** The encoded form body to send, when there is a form. */
  body?: string;
  /** Where the protocol parameters were placed. */
  placement: Placement;
}
