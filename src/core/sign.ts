// signRequest(): builds protocol parameters, the base string and the signature — pure, no I/O (RFC 5849 §3.1).

import { percentEncode, parseFormEncodedForSigning } from './encoding.js';
import { parseRequestUrl, formParameters, isFormContentType, normalizeMethod, joinNormalizedParameters } from './base-string.js';
import { formatEncodedAuthorizationHeader } from './authorization-header.js';
import { computeBodyHash } from './body-hash.js';
import { generateNonce, timestampSeconds } from './nonce.js';
import { RequestError } from './errors.js';
import { utf8Decode } from './utf8.js';
import { checkTokenCredentials } from './credentials.js';
import { BUILT_IN_SIGNATURE_METHODS, resolveSignatureMethod, signatureMethodTable, type SignatureMethodTable } from './signature-methods/index.js';
import type { BodyHashAlgorithm, Parameter, SignRequestInput, SignedRequest, SourcedParameter, SignatureMethod, Placement } from './types.js';

const DIGITS = /^\d+$/;

/** A `[name, value]` pair, both percent-encoded. */
export type EncodedPair = [name: string, value: string];

/** Joins already-encoded pairs as `a=1&b=2` (query or form body). */
function joinEncoded(pairs: ReadonlyArray<EncodedPair>): string {
  let out = '';
  for (let i = 0; i < pairs.length; i++) out += (i === 0 ? '' : '&') + pairs[i]![0] + '=' + pairs[i]![1];
  return out;
}

/** Whether `name` is one of the protocol parameters (a short list: a scan beats building a Set). */
function isProtocolName(oauth: ReadonlyArray<Parameter>, name: string): boolean {
  for (let i = 0; i < oauth.length; i++) if (oauth[i]![0] === name) return true;
  return false;
}

/** The protocol parameters, decoded and percent-encoded, in the same order. */
interface ProtocolParameters {
  decoded: Parameter[];
  encoded: EncodedPair[];
}

/**
 * Builds the protocol parameters (without `oauth_signature`) in the conventional order, with
 * their encoded forms. Our own names (`oauth_…`) and the validated timestamp are unreserved
 * characters already, so only caller-supplied text goes through {@link percentEncode}.
 */
// RFC 5849 §3.1 (steps 1–2: "the client assigns value to each of these REQUIRED … parameters")
function protocolParameters(input: SignRequestInput, method: SignatureMethod, bodyHash: string | undefined): ProtocolParameters {
  const decoded: Parameter[] = [];
  const encoded: EncodedPair[] = [];
  const add = (name: string, value: string, valueIsUnreserved = false): void => {
    decoded.push([name, value]);
    encoded.push([name, valueIsUnreserved ? value : percentEncode(value)]);
  };
  add('oauth_consumer_key', input.consumerKey);
  if (input.token !== undefined) add('oauth_token', input.token);
  add('oauth_signature_method', method.name);
  const nonceOptional = method.requiresNonce === false;
  if (input.timestamp !== null) {
    const ts = input.timestamp === undefined ? timestampSeconds((input.now ?? Date.now)()) : String(input.timestamp);
    if (!DIGITS.test(ts)) throw new RequestError('ERR_OAUTH_TIMESTAMP_INVALID', `oauth_timestamp must be a positive whole number of seconds, got ${JSON.stringify(ts.slice(0, 30))}`);
    add('oauth_timestamp', ts, true);
  } else if (!nonceOptional) {
    throw new RequestError('ERR_OAUTH_PARAMETER_MISSING', `oauth_timestamp may be omitted only with PLAINTEXT (RFC 5849 §3.1), not with ${method.name}`);
  }
  if (input.nonce !== null) {
    const nonce = input.nonce !== undefined ? input.nonce
      : input.generateNonce !== undefined ? input.generateNonce()
      : generateNonce(input.nonceLength);
    if (typeof nonce !== 'string' || nonce === '') throw new RequestError('ERR_OAUTH_NONCE_INVALID', 'oauth_nonce must be a non-empty string');
    add('oauth_nonce', nonce);
  } else if (!nonceOptional) {
    throw new RequestError('ERR_OAUTH_PARAMETER_MISSING', `oauth_nonce may be omitted only with PLAINTEXT (RFC 5849 §3.1), not with ${method.name}`);
  }
  const version = input.version === undefined ? '1.0' : input.version;
  if (version !== null) add('oauth_version', version, version === '1.0');
  if (input.callback !== undefined) add('oauth_callback', input.callback);
  if (input.verifier !== undefined) add('oauth_verifier', input.verifier);
  if (bodyHash !== undefined) add('oauth_body_hash', bodyHash);
  if (input.extraOAuthParams) {
    for (const extra of input.extraOAuthParams) {
      if (!Array.isArray(extra) || typeof extra[0] !== 'string' || typeof extra[1] !== 'string') throw new TypeError('extraOAuthParams must be [name, value] string pairs');
      decoded.push([extra[0], extra[1]]);
      encoded.push([percentEncode(extra[0]), percentEncode(extra[1])]);
    }
  }
  for (let i = 0; i < decoded.length; i++) {
    const name = decoded[i]![0];
    if (name === 'oauth_signature') throw new RequestError('ERR_OAUTH_PARAMETER_DUPLICATE', 'oauth_signature is computed by the signer and cannot be given');
    for (let j = 0; j < i; j++) {
      if (decoded[j]![0] === name) throw new RequestError('ERR_OAUTH_PARAMETER_DUPLICATE', `protocol parameter ${name} is given twice`);
    }
  }
  return { decoded, encoded };
}

