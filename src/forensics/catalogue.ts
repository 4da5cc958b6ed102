// The catalogue of known signer mistakes: stable ids, what each does to the signing pipeline, and the fix (RFC 5849 §3.4).

import type { PipelineContext, PipelineFaults, ParameterOrder } from './pipeline.js';
import { isSharedSecretMethod } from './pipeline.js';

/** Stable ids of the catalogued signer mistakes. */
export type MistakeId =
  | 'space-as-plus' | 'reserved-unencoded' | 'lowercase-hex' | 'double-encoded-params'
  | 'query-omitted' | 'form-omitted' | 'multipart-fields-signed' | 'multipart-fields-unsigned'
  | 'default-port-kept' | 'port-dropped' | 'query-in-base-uri' | 'host-case-kept' | 'method-lowercase'
  | 'params-unsorted' | 'sorted-before-encoding' | 'realm-signed' | 'version-mismatch'
  | 'token-secret-omitted' | 'key-ampersand-missing' | 'secrets-swapped' | 'scheme-mismatch'
  | 'trailing-slash' | 'signature-method-mismatch'
  | 'node-oauth-indexed-keys' | 'duplicates-collapsed'
  | 'json-body-as-form' | 'empty-token-mismatch' | 'postman-empty-params-signed' | 'php-brackets-unencoded' | 'header-values-unencoded';

/** The signing stage a mistake belongs to. */
export type PipelineStage = 'parameter collection' | 'encoding' | 'sort' | 'base string URI' | 'method' | 'key' | 'signature method';

/** One way a mistake can be applied: the faults it switches on and a sentence describing it for this request. */
export interface MistakeVariant {
  faults: PipelineFaults;
  /** What the faulty signer did, for this request. */
  explanation: string;
}

/** A catalogued mistake. */
export interface Mistake {
  id: MistakeId;
  stage: PipelineStage;
  /** Short title. */
  title: string;
  /** The rule broken, as RFC 5849 states it. */
  rule: string;
  /** How to fix the signer. */
  fix: string;
  /** The variants of this mistake that change something for this request ([] = cannot apply here). */
  variants(ctx: PipelineContext, base: PipelineFaults): MistakeVariant[];
}

function hasChar(ctx: PipelineContext, test: (s: string) => boolean): boolean {
  for (const group of [ctx.queryParams, ctx.oauthParams, ctx.formParams, ctx.multipartFields]) {
    for (const [n, v] of group) if (test(n) || test(v)) return true;
  }
  return false;
}

function secretHas(ctx: PipelineContext, test: (s: string) => boolean): boolean {
  return test(ctx.consumerSecret ?? '') || test(ctx.tokenSecret ?? '');
}

function one(faults: PipelineFaults, explanation: string): MistakeVariant[] {
  return [{ faults, explanation }];
}

const ORDER_TEXT: Record<Exclude<ParameterOrder, 'sorted'>, string> = {
  'as-sent': 'in the order they were sent (query, Authorization header, body)',
  'oauth-first': 'with the oauth_* parameters first, in header order, then the request parameters as sent',
  'oauth-last': 'with the request parameters as sent, then the oauth_* parameters in header order',
  'name-only': 'sorted by name only, leaving the values of a repeated name in the order sent',
};

/**
 * The catalogue, in priority order: when several explanations reproduce a signature, the one
 * whose mistakes come first here is reported first (commonest mistakes first).
 */
