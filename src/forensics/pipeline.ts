// A signing pipeline with switchable faults: the signer mistakes of the forensics catalogue, stage by stage (RFC 5849 §3.4).

import { percentEncode } from '../core/encoding.js';
import { baseStringUri, composeBaseString, normalizeParameters } from '../core/base-string.js';
import { constantTimeEqual } from '../core/signature-methods/index.js';
import type { MultipartSigningPolicy } from '../providers/profile.js';
import type { Parameter } from '../core/types.js';
import { nodeCrypto, type KeyObjectLike } from '../core/node-crypto.js';
import { hmacBase64Async, rsaVerifyAsync, importRsaPublicKey, type CryptoKeyLike } from '../core/webcrypto.js';
import { utf8Encode } from '../core/utf8.js';

/** How the faulty signer percent-encodes (the "encoding function" stage). */
export interface EncoderFaults {
  /** Space as `+` (form encoding) instead of `%20`. */
  plus: boolean;
  /** `! * ' ( )` left unescaped, as `encodeURIComponent` leaves them. */
  reservedRaw: boolean;
  /** Lower-case hex digits in `%xx`. */
  lowerHex: boolean;
}

/** Order in which the faulty signer concatenated the parameters (the "sort" stage). */
export type ParameterOrder =
  | 'sorted' // RFC 5849 §3.4.1.3.2: by encoded name, then encoded value
  | 'as-sent' // query, Authorization header, form body, multipart fields — the order they were sent
  | 'oauth-first' // protocol parameters first (header order), then query, form, multipart
  | 'oauth-last' // query, form, multipart, then protocol parameters
  | 'name-only'; // sorted by name only; repeated names keep the order they were sent in

/** Every fault the pipeline can apply; the all-false / default value is the correct RFC 5849 signer. */
export interface PipelineFaults {
  encoder: EncoderFaults;
  /** Parameter names and values percent-encoded twice before normalisation. */
  doubleEncode: boolean;
  omitQuery: boolean;
  omitForm: boolean;
  /** Multipart text fields in the base string: flipped relative to the provider's rule. */
  flipMultipartFields: boolean;
  order: ParameterOrder;
  /** Sorted on decoded names/values, then encoded. */
  sortDecoded: boolean;
  realmSigned: boolean;
  /** `oauth_version` added when the header lacks it, removed when the header has it. */
  toggleVersion: boolean;
  defaultPortKept: boolean;
  portDropped: boolean;
  queryInUri: boolean;
  hostCaseKept: boolean;
  swapScheme: boolean;
  toggleTrailingSlash: boolean;
  methodLowercase: boolean;
  tokenSecretOmitted: boolean;
  keyAmpersandMissing: boolean;
  secretsSwapped: boolean;
  /** Repeated query names signed as `name[0]`, `name[1]`… (node-oauth 0.10's querystring objects). */
  indexRepeatedQuery?: boolean;
  /** One value per name, as a map-based signer keeps them: the query's or the body's value wins. */
  collapseDuplicates?: 'query-wins' | 'body-wins';
  /** A JSON body signed as if it were a form: its top-level members as parameters ('members', oauth-1.0a 2.2 `data`), or the raw text form-decoded ('raw'). */
  jsonAsForm?: 'members' | 'raw';
  /** An empty `oauth_token` signed though none was sent, or sent but not signed. */
  toggleEmptyToken?: boolean;
  /** Empty protocol parameters signed though left out of the header (Postman's "Add empty parameters to signature"): these names, with value "". */
  emptySigned?: readonly string[];
  /** PHP-style `a[b]` names: brackets left unencoded ('brackets', qs encodeValuesOnly) or names and values not encoded at all ('all', urldecode(http_build_query)). */
  unencodedParams?: 'brackets' | 'all';
  /** Protocol parameters signed as written in the header, not percent-decoded (header values sent unencoded). */
  rawHeaderValues?: boolean;
  /** Signature method actually used, when it differs from `oauth_signature_method`. */
  signatureMethod?: string;
}

