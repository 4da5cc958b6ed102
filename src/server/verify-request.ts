// Server-side request verification for Node: strict parameters, timestamp window, nonce replay, signature (RFC 5849 §3.2).

import { randomBytes, type KeyObject } from 'node:crypto';
import { parseFormEncodedForSigning, percentEncode, type EncodedPair, type EncodedParameters } from '../core/encoding.js';
import { encodedBaseString, parseRequestUrl, type ParsedRequestUrl } from '../core/base-string.js';
import { isProtocolParameter, locateProtocolParameters, protocolParameterPlaces, protocolParametersIn } from '../core/protocol-parameters.js';
import { parseAuthorizationHeaderEncoded, type EncodedAuthorizationHeader } from '../core/authorization-header.js';
import { computeBodyHash } from '../core/body-hash.js';
import { OAuthError } from '../core/errors.js';
import { BUILT_IN_SIGNATURE_METHODS, constantTimeEqual } from '../core/signature-methods/index.js';
import { MemoryNonceStore } from './nonce-store/memory.js';
import { NonceStoreError, nonceKey, type NonceStore } from './nonce-store/store.js';
import { OAuthRequestRejected } from './rejection.js';
import { HOST_FIELD, normalizeOrigin, toParts, type InputLimits, type ReceivedParts, type VerifiableRequest } from './received-request.js';

export type { HeadersLike, FetchRequestLike, PlainHttpRequest, PlainHttpRequestWithHeaders, VerifiableRequest } from './received-request.js';
import type { Parameter, Parameters, Placement, SignatureMethod, SigningKeys } from '../core/types.js';

/** What {@link VerifyRequestOptions.lookupConsumer} returns for a known consumer key. */
export interface ConsumerCredentials {
  /** Client shared-secret, for HMAC-* (and PLAINTEXT when allowed). */
  secret?: string;
  /** RSA public key (PEM, X.509 certificate or `KeyObject`), for RSA-*. */
  publicKey?: string | KeyObject;
}

/** What {@link VerifyRequestOptions.lookupToken} returns for a known token. */
export interface TokenCredentials {
  /** Token shared-secret. */
  secret: string;
}

/** A value or a promise of it: look-ups may be synchronous or asynchronous. */
export type Awaitable<T> = T | Promise<T>;

/** Options of {@link verifyRequest}, {@link createRequestVerifier} and the middlewares. */
export interface VerifyRequestOptions {
  /** Finds the client credentials of a consumer key; `undefined` when the key is unknown. */
  lookupConsumer(consumerKey: string): Awaitable<ConsumerCredentials | undefined>;
  /** Finds the token secret of a token issued to `consumerKey`; `undefined` when unknown, expired or revoked. */
  lookupToken?(consumerKey: string, token: string): Awaitable<TokenCredentials | undefined>;
  /** Where accepted nonces are remembered. @default one in-memory store shared by every verifier of this process */
  nonceStore?: NonceStore;
  /** Accepted distance, in seconds, between `oauth_timestamp` and the server clock (either way). @default 300 */
  timestampWindowSeconds?: number;
  /**
   * Signature methods accepted, by name or as custom {@link SignatureMethod} objects.
   * @default ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'RSA-SHA1', 'RSA-SHA256'] (PLAINTEXT only when listed)
   */
  signatureMethods?: ReadonlyArray<string | SignatureMethod>;
  /**
   * Largest non-form body, in bytes, read to check `oauth_body_hash` (hashing is linear and cheap).
   * Form bodies have their own, smaller limit: {@link maxFormBytes}. @default 1_048_576
   */
  maxBodyBytes?: number;
  /**
   * Largest `application/x-www-form-urlencoded` body, in bytes, read and parsed before any check.
   * Real OAuth forms are small: an LTI 1.1 launch is 2–20 KB, a status update or token request
   * under 2 KB, so 64 KiB leaves room while bounding what an unauthenticated body costs to parse.
   * Never more than {@link maxBodyBytes}. Over it: 413 `body_too_large`. @default 65_536
   */
  maxFormBytes?: number;
  /**
   * Most parameters (query, form body and Authorization header together) a request may carry;
   * counted before they are decoded. Over it: 400 `parameter_rejected`. @default 1000
   */
  maxParameters?: number;
  /**
   * Accepted values of `oauth_version` besides its absence. RFC 5849 §3.1 allows only `"1.0"`;
   * add `'1.0A'` for clients (node-oauth, per its README) that send `oauth_version="1.0A"`.
   * @default ['1.0']
   */
  acceptVersions?: readonly string[];
  /** Longest accepted `oauth_nonce`, in characters (printable ASCII only). @default 128 */
  maxNonceLength?: number;
  /** `realm` announced in `WWW-Authenticate` by the middlewares. Not checked on requests. @default '' */
  realm?: string;
  /** Clock in milliseconds. @default Date.now */
  now?: () => number;
  /** Refuse requests without `oauth_token` (protected resources); two-legged and LTI requests have none. @default false */
  requireToken?: boolean;
  /**
   * Further protocol parameters that must be present, e.g. `['oauth_callback']` on a
   * temporary-credentials endpoint or `['oauth_verifier']` on a token endpoint (RFC 5849 §2).
   * @default []
   */
  requiredParameters?: readonly string[];
  /**
   * Whether to check `oauth_body_hash` against the body. `'ignore'` leaves it to the
   * application (e.g. a multipart endpoint that hashes the body while streaming it).
   * @default 'verify'
   */
  bodyHash?: 'verify' | 'ignore';
  /**
   * Scheme, host and port the clients used, e.g. `https://api.example.com` — needed behind a
   * TLS-terminating proxy. When set, only the path and query of the request count: the `Host`
   * header is ignored, an absolute-form request target naming another origin is refused, and the
   * scheme and host of a {@link PlainHttpRequest} or Fetch `Request` URL are replaced by it.
   * @default `http(s)://` + the `Host` header (https when the socket is TLS), which must then be
   * plain `host[:port]` (RFC 9110 §7.2)
   */
  origin?: string;
}