export const MISTAKES: readonly Mistake[] = [
  {
    id: 'space-as-plus', stage: 'encoding', title: 'space encoded as "+"',
    rule: 'RFC 5849 §3.6: every character outside ALPHA DIGIT - . _ ~ is %XX-encoded; a space is %20.',
    fix: 'Percent-encode with RFC 3986 rules (space → %20); do not use form encoding (URLSearchParams, PHP urlencode, Python quote_plus) for the base string.',
    variants: (ctx, b) => hasChar(ctx, (s) => s.includes(' ')) || secretHas(ctx, (s) => s.includes(' '))
      ? one({ ...b, encoder: { ...b.encoder, plus: true } }, 'the signer encoded spaces as "+" (form encoding) instead of "%20"')
      : [],
  },
  {
    id: 'reserved-unencoded', stage: 'encoding', title: "! * ' ( ) left unencoded",
    rule: "RFC 5849 §3.6: ! * ' ( ) are not unreserved and must be encoded as %21 %2A %27 %28 %29.",
    fix: "Escape ! * ' ( ) after encodeURIComponent: .replace(/[!*'()]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase()).",
    variants: (ctx, b) => {
      const re = /[!*'()]/;
      return hasChar(ctx, (s) => re.test(s)) || re.test(ctx.path) || secretHas(ctx, (s) => re.test(s))
        ? one({ ...b, encoder: { ...b.encoder, reservedRaw: true } }, "the signer percent-encoded with JavaScript's encodeURIComponent, which leaves ! * ' ( ) unescaped")
        : [];
    },
  },
  {
    id: 'node-oauth-indexed-keys', stage: 'parameter collection', title: 'repeated query names signed as name[0], name[1] (node-oauth 0.10)',
    rule: 'RFC 5849 §3.4.1.3.1–3.4.1.3.2: each occurrence of a repeated name is a parameter of its own, under the name as sent.',
    fix: 'This is node-oauth 0.10 (the `oauth` package, also under passport-oauth1): replace require(\'oauth\') by require(\'oauth1-toolkit/compat/oauth\') (docs/migrating.md), or send each name once.',
    variants: (ctx, b) => new Set(ctx.queryParams.map((p) => p[0])).size < ctx.queryParams.length
      ? one({ ...b, indexRepeatedQuery: true }, 'the signer turned the repeated query names into name[0], name[1]… as node-oauth 0.10 does (querystring.parse gives an array)')
      : [],
  },
  {
    id: 'duplicates-collapsed', stage: 'parameter collection', title: 'repeated names collapsed to one value (map-based signer)',
    rule: 'RFC 5849 §3.4.1.3.1: parameters with the same name are all signed, sorted by value (§3.4.1.3.2).',
    fix: 'Keep parameters as a list of [name, value] pairs, not a map/dict/object. node-oauth 0.10 merges the query into the body parameters this way (use oauth1-toolkit/compat/oauth), and so does oauth-1.0a 2.2 with a name in both the URL and data (use oauth1-toolkit/compat/oauth-1.0a).',
    variants: (ctx, b) => {
      const names = [...ctx.queryParams, ...ctx.formParams].map((p) => p[0]);
      if (new Set(names).size === names.length) return [];
      return [
        { faults: { ...b, collapseDuplicates: 'query-wins' }, explanation: 'the signer kept one value per name, the query\'s over the body\'s (a map, as node-oauth 0.10 merges them)' },
        { faults: { ...b, collapseDuplicates: 'body-wins' }, explanation: 'the signer kept one value per name, the body\'s over the query\'s (a map/dict of parameters)' },
      ];
    },
  },
  {
    id: 'json-body-as-form', stage: 'parameter collection', title: 'JSON body signed as if it were a form',
    rule: 'RFC 5849 §3.4.1.3.1: only an application/x-www-form-urlencoded body is a parameter source; a JSON body is not signed (sign its hash with oauth_body_hash if the provider asks for it).',
    fix: 'Sign only the query and oauth_* parameters of a JSON request. oauth-1.0a 2.2 signs whatever you pass as `data`: pass the JSON body as the request body only, not as `data` (or use oauth1-toolkit/compat/oauth-1.0a with includeBodyHash: true); a signer that form-decodes every body must check the Content-Type first.',
    variants: (ctx, b) => ctx.jsonBody === undefined ? [] : [
      { faults: { ...b, jsonAsForm: 'members' }, explanation: 'the signer signed the JSON body\'s members as form parameters (what oauth-1.0a 2.2 does with the parsed body passed as `data`), though the request is application/json' },
      { faults: { ...b, jsonAsForm: 'raw' }, explanation: 'the signer form-decoded the JSON body text (querystring.parse on an application/json body), so the JSON itself became a parameter name' },
    ],
  },
  {
    id: 'empty-token-mismatch', stage: 'parameter collection', title: 'empty oauth_token signed but not sent, or sent but not signed',
    rule: 'RFC 5849 §3.4.1.3.1: exactly the protocol parameters sent are signed — an empty oauth_token="" too, and none that was not sent.',
    fix: 'Send and sign the same protocol parameters: when there is no token, leave oauth_token out of both (or put oauth_token="" in both). Postman signs an empty token it does not send when "Add empty parameters to signature" is on (addEmptyParamsToSign, postman-runtime 7.x): turn it off.',
    variants: (ctx, b) => {
      const sent = ctx.oauthParams.find((p) => p[0] === 'oauth_token');
      if (sent !== undefined && sent[1] !== '') return [];
      return one({ ...b, toggleEmptyToken: true }, sent === undefined
        ? 'the signer signed an empty oauth_token= but the request sends no oauth_token (Postman with "Add empty parameters to signature" on leaves empty values out of the header)'
        : 'the request sends oauth_token="" but the signer left the empty token out of the base string');
    },
  },
  {
    id: 'postman-empty-params-signed', stage: 'parameter collection', title: 'empty parameters signed but not sent (Postman "Add empty parameters to signature")',
    rule: 'RFC 5849 §3.4.1.3.1: exactly the protocol parameters sent are signed.',
    fix: 'This is Postman (postman-runtime 7.x) with "Add empty parameters to signature" (addEmptyParamsToSign) on and an empty Version (or Access Token) field: it signs oauth_version= but leaves empty values out of the Authorization header. Turn the option off, or fill in Version "1.0".',
    variants: (ctx, b) => {
      if (ctx.oauthParams.some((p) => p[0] === 'oauth_version')) return [];
      const sets: string[][] = [['oauth_version']];
      if (!ctx.oauthParams.some((p) => p[0] === 'oauth_token')) sets.push(['oauth_token', 'oauth_version']);
      return sets.map((names) => ({
        faults: { ...b, emptySigned: names },
        explanation: `the signer signed ${names.map((n) => n + '=').join(' and ')} (empty) though the header sends no such parameter — Postman's "Add empty parameters to signature"`,
      }));
    },
  },
  {
    id: 'php-brackets-unencoded', stage: 'encoding', title: 'PHP-style a[b] names encoded once',
    rule: 'RFC 5849 §3.4.1.3.2: every name and value is percent-encoded (§3.6: "[" → %5B, "]" → %5D) before the parameters are joined, and the joined string is encoded again (§3.4.1.1).',
    fix: 'Encode each name and value with RFC 3986 rules before joining: do not build the parameter string with qs.stringify(params, { encodeValuesOnly: true }) or PHP urldecode(http_build_query($params)); brackets in names end up as %255B / %255D in the base string.',
    variants: (ctx, b) => {
      if (![...ctx.queryParams, ...ctx.formParams].some((p) => /[[\]]/.test(p[0]))) return [];
      return [
        { faults: { ...b, unencodedParams: 'brackets' }, explanation: 'the signer left the "[" and "]" of the parameter names unencoded (qs.stringify with encodeValuesOnly), so they were encoded only once in the base string' },
        { faults: { ...b, unencodedParams: 'all' }, explanation: 'the signer joined the parameters without encoding names or values (PHP urldecode(http_build_query(...))), so they were encoded only once in the base string' },
      ];
    },
  },
  {
    id: 'header-values-unencoded', stage: 'encoding', title: 'Authorization header values sent unencoded',
    rule: 'RFC 5849 §3.5.1: parameter names and values in the Authorization header are percent-encoded (§3.6); the server decodes them before signing.',
    fix: 'Percent-encode the header values. In Postman tick "Encode the parameters in the Authorization header" (disableHeaderEncoding: false, postman-runtime ≥ 7.23): with it off, a value holding "%" (an oauth_callback with an escaped query, a key with %) reaches the server decoded and no longer matches what was signed.',
    variants: (ctx, b) => ctx.rawOauthParams === undefined ? [] : one({ ...b, rawHeaderValues: true },
      `the signer signed the protocol parameters as written in the header (${ctx.rawOauthParams.filter((p, i) => p[1] !== ctx.oauthParams[i]?.[1]).map((p) => p[0]).join(', ')}), which it did not percent-encode — the server decodes them (Postman with "Encode the parameters in the Authorization header" off)`),
  },
  {
    id: 'query-omitted', stage: 'parameter collection', title: 'query parameters left out',
    rule: 'RFC 5849 §3.4.1.3.1: the parameters of the URL query are part of the base string.',
    fix: 'Parse the query of the request URL and add its parameters to the ones you sign.',
    variants: (ctx, b) => ctx.queryParams.length > 0 ? one({ ...b, omitQuery: true }, 'the signer left the URL query parameters out of the base string') : [],
  },
  {
    id: 'form-omitted', stage: 'parameter collection', title: 'form body parameters left out',
    rule: 'RFC 5849 §3.4.1.3.1: the parameters of an application/x-www-form-urlencoded body are part of the base string.',
    fix: 'Sign the decoded form body parameters together with the oauth_* ones (and send Content-Type: application/x-www-form-urlencoded). node-oauth 0.10 leaves a string form body out (oa.post(url, t, s, "a=1", …)): use oauth1-toolkit/compat/oauth or pass the body as an object.',
    variants: (ctx, b) => ctx.formParams.length > 0 ? one({ ...b, omitForm: true }, 'the signer left the form body parameters out of the base string') : [],
  },
  {
    id: 'multipart-fields-signed', stage: 'parameter collection', title: 'multipart text fields signed',
    rule: 'RFC 5849 §3.4.1.3.1: a multipart body is not a parameter source; this provider signs no multipart field.',
    fix: 'For this provider sign only the oauth_* (and query) parameters of a multipart upload.',
    variants: (ctx, b) => ctx.multipartFields.length > 0 && ctx.multipartPolicy !== 'text-fields'
      ? one({ ...b, flipMultipartFields: true }, `the signer put the multipart text fields (${names(ctx.multipartFields)}) into the base string, but this provider signs none`)
      : [],
  },
  {
    id: 'multipart-fields-unsigned', stage: 'parameter collection', title: 'multipart text fields not signed',
    rule: 'Provider rule (Sina Weibo 2010–2011, Tencent): every multipart text field is signed, the file part is not.',
    fix: 'For this provider add every multipart text field (not the file) to the signed parameters.',
    variants: (ctx, b) => ctx.multipartFields.length > 0 && ctx.multipartPolicy === 'text-fields'
      ? one({ ...b, flipMultipartFields: true }, `the signer left the multipart text fields (${names(ctx.multipartFields)}) out, but this provider signs them`)
      : [],
  },
  {
    id: 'default-port-kept', stage: 'base string URI', title: 'default port kept',
    rule: 'RFC 5849 §3.4.1.2: the port is excluded when it is the default (80 for http, 443 for https).',
    fix: 'Drop :80 from http and :443 from https URLs in the base string URI.',
    variants: (ctx, b) => ctx.scheme === 'http' || ctx.scheme === 'https'
      ? one({ ...b, defaultPortKept: true }, `the signer kept the default port (:${ctx.scheme === 'https' ? 443 : 80}) in the base string URI`)
      : [],
  },
  {
    id: 'port-dropped', stage: 'base string URI', title: 'non-default port dropped',
    rule: 'RFC 5849 §3.4.1.2: a port other than the default must be included.',
    fix: 'Keep a non-default port (e.g. :8080) in the base string URI.',
    variants: (ctx, b) => ctx.port !== '' && !((ctx.scheme === 'http' && Number(ctx.port) === 80) || (ctx.scheme === 'https' && Number(ctx.port) === 443))
      ? one({ ...b, portDropped: true }, `the signer dropped the port :${Number(ctx.port)} from the base string URI`)
      : [],
  },
  {
    id: 'scheme-mismatch', stage: 'base string URI', title: 'http versus https',
    rule: 'RFC 5849 §3.4.1.2: the base string URI carries the scheme the client used.',
    fix: 'Sign with the scheme the client used; behind a TLS-terminating proxy rebuild the URL from X-Forwarded-Proto / the public URL.',
    variants: (ctx, b) => ctx.scheme === 'http' || ctx.scheme === 'https'
      ? one({ ...b, swapScheme: true }, `the signer used ${ctx.scheme === 'https' ? 'http' : 'https'}:// where the request went over ${ctx.scheme}:// (a TLS-terminating proxy?)`)
      : [],
  },
  {
    id: 'query-in-base-uri', stage: 'base string URI', title: 'query kept in the base string URI',
    rule: 'RFC 5849 §3.4.1.2: the base string URI excludes the query; query parameters go into the parameter list.',
    fix: 'Cut the URL at "?" for the base string URI.',
    variants: (ctx, b) => ctx.query !== '' ? one({ ...b, queryInUri: true }, 'the signer left "?' + truncate(ctx.query) + '" on the base string URI') : [],
  },
  {
    id: 'token-secret-omitted', stage: 'key', title: 'token secret left out of the key',
    rule: 'RFC 5849 §3.4.2: key = encode(consumer secret) "&" encode(token secret).',
    fix: 'Append the token secret (oauth_token_secret from the token response) after the "&".',
    variants: (ctx, b) => isSharedSecretMethod(ctx.signatureMethod) && (ctx.tokenSecret ?? '') !== ''
      ? one({ ...b, tokenSecretOmitted: true }, 'the signer keyed with the consumer secret and "&" only, without the token secret')
      : [],
  },
  {
    id: 'key-ampersand-missing', stage: 'key', title: '"&" missing from the key',
    rule: 'RFC 5849 §3.4.2: the "&" separator is included even when the token secret is empty.',
    fix: 'Build the key as encode(consumerSecret) + "&" + encode(tokenSecret ?? ""). oauth-1.0a 2.2 does this with last_ampersand: false: drop the option (oauth1-toolkit/compat/oauth-1.0a refuses it with the built-in HMAC).',
    variants: (ctx, b) => isSharedSecretMethod(ctx.signatureMethod) && ctx.consumerSecret !== undefined
      ? one({ ...b, keyAmpersandMissing: true }, 'the signer built the key without the "&" between the secrets')
      : [],
  },
  {
    id: 'version-mismatch', stage: 'parameter collection', title: 'oauth_version signed unlike the header',
    rule: 'RFC 5849 §3.4.1.3.1: exactly the protocol parameters sent are signed.',
    fix: 'Sign exactly the protocol parameters you send: add oauth_version to both or to neither.',
    variants: (ctx, b) => one({ ...b, toggleVersion: true }, ctx.oauthParams.some((p) => p[0] === 'oauth_version')
      ? 'the signer signed without oauth_version, but the header sends it'
      : 'the signer signed oauth_version=1.0, but the header does not send it'),
  },
  {
    id: 'realm-signed', stage: 'parameter collection', title: 'realm signed',
    rule: 'RFC 5849 §3.4.1.3.1: the "realm" parameter of the Authorization header is excluded.',
    fix: 'Leave realm out of the signed parameters.',
    variants: (ctx, b) => ctx.realm !== undefined ? one({ ...b, realmSigned: true }, 'the signer included realm as a signed parameter') : [],
  },
  {
    id: 'params-unsorted', stage: 'sort', title: 'parameters not sorted',
    rule: 'RFC 5849 §3.4.1.3.2: parameters are sorted by encoded name, then encoded value, in byte order.',
    fix: 'Sort the encoded [name, value] pairs by name, then value, before joining them.',
    variants: (ctx, b) => (['as-sent', 'oauth-first', 'oauth-last', 'name-only'] as const).map((order) => ({
      faults: { ...b, order }, explanation: `the signer did not sort the parameters: it joined them ${ORDER_TEXT[order]}`,
    })),
  },
  {
    id: 'sorted-before-encoding', stage: 'sort', title: 'sorted before encoding',
    rule: 'RFC 5849 §3.4.1.3.2: first encode, then sort by the encoded bytes.',
    fix: 'Percent-encode names and values first, then sort.',
    variants: (ctx, b) => b.order === 'sorted' ? one({ ...b, sortDecoded: true }, 'the signer sorted the decoded parameters and encoded them afterwards') : [],
  },
  {
    id: 'double-encoded-params', stage: 'encoding', title: 'parameters encoded twice',
    rule: 'RFC 5849 §3.4.1.3.2: names and values are encoded once before normalisation (the whole string is encoded once more in §3.4.1.1).',
    fix: 'Decode what you collect (query, form) before encoding it once; do not pass already-encoded values.',
    variants: (ctx, b) => hasChar(ctx, (s) => /[^A-Za-z0-9\-._~]/.test(s))
      ? one({ ...b, doubleEncode: true }, 'the signer percent-encoded parameter names and values twice')
      : [],
  },
  {
    id: 'lowercase-hex', stage: 'encoding', title: 'lower-case hex digits',
    rule: 'RFC 5849 §3.6: hexadecimal characters in encodings MUST be upper case.',
    fix: 'Emit %XX with upper-case hex (%2F, not %2f).',
    variants: (ctx, b) => one({ ...b, encoder: { ...b.encoder, lowerHex: true } }, 'the signer percent-encoded with lower-case hex digits (%2f instead of %2F)'),
  },
  {
    id: 'method-lowercase', stage: 'method', title: 'method not upper-cased',
    rule: 'RFC 5849 §3.4.1.1: the HTTP request method in uppercase.',
    fix: 'Upper-case the method in the base string.',
    variants: (ctx, b) => one({ ...b, methodLowercase: true }, `the signer put "${ctx.method.toLowerCase()}" instead of "${ctx.method.toUpperCase()}" in the base string`),
  },
  {
    id: 'host-case-kept', stage: 'base string URI', title: 'host not lower-cased',
    rule: 'RFC 5849 §3.4.1.2: the scheme and host MUST be in lowercase.',
    fix: 'Lower-case the host in the base string URI.',
    variants: (ctx, b) => ctx.host !== ctx.host.toLowerCase() ? one({ ...b, hostCaseKept: true }, `the signer kept the host as "${ctx.host}" instead of lower-casing it`) : [],
  },
  {
    id: 'trailing-slash', stage: 'base string URI', title: 'trailing slash differs',
    rule: 'RFC 5849 §3.4.1.2: the path is the one of the request, byte for byte.',
    fix: 'Sign the exact path you send (with or without the final "/").',
    variants: (ctx, b) => ctx.path === '/' ? [] : one({ ...b, toggleTrailingSlash: true }, ctx.path.endsWith('/')
      ? 'the signer signed the path without its trailing "/"'
      : 'the signer signed the path with a trailing "/" the request does not have'),
  },
  {
    id: 'secrets-swapped', stage: 'key', title: 'secrets swapped in the key',
    rule: 'RFC 5849 §3.4.2: the consumer secret comes first, then "&", then the token secret.',
    fix: 'Key = encode(consumerSecret) & encode(tokenSecret) — consumer first.',
    variants: (ctx, b) => isSharedSecretMethod(ctx.signatureMethod) && ctx.consumerSecret !== undefined && ctx.consumerSecret !== (ctx.tokenSecret ?? '')
      ? one({ ...b, secretsSwapped: true }, 'the signer put the token secret first and the consumer secret second in the key')
      : [],
  },
  {
    id: 'signature-method-mismatch', stage: 'signature method', title: 'signed with another method',
    rule: 'RFC 5849 §3.4: the signature is computed with the method named in oauth_signature_method.',
    fix: 'Sign with the method you announce in oauth_signature_method (or announce the one you use).',
    variants: (ctx, b) => alternativeMethods(ctx).map((m) => ({
      faults: { ...b, signatureMethod: m },
      explanation: `the signer computed the signature with ${m} although oauth_signature_method says ${ctx.signatureMethod}`,
    })),
  },
];

/** Methods a signer may have used instead of the announced one, that we can reproduce. */
function alternativeMethods(ctx: PipelineContext): string[] {
  const shared = ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT'];
  const rsa = ['RSA-SHA1', 'RSA-SHA256'];
  if (shared.includes(ctx.signatureMethod)) return ctx.consumerSecret === undefined ? [] : shared.filter((m) => m !== ctx.signatureMethod);
  if (rsa.includes(ctx.signatureMethod)) return ctx.publicKey === undefined && ctx.webPublicKey === undefined ? [] : rsa.filter((m) => m !== ctx.signatureMethod);
  return [];
}

function names(ps: ReadonlyArray<readonly [string, string]>): string {
  return [...new Set(ps.map((p) => p[0]))].join(', ');
}

function truncate(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}

/** Every catalogued id, in priority order. */
export const MISTAKE_IDS: readonly MistakeId[] = MISTAKES.map((m) => m.id);

/**
 * Looks a mistake up by id.
 *
 * @example mistakeById('space-as-plus')?.fix
 */
export function mistakeById(id: string): Mistake | undefined {
  return MISTAKES.find((m) => m.id === id);
}

/**
 * What to say about an `oauth_version` other than "1.0" — not a signing mistake (the signature can
 * be valid) but a refusal waiting to happen: RFC 5849 §3.1 allows only "1.0".
 *
 * @example versionNote('1.0A') // 'oauth_version="1.0A" (what node-oauth sends) is not "1.0": …'
 */
export function versionNote(version: string): string | undefined {
  if (version === '1.0') return undefined;
  const shown = JSON.stringify(version.slice(0, 20));
  const who = version.toUpperCase() === '1.0A' ? ' (what node-oauth sends)' : '';
  return `oauth_version=${shown}${who} is not "1.0": a server following RFC 5849 §3.1 refuses it with version_rejected even when the signature is valid; send "1.0" or leave oauth_version out (an oauth1-toolkit server accepts it only with acceptVersions, oauth1 serve --accept-version ${version.slice(0, 20)})`;
}
