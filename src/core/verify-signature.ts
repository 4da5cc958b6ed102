// Signature verification: recompute from a received request and compare in constant time (RFC 5849 §3.2).

import { parseRequestUrl, encodedFormParameters, encodedBaseString, type ReceivedRequest } from './base-string.js';
import { parseAuthorizationHeaderEncoded } from './authorization-header.js';
import { parseFormEncodedForSigning, type EncodedPair, type EncodedParameters } from './encoding.js';
import { RequestError } from './errors.js';
import { isProtocolParameter, locateProtocolParameters, type ProtocolParameterLocation } from './protocol-parameters.js';
import { BUILT_IN_SIGNATURE_METHODS, resolveSignatureMethod, type SignatureMethodTable } from './signature-methods/index.js';
import type { Placement, SigningKeys } from './types.js';

type Source = EncodedParameters;
const NONE: Source = { decoded: [], encoded: [] };

/** Outcome of {@link verifySignature}. */
export interface SignatureVerification {
  /** Whether the received `oauth_signature` matches the recomputed one. */
  valid: boolean;
  /** `oauth_signature_method` of the request. */
  signatureMethod: string;
  /** The base string the verifier computed. */
  baseString: string;
  /** The received `oauth_signature` (decoded). */
  signature: string;
  /** Where the protocol parameters were sent (`'mixed'` when in more than one place, which a server refuses). */
  placement: ProtocolParameterLocation;
}

/** A parsed place and what it is, for {@link isProtocolParameter}. */
type Place = readonly [Placement, Source];

/** Collects a protocol parameter's values from every place it may be sent (RFC 5849 §3.5). */
function valuesOf(places: readonly Place[], name: string): string[] {
  const values: string[] = [];
  for (const [place, source] of places) for (const p of source.decoded) if (p[0] === name && isProtocolParameter(place, name)) values.push(p[1]);
  return values;
}

/**
 * The single value of a protocol parameter across the header, query and form body.
 *
 * @throws {RequestError} `ERR_OAUTH_PARAMETER_MISSING` or `ERR_OAUTH_PARAMETER_DUPLICATE`.
 */
function uniqueParameter(places: readonly Place[], name: string): string {
  const values = valuesOf(places, name);
  if (values.length === 0) throw new RequestError('ERR_OAUTH_PARAMETER_MISSING', `the request has no ${name}`);
  if (values.length > 1) throw new RequestError('ERR_OAUTH_PARAMETER_DUPLICATE', `the request carries ${name} ${values.length} times`);
  return values[0]!;
}

/**
 * Recomputes the signature of a received request (protocol parameters in its `authorization`
 * header, query or form body) and compares it with `oauth_signature` in constant time.
 * HMAC-* and PLAINTEXT need `consumerSecret` (and `tokenSecret`); RSA-* need `publicKey`
 * (PEM public key or X.509 certificate).
 *
 * This checks the signature only; timestamps, nonces and look-ups are the server's job.
 *
 * @throws {RequestError} when `oauth_signature` or `oauth_signature_method` is missing or repeated.
 * @example
 * verifySignature({ method: 'GET', url, authorization }, { consumerSecret: 'kd94hf93k423kf44', tokenSecret: 'pfkkdhi9sl3r4s00' }).valid
 */
// RFC 5849 §3.2
export function verifySignature(request: ReceivedRequest, keys: SigningKeys, methods: SignatureMethodTable = BUILT_IN_SIGNATURE_METHODS): SignatureVerification {
  // Each source is parsed once (RFC 5849 §3.4.1.3.1): query, Authorization header (without realm), form body.
  const { baseStringUri, query } = parseRequestUrl(request.url);
  const header = request.authorization === undefined ? undefined : parseAuthorizationHeaderEncoded(request.authorization);
  const places: Place[] = [
    ['query', query === '' ? NONE : parseFormEncodedForSigning(query)],
    ['header', header ?? NONE],
    ['form', encodedFormParameters(request)],
  ];
  // This checks the signature only: protocol parameters in several places (which a server
  // refuses) are all read, and a repeated oauth_signature or method is still an error.
  const placement = locateProtocolParameters(header?.decoded, places[0]![1].decoded, places[2]![1].decoded);
  const methodName = uniqueParameter(places, 'oauth_signature_method');
  const signature = uniqueParameter(places, 'oauth_signature');
  const method = resolveSignatureMethod(methodName, methods);
  // Each name and value keeps the encoding read off the wire when that already is canonical (§3.4.1.3.2 step 1).
  const signed: EncodedPair[] = [];
  for (const [, source] of places) {
    for (let i = 0; i < source.decoded.length; i++) if (source.decoded[i]![0] !== 'oauth_signature') signed.push(source.encoded[i]!);
  }
  const baseString = encodedBaseString(request.method, baseStringUri, signed);
  const valid = method.verify(baseString, signature, keys);
  return { valid, signatureMethod: method.name, baseString, signature, placement };
}
