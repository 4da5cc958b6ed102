// Which multipart fields enter the signature base string: none (RFC 5849 §3.4.1.3.1), text fields (Weibo v1) or a body hash.

import { percentEncode } from '../../core/encoding.js';
import { RequestError } from '../../core/errors.js';
import type { BodyHashAlgorithm, Parameters, SignedRequest, SourcedParameter } from '../../core/types.js';
import type { MultipartSigningPolicy, ProviderProfile } from '../profile/profile.js';
import { multipartBodyHash, type MultipartBody, type MultipartTextEncoding } from './multipart-body.js';

const POLICIES: ReadonlySet<string> = new Set(['none', 'text-fields', 'body-hash']);

/** Where the applied policy came from. */
export type MultipartPolicySource = 'request' | 'profile' | 'default';

/** Options that choose the signing policy of a multipart request. */
export interface MultipartSigningOptions {
  /** Policy for this request; overrides the profile's. @default profile.multipart.policy, else 'none' */
  policy?: MultipartSigningPolicy;
  /** Profile whose `multipart.policy` is the default. */
  profile?: Pick<ProviderProfile, 'name' | 'multipart'>;
  /** `text-fields` only: sign just these text fields (others are sent unsigned). @default every text field */
  signedFields?: readonly string[];
  /** Digest for `body-hash`. @default 'sha1' */
  bodyHashAlgorithm?: BodyHashAlgorithm;
}

/** The outcome of applying a policy to a body: what to sign beside the query and `oauth_*`. */
export interface MultipartSigningPlan {
  /** Policy applied. */
  policy: MultipartSigningPolicy;
  /** Whether the request, the profile or the default chose it. */
  policySource: MultipartPolicySource;
  /** Text fields that go into the base string, values exactly as in their parts. */
  signedParameters: Parameters;
  /** Names of the text fields signed, in body order. */
  signedFields: string[];
  /** Names of the text fields sent but not signed. */
  unsignedFields: string[];
  /** Names of the file fields (never signed). */
  fileFields: string[];
  /** `oauth_body_hash` (policy `body-hash`). */
  bodyHash?: string;
  /** Digest of `bodyHash`. */
  bodyHashAlgorithm?: BodyHashAlgorithm;
}

/**
 * Resolves the policy (request, then profile, then `none`) without touching the body.
 *
 * @throws {RequestError} `ERR_OAUTH_MULTIPART_POLICY_INVALID` for an unknown policy name.
 * @example resolveMultipartPolicy({ profile: weiboV1 }) // { policy: 'text-fields', source: 'profile' }
 */
export function resolveMultipartPolicy(options: Pick<MultipartSigningOptions, 'policy' | 'profile'>): { policy: MultipartSigningPolicy; source: MultipartPolicySource } {
  const check = (p: string, where: string): MultipartSigningPolicy => {
    if (!POLICIES.has(p)) throw new RequestError('ERR_OAUTH_MULTIPART_POLICY_INVALID', `${where} multipart signing policy must be none, text-fields or body-hash, got ${JSON.stringify(p)}`);
    return p as MultipartSigningPolicy;
  };
  if (options.policy !== undefined) return { policy: check(options.policy, 'the'), source: 'request' };
  if (options.profile !== undefined) return { policy: check(options.profile.multipart.policy, `profile ${options.profile.name}'s`), source: 'profile' };
  return { policy: 'none', source: 'default' };
}

/**
 * Applies a signing policy to a multipart body: `none` signs no field (RFC 5849 §3.4.1.3.1 reads
 * only form-encoded bodies); `text-fields` signs every text field (or `signedFields`), never a
 * file part (Sina Weibo v1, 2010–2011); `body-hash` streams the body once to compute
 * `oauth_body_hash` over its exact bytes.
 *
 * @throws {RequestError} `ERR_OAUTH_MULTIPART_POLICY_INVALID`, `ERR_OAUTH_MULTIPART_SIGNED_FIELDS`.
 * @throws {UploadError} when the body hash pass cannot read a file.
 * @example
 * const plan = await planMultipartSigning(body, { policy: 'text-fields' });
 * signRequest({ …, extraSignedParams: plan.signedParameters });
 */
