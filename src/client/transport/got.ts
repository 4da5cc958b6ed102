// The got transport: signs every attempt and every same-origin redirect hop afresh (RFC 5849 §3.1, §3.3).

import got, { type Got, type NormalizedOptions, type OptionsInit, type RequestError as GotRequestError, type Response } from 'got';
import { signRequest } from '../../core/sign.js';
import { checkTokenCredentials } from '../../core/credentials.js';
import { OAuthError } from '../../core/errors.js';
import { formEncode } from '../../core/encoding.js';
import type { Parameters, Placement, SignRequestInput } from '../../core/types.js';
import { placementFor, type ProviderProfile, type ProviderResponse } from '../profile/profile.js';
import { detachedCause, TransportError, urlForMessages } from './transport-error.js';
import { isSuccessResponse, providerErrorFor, skewOffsetFor } from './skew.js';
import type {
  OAuthCredentials, OAuthHttpRequest, OAuthHttpResponse, OAuthTransportOptions, RetryPolicy, SignedAttempt,
} from './options.js';

const DEFAULT_RETRY_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE'];
const DEFAULT_RETRY_STATUSES = [408, 413, 429, 500, 502, 503, 504, 521, 522, 524];
const CONTEXT_KEY = 'oauth1';

/**
 * What a call puts into got's `context`: an empty handle. The call's state — credentials
 * included — lives in {@link CALL_STATES}, so got's options (which every got error carries as
 * `.options`) hold no secret.
 */
class OAuthCallHandle {}

/** Per-call state by handle; gone with the call. */
const CALL_STATES = new WeakMap<OAuthCallHandle, CallState>();

/** The call state behind a got `context`, if the call is one of ours. */
function stateOf(context: unknown): CallState | undefined {
  const handle = (context as Record<string, unknown> | undefined)?.[CONTEXT_KEY];
  return handle instanceof OAuthCallHandle ? CALL_STATES.get(handle) : undefined;
}

/** Per-call state shared (by reference) between the attempts and redirect hops of one call. */
interface CallState {
  method: string;
  /** The call's URL as given (before any signing), for error messages. */
  url: string;
  origin: string;
  credentials: OAuthCredentials;
  request: OAuthHttpRequest;
  form?: Parameters;
  signedUrl?: string;
  unsignedUrl?: string;
  redirects: number;
  attempts: SignedAttempt[];
}

/** A got-based OAuth 1.0a client transport (see {@link createOAuthGot}). */
export interface OAuthGotTransport {
  /** Sends one request, signed on every attempt; throws {@link ProviderError} on non-2xx unless `throwHttpErrors: false`. */
  request(request: OAuthHttpRequest): Promise<OAuthHttpResponse>;
  /** The got instance with the signing hooks; a call signs only when its `context.oauth1` comes from {@link OAuthGotTransport.callContext}. */
  readonly got: Got;
  /** Builds the `context` for a direct `transport.got(…)` call. */
  callContext(request: OAuthHttpRequest): Record<string, unknown>;
  /** Server time minus local time in ms, learnt from `timestamp_refused` answers. */
  clockOffsetMs: number;
  /** The credentials the transport signs with. */
  readonly credentials: Readonly<OAuthCredentials>;
  /** The provider profile, if any. */
  readonly profile: ProviderProfile | undefined;
  /** A transport with other token credentials that shares this one's clock offset and options. */
  withCredentials(credentials: Partial<OAuthCredentials>): OAuthGotTransport;
}

function retryDelay(policy: RetryPolicy, attempt: number): number {
  if (typeof policy.delayMs === 'function') return policy.delayMs(attempt);
  if (typeof policy.delayMs === 'number') return policy.delayMs;
  return 1000 * 2 ** (attempt - 1);
}

/** got's retry options from our policy; POST only when the caller opted in. */
function gotRetry(policy: RetryPolicy | false | undefined, override: RetryPolicy | boolean | undefined): Record<string, unknown> {
  if (override === false || (policy === false && (override === undefined || override === true))) return { limit: 0 };
  const base: RetryPolicy = { ...(policy === false ? {} : policy ?? {}), ...(typeof override === 'object' ? override : {}) };
  if (override === true) base.retryPost = true;
  const methods = [...(base.methods ?? DEFAULT_RETRY_METHODS)].map((m) => m.toUpperCase());
  if (base.retryPost && !methods.includes('POST')) methods.push('POST');
  if (!base.retryPost) methods.splice(0, methods.length, ...methods.filter((m) => m !== 'POST'));
  const maxRetryAfter = base.maxRetryAfterMs ?? 60000;
  return {
    limit: base.limit ?? 2,
    methods,
    statusCodes: base.statusCodes ?? DEFAULT_RETRY_STATUSES,
    maxRetryAfter,
    calculateDelay: ({ attemptCount, computedValue, retryAfter }: { attemptCount: number; computedValue: number; retryAfter?: number }) => {
      if (computedValue === 0) return 0;
      if (retryAfter !== undefined && retryAfter <= maxRetryAfter) return retryAfter;
      return Math.max(1, retryDelay(base, attemptCount));
    },
  };
}

