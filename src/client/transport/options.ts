// Options and result types shared by the got transport and the fetch wrapper (RFC 5849 §3: sign every request sent).

import type { KeyObject } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Parameters, Placement, SignatureMethod, SignedRequest } from '../../core/types.js';
import type { ProviderProfile } from '../profile/profile.js';

/** Client credentials and, once issued, token credentials (RFC 5849 §1.1). */
export interface OAuthCredentials {
  /** `oauth_consumer_key` (client identifier). */
  consumerKey: string;
  /** Client shared-secret (HMAC-*, PLAINTEXT). */
  consumerSecret?: string;
  /** `oauth_token`: token credentials for protected resources (temporary ones during the flow). */
  token?: string;
  /** Token shared-secret matching `token`. */
  tokenSecret?: string;
  /** PEM private key or `KeyObject`, for RSA-*. */
  privateKey?: string | KeyObject;
  /** Passphrase of an encrypted PEM `privateKey` (`BEGIN ENCRYPTED PRIVATE KEY` or `Proc-Type: 4,ENCRYPTED`). */
  privateKeyPassphrase?: string;
}

/** When and how often a failed attempt is sent again (each attempt is signed afresh). */
export interface RetryPolicy {
  /** Extra attempts after the first. @default 2 */
  limit?: number;
  /** Methods that may be retried. POST is left out unless `retryPost` is set. @default ['GET','HEAD','PUT','DELETE','OPTIONS','TRACE'] */
  methods?: string[];
  /** Also retry POST (only when the call is idempotent for the provider). @default false */
  retryPost?: boolean;
  /** HTTP statuses that are retried. @default [408, 413, 429, 500, 502, 503, 504, 521, 522, 524] */
  statusCodes?: number[];
  /** Delay before attempt `n` (1-based) in ms; a `Retry-After` header wins when it is shorter than `maxRetryAfterMs`. @default 1000 × 2^(n−1) */
  delayMs?: number | ((attempt: number) => number);
  /** Longest `Retry-After` honoured, ms. @default 60000 */
  maxRetryAfterMs?: number;
}

/** Timeouts in milliseconds. */
export interface TimeoutPolicy {
  /** Whole request, including redirects (not retries). @default 30000 */
  request?: number;
  /** TCP connect. */
  connect?: number;
  /** Time to the first response byte. */
  response?: number;
}

/** What was signed, reported once per attempt and redirect hop (for logs, demos and tests). */
export interface SignedAttempt {
  /** 0 for the first attempt, 1 for the first retry… */
  attempt: number;
  /** Number of redirects followed before this hop. */
  redirect: number;
  /** The URL this hop goes to. */
  url: string;
  /** The signature and every intermediate step; `undefined` when the hop left the origin unsigned. */
  signed?: SignedRequest;
}

/** Options of {@link createOAuthGot} and {@link createOAuthFetch}. */
export interface OAuthTransportOptions {
  /** Provider profile: placement, signature method, `oauth_version`, extra params, error decoder. */
  profile?: ProviderProfile;
  /** Where protocol parameters travel. @default profile.placement, else 'header' */
  placement?: Placement;
  /** Signature method. @default profile.signatureMethod, else 'HMAC-SHA1' */
  signatureMethod?: string | SignatureMethod;
  /** `oauth_version`, `null` to omit. @default profile.version, else '1.0' */
  version?: string | null;
  /** `realm` of the Authorization header. @default profile.realm */
  realm?: string;
  /** Timeouts; a number is the whole-request timeout. */
  timeout?: number | TimeoutPolicy;
  /** Retry policy; `false` never retries. */
  retry?: RetryPolicy | false;
  /** Redirects followed (same origin: re-signed; other origin: sent without credentials). @default 5 */
  maxRedirects?: number;
  /** Repair the clock once on `timestamp_refused` and remember the offset. @default true */
  repairClockSkew?: boolean;
  /** Initial clock offset in ms added to `now()` (server time minus ours). @default 0 */
  clockOffsetMs?: number;
  /** Throw {@link ProviderError} for non-2xx answers. @default true */
  throwHttpErrors?: boolean;
  /** Clock in ms. @default Date.now */
  now?: () => number;
  /** Nonce source. @default generateNonce */
  generateNonce?: () => string;
  /** Called for every hop that is sent (signed or deliberately not). */
  onSigned?: (attempt: SignedAttempt) => void;
}

/** One request through the transport. Credentials given here override the transport's for this call. */
export interface OAuthHttpRequest {
  /** HTTP method. @default 'GET' */
  method?: string;
  /** Absolute URL; may carry a query. */
  url: string;
  /** Form parameters: sent as an `application/x-www-form-urlencoded` body and signed. */
  form?: Parameters;
  /**
   * A non-form body: string, bytes, or a factory called once per attempt so retries get a fresh
   * stream. The factory may return an async iterable of chunks: the got transport asks for the
   * next chunk only once the previous one was written to the connection, so a chunk's buffer may
   * be reused after that.
   */
  body?: string | Uint8Array | (() => Readable | AsyncIterable<Uint8Array>);
  /**
   * Parameters signed as if they came from a form body although the body is something else
   * (Weibo v1's multipart text fields). Never sent by the transport itself.
   */
  signedParameters?: Parameters;
  /** `oauth_body_hash` value to send and sign. */
  bodyHash?: string;
  /** Extra request headers (an `authorization` given here is replaced). */
  headers?: Record<string, string>;
  /** Token for this call (temporary credentials during the flow). */
  token?: string;
  /** Token secret for this call. */
  tokenSecret?: string;
  /** `oauth_callback` (temporary-credentials request). */
  callback?: string;
  /** `oauth_verifier` (token-credentials request). */
  verifier?: string;
  /** Further protocol parameters. */
  extraOAuthParams?: Parameters;
  /** Add the profile's extra parameters (Sina's `source`). @default true */
  profileParams?: boolean;
  /** Override the transport's retry policy for this call (`true` = allow POST retries). */
  retry?: RetryPolicy | boolean;
}

/** A response as the transport returns it. */
export interface OAuthHttpResponse {
  /** HTTP status. */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** Body decoded as UTF-8. */
  body: string;
  /** Final URL after redirects. */
  url: string;
  /** Every hop sent, in order (attempts, redirects and the clock-skew re-send). */
  attempts: SignedAttempt[];
}
