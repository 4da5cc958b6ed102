// Multipart uploads through the signing got transport: the body is rebuilt and re-signed on every attempt (RFC 5849 §3.1, §3.3).

import { signRequest } from '../../core/sign.js';
import type { Parameters, SignRequestInput, SignedRequest } from '../../core/types.js';
import type { ProviderProfile } from '../profile/profile.js';
import type { OAuthGotTransport } from '../transport/got.js';
import type { OAuthHttpResponse, RetryPolicy } from '../transport/options.js';
import { createMultipartBody, type MultipartBody, type MultipartFile, type MultipartTextEncoding, type UploadProgress } from './multipart-body.js';
import { explainMultipart, planMultipartSigning, type MultipartExplanation, type MultipartSigningOptions, type MultipartSigningPlan } from './multipart-signing.js';
import { UploadError } from './upload-error.js';

/** A multipart request: its fields, files and signing policy. */
export interface MultipartRequest extends MultipartSigningOptions {
  /** Absolute URL (may carry a query, which is signed). */
  url: string;
  /** HTTP method. @default 'POST' */
  method?: string;
  /** Text fields, in order (names may repeat). */
  fields?: Parameters;
  /** File parts. */
  files?: ReadonlyArray<MultipartFile>;
  /** Text value encoding inside the parts. @default profile.multipart.textEncoding, else 'raw' */
  textEncoding?: MultipartTextEncoding;
  /** Add the profile's extra parameters (Sina's `source=<app key>`) as text fields. @default true */
  profileParams?: boolean;
  /** Boundary (tests, reproducible bodies). @default random */
  boundary?: string;
  /** Read size for file parts, bytes (larger: less CPU per byte, more memory per upload). @default 1048576 */
  highWaterMark?: number;
}

/** A multipart request ready to sign: the re-openable body and the signing plan. */
export interface PreparedMultipart {
  /** The request as given. */
  request: MultipartRequest;
  /** The body (known length, re-openable). */
  body: MultipartBody;
  /** What is signed beside the query and `oauth_*`. */
  plan: MultipartSigningPlan;
}

/** One attempt's progress. */
export interface UploadAttemptProgress extends UploadProgress {
  /** 0 for the first attempt, 1 for the first retry… */
  attempt: number;
}

/** Options of {@link uploadMultipart}. */
export interface UploadOptions {
  /** Progress of each attempt (bytes handed to the connection, and the total). */
  onProgress?: (progress: UploadAttemptProgress) => void;
  /** Retry policy for this call; `true` allows retrying the POST. @default the transport's (which never retries POST) */
  retry?: RetryPolicy | boolean;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Called once the body is built and the policy applied (after the body-hash pass), before the first byte is sent. */
  onPrepared?: (prepared: PreparedMultipart) => void;
}

/** Outcome of {@link uploadMultipart}. */
export interface MultipartUploadResult {
  /** The provider's answer (2xx, or any status with `throwHttpErrors: false`). */
  response: OAuthHttpResponse;
  /** Explanation of the last signed attempt (absent only if every hop left the origin unsigned). */
  explain?: MultipartExplanation;
  /** How many times the body was opened (1 + retries). */
  attempts: number;
  /** The body that was sent. */
  body: MultipartBody;
  /** The signing plan applied. */
  plan: MultipartSigningPlan;
}

/** Text fields with the profile's extra parameters (Sina's `source`) added in front when missing. */
function fieldsWithProfileParams(request: MultipartRequest, profile: ProviderProfile | undefined, consumerKey: string | undefined): Parameters {
  const fields = request.fields ?? [];
  if (request.profileParams === false || profile?.extraParams === undefined || consumerKey === undefined) return fields;
  const missing = profile.extraParams(consumerKey).filter(([n]) => !fields.some(([m]) => m === n));
  return [...missing, ...fields];
}

/**
 * Builds the body (stat'ing files, never reading them whole) and applies the signing policy —
 * under `body-hash` this is the first of the two passes over the file.
 *
 * @param consumerKey needed only to add the profile's extra parameters (Sina's `source`).
 * @throws {UploadError} missing or unreadable file. {@link RequestError} bad policy or `signedFields`.
 * @example
 * const p = await prepareMultipart({ url, fields: [['status', '微博']], files: [{ name: 'pic', path: 'a.png' }], profile: weiboV1 }, 'app-key');
 * p.plan.signedFields // ['source', 'status']
 */