function gotTimeout(timeout: OAuthTransportOptions['timeout']): Record<string, number> {
  if (typeof timeout === 'number') return { request: timeout };
  const t: Record<string, number> = { request: timeout?.request ?? 30000 };
  if (timeout?.connect !== undefined) t.connect = timeout.connect;
  if (timeout?.response !== undefined) t.response = timeout.response;
  return t;
}

function placementOf(options: OAuthTransportOptions, method: string): Placement {
  return options.placement ?? (options.profile !== undefined ? placementFor(options.profile, method) : 'header');
}

/** The form and URL of a call once the profile's extra parameters (Sina's `source`) are added. */
function withProfileParams(request: OAuthHttpRequest, profile: ProviderProfile | undefined, consumerKey: string, method: string): { url: string; form?: Parameters } {
  const extra: Parameters = request.profileParams === false || profile?.extraParams === undefined ? [] : profile.extraParams(consumerKey);
  if (extra.length === 0) return request.form === undefined ? { url: request.url } : { url: request.url, form: request.form };
  const hasBody = request.form !== undefined || (method !== 'GET' && method !== 'HEAD' && request.body === undefined && request.signedParameters === undefined);
  if (hasBody) {
    const form = request.form ?? [];
    const missing = extra.filter(([n]) => !form.some(([m]) => m === n));
    return { url: request.url, form: [...form, ...missing] };
  }
  if (request.signedParameters !== undefined) return { url: request.url };
  const url = new URL(request.url);
  const missing = extra.filter(([n]) => !url.searchParams.has(n));
  if (missing.length === 0) return { url: request.url };
  const joined = formEncode(missing);
  const base = request.url.split('#')[0]!;
  return { url: base + (base.includes('?') ? '&' : '?') + joined };
}

/** Signs one hop; a hop to another origin goes out with no credentials at all. */
function signHop(options: NormalizedOptions, retryCount: number, transport: { opts: OAuthTransportOptions; clock: () => number }): void {
  const state = stateOf(options.context);
  if (state === undefined) return;
  let url = new URL(options.url as URL | string);
  if (state.signedUrl !== undefined && url.href === state.signedUrl && state.unsignedUrl !== undefined) url = new URL(state.unsignedUrl);
  state.signedUrl = undefined;
  state.unsignedUrl = undefined;
  const method = String(options.method).toUpperCase();
  const form = method === 'GET' || method === 'HEAD' ? undefined : state.form;
  const headers = options.headers as Record<string, string | undefined>;
  const placement = placementOf(transport.opts, method);
  const record = (a: Omit<SignedAttempt, 'attempt' | 'redirect'>): void => {
    const full: SignedAttempt = { attempt: retryCount, redirect: state.redirects, ...a };
    state.attempts.push(full);
    transport.opts.onSigned?.(full);
  };
  if (url.origin !== state.origin) {
    // Credentials never follow a redirect to another origin (scheme, host or port differ).
    delete headers.authorization;
    if (form !== undefined) setBody(options, formEncode(form));
    options.url = url;
    record({ url: url.href });
    return;
  }
  const c = state.credentials;
  const req = state.request;
  const input: SignRequestInput = {
    method, url: url.href, consumerKey: c.consumerKey, placement: form === undefined && placement === 'form' ? 'query' : placement,
    now: transport.clock,
  };
  if (c.consumerSecret !== undefined) input.consumerSecret = c.consumerSecret;
  if (c.privateKey !== undefined) input.privateKey = c.privateKey;
  if (c.privateKeyPassphrase !== undefined) input.privateKeyPassphrase = c.privateKeyPassphrase;
  const token = req.token ?? c.token;
  if (token !== undefined) { input.token = token; input.tokenSecret = req.tokenSecret ?? c.tokenSecret ?? ''; }
  const sigMethod = transport.opts.signatureMethod ?? transport.opts.profile?.signatureMethod;
  if (sigMethod !== undefined) input.signatureMethod = sigMethod;
  const version = transport.opts.version !== undefined ? transport.opts.version : transport.opts.profile?.version;
  if (version !== undefined) input.version = version;
  const realm = transport.opts.realm ?? transport.opts.profile?.realm;
  if (realm !== undefined) input.realm = realm;
  if (transport.opts.generateNonce !== undefined) input.generateNonce = transport.opts.generateNonce;
  if (req.callback !== undefined) input.callback = req.callback;
  if (req.verifier !== undefined) input.verifier = req.verifier;
  if (req.bodyHash !== undefined) input.bodyHash = req.bodyHash;
  if (req.extraOAuthParams !== undefined) input.extraOAuthParams = req.extraOAuthParams;
  if (form !== undefined) input.form = form;
  else if (req.signedParameters !== undefined && method !== 'GET' && method !== 'HEAD') input.form = req.signedParameters;
  const signed = signRequest(input);
  if (signed.placement === 'header') headers.authorization = signed.authorization;
  else delete headers.authorization;
  if (signed.placement === 'query') {
    state.unsignedUrl = url.href;
    url = new URL(signed.url);
    state.signedUrl = url.href;
  }
  if (form !== undefined) setBody(options, signed.body ?? '');
  options.url = url;
  record({ url: url.href, signed });
}