/** A request the verifier accepted. Carries no secrets. */
export interface VerifiedRequest {
  /** `oauth_consumer_key`. */
  consumerKey: string;
  /** `oauth_token`, when the request had one. */
  token?: string;
  /** `oauth_signature_method`. */
  signatureMethod: string;
  /** `oauth_timestamp`, in seconds (absent only for PLAINTEXT without one). */
  timestamp?: number;
  /** `oauth_nonce` (absent only for PLAINTEXT without one). */
  nonce?: string;
  /** `realm` of the Authorization header, if sent. */
  realm?: string;
  /** Where the protocol parameters were. */
  placement: Placement;
  /** Protocol parameters, decoded, without `oauth_signature`. */
  oauthParams: Parameters;
  /** The application's parameters: query then form, without protocol (`oauth_*`) parameters. */
  params: Parameters;
  /** Every query parameter, decoded. */
  query: Parameters;
  /** Every form-body parameter, decoded, when the body was `application/x-www-form-urlencoded`. */
  form?: Parameters;
  /** The raw body when the verifier read it (form bodies, and bodies covered by `oauth_body_hash`). */
  body?: Buffer;
  /** The absolute URL the signature was checked against. */
  url: string;
  /** HTTP method, upper-cased. */
  method: string;
}

interface CompiledOptions extends InputLimits {
  readonly options: VerifyRequestOptions;
  readonly methods: ReadonlyMap<string, SignatureMethod>;
  readonly store: NonceStore;
  /** `store` when it answers synchronously too (has `checkAndStorePartsSync`). */
  readonly syncStore: NonceStore | undefined;
  readonly windowSeconds: number;
  readonly maxBodyBytes: number;
  readonly maxFormBytes: number;
  readonly maxParameters: number;
  readonly maxNonceLength: number;
  readonly acceptVersions: ReadonlySet<string>;
  readonly now: () => number;
  readonly origin: string | undefined;
  /** `origin` normalised for comparison (lower case, no default port). */
  readonly originKey: string | undefined;
  readonly requiredParameters: readonly string[];
}

const DEFAULT_METHODS = ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'RSA-SHA1', 'RSA-SHA256'];
const MAX_IDENTIFIER_LENGTH = 512;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const IDENTIFIER = /^[\x20-\x7e]+$/;