export async function prepareMultipart(request: MultipartRequest, consumerKey?: string): Promise<PreparedMultipart> {
  if (request === null || typeof request !== 'object' || typeof request.url !== 'string') throw new TypeError('request.url must be a string');
  const profile = request.profile as ProviderProfile | undefined;
  const textEncoding = request.textEncoding ?? profile?.multipart.textEncoding ?? 'raw';
  const body = await createMultipartBody(fieldsWithProfileParams(request, profile, consumerKey), request.files ?? [], {
    textEncoding, ...(request.boundary === undefined ? {} : { boundary: request.boundary }),
    ...(request.highWaterMark === undefined ? {} : { highWaterMark: request.highWaterMark }),
  });
  const plan = await planMultipartSigning(body, request);
  return { request, body, plan };
}

/**
 * Signs a prepared multipart request without sending it (for `--dry-run` and explain output):
 * the plan's text fields go in as `extraSignedParams`, a body hash as `oauth_body_hash`.
 *
 * @example signMultipart(prepared, { consumerKey, consumerSecret, token, tokenSecret }).baseString
 */
export function signMultipart(prepared: PreparedMultipart, credentials: Omit<SignRequestInput, 'method' | 'url' | 'form' | 'body' | 'contentType' | 'bodyHash' | 'extraSignedParams'>): SignedRequest {
  const input: SignRequestInput = {
    ...credentials,
    method: prepared.request.method ?? 'POST',
    url: prepared.request.url,
    extraSignedParams: prepared.plan.signedParameters,
  };
  if (prepared.plan.bodyHash !== undefined) input.bodyHash = prepared.plan.bodyHash;
  return signRequest(input);
}

/**
 * Sends a multipart request through a signing got transport. Every attempt re-opens the files,
 * streams the body with its exact `Content-Length` (no chunked encoding) and is signed afresh
 * (new nonce and timestamp) by the transport's `beforeRequest` hook; a file that vanishes or
 * changes size aborts the request with an {@link UploadError} instead of a short upload.
 *
 * @throws {UploadError} file problems. {@link ProviderError} non-2xx answers (unless the transport has `throwHttpErrors: false`). {@link TransportError} no answer.
 * @example
 * const t = createOAuthGot({ consumerKey, consumerSecret, token, tokenSecret }, { profile: weiboV1 });
 * const { response, explain } = await uploadMultipart(t, {
 *   url: 'http://api.t.sina.com.cn/statuses/upload.json',
 *   fields: [['status', '微博 🐱']], files: [{ name: 'pic', path: 'cat.jpg' }],
 * }, { onProgress: (p) => console.log(p.bytesSent, p.total), retry: true });
 */
export async function uploadMultipart(transport: OAuthGotTransport, request: MultipartRequest, options: UploadOptions = {}): Promise<MultipartUploadResult> {
  const profile = (request.profile as ProviderProfile | undefined) ?? transport.profile;
  const prepared = await prepareMultipart(profile === undefined ? request : { ...request, profile }, transport.credentials.consumerKey);
  const { body, plan } = prepared;
  options.onPrepared?.(prepared);
  let attempt = -1;
  let failure: UploadError | undefined;
  const openBody = () => {
    attempt++;
    const n = attempt;
    failure = undefined;
    const stream = body.open(options.onProgress === undefined ? undefined : (p) => options.onProgress!({ ...p, attempt: n }));
    stream.on('error', (e) => { if (e instanceof UploadError) failure = e; });
    return stream;
  };
  let response: OAuthHttpResponse;
  try {
    response = await transport.request({
      method: request.method ?? 'POST',
      url: request.url,
      body: openBody,
      ...(plan.policy === 'text-fields' ? { signedParameters: plan.signedParameters } : {}),
      ...(plan.bodyHash === undefined ? {} : { bodyHash: plan.bodyHash }),
      headers: { ...(options.headers ?? {}), 'content-type': body.contentType, 'content-length': String(body.contentLength) },
      profileParams: false,
      // A one-shot stream cannot be sent twice.
      ...(body.replayable ? (options.retry === undefined ? {} : { retry: options.retry }) : { retry: false }),
    });
  } catch (e) {
    if (failure !== undefined) throw failure;
    throw e;
  }
  if (failure !== undefined) throw failure;
  const last = [...response.attempts].reverse().find((a) => a.signed !== undefined)?.signed;
  const result: MultipartUploadResult = { response, body, plan, attempts: attempt + 1 };
  if (last !== undefined) result.explain = explainMultipart(body, plan, last);
  return result;
}
