// diagnoseSignature(): recompute a captured signature and, when it is wrong, name the signer mistake that reproduces it (RFC 5849 §3.2, §3.4).

import { parseFormEncoded, percentEncode } from '../core/encoding.js';
import { parseRequestUrl, formParameters } from '../core/base-string.js';
import { parseAuthorizationHeader } from '../core/authorization-header.js';
import { isProtocolParameter, protocolParametersIn } from '../core/protocol-parameters.js';
import { KeyError, RequestError, SignatureMethodError } from '../core/errors.js';
import { loadPublicKey } from '../core/signature-methods/index.js';
import type { KeyObjectLike } from '../core/node-crypto.js';
import { importRsaPublicKey, webDigest } from '../core/webcrypto.js';
import { utf8Encode } from '../core/utf8.js';
import { getProfile } from '../providers/index.js';
import type { MultipartSigningPolicy } from '../providers/profile.js';
import type { Parameter, Parameters } from '../core/types.js';
import { MISTAKES, versionNote, type MistakeId, type MistakeVariant } from './catalogue.js';
import {
  NO_FAULTS, runPipeline, reproducesSignature, reproducesSignatureAsync, outputFingerprint, isReproducible, isSharedSecretMethod,
  type PipelineContext, type PipelineOutput,
} from './pipeline.js';

/** A file part of a captured multipart request (its bytes are never signed, so only its description is kept). */
export interface CapturedFile {
  name: string;
  filename?: string;
  size?: number;
}

/** A request as it was captured on the wire: what `oauth1 verify` reads from every input format. */
export interface CapturedRequest {
  /** Optional label, echoed in results. */
  id?: string;
  /** HTTP method as sent. */
  method: string;
  /** Absolute URL as sent (with its query). */
  url: string;
  /** The `Authorization` header exactly as sent, if the protocol parameters travelled there. */
  authorization?: string;
  /** Decoded form body pairs. */
  form?: Parameters;
  /** Raw body (its parameters count when `contentType` is form-encoded). */
  body?: string;
  /** Content type of `body`. */
  contentType?: string;
  /** Multipart text fields (decoded) and file parts. */
  multipart?: { fields: Parameters; files: CapturedFile[] };
  /** Provider profile name (see `getProfile`); its `multipart.policy` decides which multipart fields are signed unless `multipartPolicy` is given. */
  provider?: string;
}

/** Secrets the verifier knows. */
export interface DiagnosisSecrets {
  consumerSecret?: string;
  tokenSecret?: string;
  /** PEM public key, certificate or KeyObject, for RSA-* signatures. */
  publicKey?: string | KeyObjectLike;
}

/** Options of {@link diagnoseSignature}. */
export interface DiagnosisOptions {
  /** Which multipart text fields the provider signs. @default the `provider` profile's rule, else 'none' (RFC 5849: a multipart body is not a parameter source) */
  multipartPolicy?: MultipartSigningPolicy;
  /** Also try every pair of mistakes. @default true */
  pairs?: boolean;
}

/** One set of mistakes that reproduces the captured signature. */
export interface SignatureExplanation {
  /** Catalogue ids, in catalogue order. */
  mistakes: MistakeId[];
  /** What the faulty signer did. */
  explanation: string;
  /** The base string the faulty signer must have signed. */
  baseString: string;
  /** First offset (bytes; base strings are ASCII) where it differs from the correct base string; `null` when the base string is right and the key or method is wrong. */
  firstDifference: number | null;
  /** How to fix the signer. */
  fix: string;
}

/** Result of {@link diagnoseSignature}. */
export interface SignatureDiagnosis {
  /** Whether the captured signature is correct. */
  valid: boolean;
  /** `oauth_signature_method` as sent. */
  signatureMethod: string;
  /** The correct base string. */
  baseString: string;
  /** Explanations that reproduce the captured signature, best first; empty when valid or unexplained. */
  explanations: SignatureExplanation[];
  /** How many faulty signers were run. */
  variantsTried: number;
  /** Remarks that are not signature mistakes, e.g. an `oauth_version` other than "1.0" a strict server refuses. */
  notes: string[];
}

const SIGNATURE = 'oauth_signature';

/**
 * Splits the protocol parameters out of the places they were sent (RFC 5849 §3.5, through
 * src/core/protocol-parameters.ts). Forensics are lenient where a server is strict: the header
 * wins when present, else the `oauth_*` pairs of every other place (query, form, multipart
 * fields) are gathered, since a faulty signer may have spread them.
 */