// Compared against when the consumer or token is unknown, so that case costs what a known one costs.
const DUMMY_SECRET = randomBytes(24).toString('base64');
const DUMMY_TOKEN_SECRET = randomBytes(24).toString('base64');
// A public RSA key nobody holds the private half of (generated for this purpose; not a secret).
const DUMMY_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA2/T7xXX3/khWrfefmy+Y
prBEHRYYoczgsx2GcL8IFg4tWPJwiBSSw8icAJwbilt5oHXbA+YUBIOhy0Net0YT
KvgB5IX4yRaDcnGnZcAVUY3xVMtALRNaGrJVu9etKGQ3f9NnpvKxdLS+HGkciOc2
Jro9x37xJD6aMnrUZSDFK7RrqzrPxoBQ1X5RQMRtYE3+RLf8yjsVAZVwbGjEysYJ
0PPExOl1IH4vMAdH0bn5grc/Vu6SmGSYkPhA+reCGczhAQgLq2hatwE02Nwvzbnw
u++w2kZH7qMB3rNXtWNpijTJ7/4WzG9zsZN1WvTQdcWxOSdnZoHNRyPoNDK35Pu4
jwIDAQAB
-----END PUBLIC KEY-----
`;

let defaultStore: MemoryNonceStore | undefined;
const compiledCache = new WeakMap<VerifyRequestOptions, CompiledOptions>();

function compile(options: VerifyRequestOptions): CompiledOptions {
  const cached = compiledCache.get(options);
  if (cached) return cached;
  if (options === null || typeof options !== 'object') throw new TypeError('verifyRequest needs an options object');
  if (typeof options.lookupConsumer !== 'function') throw new TypeError('options.lookupConsumer must be a function (consumerKey) => {secret} | {publicKey} | undefined');
  if (options.lookupToken !== undefined && typeof options.lookupToken !== 'function') throw new TypeError('options.lookupToken must be a function');
  const windowSeconds = options.timestampWindowSeconds ?? 300;
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) throw new RangeError('timestampWindowSeconds must be a positive integer');
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 0) throw new RangeError('maxBodyBytes must be a non-negative integer');
  const formLimit = options.maxFormBytes ?? 65_536;
  if (!Number.isInteger(formLimit) || formLimit < 0) throw new RangeError('maxFormBytes must be a non-negative integer');
  // maxBodyBytes caps every body read: a server that lowered it keeps its lower limit for forms too.
  const maxFormBytes = Math.min(formLimit, maxBodyBytes);
  const maxParameters = options.maxParameters ?? 1000;
  if (!Number.isInteger(maxParameters) || maxParameters < 1) throw new RangeError('maxParameters must be a positive integer');
  const acceptVersions = options.acceptVersions ?? ['1.0'];
  if (!Array.isArray(acceptVersions) || acceptVersions.some((v) => typeof v !== 'string' || v === '')) throw new TypeError("acceptVersions must be an array of version strings, e.g. ['1.0', '1.0A']");
  const maxNonceLength = options.maxNonceLength ?? 128;
  if (!Number.isInteger(maxNonceLength) || maxNonceLength < 1) throw new RangeError('maxNonceLength must be a positive integer');
  const methods = new Map<string, SignatureMethod>();
  for (const m of options.signatureMethods ?? DEFAULT_METHODS) {
    if (typeof m === 'string') {
      const found = BUILT_IN_SIGNATURE_METHODS.get(m);
      if (!found) throw new TypeError(`unknown signature method ${JSON.stringify(m)} in signatureMethods; known: ${[...BUILT_IN_SIGNATURE_METHODS.keys()].join(', ')}`);
      methods.set(m, found);
    } else if (m && typeof m.name === 'string' && typeof m.verify === 'function') {
      methods.set(m.name, m);
    } else {
      throw new TypeError('signatureMethods entries must be method names or SignatureMethod objects');
    }
  }
  if (methods.size === 0) throw new RangeError('signatureMethods must allow at least one method');
  let origin = options.origin;
  let originKey: string | undefined;
  if (origin !== undefined) {
    const m = typeof origin === 'string' ? /^(https?):\/\/([^/?#]+)\/?$/i.exec(origin) : null;
    if (m === null || !HOST_FIELD.test(m[2]!)) throw new TypeError('origin must look like https://host[:port]');
    origin = `${m[1]}://${m[2]}`;
    originKey = normalizeOrigin(m[1]!, m[2]!);
  }
  const store = options.nonceStore ?? (defaultStore ??= new MemoryNonceStore());
  const compiled: CompiledOptions = {
    options,
    methods,
    store,
    syncStore: typeof store.checkAndStorePartsSync === 'function' ? store : undefined,
    windowSeconds,
    maxBodyBytes,
    maxFormBytes,
    maxParameters,
    maxNonceLength,
    acceptVersions: new Set(acceptVersions),
    now: options.now ?? Date.now,
    origin,
    originKey,
    requiredParameters: [...(options.requiredParameters ?? [])],
  };
  if (options.bodyHash !== undefined && options.bodyHash !== 'verify' && options.bodyHash !== 'ignore') throw new TypeError("bodyHash must be 'verify' or 'ignore'");
  compiledCache.set(options, compiled);
  return compiled;
}

function reject(problem: ConstructorParameters<typeof OAuthRequestRejected>[0], message: string, details?: ConstructorParameters<typeof OAuthRequestRejected>[2], cause?: unknown): never {
  throw new OAuthRequestRejected(problem, message, details, cause === undefined ? undefined : { cause });
}

function isOAuthScheme(authorization: string | undefined): authorization is string {
  return authorization !== undefined && /^[ \t]*oauth(?:[ \t]|$)/i.test(authorization);
}

/** A query, form body, header or URL that does not parse: a 400 `parameter_rejected`. */
function rejectMalformed(what: string, e: unknown): never {
  if (e instanceof OAuthError) reject('parameter_rejected', `malformed ${what}: ${e.message}`, {}, e);
  throw e;
}

/** A parsed source: decoded pairs and, index for index, their encodings for the base string. */
type Source = EncodedParameters;
const NO_PARAMETERS: Source = Object.freeze({ decoded: [], encoded: [] });

