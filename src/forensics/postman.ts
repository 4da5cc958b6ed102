// What Postman would sign for a collection request, and where that differs from a failing captured request (RFC 5849 §3.4, §3.5 as postman-runtime 7.x applies them).
//
// The rules below were read in postman-runtime's lib/authorizer/oauth1.js and node-oauth1 1.3
// (the code Postman and Newman sign with); nothing is copied. spec/forensics/postman.spec.ts holds
// this emulation to the real postman-runtime on generated requests.

import { percentEncode, parseFormEncoded } from '../core/encoding.js';
import { baseStringUri, composeBaseString, isFormContentType, normalizeParameters, parseRequestUrl } from '../core/base-string.js';
import { parseAuthorizationHeader } from '../core/authorization-header.js';
import { isProtocolParameter, protocolParametersIn } from '../core/protocol-parameters.js';
import { computeBodyHash } from '../core/body-hash.js';
import { BUILT_IN_SIGNATURE_METHODS } from '../core/signature-methods/index.js';
import type { BodyHashAlgorithm, Parameter } from '../core/types.js';
import { diagnoseSignature, type CapturedRequest, type DiagnosisSecrets, type SignatureDiagnosis } from './diagnose.js';
import type { PostmanOAuth1Settings, PostmanRequest } from './inputs/postman.js';

/** The request Postman signs: method, URL, and a urlencoded or raw body. */
export interface PostmanSignInput {
  method: string;
  url: string;
  form?: Parameter[];
  raw?: string;
  /** Another body mode (formdata, file, graphql): never hashed here. */
  otherBody?: boolean;
}

/** What postman-runtime would produce. */
export interface PostmanSigned {
  baseString: string;
  /** `oauth_signature`, or undefined for RSA-* without a private key. */
  signature?: string;
  /** The protocol parameters it signs (empty ones too when addEmptyParamsToSign is on). */
  signed: Parameter[];
  /** Where it puts them: the Authorization header, the urlencoded body (POST/PUT with one) or the query. */
  placement: 'header' | 'body' | 'query';
  /** The protocol parameters it sends (node-oauth1's header leaves empty values out). */
  sent: Parameter[];
  /** The Authorization header, for placement 'header' (without the signature when it cannot be computed). */
  authorization?: string;
}

const PROTOCOL: ReadonlyArray<[keyof PostmanOAuth1Settings, string]> = [
  ['consumerKey', 'oauth_consumer_key'], ['token', 'oauth_token'], ['signatureMethod', 'oauth_signature_method'],
  ['timestamp', 'oauth_timestamp'], ['nonce', 'oauth_nonce'], ['version', 'oauth_version'],
];

function hashAlgorithm(method: string): BodyHashAlgorithm | undefined {
  const h = method.split('-')[1]?.toLowerCase();
  return h === 'sha1' || h === 'sha256' || h === 'sha512' ? h : undefined;
}

/**
 * Signs `input` as postman-runtime 7.x does with settings `s`: empty settings dropped unless
 * "Add empty parameters to signature"; oauth_body_hash (raw body, includeBodyHash), oauth_callback
 * and oauth_verifier only when non-empty; the query, the protocol and the enabled urlencoded
 * parameters in the base string; the header built by node-oauth1 (empty values left out,
 * percent-encoded unless disableHeaderEncoding, "," between).
 *
 * @example postmanSign({ method: 'GET', url: 'https://api.example.com/x' }, settings).signature
 */
