// Postman Collection v2.1 exports: the OAuth 1.0 settings and the request of one item, variables resolved.

import { OAuthError, type OAuthErrorOptions } from '../../core/errors.js';
import type { Parameter } from '../../core/types.js';

/** Codes of {@link PostmanCollectionError}. */
export type PostmanCollectionErrorCode =
  | 'ERR_OAUTH_POSTMAN_COLLECTION_INVALID' | 'ERR_OAUTH_POSTMAN_REQUEST_UNKNOWN' | 'ERR_OAUTH_POSTMAN_REQUEST_AMBIGUOUS' | 'ERR_OAUTH_POSTMAN_NO_OAUTH1';

/** A Postman collection or environment that cannot be used: not v2.1 JSON, no such request, several requests and none named, no OAuth 1.0 auth. Never carries a secret. */
export class PostmanCollectionError extends OAuthError {
  declare readonly code: PostmanCollectionErrorCode;
  /** For `ERR_OAUTH_POSTMAN_REQUEST_AMBIGUOUS` / `_UNKNOWN`: the request names the collection holds. */
  readonly requestNames: readonly string[];
  constructor(code: PostmanCollectionErrorCode, message: string, requestNames: readonly string[] = [], options?: OAuthErrorOptions) {
    super(code, message, options);
    this.requestNames = requestNames;
  }
}

// Registers this module's codes in the error family's union (see OAuthErrorRegistry).
declare module '../../core/errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_POSTMAN_COLLECTION_INVALID: PostmanCollectionError;
    ERR_OAUTH_POSTMAN_REQUEST_UNKNOWN: PostmanCollectionError;
    ERR_OAUTH_POSTMAN_REQUEST_AMBIGUOUS: PostmanCollectionError;
    ERR_OAUTH_POSTMAN_NO_OAUTH1: PostmanCollectionError;
  }
}

/** The OAuth 1.0 settings of Postman's Authorization tab (the `oauth1` array of a v2.1 `auth`), variables resolved. */
export interface PostmanOAuth1Settings {
  signatureMethod: string;
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
  /** PEM private key for RSA-* (Postman's "Private Key"). */
  privateKey: string;
  realm: string;
  callback: string;
  verifier: string;
  /** Fixed timestamp / nonce ("" = Postman generates one per send). */
  timestamp: string;
  nonce: string;
  version: string;
  /** "Add authorization data to": request headers (true) or body/URL (false). */
  addParamsToHeader: boolean;
  /** "Add empty parameters to signature". */
  addEmptyParamsToSign: boolean;
  /** "Encode the parameters in the Authorization header" unticked. */
  disableHeaderEncoding: boolean;
  /** "Include body hash". */
  includeBodyHash: boolean;
  /** The Chrome app's "Encode OAuth signature" (encodeOAuthSign), still found in old exports; ignored by postman-runtime since 2017. */
  encodeOAuthSign?: boolean;
}

/** One request of a collection, as Postman would send it before signing. */
export interface PostmanRequest {
  /** Item name. */
  name: string;
  /** Folder names from the collection root down. */
  folders: string[];
  method: string;
  /** Absolute URL, variables resolved. */
  url: string;
  headers: Parameter[];
  /** `urlencoded` body: enabled pairs (decoded, as typed in Postman). */
  form?: Parameter[];
  /** `raw` body text and its content type (from the Content-Type header or the raw language). */
  raw?: { text: string; contentType?: string };
  /** Other body modes (formdata, file, graphql): named only. */
  bodyMode?: string;
  /** The OAuth 1.0 settings in force (its own, or inherited), or undefined when the auth in force is not OAuth 1.0. */
  oauth1?: PostmanOAuth1Settings;
  /** Where `oauth1` came from: "request", "folder NAME" or "collection". */
  authFrom?: string;
}

/** A parsed collection. */
export interface PostmanCollection {
  name: string;
  requests: PostmanRequest[];
}