/** The places a request's parameters come from (RFC 5849 §3.4.1.3.1), each parsed once. */
interface Sources {
  header: EncodedAuthorizationHeader | undefined;
  url: ParsedRequestUrl;
  query: Source;
  form: Source | undefined;
}

// Collect the three places protocol parameters may be sent (RFC 5849 §3.5). Each parameter keeps
// its RFC 5849 §3.6 encoding as read off the wire when that is canonical, for the base string.
function parseSources(parts: ReceivedParts, maxParameters: number): Sources {
  let what = 'Authorization header';
  let header: EncodedAuthorizationHeader | undefined;
  let url: ParsedRequestUrl;
  try {
    header = isOAuthScheme(parts.authorization) ? parseAuthorizationHeaderEncoded(parts.authorization) : undefined;
    what = 'request URL';
    url = parseRequestUrl(parts.url);
  } catch (e) {
    return rejectMalformed(what, e);
  }
  const formText = parts.isForm ? (parts.body === undefined ? '' : parts.body.toString('utf8')) : undefined;
  // Counted before decoding, so a body of many tiny pairs is refused before it costs anything.
  const count = (header === undefined ? 0 : header.decoded.length) + countFormPairs(url.query) + (formText === undefined ? 0 : countFormPairs(formText)) + (parts.extraSignedParams?.length ?? 0);
  if (count > maxParameters) {
    reject('parameter_rejected', `the request carries ${count} parameters (query, form body and Authorization header); at most ${maxParameters} are accepted`, {});
  }
  try {
    what = 'query';
    const query = url.query === '' ? NO_PARAMETERS : parseFormEncodedForSigning(url.query);
    what = 'form body';
    const form = formText === undefined ? undefined : parseFormEncodedForSigning(formText);
    return { header, url, query, form };
  } catch (e) {
    return rejectMalformed(what, e);
  }
}

/** How many name=value pairs a form-encoded text holds: its non-empty "&"-separated pieces. */
function countFormPairs(text: string): number {
  let count = 0;
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('&', start);
    if (end === -1) end = n;
    if (end > start) count++;
    start = end + 1;
  }
  return count;
}

/** Appends a source's encoded pairs to `signed`, leaving out the one at index `skip` (the signature). */
function pushSigned(signed: EncodedPair[], source: Source, skip: number): void {
  const encoded = source.encoded;
  for (let i = 0; i < encoded.length; i++) if (i !== skip) signed.push(encoded[i]!);
}

/** The application's pairs of a source (those not named `oauth_*`), appended to `out`. */
function applicationPairs(source: Source, out: Parameter[]): Parameter[] {
  for (let i = 0; i < source.decoded.length; i++) if (!source.decoded[i]![0].startsWith('oauth_')) out.push(source.decoded[i]!);
  return out;
}

/** The protocol parameters the verifier reads, and the names sent more than once. */
interface ProtocolValues {
  consumerKey: string | undefined;
  token: string | undefined;
  signatureMethod: string | undefined;
  signature: string | undefined;
  timestamp: string | undefined;
  nonce: string | undefined;
  version: string | undefined;
  bodyHash: string | undefined;
  /** Index of `oauth_signature` in the source, -1 when absent. */
  signatureAt: number;
  /** Every protocol parameter name present (only kept when options ask for further parameters). */
  names: Set<string> | undefined;
  repeated: Set<string> | undefined;
}

/**
 * The protocol parameters' values, and the names sent more than once. In the header every
 * parameter is a protocol parameter (RFC 5849 §3.5.1); elsewhere only the `oauth_*` ones.
 */
function protocolValues(source: Parameters, place: Placement, keepNames: boolean): ProtocolValues {
  const v: ProtocolValues = {
    consumerKey: undefined, token: undefined, signatureMethod: undefined, signature: undefined,
    timestamp: undefined, nonce: undefined, version: undefined, bodyHash: undefined, signatureAt: -1,
    names: keepNames ? new Set() : undefined, repeated: undefined,
  };
  // Other oauth_* names (oauth_callback, oauth_verifier, extensions): rare, so a set made on demand.
  let others: Set<string> | undefined;
  for (let i = 0; i < source.length; i++) {
    const name = source[i]![0];
    const value = source[i]![1];
    if (!isProtocolParameter(place, name)) continue;
    let repeated: boolean;
    switch (name) {
      case 'oauth_consumer_key': repeated = v.consumerKey !== undefined; v.consumerKey = value; break;
      case 'oauth_token': repeated = v.token !== undefined; v.token = value; break;
      case 'oauth_signature_method': repeated = v.signatureMethod !== undefined; v.signatureMethod = value; break;
      case 'oauth_signature': repeated = v.signature !== undefined; v.signature = value; v.signatureAt = i; break;
      case 'oauth_timestamp': repeated = v.timestamp !== undefined; v.timestamp = value; break;
      case 'oauth_nonce': repeated = v.nonce !== undefined; v.nonce = value; break;
      case 'oauth_version': repeated = v.version !== undefined; v.version = value; break;
      case 'oauth_body_hash': repeated = v.bodyHash !== undefined; v.bodyHash = value; break;
      default:
        others ??= new Set();
        repeated = others.has(name);
        others.add(name);
    }
    if (repeated) (v.repeated ??= new Set()).add(name);
    v.names?.add(name);
  }
  return v;
}