// RFC 5849 §3.4.1 (base string), §3.4.2–3.4.4 (signature), §3.5 (placement) as postman-runtime applies them
export function postmanSign(input: PostmanSignInput, s: PostmanOAuth1Settings): PostmanSigned {
  // Without "Add empty parameters to signature", settings that are empty or blank are dropped before anything else.
  const present = (v: string): boolean => s.addEmptyParamsToSign ? v !== '' : v.trim() !== '';
  const signed: Parameter[] = PROTOCOL.map(([k, n]) => [n, String(s[k])] as Parameter).filter((p) => s.addEmptyParamsToSign || present(p[1]));
  const algorithm = hashAlgorithm(s.signatureMethod);
  // oauth_body_hash, oauth_callback and oauth_verifier go in only when non-empty, whatever addEmptyParamsToSign says.
  if (s.includeBodyHash && algorithm !== undefined && input.form === undefined && !input.otherBody) {
    signed.push(['oauth_body_hash', computeBodyHash(input.raw ?? '', algorithm)]);
  }
  if (present(s.callback)) signed.push(['oauth_callback', s.callback]);
  if (present(s.verifier)) signed.push(['oauth_verifier', s.verifier]);
  const query = parseFormEncoded(parseRequestUrl(input.url).query);
  const baseString = composeBaseString(input.method.toUpperCase(), baseStringUri(input.url), normalizeParameters([...query, ...signed, ...(input.form ?? [])]));
  const method = BUILT_IN_SIGNATURE_METHODS.get(s.signatureMethod.toUpperCase());
  const rsa = /^RSA-/i.test(s.signatureMethod);
  const signature = method === undefined || (rsa && s.privateKey === '') ? undefined
    : method.sign(baseString, rsa ? { privateKey: s.privateKey } : { consumerSecret: s.consumerSecret, tokenSecret: s.tokenSecret });
  const all = signature === undefined ? signed : [...signed, ['oauth_signature', signature] as Parameter];
  const placement = s.addParamsToHeader ? 'header' : /PUT|POST/.test(input.method.toUpperCase()) && input.form !== undefined ? 'body' : 'query';
  if (placement !== 'header') return { baseString, ...(signature === undefined ? {} : { signature }), signed, placement, sent: all };
  const sent = all.filter((p) => p[1] !== '').map(([n, v]) => [n, v.trim()] as Parameter);
  const enc = (x: string): string => (s.disableHeaderEncoding ? x : percentEncode(x));
  const parts = [...(s.realm.trim() !== '' ? [`realm="${enc(s.realm)}"`] : []), ...sent.map(([n, v]) => `${enc(n)}="${enc(v)}"`)];
  return { baseString, ...(signature === undefined ? {} : { signature }), signed, placement, sent, authorization: 'OAuth ' + parts.join(',') };
}

/** One way the collection's request differs from the captured one, and the Postman settings behind it. */
export interface PostmanDifference {
  /** What differs (a field, a parameter, the signature). */
  what: string;
  /** What Postman would use / send. */
  postman: string;
  /** What the failing request has. */
  captured: string;
  /** Postman setting(s) responsible, as in the collection JSON (`addEmptyParamsToSign`, `token`…), or [] when it is the request itself. */
  settings: string[];
}

/** Result of {@link comparePostmanRequest}. */
export interface PostmanComparison {
  /** The collection request, as "folder/…/name". */
  request: string;
  /** Where its OAuth 1.0 settings come from. */
  authFrom: string;
  /** Settings that are not RFC 5849 (or not the default) and matter, e.g. "addEmptyParamsToSign: on". */
  notableSettings: string[];
  /** Postman's signature for the failing request's method, URL, body, timestamp and nonce agrees with the failing signature. */
  agree: boolean;
  /** Whether Postman's signature could be computed (RSA-* needs the collection's private key). */
  computed: boolean;
  /** Differences, most telling first: the request, the protocol parameters, then the signature. */
  differences: PostmanDifference[];
  /** Settings changes that make Postman's signature equal the failing one (e.g. "addEmptyParamsToSign: on"), when it disagrees. */
  reproducedBy: string[];
  /** The base string Postman signs for the failing request. */
  postmanBaseString: string;
  /** RFC 5849 check of what Postman would send with these settings: is Postman itself right here? */
  postmanRfc: SignatureDiagnosis | undefined;
}

function show(v: string | undefined): string {
  return v === undefined ? '(not sent)' : JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
}

/** The captured request's form body parameters, if its body is a form. */
function capturedForm(captured: CapturedRequest): readonly Parameter[] | undefined {
  return captured.form ?? (captured.body !== undefined && isFormContentType(captured.contentType) ? parseFormEncoded(captured.body) : undefined);
}

function captureProtocol(captured: CapturedRequest): { params: Parameter[]; placement: 'header' | 'body' | 'query'; realm?: string } {
  if (captured.authorization !== undefined) {
    const h = parseAuthorizationHeader(captured.authorization);
    return { params: h.params, placement: 'header', ...(h.realm === undefined ? {} : { realm: h.realm }) };
  }
  const b = protocolParametersIn('form', capturedForm(captured) ?? []);
  return b.length > 0 ? { params: b, placement: 'body' } : { params: protocolParametersIn('query', parseFormEncoded(parseRequestUrl(captured.url).query)), placement: 'query' };
}