function validateInput(input: SignRequestInput): void {
  if (input === null || typeof input !== 'object') throw new TypeError('signRequest expects a request object');
  if (typeof input.consumerKey !== 'string') throw new TypeError('consumerKey must be a string');
  for (const k of ['consumerSecret', 'token', 'tokenSecret', 'callback', 'verifier', 'realm'] as const) {
    if (input[k] !== undefined && typeof input[k] !== 'string') throw new TypeError(`${k} must be a string`);
  }
  if (input.form !== undefined && !Array.isArray(input.form)) throw new TypeError('form must be an array of [name, value] pairs');
}

/** Computes `oauth_body_hash` (synchronously, or a placeholder already computed by the async signer). */
export type BodyHasher = (body: string | Uint8Array | undefined, algorithm: BodyHashAlgorithm) => string;

/** A request with everything but its signature: the state between the base string and `oauth_signature`. */
export interface Unsigned {
  method: string;
  signatureMethod: SignatureMethod;
  placement: Placement;
  baseStringUri: string;
  parameters: SourcedParameter[];
  normalized: string;
  baseString: string;
  oauth: Parameter[];
  oauthEncoded: EncodedPair[];
  form: ReadonlyArray<Parameter>;
  formEncoded: EncodedPair[];
  bodyIsForm: boolean;
}

/**
 * Everything {@link signRequest} does before the signature: checks the input, adds the protocol
 * parameters and builds the base string. Shared by the synchronous and the WebCrypto signer.
 * @internal
 */