export async function planMultipartSigning(body: MultipartBody, options: MultipartSigningOptions = {}): Promise<MultipartSigningPlan> {
  const { policy, source } = resolveMultipartPolicy(options);
  const fileFields = body.files.map((f) => f.name);
  if (options.signedFields !== undefined && policy !== 'text-fields') {
    throw new RequestError('ERR_OAUTH_MULTIPART_SIGNED_FIELDS', `signedFields applies to the text-fields policy only, not ${policy}`);
  }
  const names = body.fields.map(([n]) => n);
  if (policy === 'text-fields') {
    const wanted = options.signedFields;
    if (wanted !== undefined) {
      for (const w of wanted) {
        if (fileFields.includes(w)) throw new RequestError('ERR_OAUTH_MULTIPART_SIGNED_FIELDS', `signedFields names ${JSON.stringify(w)}, a file part; file parts are never signed`);
        if (!names.includes(w)) throw new RequestError('ERR_OAUTH_MULTIPART_SIGNED_FIELDS', `signedFields names ${JSON.stringify(w)}, which is not a text field of this body`);
      }
    }
    const signed = body.fields.filter(([n]) => wanted === undefined || wanted.includes(n));
    return {
      policy, policySource: source, signedParameters: signed,
      signedFields: signed.map(([n]) => n), unsignedFields: names.filter((n) => wanted !== undefined && !wanted.includes(n)), fileFields,
    };
  }
  const plan: MultipartSigningPlan = { policy, policySource: source, signedParameters: [], signedFields: [], unsignedFields: names, fileFields };
  if (policy === 'body-hash') {
    plan.bodyHashAlgorithm = options.bodyHashAlgorithm ?? 'sha1';
    plan.bodyHash = await multipartBodyHash(body, plan.bodyHashAlgorithm);
  }
  return plan;
}

/** A text field percent-encoded inside its part and so encoded twice more in the base string. */
export interface DoubleEncodedField {
  /** Field name. */
  field: string;
  /** The value as given. */
  value: string;
  /** The value as sent inside the part (percent-encoded once). */
  inPart: string;
  /** As it appears in the normalised parameters (encoded twice). */
  inNormalizedParameters: string;
  /** As it appears in the signature base string (encoded three times). */
  inBaseString: string;
}

/** What the explain output says about a signed multipart request. */
export interface MultipartExplanation {
  /** Policy applied and where it came from. */
  policy: MultipartSigningPolicy;
  policySource: MultipartPolicySource;
  /** How text values were put into their parts. */
  textEncoding: MultipartTextEncoding;
  /** Text fields in the base string. */
  signedFields: string[];
  /** Text fields sent but not signed. */
  unsignedFields: string[];
  /** File parts (never signed). */
  files: Array<{ name: string; filename: string; size: number }>;
  /** `oauth_body_hash` and its digest, under `body-hash`. */
  bodyHash?: string;
  bodyHashAlgorithm?: BodyHashAlgorithm;
  /** `Content-Type` and `Content-Length` of the body. */
  contentType: string;
  contentLength: number;
  /** Signed fields whose value the `percent` text encoding changed inside the part. */
  encodedTwice: DoubleEncodedField[];
  /** Every signed parameter with its source. */
  parameters: ReadonlyArray<SourcedParameter>;
  /** Normalised parameters, base string, method and signature of the attempt explained. */
  normalizedParameters: string;
  baseString: string;
  signatureMethod: string;
  signature: string;
}

/**
 * Explains a signed multipart request: the policy and its origin, which fields were signed,
 * and — for percent-encoded text — how a value looks in its part, in the normalised parameters
 * and in the base string.
 *
 * @example explainMultipart(body, plan, signed).signedFields // ['status', 'source']
 */
export function explainMultipart(body: MultipartBody, plan: MultipartSigningPlan, signed: SignedRequest): MultipartExplanation {
  const encodedTwice: DoubleEncodedField[] = [];
  if (body.textEncoding === 'percent') {
    body.fields.forEach(([name, inPart], i) => {
      if (!plan.signedFields.includes(name) || inPart === body.rawFields[i]![1]) return;
      const inNormalizedParameters = percentEncode(inPart);
      encodedTwice.push({ field: name, value: body.rawFields[i]![1], inPart, inNormalizedParameters, inBaseString: percentEncode(inNormalizedParameters) });
    });
  }
  const out: MultipartExplanation = {
    policy: plan.policy, policySource: plan.policySource, textEncoding: body.textEncoding,
    signedFields: plan.signedFields, unsignedFields: plan.unsignedFields,
    files: body.files.map(({ name, filename, size }) => ({ name, filename, size })),
    contentType: body.contentType, contentLength: body.contentLength, encodedTwice,
    // A multipart request has no form body, so signed text fields are labelled `multipart` even
    // when the signer was handed them as form parameters (as the got transport does).
    parameters: signed.parameters.map((p) => (p.source === 'form' ? { ...p, source: 'multipart' as const } : p)),
    normalizedParameters: signed.normalizedParameters, baseString: signed.baseString,
    signatureMethod: signed.signatureMethod, signature: signed.signature,
  };
  if (plan.bodyHash !== undefined) { out.bodyHash = plan.bodyHash; out.bodyHashAlgorithm = plan.bodyHashAlgorithm ?? 'sha1'; }
  return out;
}