/** Whether a look-up answered with a promise; a synchronous answer is used without an extra turn. */
const isThenable = <T>(v: Awaitable<T>): v is Promise<T> => typeof (v as { then?: unknown } | null | undefined)?.then === 'function';

/** Step 1's result: the request's parameter sources and the one that holds the protocol parameters. */
interface Located extends Sources {
  placement: Placement;
  /** The source holding the protocol parameters. */
  oauth: Source;
}

/** Step 2's result: the protocol parameters, checked, as the later steps use them. */
interface CheckedParameters {
  values: ProtocolValues;
  method: SignatureMethod;
  consumerKey: string;
  /** `oauth_token`, undefined when absent or empty. */
  token: string | undefined;
  nonce: string | undefined;
  timestampText: string | undefined;
  timestamp: number | undefined;
}

/** Step 3's result. */
interface FoundKeys {
  consumer: ConsumerCredentials | undefined;
  tokenCredentials: TokenCredentials | undefined;
  keys: SigningKeys;
}

/**
 * Step 1 — locate: parse each source once and find the one place holding the protocol
 * parameters (RFC 5849 §3.5); parameters in two places are refused (400, §3.2), none is `parameter_absent`.
 */
function locate(parts: ReceivedParts, c: CompiledOptions): Located {
  const sources = parseSources(parts, c.maxParameters);
  const { header, query, form } = sources;
  const where = locateProtocolParameters(header?.decoded, query.decoded, form?.decoded);
  if (where === 'mixed') {
    const places = protocolParameterPlaces(header?.decoded, query.decoded, form?.decoded);
    const byPlace = { header: header ?? NO_PARAMETERS, query, form: form ?? NO_PARAMETERS };
    const names = [...new Set(places.flatMap((place) => protocolParametersIn(place, byPlace[place].decoded).map((p) => p[0])))].sort();
    reject('parameter_rejected', `protocol parameters were sent in ${places.map((p) => (p === 'header' ? 'the Authorization header' : `the ${p}`)).join(' and ')}; send them in exactly one place`, { parametersRejected: names });
  }
  if (where === 'none') {
    reject('parameter_absent', 'the request carries no OAuth protocol parameters', {
      parametersAbsent: ['oauth_consumer_key', 'oauth_signature_method', 'oauth_signature', 'oauth_timestamp', 'oauth_nonce'],
    });
  }
  const oauth = where === 'header' ? header! : where === 'query' ? query : form!;
  return { header, url: sources.url, query, form, placement: where, oauth };
}

/**
 * Step 2 — check parameters: none repeated, none missing, an accepted method and version,
 * bounded identifiers and nonce, a timestamp inside the window — all before any look-up.
 */