/** The captured request's method, URL and body without its protocol parameters, as Postman's sign input. */
function inputOf(captured: CapturedRequest): PostmanSignInput {
  const { query } = parseRequestUrl(captured.url);
  const kept = query.split('&').filter((kv) => kv !== '' && !/^oauth_/.test(kv)).join('&');
  const url = captured.url.replace(/\?[^#]*/, kept === '' ? '' : '?' + kept).replace(/#.*/, '');
  const input: PostmanSignInput = { method: captured.method, url };
  const form = capturedForm(captured);
  if (form !== undefined) input.form = form.filter(([name]) => !isProtocolParameter('form', name));
  else if (captured.multipart !== undefined) input.otherBody = true;
  else if (captured.body !== undefined) input.raw = captured.body;
  return input;
}

const SETTING_OF: Record<string, keyof PostmanOAuth1Settings> = {
  oauth_consumer_key: 'consumerKey', oauth_token: 'token', oauth_signature_method: 'signatureMethod', oauth_version: 'version',
  oauth_callback: 'callback', oauth_verifier: 'verifier', oauth_body_hash: 'includeBodyHash',
};

/**
 * Compares a collection request and its OAuth 1.0 settings with a failing captured request: the
 * request itself (method, URL, body), each protocol parameter Postman would send, where it puts
 * them, and the signature Postman computes for the failing request's method, URL, body, timestamp
 * and nonce — naming the settings responsible, and which single setting change would give the
 * failing signature. Also checks what Postman would send against RFC 5849 (`postmanRfc`).
 *
 * @example comparePostmanRequest(selectPostmanRequest(parsePostmanCollection(text), 'Update'), captured).agree
 */
// RFC 5849 §3.4, §3.5
export function comparePostmanRequest(request: PostmanRequest, captured: CapturedRequest, secrets: DiagnosisSecrets = {}): PostmanComparison {
  const base = request.oauth1!;
  const s: PostmanOAuth1Settings = { ...base };
  if (secrets.consumerSecret !== undefined) s.consumerSecret = secrets.consumerSecret;
  if (secrets.tokenSecret !== undefined) s.tokenSecret = secrets.tokenSecret;
  const differences: PostmanDifference[] = [];
  // The request itself.
  const input = inputOf(captured);
  if (request.method !== captured.method.toUpperCase()) differences.push({ what: 'method', postman: request.method, captured: captured.method, settings: [] });
  const strip = (u: string): string => { try { return baseStringUri(u); } catch { return u; } };
  if (strip(request.url) !== strip(input.url)) differences.push({ what: 'URL (base string URI)', postman: strip(request.url), captured: strip(input.url), settings: [] });
  const pq = normalizeParameters(parseFormEncoded(parseRequestUrl(request.url).query).filter((p) => !p[0].startsWith('oauth_')));
  const cq = normalizeParameters(parseFormEncoded(parseRequestUrl(input.url).query));
  if (pq !== cq) differences.push({ what: 'query parameters', postman: pq || '(none)', captured: cq || '(none)', settings: [] });
  if (request.form !== undefined || input.form !== undefined) {
    const pf = normalizeParameters(request.form ?? []);
    const cf = normalizeParameters(input.form ?? []);
    if (pf !== cf) differences.push({ what: 'form body parameters', postman: pf || '(none)', captured: cf || '(none)', settings: [] });
  } else if ((request.raw?.text ?? '') !== (input.raw ?? '')) {
    differences.push({ what: 'body', postman: show(request.raw?.text ?? ''), captured: show(input.raw ?? ''), settings: [] });
  }
  // The protocol parameters, with the failing request's timestamp and nonce (Postman makes new ones per send unless fixed).
  const got = captureProtocol(captured);
  const value = (n: string): string | undefined => got.params.find((p) => p[0] === n)?.[1];
  const ts = value('oauth_timestamp');
  const nonce = value('oauth_nonce');
  if (ts !== undefined) s.timestamp = ts;
  if (nonce !== undefined) s.nonce = nonce;
  const mine = postmanSign(input, s);
  if (mine.placement !== got.placement) {
    differences.push({ what: 'where the protocol parameters go', postman: mine.placement, captured: got.placement, settings: ['addParamsToHeader'] });
  }
  for (const n of ['oauth_consumer_key', 'oauth_token', 'oauth_signature_method', 'oauth_version', 'oauth_callback', 'oauth_verifier', 'oauth_body_hash']) {
    const p = mine.sent.find((x) => x[0] === n)?.[1];
    const c = value(n);
    if (p === c) continue;
    const setting = SETTING_OF[n]!;
    const signedEmpty = p === undefined && mine.signed.some((x) => x[0] === n && x[1] === '');
    differences.push({
      what: n + (signedEmpty ? ' (Postman signs it empty but does not send it)' : ''),
      postman: p === undefined ? (signedEmpty ? '(signed as "", not sent)' : '(not sent)') : n === 'oauth_body_hash' ? '(a body hash)' : show(p),
      captured: c === undefined ? '(not sent)' : n === 'oauth_body_hash' ? '(a body hash)' : show(c), settings: signedEmpty ? [setting, 'addEmptyParamsToSign'] : [setting],
    });
  }
  if (got.placement === 'header' && (got.realm ?? '') !== s.realm.trim()) differences.push({ what: 'realm', postman: show(s.realm.trim() || undefined), captured: show(got.realm), settings: ['realm'] });
  if (captured.authorization !== undefined && mine.placement === 'header') {
    const raw = /oauth_signature="([^"]*)"/.exec(captured.authorization)?.[1] ?? '';
    const capturedRaw = /[+/=]/.test(raw);
    if (capturedRaw !== s.disableHeaderEncoding && mine.signature !== undefined && /[+/=]/.test(mine.signature)) {
      differences.push({ what: 'header encoding', postman: s.disableHeaderEncoding ? 'values not percent-encoded' : 'values percent-encoded', captured: capturedRaw ? 'values not percent-encoded' : 'values percent-encoded', settings: ['disableHeaderEncoding'] });
    }
  }
  // The signature.
  const signature = value('oauth_signature');
  const agree = mine.signature !== undefined && signature === mine.signature;
  const reproducedBy: string[] = [];
  if (!agree && mine.signature !== undefined && signature !== undefined) {
    const tries: Array<[string, Partial<PostmanOAuth1Settings>]> = [
      [`addEmptyParamsToSign: ${s.addEmptyParamsToSign ? 'off' : 'on'}`, { addEmptyParamsToSign: !s.addEmptyParamsToSign }],
      [`includeBodyHash: ${s.includeBodyHash ? 'off' : 'on'}`, { includeBodyHash: !s.includeBodyHash }],
    ];
    for (const [n, setting] of Object.entries(SETTING_OF)) {
      const c = value(n);
      if (setting !== 'includeBodyHash' && c !== undefined && c !== s[setting]) tries.push([`${setting}: ${show(c)}`, { [setting]: c }]);
      if (setting !== 'includeBodyHash' && setting !== 'consumerKey' && setting !== 'signatureMethod' && c === undefined && s[setting] !== '') tries.push([`${setting}: "" (empty)`, { [setting]: '' }]);
    }
    for (const [label, change] of tries) {
      if (postmanSign(input, { ...s, ...change }).signature === signature) reproducedBy.push(label);
    }
    differences.push({ what: 'oauth_signature', postman: mine.signature, captured: signature, settings: reproducedBy.map((r) => r.split(':')[0]!) });
  }
  // Is Postman itself RFC-correct here?
  let postmanRfc: SignatureDiagnosis | undefined;
  if (mine.signature !== undefined && !/^RSA-/i.test(s.signatureMethod)) {
    const sent: CapturedRequest = { method: input.method, url: input.url };
    if (mine.placement === 'header') sent.authorization = mine.authorization!;
    else if (mine.placement === 'query') sent.url += (input.url.includes('?') ? '&' : '?') + mine.sent.map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join('&');
    if (input.form !== undefined) sent.form = mine.placement === 'body' ? [...input.form, ...mine.sent] : input.form;
    else if (input.raw !== undefined) { sent.body = input.raw; if (captured.contentType !== undefined) sent.contentType = captured.contentType; }
    try {
      postmanRfc = diagnoseSignature(sent, { consumerSecret: s.consumerSecret, tokenSecret: s.tokenSecret });
    } catch {
      postmanRfc = undefined;
    }
  }
  const notableSettings: string[] = [];
  if (s.addEmptyParamsToSign) notableSettings.push('addEmptyParamsToSign: on ("Add empty parameters to signature")');
  if (s.disableHeaderEncoding && s.addParamsToHeader) notableSettings.push('disableHeaderEncoding: on ("Encode the parameters in the Authorization header" unticked)');
  if (s.includeBodyHash) notableSettings.push('includeBodyHash: on');
  if (s.encodeOAuthSign !== undefined) notableSettings.push(`encodeOAuthSign: ${s.encodeOAuthSign ? 'on' : 'off'} (an old Chrome-app option; postman-runtime ignores it since 2017)`);
  if (s.version !== '1.0') notableSettings.push(`version: ${show(s.version)} (RFC 5849 §3.1 allows only "1.0" or none)`);
  return {
    request: [...request.folders, request.name].join('/'), authFrom: request.authFrom ?? 'request', notableSettings, agree, computed: mine.signature !== undefined,
    differences, reproducedBy, postmanBaseString: mine.baseString, postmanRfc,
  };
}