interface KV { key?: unknown; value?: unknown; disabled?: unknown; enabled?: unknown }
interface Auth { type?: unknown; oauth1?: unknown }
interface Item { name?: unknown; item?: unknown; request?: unknown; auth?: unknown }

function invalid(message: string): PostmanCollectionError {
  return new PostmanCollectionError('ERR_OAUTH_POSTMAN_COLLECTION_INVALID', message);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    // The parser's message names a position, never the content.
    throw invalid(`${what} is not JSON (${(e as Error).message.replace(/"[^"]*"/g, '…').slice(0, 80)})`);
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** Variables of an environment export (`values`) or a collection (`variable`): enabled ones. */
function variables(list: unknown, what: string): Map<string, string> {
  const out = new Map<string, string>();
  if (list === undefined) return out;
  if (!Array.isArray(list)) throw invalid(`${what} must be an array`);
  for (const v of list as KV[]) {
    if (!isObject(v) || typeof v.key !== 'string') throw invalid(`${what} holds an entry without a string "key"`);
    if (v.disabled === true || v.enabled === false) continue;
    out.set(v.key, v.value === undefined || v.value === null ? '' : String(v.value));
  }
  return out;
}

/** Replaces `{{name}}` with its value (nested references too, ten levels at most); unknown names are left as written. */
function resolver(vars: Map<string, string>): (s: string) => string {
  return (s) => {
    let out = s;
    for (let i = 0; i < 10 && /\{\{[^{}]+\}\}/.test(out); i++) {
      const next = out.replace(/\{\{([^{}]+)\}\}/g, (m, name: string) => vars.get(name.trim()) ?? m);
      if (next === out) break;
      out = next;
    }
    return out;
  };
}

function flag(v: unknown): boolean {
  return v === true || v === 'true';
}

function settingsOf(auth: Auth, where: string, resolve: (s: string) => string): PostmanOAuth1Settings {
  if (!Array.isArray(auth.oauth1)) throw invalid(`the OAuth 1.0 auth of ${where} has no "oauth1" array`);
  const raw = new Map<string, unknown>();
  for (const kv of auth.oauth1 as KV[]) {
    if (!isObject(kv) || typeof kv.key !== 'string') throw invalid(`the OAuth 1.0 auth of ${where} holds an entry without a string "key"`);
    raw.set(kv.key, kv.value);
  }
  const str = (k: string, d = ''): string => {
    const v = raw.get(k);
    return v === undefined || v === null ? d : resolve(String(v));
  };
  const s: PostmanOAuth1Settings = {
    signatureMethod: str('signatureMethod', 'HMAC-SHA1'), consumerKey: str('consumerKey'), consumerSecret: str('consumerSecret'),
    token: str('token'), tokenSecret: str('tokenSecret'), privateKey: str('privateKey'), realm: str('realm'), callback: str('callback'),
    verifier: str('verifier'), timestamp: str('timestamp'), nonce: str('nonce'), version: str('version'),
    addParamsToHeader: flag(raw.get('addParamsToHeader')), addEmptyParamsToSign: flag(raw.get('addEmptyParamsToSign')),
    disableHeaderEncoding: flag(raw.get('disableHeaderEncoding')), includeBodyHash: flag(raw.get('includeBodyHash')),
  };
  if (raw.has('encodeOAuthSign')) s.encodeOAuthSign = flag(raw.get('encodeOAuthSign'));
  return s;
}

function urlOf(url: unknown, resolve: (s: string) => string, where: string): string {
  if (typeof url === 'string') return resolve(url);
  if (!isObject(url)) throw invalid(`${where} has no request url`);
  if (typeof url.raw === 'string') return resolve(url.raw);
  // No raw form: put it together from its parts.
  const host = Array.isArray(url.host) ? url.host.join('.') : typeof url.host === 'string' ? url.host : '';
  const path = Array.isArray(url.path) ? url.path.join('/') : typeof url.path === 'string' ? url.path.replace(/^\//, '') : '';
  const query = Array.isArray(url.query) ? (url.query as KV[]).filter((q) => q.disabled !== true).map((q) => `${String(q.key)}${q.value === null || q.value === undefined ? '' : '=' + String(q.value)}`).join('&') : '';
  const protocol = typeof url.protocol === 'string' ? url.protocol : 'https';
  const port = typeof url.port === 'string' && url.port !== '' ? ':' + url.port : '';
  return resolve(`${protocol}://${host}${port}/${path}${query === '' ? '' : '?' + query}`);
}

function pairs(list: unknown, resolve: (s: string) => string): Parameter[] {
  if (!Array.isArray(list)) return [];
  return (list as KV[]).filter((p) => isObject(p) && p.disabled !== true && typeof p.key === 'string')
    .map((p) => [resolve(String(p.key)), p.value === undefined || p.value === null ? '' : resolve(String(p.value))] as Parameter);
}

const RAW_TYPES: Record<string, string> = { json: 'application/json', xml: 'application/xml', html: 'text/html', javascript: 'application/javascript', text: 'text/plain' };

function requestOf(item: Item, folders: string[], inherited: { auth?: Auth; from: string }, resolve: (s: string) => string): PostmanRequest {
  const name = String(item.name ?? '(unnamed)');
  const where = `request ${JSON.stringify(name.slice(0, 60))}`;
  const r = typeof item.request === 'string' ? { url: item.request } : item.request;
  if (!isObject(r)) throw invalid(`${where} has no request object`);
  const method = typeof r.method === 'string' ? r.method.toUpperCase() : 'GET';
  const headers = pairs(r.header, resolve);
  const out: PostmanRequest = { name, folders, method, url: urlOf(r.url, resolve, where), headers };
  const body = r.body;
  if (isObject(body) && body.disabled !== true) {
    if (body.mode === 'urlencoded') out.form = pairs(body.urlencoded, resolve);
    else if (body.mode === 'raw' && typeof body.raw === 'string') {
      const language = isObject(body.options) && isObject(body.options.raw) && typeof body.options.raw.language === 'string' ? body.options.raw.language : 'text';
      const contentType = headers.find((h) => h[0].toLowerCase() === 'content-type')?.[1] ?? RAW_TYPES[language];
      out.raw = { text: resolve(body.raw), ...(contentType === undefined ? {} : { contentType }) };
    } else if (typeof body.mode === 'string') out.bodyMode = body.mode;
  }
  const own = isObject(r.auth) ? (r.auth as Auth) : undefined;
  const auth = own !== undefined && own.type !== 'inherit' ? { auth: own, from: 'request' } : inherited;
  if (auth.auth !== undefined && auth.auth.type === 'oauth1') {
    out.oauth1 = settingsOf(auth.auth, auth.from === 'request' ? where : auth.from, resolve);
    out.authFrom = auth.from;
  }
  return out;
}

/**
 * Reads a Postman Collection v2.1 export (and optionally an environment export): every request
 * with the OAuth 1.0 settings in force for it — its own `auth`, else the nearest folder's, else
 * the collection's — and `{{variables}}` resolved from the environment first, then the
 * collection's `variable` array.
 *
 * @throws {PostmanCollectionError} `ERR_OAUTH_POSTMAN_COLLECTION_INVALID` for text that is not a v2.x collection (or environment).
 * @example parsePostmanCollection(readFileSync('api.postman_collection.json', 'utf8')).requests.map((r) => r.name)
 */
export function parsePostmanCollection(collectionText: string, environmentText?: string): PostmanCollection {
  const c = parseJson(collectionText, 'the Postman collection');
  if (!isObject(c) || !isObject(c.info) || !Array.isArray(c.item)) throw invalid('not a Postman collection: it needs "info" and an "item" array (export it as Collection v2.1)');
  const schema = typeof c.info.schema === 'string' ? c.info.schema : '';
  if (schema !== '' && !/collection\/v2\.[01]\.\d+\/collection\.json$/.test(schema)) throw invalid(`unsupported collection schema ${JSON.stringify(schema.slice(0, 100))}: export it as Collection v2.1`);
  const vars = variables(c.variable, 'the collection\'s "variable"');
  if (environmentText !== undefined) {
    const env = parseJson(environmentText, 'the Postman environment');
    if (!isObject(env) || !Array.isArray(env.values)) throw invalid('not a Postman environment: it needs a "values" array');
    for (const [k, v] of variables(env.values, 'the environment\'s "values"')) vars.set(k, v);
  }
  const resolve = resolver(vars);
  const requests: PostmanRequest[] = [];
  const walk = (items: unknown[], folders: string[], inherited: { auth?: Auth; from: string }): void => {
    for (const item of items as Item[]) {
      if (!isObject(item)) throw invalid('an "item" entry is not an object');
      const auth = isObject(item.auth) && item.auth.type !== 'inherit' ? { auth: item.auth as Auth, from: `folder ${JSON.stringify(String(item.name ?? ''))}` } : inherited;
      if (Array.isArray(item.item)) walk(item.item, [...folders, String(item.name ?? '')], auth);
      else requests.push(requestOf(item, folders, inherited, resolve));
    }
  };
  walk(c.item, [], isObject(c.auth) ? { auth: c.auth as Auth, from: 'collection' } : { from: 'collection' });
  return { name: String(c.info.name ?? ''), requests };
}

/**
 * Picks the request named `name` (its item name, or its folder path and name joined with "/");
 * without a name, the only request.
 *
 * @throws {PostmanCollectionError} `ERR_OAUTH_POSTMAN_REQUEST_UNKNOWN`, `ERR_OAUTH_POSTMAN_REQUEST_AMBIGUOUS` (names listed), `ERR_OAUTH_POSTMAN_NO_OAUTH1`.
 * @example selectPostmanRequest(parsePostmanCollection(text), 'Statuses/Update status')
 */
export function selectPostmanRequest(collection: PostmanCollection, name?: string): PostmanRequest {
  const full = (r: PostmanRequest): string => [...r.folders, r.name].join('/');
  const names = collection.requests.map(full);
  let found: PostmanRequest[];
  if (name === undefined) {
    if (collection.requests.length !== 1) {
      throw new PostmanCollectionError(collection.requests.length === 0 ? 'ERR_OAUTH_POSTMAN_COLLECTION_INVALID' : 'ERR_OAUTH_POSTMAN_REQUEST_AMBIGUOUS',
        collection.requests.length === 0 ? 'the collection holds no request' : `the collection holds ${names.length} requests; pick one with --request NAME: ${names.map((n) => JSON.stringify(n)).join(', ')}`, names);
    }
    found = collection.requests;
  } else {
    found = collection.requests.filter((r) => full(r) === name);
    if (found.length === 0) found = collection.requests.filter((r) => r.name === name);
    if (found.length === 0) throw new PostmanCollectionError('ERR_OAUTH_POSTMAN_REQUEST_UNKNOWN', `no request named ${JSON.stringify(name.slice(0, 80))}; the collection holds ${names.map((n) => JSON.stringify(n)).join(', ')}`, names);
    if (found.length > 1) throw new PostmanCollectionError('ERR_OAUTH_POSTMAN_REQUEST_AMBIGUOUS', `${found.length} requests are named ${JSON.stringify(name.slice(0, 80))}; give the folder path: ${found.map((r) => JSON.stringify(full(r))).join(', ')}`, names);
  }
  const r = found[0]!;
  if (r.oauth1 === undefined) throw new PostmanCollectionError('ERR_OAUTH_POSTMAN_NO_OAUTH1', `request ${JSON.stringify(full(r).slice(0, 80))} does not use OAuth 1.0 (its own auth, its folders' and the collection's)`, names);
  return r;
}