// RFC 5849 §3.1–§3.4 (everything up to the signature)
export function prepareSigning(input: SignRequestInput, methods: SignatureMethodTable, bodyHashOf: BodyHasher): Unsigned {
  validateInput(input);
  const method = normalizeMethod(input.method);
  const signatureMethod = resolveSignatureMethod(input.signatureMethod, methods);
  const placement: Placement = input.placement ?? 'header';
  if (placement !== 'header' && placement !== 'query' && placement !== 'form') {
    throw new RequestError('ERR_OAUTH_PLACEMENT_INVALID', `placement must be header, query or form, got ${JSON.stringify(String(placement))}`);
  }
  checkTokenCredentials(input, signatureMethod.name);
  const { baseStringUri, query } = parseRequestUrl(input.url);
  const form = formParameters(input);
  const bodyIsForm = input.form !== undefined || (input.body !== undefined && isFormContentType(input.contentType));
  if (placement === 'form' && input.body !== undefined && !bodyIsForm) {
    throw new RequestError('ERR_OAUTH_PLACEMENT_INVALID', 'placement "form" needs a form-encoded body; this request has a non-form body');
  }

  let bodyHash: string | undefined;
  if (input.bodyHash !== undefined && input.bodyHash !== false) {
    if (bodyIsForm || placement === 'form') {
      throw new RequestError('ERR_OAUTH_BODY_HASH_FORM', 'oauth_body_hash must not be used with an application/x-www-form-urlencoded body (draft-eaton-oauth-bodyhash §3.1)');
    }
    bodyHash = input.bodyHash === true
      ? bodyHashOf(input.body, input.bodyHashAlgorithm ?? signatureMethod.bodyHashAlgorithm ?? 'sha1')
      : input.bodyHash;
  }
  const protocol = protocolParameters(input, signatureMethod, bodyHash);
  const oauth = protocol.decoded;

  // RFC 5849 §3.4.1.3.1: query, then Authorization header (our protocol parameters), then the form body.
  // Each pair is percent-encoded once and the encoded form reused for the header, query and body.
  const queryParams = query === '' ? undefined : parseFormEncodedForSigning(query);
  const parameters: SourcedParameter[] = [];
  const encoded: EncodedPair[] = [];
  for (let i = 0; queryParams !== undefined && i < queryParams.decoded.length; i++) {
    const [name, value] = queryParams.decoded[i]!;
    if (name === 'oauth_signature') continue;
    if (isProtocolName(oauth, name)) throw clash(name, 'URL query');
    parameters.push({ name, value, source: 'query' });
    encoded.push(queryParams.encoded[i]!);
  }
  const oauthEncoded = protocol.encoded;
  for (let i = 0; i < oauth.length; i++) {
    parameters.push({ name: oauth[i]![0], value: oauth[i]![1], source: 'oauth' });
    encoded.push(oauthEncoded[i]!);
  }
  const formEncoded: EncodedPair[] = [];
  for (let i = 0; i < form.length; i++) {
    const [name, value] = form[i]!;
    const pair: EncodedPair = [percentEncode(name), percentEncode(value)];
    formEncoded.push(pair);
    if (name === 'oauth_signature') continue;
    if (isProtocolName(oauth, name)) throw clash(name, 'form body');
    parameters.push({ name, value, source: 'form' });
    encoded.push(pair);
  }
  // Parameters the caller signs but sends itself (multipart text fields): signed, never put into a body here.
  const extra = input.extraSignedParams;
  if (extra !== undefined) {
    for (let i = 0; i < extra.length; i++) {
      const pair = extra[i];
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') throw new TypeError('extraSignedParams must be [name, value] string pairs');
      if (isProtocolName(oauth, pair[0])) throw clash(pair[0], 'multipart body');
      parameters.push({ name: pair[0], value: pair[1], source: 'multipart' });
      encoded.push([percentEncode(pair[0]), percentEncode(pair[1])]);
    }
  }

  // RFC 5849 §3.4.1.3.2: encode, sort by name then value, join (and encode again for the base string).
  const normalized = joinNormalizedParameters(encoded);

  // RFC 5849 §3.4.1.1: method "&" encoded base string URI "&" encoded normalised parameters
  const baseString = method + '&' + percentEncode(baseStringUri) + '&' + normalized.encoded;
  return { method, signatureMethod, placement, baseStringUri, parameters, normalized: normalized.normalized, baseString, oauth, oauthEncoded, form, formEncoded, bodyIsForm };
}