function checkParameters(located: Located, parts: ReceivedParts, c: CompiledOptions): CheckedParameters {
  // "Duplicated OAuth Protocol Parameter" → 400 (RFC 5849 §3.2).
  const values = protocolValues(located.oauth.decoded, located.placement, c.requiredParameters.length > 0);
  if (values.repeated !== undefined) {
    const repeated = [...values.repeated];
    reject('parameter_rejected', `protocol parameter${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')} appear${repeated.length > 1 ? '' : 's'} more than once`, { parametersRejected: repeated });
  }

  // "Missing required parameter" → 400.
  const methodName = values.signatureMethod;
  const method = methodName === undefined ? undefined : c.methods.get(methodName);
  const absent: string[] = [];
  if (values.consumerKey === undefined) absent.push('oauth_consumer_key');
  if (methodName === undefined) absent.push('oauth_signature_method');
  if (values.signature === undefined) absent.push('oauth_signature');
  // Timestamp and nonce "MAY be omitted" with PLAINTEXT only (RFC 5849 §3.4.4); either one brings the other.
  const nonceRequired = method?.requiresNonce !== false || values.nonce !== undefined || values.timestamp !== undefined;
  if (nonceRequired && values.timestamp === undefined) absent.push('oauth_timestamp');
  if (nonceRequired && values.nonce === undefined) absent.push('oauth_nonce');
  if (c.options.requireToken && !values.token) absent.push('oauth_token');
  for (const name of c.requiredParameters) if (!values.names!.has(name) && !absent.includes(name)) absent.push(name);
  if (absent.length > 0) reject('parameter_absent', `missing protocol parameter${absent.length > 1 ? 's' : ''} ${absent.join(', ')}`, { parametersAbsent: absent });

  // "Unsupported signature method" → 400.
  if (method === undefined) {
    reject('signature_method_rejected', `signature method ${JSON.stringify(methodName!.slice(0, 40))} is not accepted here; accepted: ${[...c.methods.keys()].join(', ')}`, { advice: `accepted: ${[...c.methods.keys()].join(', ')}`, parametersRejected: ['oauth_signature_method'] });
  }
  // RFC 5849 §3.1: "oauth_version … If present, the value MUST be set to "1.0"."
  // Deviation (RFC 5849 §3.1), only when asked: acceptVersions may add e.g. "1.0A" (node-oauth).
  const version = values.version;
  if (version !== undefined && version !== '1.0' && !c.acceptVersions.has(version)) {
    const accepted = [...c.acceptVersions];
    reject('version_rejected', `oauth_version must be absent or ${accepted.map((v) => JSON.stringify(v)).join(' or ')}, got ${JSON.stringify(version.slice(0, 20))}${version === '1.0A' || version === '1.0a' ? ' (node-oauth sends "1.0A"; the server may accept it with acceptVersions)' : ''}`, {
      acceptableVersions: [accepted[0]!, accepted[accepted.length - 1]!],
      advice: 'send oauth_version="1.0" or leave it out',
    });
  }

  // Bounded identifiers: they end up in look-ups, logs and nonce keys.
  const consumerKey = values.consumerKey!;
  // An empty oauth_token (sent by some two-legged clients) is signed as sent but means "no token" (RFC 5849 §3.1).
  const token = values.token || undefined;
  checkIdentifier('oauth_consumer_key', consumerKey);
  if (token !== undefined) checkIdentifier('oauth_token', token);
  const nonce = values.nonce;
  if (nonce !== undefined && (nonce.length > c.maxNonceLength || !PRINTABLE_ASCII.test(nonce))) {
    reject('parameter_rejected', `oauth_nonce must be 1 to ${c.maxNonceLength} printable ASCII characters without spaces`, { parametersRejected: ['oauth_nonce'] });
  }
  const timestampText = values.timestamp;
  let timestamp: number | undefined;
  if (timestampText !== undefined) {
    timestamp = parseTimestamp(timestampText);
    const nowSeconds = Math.floor(c.now() / 1000);
    // RFC 5849 §3.3: the server may reject requests with stale timestamps; the window limits how long nonces are kept.
    if (Math.abs(timestamp - nowSeconds) > c.windowSeconds) {
      reject('timestamp_refused', `oauth_timestamp ${timestamp} is more than ${c.windowSeconds} s from the server clock ${nowSeconds}`, {
        acceptableTimestamps: [nowSeconds - c.windowSeconds, nowSeconds + c.windowSeconds], consumerKey,
      });
    }
  }

  // oauth_body_hash covers a non-form body; with a form body it is not allowed (draft-eaton-oauth-bodyhash §4.1.1).
  if (values.bodyHash !== undefined && parts.isForm) {
    reject('parameter_rejected', 'oauth_body_hash must not be sent with a form-encoded body', { parametersRejected: ['oauth_body_hash'] });
  }
  return { values, method: method!, consumerKey, token, nonce, timestampText, timestamp };
}

/**
 * Step 3 — look up keys: the application's look-ups (synchronous or not), unknown credentials
 * replaced by dummies so the signature is computed either way and costs the same.
 */
function lookUpKeys(checked: CheckedParameters, c: CompiledOptions): FoundKeys | Promise<FoundKeys> {
  const { consumerKey, token } = checked;
  const consumer = c.options.lookupConsumer(consumerKey);
  const tokenCredentials = token === undefined || c.options.lookupToken === undefined ? undefined : c.options.lookupToken(consumerKey, token);
  if (isThenable(consumer) || isThenable(tokenCredentials)) {
    return Promise.all([consumer, tokenCredentials]).then(([found, foundToken]) => foundKeys(found, foundToken, token));
  }
  return foundKeys(consumer, tokenCredentials, token);
}

function foundKeys(consumer: ConsumerCredentials | undefined, tokenCredentials: TokenCredentials | undefined, token: string | undefined): FoundKeys {
  return {
    consumer,
    tokenCredentials,
    keys: {
      consumerSecret: consumer?.secret ?? DUMMY_SECRET,
      tokenSecret: token === undefined ? '' : tokenCredentials?.secret ?? DUMMY_TOKEN_SECRET,
      publicKey: consumer?.publicKey ?? DUMMY_PUBLIC_KEY,
    },
  };
}

/**
 * Step 4 — check the signature: rebuild the base string from what was received (RFC 5849
 * §3.4.1), verify it and any `oauth_body_hash` (both computed whatever the look-ups found), then
 * refuse unknown credentials, a wrong signature or body hash (401).
 */
