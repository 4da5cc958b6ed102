// A received request read into the parts the verifier checks — node:http, a Fetch Request or one in memory — with the Host and request-target rules (RFC 9110 §7.2, RFC 9112 §3.2).

import type { IncomingMessage } from 'node:http';
import { isFormContentType } from '../core/base-string.js';
import { OAuthError } from '../core/errors.js';
import { OAuthRequestRejected } from './rejection.js';
import type { Parameters } from '../core/types.js';

/** The part of a Fetch `Headers` object the verifier reads. */
export interface HeadersLike {
  get(name: string): string | null;
}

/** The part of a Fetch `Request` the verifier reads (Hono, workers, Next.js route handlers). */
export interface FetchRequestLike {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  readonly headers: HeadersLike;
  /** The body stream (`null` when there is none); read only when the verifier needs the body. */
  readonly body: ReadableStream<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A request already read into memory (Fetch-style servers, tests, queues). */
export interface PlainHttpRequest {
  /** HTTP method. */
  method: string;
  /** Absolute URL as the client sent it (scheme, host, path, query). */
  url: string;
  /** Header fields, names in any case (the same name under two spellings is refused). */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Raw body, if any. */
  body?: string | Uint8Array;
  /**
   * Parameters the signature covers like form parameters that are not in a form body — the
   * text fields of a multipart body under a provider's "sign the text fields" rule. They never
   * carry protocol parameters.
   */
  extraSignedParams?: Parameters;
}

/** A {@link PlainHttpRequest} whose header fields are a Fetch `Headers` object. */
export type PlainHttpRequestWithHeaders = Omit<PlainHttpRequest, 'headers'> & { headers: HeadersLike };

/**
 * What `verifyRequest` takes: a `node:http` request, a request already in memory (header
 * names in any case, or a Fetch `Headers`), or a Fetch `Request`.
 */
export type VerifiableRequest = IncomingMessage | PlainHttpRequest | PlainHttpRequestWithHeaders | FetchRequestLike;

/** What reading a request needs from the verifier's options. */
export interface InputLimits {
  /** `origin`, without a trailing slash. */
  readonly origin: string | undefined;
  /** `origin` normalised for comparison (see {@link normalizeOrigin}). */
  readonly originKey: string | undefined;
  readonly maxFormBytes: number;
  readonly maxBodyBytes: number;
}

/** Per-request input to the core, once the body is in memory. */
export interface ReceivedParts {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  /** The body is single-part `application/x-www-form-urlencoded` (RFC 5849 §3.4.1.3.1). */
  isForm: boolean;
  body: Buffer | undefined;
  /** True when the body was not read (not a form, no body hash): the stream is left to the app. */
  bodyUnread: boolean;
  /** Signed like form parameters, never protocol parameters (multipart text fields). */
  extraSignedParams: Parameters | undefined;
}

function reject(problem: ConstructorParameters<typeof OAuthRequestRejected>[0], message: string, details?: ConstructorParameters<typeof OAuthRequestRejected>[2]): never {
  throw new OAuthRequestRejected(problem, message, details);
}

type HeaderRecord = Readonly<Record<string, string | readonly string[] | undefined>>;

/** One header field's value from a record whose names are lower case (`node:http`). */
function singleHeader(headers: HeaderRecord, name: string): string | undefined {
  return singleValue(headers[name], name);
}

function singleValue(v: string | readonly string[] | undefined, name: string): string | undefined {
  if (v === undefined || typeof v === 'string') return v;
  if (v.length === 1) return v[0];
  // Deviation (RFC 5849 §3.5.1): two Authorization or Content-Type fields are refused, not merged.
  return reject('parameter_rejected', `the request carries ${v.length} ${name} header fields; send exactly one`, { parametersRejected: [name] });
}

function isHeadersLike(headers: object): headers is HeadersLike {
  return typeof (headers as HeadersLike).get === 'function';
}

/**
 * One header field's value from a Fetch `Headers` or a record with names in any case (field names
 * are case-insensitive, RFC 9110 §5.1); the same name under two spellings is refused like a repeat.
 */
function headerField(headers: HeaderRecord | HeadersLike, name: string): string | undefined {
  if (isHeadersLike(headers)) return headers.get(name) ?? undefined;
  let found: string | readonly string[] | undefined;
  let spellings = 0;
  for (const key in headers) {
    if (key.length !== name.length || (key !== name && key.toLowerCase() !== name)) continue;
    const v = headers[key];
    if (v === undefined) continue;
    found = v;
    spellings++;
  }
  if (spellings > 1) reject('parameter_rejected', `the request carries the ${name} header field under ${spellings} spellings; send exactly one`, { parametersRejected: [name] });
  return singleValue(found, name);
}

// RFC 9110 §7.2: Host = uri-host [ ":" port ], uri-host = IP-literal / IPv4address / reg-name
// (RFC 3986 §3.2.2). Nothing that could end the authority ("/", "?", "#", "@") nor any space.
export const HOST_FIELD = /^(?:\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+)(?::[0-9]{0,5})?$/;

/** `scheme://authority` in lower case without a default or empty port, for comparing origins. */
export function normalizeOrigin(scheme: string, authority: string): string {
  const s = scheme.toLowerCase();
  let a = authority.toLowerCase();
  const defaultPort = s === 'https' ? ':443' : ':80';
  if (a.endsWith(defaultPort)) a = a.slice(0, -defaultPort.length);
  else if (a.endsWith(':')) a = a.slice(0, -1);
  return `${s}://${a}`;
}

function isStream(req: unknown): req is IncomingMessage {
  return typeof (req as IncomingMessage).on === 'function' && typeof (req as IncomingMessage).read === 'function';
}

function tooLarge(max: number): OAuthRequestRejected {
  return new OAuthRequestRejected('body_too_large', `the request body is larger than ${max} bytes`);
}

/** Reads a request body into memory, refusing more than `max` bytes (declared or actual). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > max) return Promise.reject(tooLarge(max));
  return new Promise((resolve, rejectPromise) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (err: unknown, body?: Buffer): void => {
      req.off('data', onData); req.off('end', onEnd); req.off('error', onError); req.off('close', onClose);
      if (err) rejectPromise(err); else resolve(body!);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) { req.pause(); done(tooLarge(max)); return; }
      chunks.push(chunk);
    };
    const onEnd = (): void => done(undefined, Buffer.concat(chunks, size));
    const onError = (err: Error): void => done(new OAuthError('ERR_OAUTH_BODY_READ_FAILED', `reading the request body failed: ${err.message}`, { cause: err }));
    const onClose = (): void => { if (!req.complete) done(new OAuthError('ERR_OAUTH_BODY_READ_FAILED', 'the client closed the connection before the body was complete')); };
    req.on('data', onData); req.on('end', onEnd); req.on('error', onError); req.on('close', onClose);
  });
}

/**
 * The absolute URL of a `node:http` request (RFC 9112 §3.3): the configured origin (or the Host
 * header) plus an origin-form target, or an absolute-form target — which, with `origin` set,
 * must name that origin and contributes only its path and query.
 */
function absoluteUrl(req: IncomingMessage, c: InputLimits): string {
  const target = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  if (target.charCodeAt(0) === 0x2f && target.indexOf('#') === -1) {
    return (c.origin ?? hostOrigin(req)) + target;
  }
  const m = /^(https?):\/\/([^/?#]*)([^#]*)$/i.exec(target);
  if (m === null) {
    return reject('parameter_rejected', `the request target ${JSON.stringify(target.slice(0, 100))} is neither a path nor an absolute http(s) URL without a fragment (RFC 9112 §3.2)`, {});
  }
  const authority = m[2]!;
  const pathAndQuery = m[3] === '' || m[3]!.startsWith('?') ? '/' + m[3] : m[3]!;
  if (!HOST_FIELD.test(authority)) {
    return reject('parameter_rejected', `the request target's authority ${JSON.stringify(authority.slice(0, 100))} is not host[:port] (RFC 9110 §7.2)`, {});
  }
  if (c.origin === undefined) return `${m[1]}://${authority}${pathAndQuery}`;
  if (normalizeOrigin(m[1]!, authority) !== c.originKey) {
    return reject('parameter_rejected', `the request target is an absolute URL for ${normalizeOrigin(m[1]!, authority).slice(0, 120)}, but this server verifies requests for ${c.origin}`, {});
  }
  return c.origin + pathAndQuery;
}

/** `http(s)://` + the Host header, which must be exactly one field of plain `host[:port]` (RFC 9110 §7.2). */
function hostOrigin(req: IncomingMessage): string {
  const host = singleHeader(req.headers, 'host');
  if (host === undefined || host === '') reject('parameter_rejected', 'the request has no Host header, so its URL cannot be rebuilt; set options.origin', { parametersRejected: ['host'] });
  if (!HOST_FIELD.test(host)) {
    reject('parameter_rejected', `the Host header ${JSON.stringify(host.slice(0, 100))} is not host[:port] (RFC 9110 §7.2); set options.origin to verify against a fixed origin`, { parametersRejected: ['host'] });
  }
  // node:http keeps only the first Host field in req.headers; the raw list shows a second one.
  const raw = req.rawHeaders;
  if (Array.isArray(raw)) {
    let fields = 0;
    for (let i = 0; i < raw.length; i += 2) if (raw[i]!.length === 4 && raw[i]!.toLowerCase() === 'host') fields++;
    if (fields > 1) reject('parameter_rejected', `the request carries ${fields} Host header fields; send exactly one (RFC 9110 §7.2)`, { parametersRejected: ['host'] });
  }
  const tls = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  return `${tls ? 'https' : 'http'}://${host}`;
}

/** A plain or Fetch request's URL with its scheme and authority replaced by `origin`, when one is set. */
function rebaseUrl(url: string, c: InputLimits): string {
  if (c.origin === undefined) return url;
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(url);
  if (m === null) return url;
  const rest = url.slice(m[0].length);
  return c.origin + (rest === '' || rest.startsWith('?') || rest.startsWith('#') ? '/' + rest : rest);
}

/**
 * Whether the header or URL may carry `oauth_body_hash`, so the body must be read. Asked only
 * when the body is not a form (read anyway): the scan costs as much as a short hash.
 */
function mentionsBodyHash(authorization: string | undefined, url: string | undefined): boolean {
  return authorization?.includes('oauth_body_hash') === true || (typeof url === 'string' && url.includes('oauth_body_hash'));
}

/** The parts of a request the core needs; synchronous unless a body has to be read from the stream. */
export function toParts(req: VerifiableRequest, c: InputLimits): ReceivedParts | Promise<ReceivedParts> {
  if (req === null || typeof req !== 'object') throw new TypeError('verifyRequest needs a node:http IncomingMessage, a Fetch Request or a {method, url, headers, body} object');
  if (typeof req.method !== 'string') throw new TypeError('request.method must be a string');
  const headers = req.headers;
  if (headers === null || typeof headers !== 'object') throw new TypeError('request.headers must be an object or a Fetch Headers');
  if (isStream(req)) return nodeParts(req, c);
  if (typeof req.url !== 'string') throw new TypeError('request.url must be an absolute URL string');
  const authorization = headerField(headers, 'authorization');
  const contentType = headerField(headers, 'content-type');
  const isForm = isFormContentType(contentType);
  const url = rebaseUrl(req.url, c);
  const max = isForm ? c.maxFormBytes : c.maxBodyBytes;
  if (isFetchRequest(req)) {
    const needBody = isForm || (req.body !== null && mentionsBodyHash(authorization, req.url));
    const parts: ReceivedParts = { method: req.method, url, authorization, contentType, isForm, body: undefined, bodyUnread: !needBody, extraSignedParams: undefined };
    if (!needBody) return parts;
    return readFetchBody(req, headerField(headers, 'content-length'), max).then((body) => { parts.body = body; return parts; });
  }
  const raw = req.body;
  if (raw !== undefined && typeof raw !== 'string' && !(raw instanceof Uint8Array)) throw new TypeError('request.body must be a string or bytes');
  const body = raw === undefined ? undefined : typeof raw === 'string' ? Buffer.from(raw, 'utf8') : asBuffer(raw);
  // Without a body there is nothing to read or limit.
  const needBody = isForm || (body !== undefined && mentionsBodyHash(authorization, req.url));
  if (body !== undefined && body.length > max && needBody) throw tooLarge(max);
  const extra = req.extraSignedParams;
  if (extra !== undefined && (!Array.isArray(extra) || extra.some((p) => !Array.isArray(p) || typeof p[0] !== 'string' || typeof p[1] !== 'string'))) {
    throw new TypeError('extraSignedParams must be [name, value] string pairs');
  }
  return { method: req.method, url, authorization, contentType, isForm, body, bodyUnread: !needBody, extraSignedParams: extra };
}

/** The parts of a `node:http` request, whose header names are lower case. */
function nodeParts(req: IncomingMessage, c: InputLimits): ReceivedParts | Promise<ReceivedParts> {
  const headers = req.headers;
  const authorization = singleHeader(headers, 'authorization');
  const contentType = singleHeader(headers, 'content-type');
  const isForm = isFormContentType(contentType);
  const max = isForm ? c.maxFormBytes : c.maxBodyBytes;
  const url = absoluteUrl(req, c);
  const needBody = isForm || mentionsBodyHash(authorization, req.url);
  if (!needBody) return { method: req.method!, url, authorization, contentType, isForm, body: undefined, bodyUnread: true, extraSignedParams: undefined };
  // A framework may have read the body already (Express `express.raw()`, a `rawBody` property).
  const pre = (req as IncomingMessage & { rawBody?: unknown; body?: unknown }).rawBody ?? (req as { body?: unknown }).body;
  if (typeof pre === 'string' || pre instanceof Uint8Array) {
    const body = typeof pre === 'string' ? Buffer.from(pre, 'utf8') : asBuffer(pre);
    if (body.length > max) throw tooLarge(max);
    return { method: req.method!, url, authorization, contentType, isForm, body, bodyUnread: false, extraSignedParams: undefined };
  }
  if (pre !== undefined && pre !== null && req.readableEnded) {
    throw new TypeError('the request body was already parsed by another middleware; put the OAuth verifier before body parsers, or keep the raw body in req.rawBody');
  }
  const method = req.method!;
  return readBody(req, max).then((body): ReceivedParts => ({ method, url, authorization, contentType, isForm, body, bodyUnread: false, extraSignedParams: undefined }));
}

function isFetchRequest(req: PlainHttpRequest | PlainHttpRequestWithHeaders | FetchRequestLike): req is FetchRequestLike {
  return typeof (req as FetchRequestLike).arrayBuffer === 'function' && isHeadersLike(req.headers);
}

/** Reads a Fetch body into memory, refusing more than `max` bytes (declared or actual). */
async function readFetchBody(req: FetchRequestLike, declared: string | undefined, max: number): Promise<Buffer> {
  if (declared !== undefined && Number(declared) > max) throw tooLarge(max);
  if (req.body === null) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (e) {
      throw new OAuthError('ERR_OAUTH_BODY_READ_FAILED', `reading the request body failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks, size);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