/** The correct signer: no faults. */
export const NO_FAULTS: PipelineFaults = Object.freeze({
  encoder: Object.freeze({ plus: false, reservedRaw: false, lowerHex: false }),
  doubleEncode: false, omitQuery: false, omitForm: false, flipMultipartFields: false, order: 'sorted',
  sortDecoded: false, realmSigned: false, toggleVersion: false, defaultPortKept: false, portDropped: false,
  queryInUri: false, hostCaseKept: false, swapScheme: false, toggleTrailingSlash: false, methodLowercase: false,
  tokenSecretOmitted: false, keyAmpersandMissing: false, secretsSwapped: false,
}) as PipelineFaults;

/** A captured request taken apart into the pieces each signing stage reads. Built once per diagnosis. */
export interface PipelineContext {
  /** The request URL as sent. */
  url: string;
  /** HTTP method as sent on the request line. */
  method: string;
  /** Scheme, lower-case (`http` / `https`). */
  scheme: string;
  /** Host exactly as it appears in the URL (case kept). */
  host: string;
  /** Port digits as written in the URL, or `''`. */
  port: string;
  /** Path as sent (`/` when empty). */
  path: string;
  /** Raw query without `?`, or `''`. */
  query: string;
  /** Ordinary query parameters (decoded, sent order), protocol parameters removed when they travel in the header. */
  queryParams: Parameter[];
  /** Protocol parameters in the order sent (header order), without `oauth_signature` and `realm`. */
  oauthParams: Parameter[];
  /** Form body parameters (decoded, sent order). */
  formParams: Parameter[];
  /** Multipart text fields (decoded, sent order), protocol parameters removed. */
  multipartFields: Parameter[];
  /** A JSON body (content type application/json or +json), as sent: never a parameter source. */
  jsonBody?: string;
  /** Protocol parameters as written between the header's quotes (not decoded), when one of them decodes to something else. */
  rawOauthParams?: Parameter[];
  /** Which multipart fields the provider signs. */
  multipartPolicy: MultipartSigningPolicy;
  /** `realm` of the Authorization header, if any. */
  realm?: string;
  /** `oauth_signature_method` as sent. */
  signatureMethod: string;
  /** `oauth_signature` as sent (decoded). */
  signature: string;
  consumerSecret?: string;
  tokenSecret?: string;
  /** node:crypto public key (synchronous path). */
  publicKey?: KeyObjectLike;
  /** PEM public key or certificate for the asynchronous path (browsers): imported with WebCrypto per digest, on first use. */
  webPublicKey?: { pem: string; keys: Map<string, CryptoKeyLike> };
}