function checkSignature(located: Located, checked: CheckedParameters, found: FoundKeys, parts: ReceivedParts, c: CompiledOptions): void {
  const { query, form, oauth, placement } = located;
  const { values, method, consumerKey, token } = checked;
  // Every parameter of the query, the header (or none, when the protocol parameters travel
  // elsewhere), the form body and the extra signed fields, but oauth_signature (and realm) —
  // §3.4.1.3.1 — each already encoded. Only the placement's source can hold oauth_signature (any
  // other protocol parameter elsewhere was refused in step 1), once, at values.signatureAt.
  const signed: EncodedPair[] = [];
  pushSigned(signed, query, query === oauth ? values.signatureAt : -1);
  if (placement === 'header') pushSigned(signed, oauth, values.signatureAt);
  if (form !== undefined) pushSigned(signed, form, form === oauth ? values.signatureAt : -1);
  const extra = parts.extraSignedParams;
  let baseString: string;
  try {
    if (extra !== undefined) for (const p of extra) if (p[0] !== 'oauth_signature') signed.push([percentEncode(p[0]), percentEncode(p[1])]);
    baseString = encodedBaseString(parts.method, located.url.baseStringUri, signed);
  } catch (e) {
    rejectMalformed('request', e);
  }
  const bodyHash = values.bodyHash;
  const signatureValid = method.verify(baseString, values.signature!, found.keys);
  const bodyHashValid = bodyHash === undefined || c.options.bodyHash === 'ignore' || constantTimeEqual(computeBodyHash(parts.body ?? Buffer.alloc(0), method.bodyHashAlgorithm ?? 'sha1'), bodyHash);

  // "Invalid client credentials", "Invalid or expired token", "Invalid signature" → 401.
  if (found.consumer === undefined) reject('consumer_key_unknown', 'the consumer key is not known', { consumerKey });
  if (token !== undefined && found.tokenCredentials === undefined) reject('token_rejected', 'the token is not known, expired or revoked', { consumerKey });
  if (!signatureValid) reject('signature_invalid', `the ${method.name} signature does not match the request`, { consumerKey });
  if (!bodyHashValid) reject('signature_invalid', 'oauth_body_hash does not match the body', { consumerKey, parametersRejected: ['oauth_body_hash'] });
}

/**
 * Step 5 — spend the nonce: "Invalid or used nonce" → 401. Only now, with a valid signature, so
 * forged requests cannot use up nonces. A store with a synchronous method answers without a promise.
 */
function spendNonce(checked: CheckedParameters, c: CompiledOptions): void | Promise<void> {
  const { consumerKey, token, nonce, timestamp, timestampText } = checked;
  if (nonce === undefined || timestamp === undefined) return undefined;
  let fresh: boolean | Promise<boolean>;
  try {
    fresh = c.syncStore !== undefined
      ? c.syncStore.checkAndStorePartsSync!(consumerKey, token, nonce, timestampText!, timestamp, c.windowSeconds)
      : c.store.checkAndStore(nonceKey(consumerKey, token, nonce, timestampText!), timestamp, c.windowSeconds);
  } catch (e) {
    return nonceStoreFailure(e, consumerKey);
  }
  if (typeof fresh === 'boolean') return nonceVerdict(fresh, consumerKey);
  return fresh.then((f) => nonceVerdict(f, consumerKey), (e: unknown) => nonceStoreFailure(e, consumerKey));
}

function nonceVerdict(fresh: boolean, consumerKey: string): void {
  if (!fresh) reject('nonce_used', 'this nonce was already used with this timestamp and these credentials', { consumerKey });
}

function nonceStoreFailure(e: unknown, consumerKey: string): never {
  if (e instanceof NonceStoreError) {
    reject(e.code === 'ERR_OAUTH_NONCE_STORE_FULL' ? 'nonce_store_full' : 'nonce_store_unavailable', `the nonce could not be recorded: ${e.message}`, { consumerKey }, e);
  }
  throw e;
}

/** Step 6 — the result: what was verified, this request's own pairs handed on as they are. */
function verifiedResult(located: Located, checked: CheckedParameters, parts: ReceivedParts): VerifiedRequest {
  const { header, query, form, oauth, placement } = located;
  const { values, method, consumerKey, token, nonce, timestamp } = checked;
  const oauthParams: Parameter[] = [];
  for (let i = 0; i < oauth.decoded.length; i++) {
    const p = oauth.decoded[i]!;
    if (i !== values.signatureAt && isProtocolParameter(placement, p[0])) oauthParams.push(p);
  }
  const params = applicationPairs(query, []);
  if (form !== undefined) applicationPairs(form, params);
  const verified: VerifiedRequest = {
    consumerKey, signatureMethod: method.name, placement, oauthParams, params,
    query: query === NO_PARAMETERS ? [] : query.decoded, url: parts.url, method: parts.method.toUpperCase(),
  };
  if (token !== undefined) verified.token = token;
  if (timestamp !== undefined) verified.timestamp = timestamp;
  if (nonce !== undefined) verified.nonce = nonce;
  if (header?.realm !== undefined) verified.realm = header.realm;
  if (form !== undefined) verified.form = form.decoded;
  if (parts.body !== undefined && !parts.bodyUnread) verified.body = parts.body;
  return verified;
}