function protocolParameters(header: Parameter[] | undefined, groups: Parameter[][]): { oauth: Parameter[]; rest: Parameter[][] } {
  if (header !== undefined) return { oauth: protocolParametersIn('header', header), rest: groups };
  const oauth = groups.flatMap((g) => protocolParametersIn('query', g));
  const rest = groups.map((g) => g.filter((p) => !isProtocolParameter('query', p[0])));
  return { oauth, rest };
}

const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?/;

/**
 * Takes a captured request apart into the pieces the signing stages read.
 *
 * @throws {RequestError} when `oauth_signature` or `oauth_signature_method` is missing. {@link UrlError} for a bad URL.
 * @example pipelineContext({ method: 'GET', url, authorization }, { consumerSecret: 'cs' }).signatureMethod // 'HMAC-SHA1'
 */
export function pipelineContext(captured: CapturedRequest, secrets: DiagnosisSecrets, options: DiagnosisOptions = {}, loadKey = true): PipelineContext {
  if (captured === null || typeof captured !== 'object') throw new TypeError('diagnoseSignature expects a captured request object');
  if (typeof captured.method !== 'string' || typeof captured.url !== 'string') throw new TypeError('a captured request needs string method and url');
  const { query } = parseRequestUrl(captured.url);
  const m = URL_PARTS.exec(captured.url)!;
  let realm: string | undefined;
  let header: Parameter[] | undefined;
  if (captured.authorization !== undefined) {
    const parsed = parseAuthorizationHeader(captured.authorization);
    header = parsed.params;
    realm = parsed.realm;
  }
  const form = captured.multipart === undefined ? [...formParameters(captured)] : [];
  const fields = captured.multipart === undefined ? [] : [...captured.multipart.fields];
  const { oauth, rest } = protocolParameters(header, [parseFormEncoded(query), form, fields]);
  const multipartOauth = header === undefined ? [] : fields.filter((p) => p[0].startsWith('oauth_'));
  const sent = [...oauth, ...multipartOauth];
  const values = (name: string): string[] => [...sent, ...rest[0]!, ...rest[1]!].filter((p) => p[0] === name).map((p) => p[1]);
  const methods = values('oauth_signature_method');
  const signatures = values(SIGNATURE);
  if (methods.length !== 1) throw new RequestError(methods.length === 0 ? 'ERR_OAUTH_PARAMETER_MISSING' : 'ERR_OAUTH_PARAMETER_DUPLICATE', methods.length === 0 ? 'the captured request has no oauth_signature_method' : 'the captured request carries oauth_signature_method more than once');
  if (signatures.length !== 1) throw new RequestError(signatures.length === 0 ? 'ERR_OAUTH_PARAMETER_MISSING' : 'ERR_OAUTH_PARAMETER_DUPLICATE', signatures.length === 0 ? 'the captured request has no oauth_signature' : 'the captured request carries oauth_signature more than once');
  const strip = (ps: Parameter[]): Parameter[] => ps.filter((p) => p[0] !== SIGNATURE);
  const ctx: PipelineContext = {
    url: captured.url,
    method: captured.method,
    scheme: m[1]!.toLowerCase(),
    host: m[2]!,
    port: m[3] ?? '',
    path: m[4] === '' ? '/' : m[4]!,
    query,
    queryParams: strip(rest[0]!),
    oauthParams: strip(oauth),
    formParams: strip(rest[1]!),
    multipartFields: rest[2]!.filter((p) => !p[0].startsWith('oauth_')),
    multipartPolicy: options.multipartPolicy ?? (captured.provider === undefined ? 'none' : getProfile(captured.provider).multipart.policy),
    signatureMethod: methods[0]!,
    signature: signatures[0]!,
  };
  // Protocol parameters sent as multipart parts alongside a header (rare) are still protocol parameters.
  if (multipartOauth.length > 0) ctx.oauthParams = [...ctx.oauthParams, ...strip(multipartOauth)];
  if (realm !== undefined) ctx.realm = realm;
  if (captured.body !== undefined && captured.multipart === undefined && isJsonContentType(captured.contentType)) ctx.jsonBody = captured.body;
  if (captured.authorization !== undefined) {
    const raw = rawHeaderParameters(captured.authorization).filter((p) => p[0].startsWith('oauth_') && p[0] !== SIGNATURE);
    const same = raw.length === ctx.oauthParams.length && raw.every((p, i) => p[0] === ctx.oauthParams[i]![0]);
    // Only a header whose values are not percent-encoded (written raw, yet decoding changes them) qualifies.
    const unencoded = raw.some((p, i) => p[1] !== ctx.oauthParams[i]![1] && p[1] !== percentEncode(ctx.oauthParams[i]![1]));
    if (same && unencoded) ctx.rawOauthParams = raw;
  }
  if (secrets.consumerSecret !== undefined) ctx.consumerSecret = secrets.consumerSecret;
  if (secrets.tokenSecret !== undefined) ctx.tokenSecret = secrets.tokenSecret;
  if (loadKey && secrets.publicKey !== undefined && secrets.publicKey !== '') ctx.publicKey = loadPublicKey(secrets.publicKey as string, ctx.signatureMethod);
  return ctx;
}