/** What a (possibly faulty) signer produced: the base string and what it was signed with. */
export interface PipelineOutput {
  baseString: string;
  /** The signing key (HMAC-* / PLAINTEXT); `''` for RSA-*. */
  key: string;
  /** The signature method actually used. */
  signatureMethod: string;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;
const HEX_UPPER = '0123456789ABCDEF';
const HEX_LOWER = '0123456789abcdef';
const ENCODERS = new Map<string, (value: string) => string>();

/** Builds a percent-encoding function with the given faults; the fault-free one is {@link percentEncode}. */
export function makeEncoder(faults: EncoderFaults): (value: string) => string {
  if (!faults.plus && !faults.reservedRaw && !faults.lowerHex) return percentEncode;
  const cacheKey = `${+faults.plus}${+faults.reservedRaw}${+faults.lowerHex}`;
  const cached = ENCODERS.get(cacheKey);
  if (cached !== undefined) return cached;
  const hex = faults.lowerHex ? HEX_LOWER : HEX_UPPER;
  const memo = new Map<string, string>();
  const encoder = (value: string): string => {
    const hit = memo.get(value);
    if (hit !== undefined) return hit;
    let out = '';
    for (const ch of value) {
      if (UNRESERVED.test(ch)) { out += ch; continue; }
      if (faults.plus && ch === ' ') { out += '+'; continue; }
      if (faults.reservedRaw && "!*'()".includes(ch)) { out += ch; continue; }
      for (const byte of utf8Encode(ch)) out += '%' + hex[byte >> 4] + hex[byte & 15];
    }
    // Bounded: the memo only has to cover one diagnosis's values.
    if (memo.size > 4096) memo.clear();
    memo.set(value, out);
    return out;
  };
  ENCODERS.set(cacheKey, encoder);
  return encoder;
}

function compareEncoded(a: readonly [string, string], b: readonly [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

function compareNames(a: readonly [string, string], b: readonly [string, string]): number {
  return a[0] === b[0] ? 0 : a[0] < b[0] ? -1 : 1;
}

/** The multipart text fields the correct signer includes, per the provider's rule. */
function signsMultipartFields(ctx: PipelineContext): boolean {
  return ctx.multipartPolicy === 'text-fields';
}

/** `a=1&a=2` as node-oauth 0.10 signs it: `a[0]=1&a[1]=2` (names that appear once are kept). */
function indexRepeated(params: Parameter[]): Parameter[] {
  const counts = new Map<string, number>();
  for (const [n] of params) counts.set(n, (counts.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  return params.map(([n, v]) => {
    if (counts.get(n)! < 2) return [n, v] as Parameter;
    const i = seen.get(n) ?? 0;
    seen.set(n, i + 1);
    return [`${n}[${i}]`, v] as Parameter;
  });
}

/**
 * A JSON object's top-level members as a form-minded signer sees them when handed the parsed
 * body: oauth-1.0a 2.2's getParameterString signs String(value) per member, an array as the name
 * repeated once per element, a nested object as "[object Object]".
 */
export function jsonMembersAsForm(json: string): Parameter[] {
  let value: unknown;
  try { value = JSON.parse(json); } catch { return []; }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: Parameter[] = [];
  for (const [n, v] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(v)) for (const item of v) out.push([n, String(item)]);
    else out.push([n, String(v)]);
  }
  return out;
}

/** A body form-decoded whatever it holds, as querystring.parse does: "+" is a space, a bad escape is kept as written. */
function parseFormLoosely(body: string): Parameter[] {
  const dec = (s: string): string => {
    const t = s.replace(/\+/g, ' ');
    try { return decodeURIComponent(t); } catch { return t; }
  };
  return body.split('&').filter((x) => x !== '').map((kv) => {
    const i = kv.indexOf('=');
    return (i === -1 ? [dec(kv), ''] : [dec(kv.slice(0, i)), dec(kv.slice(i + 1))]) as Parameter;
  });
}

/** Collects the parameter groups the (faulty) signer put into the base string (RFC 5849 §3.4.1.3.1). */
function collect(ctx: PipelineContext, f: PipelineFaults): { query: Parameter[]; oauth: Parameter[]; form: Parameter[]; multipart: Parameter[] } {
  let oauth = f.rawHeaderValues && ctx.rawOauthParams !== undefined ? ctx.rawOauthParams : ctx.oauthParams;
  if (f.toggleEmptyToken) {
    const empty = oauth.some((p) => p[0] === 'oauth_token' && p[1] === '');
    oauth = empty ? oauth.filter((p) => p[0] !== 'oauth_token') : [...oauth, ['oauth_token', '']];
  }
  if (f.emptySigned !== undefined) oauth = [...oauth, ...f.emptySigned.map((n) => [n, ''] as Parameter)];
  if (f.realmSigned && ctx.realm !== undefined) oauth = [['realm', ctx.realm], ...oauth];
  if (f.toggleVersion) {
    const has = oauth.some((p) => p[0] === 'oauth_version');
    oauth = has ? oauth.filter((p) => p[0] !== 'oauth_version') : [...oauth, ['oauth_version', '1.0']];
  }
  const withMultipart = signsMultipartFields(ctx) !== f.flipMultipartFields;
  let query = f.omitQuery ? [] : ctx.queryParams;
  let form = f.omitForm ? [] : ctx.formParams;
  if (f.jsonAsForm !== undefined && ctx.jsonBody !== undefined) {
    // oauth-1.0a merges the URL query over `data`: a member named like a query parameter is signed once, with the query's value.
    const queryNames = new Set(query.map((p) => p[0]));
    form = f.jsonAsForm === 'raw' ? parseFormLoosely(ctx.jsonBody) : jsonMembersAsForm(ctx.jsonBody).filter((p) => !queryNames.has(p[0]));
  }
  if (f.indexRepeatedQuery) query = indexRepeated(query);
  if (f.collapseDuplicates !== undefined) {
    const map = new Map<string, string>();
    for (const [n, v] of f.collapseDuplicates === 'query-wins' ? [...form, ...query] : [...query, ...form]) map.set(n, v);
    query = [...map];
    form = [];
  }
  return { query, oauth, form, multipart: withMultipart ? ctx.multipartFields : [] };
}

/** The base string URI as the (faulty) signer built it (RFC 5849 §3.4.1.2). */
export function faultyBaseStringUri(ctx: PipelineContext, f: PipelineFaults): string {
  let scheme = ctx.scheme;
  const defaultPort = ctx.scheme === 'https' ? '443' : ctx.scheme === 'http' ? '80' : '';
  let port = ctx.port === '' || ctx.port === defaultPort || Number(ctx.port) === Number(defaultPort) ? '' : String(Number(ctx.port));
  if (f.portDropped) port = '';
  if (f.defaultPortKept && port === '') port = defaultPort;
  if (f.swapScheme) scheme = scheme === 'https' ? 'http' : 'https';
  const host = f.hostCaseKept ? ctx.host : ctx.host.toLowerCase();
  let path = ctx.path;
  if (f.toggleTrailingSlash) path = path.endsWith('/') ? path.slice(0, -1) : path + '/';
  let uri = `${scheme}://${host}${port === '' ? '' : ':' + port}${path}`;
  if (f.queryInUri && ctx.query !== '') uri += '?' + ctx.query;
  return uri;
}

/** Runs the signing pipeline with `faults` and returns its base string and key (RFC 5849 §3.4.1.1, §3.4.2). */
export function runPipeline(ctx: PipelineContext, f: PipelineFaults): PipelineOutput {
  const enc = makeEncoder(f.encoder);
  const g = collect(ctx, f);
  let normalized: string;
  if (f === NO_FAULTS) {
    normalized = normalizeParameters([...g.query, ...g.oauth, ...g.form, ...g.multipart]);
  } else {
    const encodeOne = f.doubleEncode ? (s: string) => enc(enc(s)) : enc;
    const encodeName = f.unencodedParams === 'all' ? (s: string) => s
      : f.unencodedParams === 'brackets' ? (s: string) => encodeOne(s).replace(/%5B/g, '[').replace(/%5D/g, ']') : encodeOne;
    const encodeValue = f.unencodedParams === 'all' ? (s: string) => s : encodeOne;
    const encodePairs = (ps: Parameter[]): Array<[string, string]> => ps.map((p) => [encodeName(p[0]), encodeValue(p[1])]);
    let pairs: Array<[string, string]>;
    switch (f.order) {
      case 'as-sent': pairs = encodePairs([...g.query, ...g.oauth, ...g.form, ...g.multipart]); break;
      case 'oauth-first': pairs = encodePairs([...g.oauth, ...g.query, ...g.form, ...g.multipart]); break;
      case 'oauth-last': pairs = encodePairs([...g.query, ...g.form, ...g.multipart, ...g.oauth]); break;
      case 'name-only': pairs = encodePairs([...g.query, ...g.oauth, ...g.form, ...g.multipart]).sort(compareNames); break;
      default:
        if (f.sortDecoded) {
          const decoded = [...g.query, ...g.oauth, ...g.form, ...g.multipart].map((p) => [p[0], p[1]] as [string, string]).sort(compareEncoded);
          pairs = encodePairs(decoded);
        } else {
          pairs = encodePairs([...g.query, ...g.oauth, ...g.form, ...g.multipart]).sort(compareEncoded);
        }
    }
    normalized = pairs.map((p) => p[0] + '=' + p[1]).join('&');
  }
  const uri = f === NO_FAULTS ? baseStringUri(ctx.url) : faultyBaseStringUri(ctx, f);
  const method = f.methodLowercase ? ctx.method.toLowerCase() : ctx.method.toUpperCase();
  // "The HTTP request method in uppercase" — a lower-case method is exactly the mistake, so join by hand.
  const baseString = f === NO_FAULTS
    ? composeBaseString(method, uri, normalized)
    : method + '&' + enc(uri) + '&' + enc(normalized);
  return { baseString, key: signingKeyWith(ctx, f, enc), signatureMethod: f.signatureMethod ?? ctx.signatureMethod };
}

/** The shared-secret key as the (faulty) signer built it (RFC 5849 §3.4.2). */
function signingKeyWith(ctx: PipelineContext, f: PipelineFaults, enc: (s: string) => string): string {
  if (ctx.consumerSecret === undefined) return '';
  let cs = ctx.consumerSecret;
  let ts = f.tokenSecretOmitted ? '' : ctx.tokenSecret ?? '';
  if (f.secretsSwapped) [cs, ts] = [ts, cs];
  return enc(cs) + (f.keyAmpersandMissing ? '' : '&') + enc(ts);
}

const HMAC_DIGESTS: Record<string, 'sha1' | 'sha256' | 'sha512'> = { 'HMAC-SHA1': 'sha1', 'HMAC-SHA256': 'sha256', 'HMAC-SHA512': 'sha512' };
const RSA_DIGESTS: Record<string, 'sha1' | 'sha256'> = { 'RSA-SHA1': 'sha1', 'RSA-SHA256': 'sha256' };

/** Whether the pipeline knows how to reproduce signatures of this method. */
export function isReproducible(method: string): boolean {
  return method in HMAC_DIGESTS || method in RSA_DIGESTS || method === 'PLAINTEXT';
}

/** True for the methods keyed with the consumer and token secrets. */
export function isSharedSecretMethod(method: string): boolean {
  return method in HMAC_DIGESTS || method === 'PLAINTEXT';
}

/** Whether `out` reproduces the captured `oauth_signature` (RSA-* checked with the public key), on node:crypto. */
export function reproducesSignature(ctx: PipelineContext, out: PipelineOutput): boolean {
  const m = out.signatureMethod;
  const hmac = HMAC_DIGESTS[m];
  if (hmac !== undefined) return constantTimeEqual(nodeCrypto('forensics').createHmac(hmac, out.key).update(out.baseString).digest('base64'), ctx.signature);
  if (m === 'PLAINTEXT') return constantTimeEqual(out.key, ctx.signature);
  const rsa = RSA_DIGESTS[m];
  if (rsa !== undefined && ctx.publicKey !== undefined) {
    const sig = Buffer.from(ctx.signature, 'base64');
    return sig.length > 0 && nodeCrypto('forensics').verify(rsa, utf8Encode(out.baseString), ctx.publicKey, sig);
  }
  return false;
}

const WEB_DIGESTS = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } as const;

/** As {@link reproducesSignature}, on WebCrypto (browsers, Workers); gives the same answer. */
export async function reproducesSignatureAsync(ctx: PipelineContext, out: PipelineOutput): Promise<boolean> {
  const m = out.signatureMethod;
  const hmac = HMAC_DIGESTS[m];
  if (hmac !== undefined) return constantTimeEqual(await hmacBase64Async(WEB_DIGESTS[hmac], out.key, out.baseString), ctx.signature);
  if (m === 'PLAINTEXT') return constantTimeEqual(out.key, ctx.signature);
  const rsa = RSA_DIGESTS[m];
  if (rsa !== undefined && ctx.webPublicKey !== undefined) {
    const digest = WEB_DIGESTS[rsa];
    let key = ctx.webPublicKey.keys.get(digest);
    if (key === undefined) {
      key = await importRsaPublicKey(ctx.webPublicKey.pem, digest, m);
      ctx.webPublicKey.keys.set(digest, key);
    }
    return rsaVerifyAsync(digest, key, out.baseString, ctx.signature, m);
  }
  return false;
}

/** A string that is equal for two outputs exactly when they produce the same signature. */
export function outputFingerprint(out: PipelineOutput): string {
  return out.signatureMethod + '\u0000' + out.key + '\u0000' + (out.signatureMethod === 'PLAINTEXT' ? '' : out.baseString);
}
