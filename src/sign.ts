// signRequest(): builds protocol parameters, the base string and the signature — pure, no I/O (RFC 5849 §3.1).

import { percentEncode, parseFormEncoded, formEncode } from './encoding.js';
import { parseRequestUrl, formParameters, isFormContentType, normalizeMethod } from './base-string.js';
import { formatAuthorizationHeader } from './authorization-header.js';
import { computeBodyHash } from './body-hash.js';
import { generateNonce, timestampSeconds } from './nonce.js';
import { RequestError, KeyError } from './errors.js';
import { BUILT_IN_SIGNATURE_METHODS, resolveSignatureMethod, signatureMethodTable, type SignatureMethodTable } from './signature-methods/index.js';
import type { Parameter, SignRequestInput, SignedRequest, SourcedParameter, SignatureMethod, Placement } from './types.js';

const SHARED_SECRET_METHODS = new Set(['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT']);
const DIGITS = /^\d+$/;

function compareEncoded(a: readonly [string, string], b: readonly [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

/** Builds the protocol parameters (without `oauth_signature`) in the conventional order. */
// RFC 5849 §3.1 (steps 1–2: "the client assigns value to each of these REQUIRED … parameters")
function protocolParameters(input: SignRequestInput, method: SignatureMethod, bodyHash: string | undefined): Parameter[] {
  const p: Parameter[] = [['oauth_consumer_key', input.consumerKey]];
  if (input.token !== undefined) p.push(['oauth_token', input.token]);
  p.push(['oauth_signature_method', method.name]);
  const nonceOptional = method.requiresNonce === false;
  if (input.timestamp !== null) {
    const ts = input.timestamp === undefined ? timestampSeconds((input.now ?? Date.now)()) : String(input.timestamp);
    if (!DIGITS.test(ts)) throw new RequestError('ERR_OAUTH_TIMESTAMP_INVALID', `oauth_timestamp must be a positive whole number of seconds, got ${JSON.stringify(ts.slice(0, 30))}`);
    p.push(['oauth_timestamp', ts]);
  } else if (!nonceOptional) {
    throw new RequestError('ERR_OAUTH_PARAMETER_MISSING', `oauth_timestamp may be omitted only with PLAINTEXT (RFC 5849 §3.1), not with ${method.name}`);
  }
  if (input.nonce !== null) {
    const nonce = input.nonce === undefined ? (input.generateNonce ?? generateNonce)() : input.nonce;
    if (typeof nonce !== 'string' || nonce === '') throw new RequestError('ERR_OAUTH_NONCE_INVALID', 'oauth_nonce must be a non-empty string');
    p.push(['oauth_nonce', nonce]);
  } else if (!nonceOptional) {
    throw new RequestError('ERR_OAUTH_PARAMETER_MISSING', `oauth_nonce may be omitted only with PLAINTEXT (RFC 5849 §3.1), not with ${method.name}`);
  }
  const version = input.version === undefined ? '1.0' : input.version;
  if (version !== null) p.push(['oauth_version', version]);
  if (input.callback !== undefined) p.push(['oauth_callback', input.callback]);
  if (input.verifier !== undefined) p.push(['oauth_verifier', input.verifier]);
  if (bodyHash !== undefined) p.push(['oauth_body_hash', bodyHash]);
  if (input.extraOAuthParams) {
    for (const extra of input.extraOAuthParams) {
      if (!Array.isArray(extra) || typeof extra[0] !== 'string' || typeof extra[1] !== 'string') throw new TypeError('extraOAuthParams must be [name, value] string pairs');
      p.push([extra[0], extra[1]]);
    }
  }
  const names = new Set<string>();
  for (const [name] of p) {
    if (name === 'oauth_signature') throw new RequestError('ERR_OAUTH_PARAMETER_DUPLICATE', 'oauth_signature is computed by the signer and cannot be given');
    if (names.has(name)) throw new RequestError('ERR_OAUTH_PARAMETER_DUPLICATE', `protocol parameter ${name} is given twice`);
    names.add(name);
  }
  return p;
}

function validateInput(input: SignRequestInput): void {
  if (input === null || typeof input !== 'object') throw new TypeError('signRequest expects a request object');
  if (typeof input.consumerKey !== 'string') throw new TypeError('consumerKey must be a string');
  for (const k of ['consumerSecret', 'token', 'tokenSecret', 'callback', 'verifier', 'realm'] as const) {
    if (input[k] !== undefined && typeof input[k] !== 'string') throw new TypeError(`${k} must be a string`);
  }
  if (input.form !== undefined && !Array.isArray(input.form)) throw new TypeError('form must be an array of [name, value] pairs');
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
  validateInput(input);
  const method = normalizeMethod(input.method);
  const signatureMethod = resolveSignatureMethod(input.signatureMethod, methods);
  const placement: Placement = input.placement ?? 'header';
  if (placement !== 'header' && placement !== 'query' && placement !== 'form') {
    throw new RequestError('ERR_OAUTH_PLACEMENT_INVALID', `placement must be header, query or form, got ${JSON.stringify(String(placement))}`);
  }
  if (input.token !== undefined && input.tokenSecret === undefined && SHARED_SECRET_METHODS.has(signatureMethod.name)) {
    throw new KeyError('ERR_OAUTH_SECRET_MISSING', `tokenSecret is required with token for ${signatureMethod.name} (use "" if the provider issued an empty secret)`);
  }
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
      ? computeBodyHash(input.body, input.bodyHashAlgorithm ?? signatureMethod.bodyHashAlgorithm ?? 'sha1')
      : input.bodyHash;
  }
  const oauth = protocolParameters(input, signatureMethod, bodyHash);

  // RFC 5849 §3.4.1.3.1: query, then Authorization header (our protocol parameters), then the form body.
  const queryParams = query === '' ? [] : parseFormEncoded(query);
  const parameters: SourcedParameter[] = [];
  const encoded: Array<[string, string]> = [];
  const add = (name: string, value: string, source: SourcedParameter['source']): void => {
    if (name === 'oauth_signature') return;
    parameters.push({ name, value, source });
    encoded.push([percentEncode(name), percentEncode(value)]);
  };
  const protocolNames = new Set(oauth.map((p) => p[0]));
  const checkClash = (name: string, where: string): void => {
    if (protocolNames.has(name)) throw new RequestError('ERR_OAUTH_PARAMETER_DUPLICATE', `protocol parameter ${name} is already in the ${where}; it would be sent twice`);
  };
  for (const [n, v] of queryParams) { checkClash(n, 'URL query'); add(n, v, 'query'); }
  for (const [n, v] of oauth) add(n, v, 'oauth');
  for (const [n, v] of form) { checkClash(n, 'form body'); add(n, v, 'form'); }

  // RFC 5849 §3.4.1.3.2: encode, sort by name then value, join.
  encoded.sort(compareEncoded);
  let normalizedParameters = '';
  for (let i = 0; i < encoded.length; i++) normalizedParameters += (i === 0 ? '' : '&') + encoded[i]![0] + '=' + encoded[i]![1];

  // RFC 5849 §3.4.1.1
  const baseString = method + '&' + percentEncode(baseStringUri) + '&' + percentEncode(normalizedParameters);
  const signature = signatureMethod.sign(baseString, {
    consumerSecret: input.consumerSecret,
    tokenSecret: input.tokenSecret,
    privateKey: input.privateKey,
  });

  const oauthParams: Parameter[] = [...oauth, ['oauth_signature', signature]];
  const authorization = formatAuthorizationHeader(oauthParams, input.realm);
  const result: SignedRequest = {
    method, url: input.url, baseStringUri, parameters, normalizedParameters, baseString,
    signatureMethod: signatureMethod.name, signature, oauthParams, authorization, headers: {}, placement,
  };
  // RFC 5849 §3.5: transmit the protocol parameters in exactly one place.
  if (placement === 'header') result.headers.authorization = authorization;
  if (placement === 'query') {
    const hash = input.url.indexOf('#');
    const bare = hash === -1 ? input.url : input.url.slice(0, hash);
    result.url = bare + (bare.includes('?') ? (bare.endsWith('?') || bare.endsWith('&') ? '' : '&') : '?') + formEncode(oauthParams);
  }
  if (bodyIsForm || placement === 'form') {
    const sendForm = placement === 'form' ? [...form, ...oauthParams] : form;
    result.form = sendForm;
    // A raw form body is sent as given (its bytes are what the caller chose); decoded pairs are encoded.
    result.body = placement !== 'form' && input.body !== undefined
      ? (typeof input.body === 'string' ? input.body : Buffer.from(input.body).toString('utf8'))
      : formEncode(sendForm);
    result.headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return result;
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