/** True for `application/json` and `application/*+json` (parameters such as charset allowed). */
function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(contentType);
}

/** The header's `name="value"` pairs as written between the quotes (no percent-decoding), realm left out. */
function rawHeaderParameters(header: string): Parameter[] {
  const out: Parameter[] = [];
  for (const m of header.matchAll(/([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*"((?:[^"\\]|\\.)*)"/g)) {
    if (m[1] !== 'realm') out.push([m[1]!, m[2]!.replace(/\\(.)/g, '$1')]);
  }
  return out;
}

function checkKeys(ctx: PipelineContext): void {
  if (!isReproducible(ctx.signatureMethod)) {
    throw new SignatureMethodError(`cannot recompute oauth_signature_method ${JSON.stringify(ctx.signatureMethod.slice(0, 40))}; known: HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, PLAINTEXT`);
  }
  if (isSharedSecretMethod(ctx.signatureMethod)) {
    if (ctx.consumerSecret === undefined) throw new KeyError('ERR_OAUTH_SECRET_MISSING', `${ctx.signatureMethod} needs the consumer secret to verify (use "" for an empty secret)`);
    if (ctx.tokenSecret === undefined && ctx.oauthParams.some((p) => p[0] === 'oauth_token' && p[1] !== '')) {
      throw new KeyError('ERR_OAUTH_SECRET_MISSING', 'the request carries oauth_token, so the token secret is needed to verify (use "" if the provider issued an empty one)');
    }
  } else if (ctx.publicKey === undefined && ctx.webPublicKey === undefined) {
    throw new KeyError('ERR_OAUTH_KEY_MISSING', `${ctx.signatureMethod} verification needs the public key (PEM public key or certificate)`);
  }
}

function firstDifference(a: string, b: string): number | null {
  if (a === b) return null;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return utf8Encode(a.slice(0, i)).length;
  return utf8Encode(a.slice(0, n)).length;
}

interface Candidate {
  ranks: number[];
  variants: MistakeVariant[];
  out: PipelineOutput;
}

/**
 * Recomputes the signature of a captured request. When it does not match, runs a faulty signer
 * for every catalogued mistake alone and every pair of them, and reports each one that
 * reproduces the captured `oauth_signature` — singles before pairs, then in catalogue priority
 * order. An empty `explanations` list on an invalid signature means nothing known explains it
 * (wrong secret, wrong token, or a mistake not in the catalogue): it never guesses.
 *
 * @throws {KeyError} when the secrets (or the RSA public key) needed to recompute are missing.
 * @throws {RequestError} when the request carries no `oauth_signature` / `oauth_signature_method`.
 * @example
 * const d = diagnoseSignature({ method: 'GET', url: 'https://api.example.com/x?q=a%20b', authorization },
 *   { consumerSecret: 'cs', tokenSecret: 'ts' });
 * d.valid                       // false
 * d.explanations[0]?.mistakes   // ['space-as-plus']
 */
// RFC 5849 §3.2 (verification), §3.4 (the pipeline each mistake breaks)
export function diagnoseSignature(captured: CapturedRequest, secrets: DiagnosisSecrets, options: DiagnosisOptions = {}): SignatureDiagnosis {
  const ctx = pipelineContext(captured, secrets, options);
  checkKeys(ctx);
  const search = searchMistakes(ctx, options);
  let step = search.next();
  while (step.done !== true) step = search.next(reproducesSignature(ctx, step.value));
  return step.value;
}

/**
 * As {@link diagnoseSignature}, on WebCrypto instead of node:crypto, so it runs in browsers and
 * Workers; the answer is the same. `publicKey` must be a PEM string here.
 *
 * @throws {KeyError} when the secrets (or the RSA public key) needed to recompute are missing or unreadable.
 * @example const d = await diagnoseSignatureAsync(captured, { consumerSecret: 'cs', tokenSecret: 'ts' });
 */