function setBody(options: NormalizedOptions, body: string): void {
  options.body = body;
  const headers = options.headers as Record<string, string | undefined>;
  headers['content-type'] = 'application/x-www-form-urlencoded';
  headers['content-length'] = String(Buffer.byteLength(body));
}

function toResponse(r: Response<string>, attempts: SignedAttempt[]): OAuthHttpResponse {
  return { status: r.statusCode, headers: r.headers as OAuthHttpResponse['headers'], body: r.body, url: r.url, attempts: [...attempts] };
}

/** An error our signing hook threw (a bad key, a token secret without a token…), which got wrapped: the caller gets it as it was thrown. */
function signingError(e: unknown): OAuthError | undefined {
  const cause = (e as { cause?: unknown } | undefined)?.cause;
  return cause instanceof OAuthError && !(cause instanceof TransportError) ? cause : undefined;
}

function transportError(e: unknown, method: string, url: string): TransportError {
  const err = e as GotRequestError;
  const where = `${method} ${urlForMessages(url)}`;
  if (err.name === 'TimeoutError') return new TransportError('ERR_OAUTH_TRANSPORT_TIMEOUT', `${where} timed out (${err.message})`, method, urlForMessages(url), { cause: detachedCause(e) });
  if (err.name === 'MaxRedirectsError') return new TransportError('ERR_OAUTH_TRANSPORT_REDIRECTS', `${where}: too many redirects`, method, urlForMessages(url), { cause: detachedCause(e) });
  return new TransportError('ERR_OAUTH_TRANSPORT', `${where} failed: ${err.code ?? err.message}`, method, urlForMessages(url), { cause: detachedCause(e) });
}

/**
 * Creates a got transport that signs every attempt: got's `beforeRequest` hook runs once per
 * attempt (the first, each retry) and once per redirect hop, so each gets a fresh nonce and
 * timestamp; a hop to another origin gets no `Authorization` header and no protocol parameters.
 * On `timestamp_refused` (Weibo 40104, Twitter 135) it learns the clock offset from
 * `oauth_acceptable_timestamps` or `Date`, re-signs once and keeps the offset.
 *
 * @example
 * const t = createOAuthGot({ consumerKey, consumerSecret, token, tokenSecret }, { profile: getProfile('twitter') });
 * const res = await t.request({ method: 'POST', url: 'https://api.twitter.com/1.1/statuses/update.json', form: [['status', 'hi']] });
 */
export function createOAuthGot(credentials: OAuthCredentials, options: OAuthTransportOptions = {}): OAuthGotTransport {
  if (credentials === null || typeof credentials !== 'object' || typeof credentials.consumerKey !== 'string') {
    throw new TypeError('credentials.consumerKey must be a string');
  }
  checkTokenCredentials(credentials);
  const shared = { offset: options.clockOffsetMs ?? 0 };
  return build({ ...credentials }, options, shared);
}