/** Adds the signature to a prepared request and places the protocol parameters. @internal */
// RFC 5849 §3.5
export function finishSigning(input: SignRequestInput, u: Unsigned, signature: string): SignedRequest {
  const { method, baseStringUri, parameters, baseString, signatureMethod, oauth, oauthEncoded, form, formEncoded, bodyIsForm, placement } = u;
  const oauthParams: Parameter[] = oauth.slice();
  oauthParams.push(['oauth_signature', signature]);
  oauthEncoded.push(['oauth_signature', percentEncode(signature)]);
  const authorization = formatEncodedAuthorizationHeader(oauthEncoded, input.realm);
  const result: SignedRequest = {
    method, url: input.url, baseStringUri, parameters, normalizedParameters: u.normalized, baseString,
    signatureMethod: signatureMethod.name, signature, oauthParams, authorization, headers: {}, placement,
  };
  // RFC 5849 §3.5: transmit the protocol parameters in exactly one place.
  if (placement === 'header') result.headers.authorization = authorization;
  if (placement === 'query') {
    // §3.5.2: "added to the query … using the "application/x-www-form-urlencoded" content type"
    const hash = input.url.indexOf('#');
    const bare = hash === -1 ? input.url : input.url.slice(0, hash);
    result.url = bare + (bare.includes('?') ? (bare.endsWith('?') || bare.endsWith('&') ? '' : '&') : '?') + joinEncoded(oauthEncoded);
  }
  if (bodyIsForm || placement === 'form') {
    // §3.5.3: the protocol parameters are appended to the form-encoded entity-body.
    result.form = placement === 'form' ? [...form, ...oauthParams] : form;
    // A raw form body is sent as given (its bytes are what the caller chose); decoded pairs are encoded.
    result.body = placement !== 'form' && input.body !== undefined
      ? (typeof input.body === 'string' ? input.body : utf8Decode(input.body))
      : joinEncoded(placement === 'form' ? formEncoded.concat(oauthEncoded) : formEncoded);
    result.headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return result;
}

/**
 * Signs a request: adds the protocol parameters, builds the signature base string and computes
 * `oauth_signature`, returning every intermediate step. Pure and synchronous: no I/O.
 *
 * @param input the request and credentials (see {@link SignRequestInput}).
 * @param methods the signature-method table to resolve `signatureMethod` names in. @default the built-ins
 * @throws {UrlError} relative or invalid URL. {@link SignatureMethodError} unknown method. {@link KeyError} missing secret or RSA key. {@link RequestError} inconsistent input.
 * @example
 * const signed = signRequest({
 *   method: 'POST', url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
 *   form: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']],
 *   consumerKey: 'xvz1evFS4wEEPTGEFPHBog', consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
 *   token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
 *   nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', timestamp: 1318622958,
 * });
 * signed.signature // 'hCtSmYh+iHYCEqBWrE7C7hYmtUk='
 */
// RFC 5849 §3.1–§3.5
export function signRequest(input: SignRequestInput, methods: SignatureMethodTable = BUILT_IN_SIGNATURE_METHODS): SignedRequest {
  const u = prepareSigning(input, methods, computeBodyHash);
  const signature = u.signatureMethod.sign(u.baseString, { consumerSecret: input.consumerSecret, tokenSecret: input.tokenSecret, privateKey: input.privateKey, ...(input.privateKeyPassphrase !== undefined ? { privateKeyPassphrase: input.privateKeyPassphrase } : {}) });
  return finishSigning(input, u, signature);
}

function clash(name: string, where: string): RequestError {
  return new RequestError('ERR_OAUTH_PARAMETER_DUPLICATE', `protocol parameter ${name} is already in the ${where}; it would be sent twice`);
}

/** A signer with its own signature-method table: no global registry to mutate. */
export interface Signer {
  /** {@link signRequest} bound to this signer's method table. */
  signRequest(input: SignRequestInput): SignedRequest;
  /** The methods this signer knows, by name. */
  readonly methods: SignatureMethodTable;
}

/**
 * Creates a signer that knows the built-in methods plus `methods` (e.g. a provider's own).
 *
 * @example
 * const signer = createSigner({ methods: [{ name: 'HMAC-MD5', sign, verify }] });
 * signer.signRequest({ …, signatureMethod: 'HMAC-MD5' });
 */
export function createSigner(options: { methods?: Iterable<SignatureMethod> } = {}): Signer {
  const table = signatureMethodTable(options.methods);
  return { methods: table, signRequest: (input) => signRequest(input, table) };
}