// RFC 5849 §3.2, §3.4
export async function diagnoseSignatureAsync(captured: CapturedRequest, secrets: DiagnosisSecrets, options: DiagnosisOptions = {}): Promise<SignatureDiagnosis> {
  const ctx = pipelineContext(captured, secrets, options, false);
  if (secrets.publicKey !== undefined && secrets.publicKey !== '' && /^RSA-/.test(ctx.signatureMethod)) {
    if (typeof secrets.publicKey !== 'string') throw new TypeError('diagnoseSignatureAsync needs publicKey as a PEM string');
    const keys = new Map();
    const digest = webDigest(ctx.signatureMethod === 'RSA-SHA1' ? 'sha1' : 'sha256');
    keys.set(digest, await importRsaPublicKey(secrets.publicKey, digest, ctx.signatureMethod));
    ctx.webPublicKey = { pem: secrets.publicKey, keys };
  }
  checkKeys(ctx);
  const search = searchMistakes(ctx, options);
  let step = search.next();
  while (step.done !== true) step = search.next(await reproducesSignatureAsync(ctx, step.value));
  return step.value;
}

/** The mistake search, shared by both drivers: yields each output to check, receives whether it reproduces the signature. */
function* searchMistakes(ctx: PipelineContext, options: DiagnosisOptions): Generator<PipelineOutput, SignatureDiagnosis, boolean> {
  const correct = runPipeline(ctx, NO_FAULTS);
  const result: SignatureDiagnosis = { valid: false, signatureMethod: ctx.signatureMethod, baseString: correct.baseString, explanations: [], variantsTried: 1, notes: [] };
  const version = ctx.oauthParams.find((p) => p[0] === 'oauth_version')?.[1];
  const note = version === undefined ? undefined : versionNote(version);
  if (note !== undefined) result.notes.push(note);
  if (yield correct) {
    result.valid = true;
    return result;
  }
  const correctFp = outputFingerprint(correct);
  const tested = new Map<string, boolean>();
  const singleFps = new Set<string>([correctFp]);
  const found: Candidate[] = [];
  function* test(out: PipelineOutput, fp: string): Generator<PipelineOutput, boolean, boolean> {
    let hit = tested.get(fp);
    if (hit === undefined) {
      result.variantsTried++;
      hit = fp !== correctFp && (yield out);
      tested.set(fp, hit);
    }
    return hit;
  }
  // Each mistake alone.
  const singles = MISTAKES.map((m) => m.variants(ctx, NO_FAULTS));
  for (let i = 0; i < singles.length; i++) {
    for (const v of singles[i]!) {
      const out = runPipeline(ctx, v.faults);
      const fp = outputFingerprint(out);
      singleFps.add(fp);
      if (yield* test(out, fp)) { found.push({ ranks: [i], variants: [v], out }); break; }
    }
  }
  // Every pair, the higher-priority mistake applied first. A pair that reproduces what one
  // mistake alone (or the correct signer) produces is not a new explanation and is skipped.
  if (options.pairs !== false) {
    const pairs: Candidate[] = [];
    for (let i = 0; i < MISTAKES.length; i++) {
      for (let j = i + 1; j < MISTAKES.length; j++) {
        search: for (const a of singles[i]!) {
          for (const b of MISTAKES[j]!.variants(ctx, a.faults)) {
            const out = runPipeline(ctx, b.faults);
            const fp = outputFingerprint(out);
            if (singleFps.has(fp)) continue;
            if (yield* test(out, fp)) { pairs.push({ ranks: [i, j], variants: [a, b], out }); break search; }
          }
        }
      }
    }
    pairs.sort((x, y) => (x.ranks[0]! + x.ranks[1]!) - (y.ranks[0]! + y.ranks[1]!) || x.ranks[0]! - y.ranks[0]!);
    found.push(...pairs);
  }
  result.explanations = found.map((c) => ({
    mistakes: c.ranks.map((r) => MISTAKES[r]!.id),
    explanation: capitalise(c.variants.map((v) => v.explanation).join('; and ')) + '.',
    baseString: c.out.baseString,
    firstDifference: firstDifference(c.out.baseString, correct.baseString),
    fix: c.ranks.map((r) => MISTAKES[r]!.fix).join(' '),
  }));
  return result;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