function build(credentials: OAuthCredentials, options: OAuthTransportOptions, shared: { offset: number }): OAuthGotTransport {
  const now = options.now ?? Date.now;
  const hookEnv = { opts: options, clock: (): number => now() + shared.offset };
  const instance = got.extend({
    throwHttpErrors: false,
    followRedirect: true,
    maxRedirects: options.maxRedirects ?? 5,
    methodRewriting: false,
    timeout: gotTimeout(options.timeout),
    retry: gotRetry(options.retry, undefined),
    hooks: {
      beforeRequest: [(opts, ctx) => { signHop(opts, ctx?.retryCount ?? 0, hookEnv); }],
      beforeRedirect: [(opts) => {
        const state = stateOf(opts.context);
        if (state !== undefined) state.redirects++;
      }],
      // A signed call that fails below HTTP rejects with a TransportError, also for direct `transport.got(…)`
      // calls: got's own error carries its options (the Authorization header — for PLAINTEXT, the secrets).
      beforeError: [(error) => {
        const state = stateOf(error.options?.context);
        const signing = signingError(error);
        if (signing !== undefined) return signing as unknown as typeof error;
        return state === undefined ? error : transportError(error, state.method, state.url) as unknown as typeof error;
      }],
      beforeRetry: [(error) => {
        const opts = error.options;
        const state = stateOf(opts.context);
        if (state !== undefined && typeof state.request.body === 'function') opts.body = state.request.body();
      }],
    },
  });

  const newCall = (request: OAuthHttpRequest): { handle: OAuthCallHandle; state: CallState; url: string } => {
    const method = (request.method ?? 'GET').toUpperCase();
    const { url, form } = withProfileParams(request, options.profile, credentials.consumerKey, method);
    const state: CallState = { method, url, origin: new URL(url).origin, credentials, request, redirects: 0, attempts: [] };
    if (form !== undefined) state.form = form;
    const handle = new OAuthCallHandle();
    CALL_STATES.set(handle, state);
    return { handle, state, url };
  };

  const sendOnce = async (request: OAuthHttpRequest): Promise<OAuthHttpResponse> => {
    const method = (request.method ?? 'GET').toUpperCase();
    const { handle, state, url } = newCall(request);
    const body = typeof request.body === 'function' ? request.body() : request.body;
    try {
      const res = await instance(url, {
        method: method as OptionsInit['method'],
        context: { [CONTEXT_KEY]: handle },
        headers: { ...(request.headers ?? {}) },
        ...(body !== undefined && state.form === undefined ? { body: typeof body === 'string' || body instanceof Uint8Array ? Buffer.from(body) : body } : {}),
        ...(state.form !== undefined ? { body: formEncode(state.form) } : {}),
        ...(request.retry !== undefined ? { retry: gotRetry(options.retry, request.retry) } : {}),
        responseType: 'text',
      } as OptionsInit) as unknown as Response<string>;
      return toResponse(res, state.attempts);
    } catch (e) {
      throw e instanceof OAuthError ? e : signingError(e) ?? transportError(e, method, url);
    }
  };

  const transport: OAuthGotTransport = {
    got: instance,
    credentials,
    profile: options.profile,
    callContext: (request) => ({ [CONTEXT_KEY]: newCall(request).handle }),
    get clockOffsetMs() { return shared.offset; },
    set clockOffsetMs(v: number) { shared.offset = v; },
    withCredentials: (more) => {
      const next = { ...credentials, ...more };
      checkTokenCredentials(next);
      return build(next, options, shared);
    },
    async request(request) {
      if (request === null || typeof request !== 'object' || typeof request.url !== 'string') throw new TypeError('request.url must be a string');
      // A per-call token replaces the transport's; a per-call secret alone would sign with a token nobody sends.
      checkTokenCredentials({ token: request.token ?? credentials.token, tokenSecret: request.tokenSecret ?? credentials.tokenSecret });
      let res = await sendOnce(request);
      if (isSuccessResponse(res, options.profile)) return res;
      let error = providerErrorFor(res, options.profile, hookEnv.clock);
      if (options.repairClockSkew !== false) {
        const offset = skewOffsetFor(error, res, hookEnv.clock(), options.profile);
        if (offset !== undefined) {
          shared.offset += offset;
          const first = res.attempts;
          res = await sendOnce(request);
          res.attempts = [...first, ...res.attempts];
          if (isSuccessResponse(res, options.profile)) return res;
          error = providerErrorFor(res, options.profile, hookEnv.clock);
        }
      }
      if (options.throwHttpErrors === false) return res;
      throw error;
    },
  };
  return transport;
}

/**
 * Converts a transport response to what the provider error decoders read.
 *
 * @example decodeProviderError(providerResponseOf(res), profile)
 */
export function providerResponseOf(res: OAuthHttpResponse): ProviderResponse {
  return { status: res.status, headers: res.headers, body: res.body };
}