/**
 * Every check of RFC 5849 §3.2 on a request whose body (when needed) is in memory, as a chain of
 * named steps (in the spirit of oauthlib's endpoint `_check_*` chain): locate → check parameters
 * → look up keys → check signature → spend nonce → result. Cheap checks first; look-ups and the
 * signature next, computed even for unknown credentials; the nonce is spent last, only for a
 * request with a valid signature. Synchronous look-ups and stores add no promise turn.
 */
// RFC 5849 §3.2
function verifyParts(parts: ReceivedParts, c: CompiledOptions): Promise<VerifiedRequest> {
  try {
    const located = locate(parts, c);
    const checked = checkParameters(located, parts, c);
    const found = lookUpKeys(checked, c);
    if (isThenable(found)) return found.then((f) => afterLookUp(located, checked, f, parts, c));
    return Promise.resolve(afterLookUp(located, checked, found, parts, c));
  } catch (e) {
    return Promise.reject(e);
  }
}

function afterLookUp(located: Located, checked: CheckedParameters, found: FoundKeys, parts: ReceivedParts, c: CompiledOptions): VerifiedRequest | Promise<VerifiedRequest> {
  checkSignature(located, checked, found, parts, c);
  const spent = spendNonce(checked, c);
  if (spent === undefined) return verifiedResult(located, checked, parts);
  return spent.then(() => verifiedResult(located, checked, parts));
}

/** `oauth_timestamp` as a number: 1 to 12 ASCII digits, nothing else (no sign, space or exponent). */
function parseTimestamp(text: string): number {
  let value = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) { value = -1; break; }
    value = value * 10 + d;
  }
  if (n === 0 || n > 12 || value < 0) {
    reject('parameter_rejected', 'oauth_timestamp must be a positive integer number of seconds', { parametersRejected: ['oauth_timestamp'] });
  }
  return value;
}

function checkIdentifier(name: 'oauth_consumer_key' | 'oauth_token', value: string): void {
  if (value.length > MAX_IDENTIFIER_LENGTH || !IDENTIFIER.test(value)) {
    reject('parameter_rejected', `${name} must be 1 to ${MAX_IDENTIFIER_LENGTH} printable ASCII characters`, { parametersRejected: [name] });
  }
}

/**
 * Verifies a received OAuth 1.0a request: protocol parameters from exactly one place, none
 * repeated or missing, an accepted signature method and version, a timestamp inside the window,
 * a bounded nonce, known credentials, a valid signature (compared in constant time) and,
 * last, a nonce not seen before. Takes a `node:http` `IncomingMessage` (reading a form body,
 * up to `maxBodyBytes`, and handing it on in the result) or a request already in memory.
 *
 * @throws {OAuthRequestRejected} `ERR_OAUTH_REQUEST_REJECTED` with `problem` and `status`; answer with {@link sendOAuthRejection}.
 * @throws {TypeError} for a wrong argument or options.
 * @example
 * ```ts
 * http.createServer(async (req, res) => {
 *   try {
 *     const v = await verifyRequest(req, { lookupConsumer: async (key) => consumers.get(key) });
 *     res.end(`hello ${v.consumerKey}, you sent ${JSON.stringify(v.params)}`);
 *   } catch (e) {
 *     if (e instanceof OAuthRequestRejected) sendOAuthRejection(res, e);
 *     else { res.statusCode = 500; res.end(); }
 *   }
 * });
 * ```
 */
// RFC 5849 §3.2
export function verifyRequest(req: VerifiableRequest, options: VerifyRequestOptions): Promise<VerifiedRequest> {
  try {
    return verifyWith(req, compile(options));
  } catch (e) {
    return Promise.reject(e);
  }
}

// Not itself async: it hands on the core's promise, which saves the extra turns an async
// function takes to adopt a returned promise; a synchronous error becomes a rejection.
function verifyWith(req: VerifiableRequest, c: CompiledOptions): Promise<VerifiedRequest> {
  try {
    const parts = toParts(req, c);
    return parts instanceof Promise ? parts.then((p) => verifyParts(p, c)) : verifyParts(parts, c);
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * Checks the options once and returns a verifier function bound to them.
 *
 * @example
 * const verify = createRequestVerifier({ lookupConsumer, lookupToken, nonceStore });
 * const v = await verify(req);
 */
export function createRequestVerifier(options: VerifyRequestOptions): (req: VerifiableRequest) => Promise<VerifiedRequest> {
  const c = compile(options);
  return (req) => verifyWith(req, c);
}
