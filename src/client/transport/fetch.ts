// A fetch-compatible wrapper around Node's global fetch that signs every call, retry and same-origin redirect (RFC 5849 §3).

import { signRequest } from '../../core/sign.js';
import { checkTokenCredentials } from '../../core/credentials.js';
import { parseFormEncoded, formEncode } from '../../core/encoding.js';
import { isFormContentType } from '../../core/base-string.js';
import { placementFor } from '../profile/profile.js';
import type { Parameters, SignRequestInput } from '../../core/types.js';
import { detachedCause, TransportError, urlForMessages } from './transport-error.js';
import { isSuccessResponse, providerErrorFor, skewOffsetFor } from './skew.js';
import type { OAuthCredentials, OAuthTransportOptions, RetryPolicy, SignedAttempt } from './options.js';

/** A `fetch` that signs; also exposes the learnt clock offset. */
export interface OAuthFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Server time minus local time in ms, learnt from `timestamp_refused` answers. */
  clockOffsetMs: number;
}

/** Options of {@link createOAuthFetch}. */
export interface OAuthFetchOptions extends OAuthTransportOptions {
  /** The fetch to wrap. @default globalThis.fetch */
  fetch?: typeof fetch;
}

const RETRY_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE'];
const RETRY_STATUSES = [408, 413, 429, 500, 502, 503, 504, 521, 522, 524];

function retryPolicy(p: RetryPolicy | false | undefined, method: string): { limit: number; statuses: number[]; delay: (n: number) => number } {
  if (p === false) return { limit: 0, statuses: [], delay: () => 0 };
  const methods = (p?.methods ?? RETRY_METHODS).map((m) => m.toUpperCase());
  const allowed = method === 'POST' ? p?.retryPost === true : methods.includes(method);
  const delay = (n: number): number => typeof p?.delayMs === 'function' ? p.delayMs(n) : typeof p?.delayMs === 'number' ? p.delayMs : 1000 * 2 ** (n - 1);
  return { limit: allowed ? p?.limit ?? 2 : 0, statuses: p?.statusCodes ?? RETRY_STATUSES, delay };
}

function timeoutMs(t: OAuthTransportOptions['timeout']): number {
  return typeof t === 'number' ? t : t?.request ?? 30000;
}

/**
 * Wraps `fetch` so that every call is signed with fresh protocol parameters: each retry and each
 * same-origin redirect hop is signed again (redirects are followed here, `redirect: 'manual'`
 * underneath), and a hop to another origin carries no credentials. Form bodies
 * (`URLSearchParams`, or a string with a form content type) are signed. A `timestamp_refused`
 * answer repairs the clock once; non-2xx answers throw {@link ProviderError} unless
 * `throwHttpErrors: false`.
 *
 * @example
 * const oauthFetch = createOAuthFetch({ consumerKey, consumerSecret, token, tokenSecret }, { profile: getProfile('twitter') });
 * const res = await oauthFetch('https://api.twitter.com/1.1/statuses/update.json', { method: 'POST', body: new URLSearchParams({ status: 'hi' }) });
 */
export function createOAuthFetch(credentials: OAuthCredentials, options: OAuthFetchOptions = {}): OAuthFetch {
  if (credentials === null || typeof credentials !== 'object' || typeof credentials.consumerKey !== 'string') {
    throw new TypeError('credentials.consumerKey must be a string');
  }
  checkTokenCredentials(credentials);
  const baseFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const maxRedirects = options.maxRedirects ?? 5;
  const state = { offset: options.clockOffsetMs ?? 0 };

  const sign = (method: string, url: string, form: Parameters | undefined, headers: Headers, attempt: number, redirect: number, origin: string): { url: string; body?: string } => {
    const report = (a: SignedAttempt): void => { options.onSigned?.(a); };
    if (new URL(url).origin !== origin) {
      headers.delete('authorization');
      report({ attempt, redirect, url });
      return form === undefined ? { url } : { url, body: formEncode(form) };
    }
    const placement0 = options.placement ?? (options.profile !== undefined ? placementFor(options.profile, method) : 'header');
    const input: SignRequestInput = {
      method, url, consumerKey: credentials.consumerKey, now: () => now() + state.offset,
      placement: form === undefined && placement0 === 'form' ? 'query' : placement0,
    };
    if (credentials.consumerSecret !== undefined) input.consumerSecret = credentials.consumerSecret;
    if (credentials.privateKey !== undefined) input.privateKey = credentials.privateKey;
    if (credentials.privateKeyPassphrase !== undefined) input.privateKeyPassphrase = credentials.privateKeyPassphrase;
    if (credentials.token !== undefined) { input.token = credentials.token; input.tokenSecret = credentials.tokenSecret ?? ''; }
    const sm = options.signatureMethod ?? options.profile?.signatureMethod;
    if (sm !== undefined) input.signatureMethod = sm;
    const version = options.version !== undefined ? options.version : options.profile?.version;
    if (version !== undefined) input.version = version;
    const realm = options.realm ?? options.profile?.realm;
    if (realm !== undefined) input.realm = realm;
    if (options.generateNonce !== undefined) input.generateNonce = options.generateNonce;
    if (form !== undefined) input.form = form;
    const signed = signRequest(input);
    if (signed.placement === 'header') headers.set('authorization', signed.authorization);
    else headers.delete('authorization');
    report({ attempt, redirect, url: signed.url, signed });
    return signed.body === undefined ? { url: signed.url } : { url: signed.url, body: signed.body };
  };

  const sendOnce = async (method0: string, url0: string, headers0: Headers, form0: Parameters | undefined, rawBody: RequestInit['body'] | undefined, signal: AbortSignal | undefined): Promise<Response> => {
    const policy = retryPolicy(options.retry, method0);
    // A stream body is consumed by the first attempt: it cannot be sent again, so it is not retried.
    const replayable = rawBody === undefined || rawBody === null || typeof rawBody === 'string' || rawBody instanceof URLSearchParams
      || rawBody instanceof Uint8Array || rawBody instanceof ArrayBuffer || rawBody instanceof Blob || rawBody instanceof FormData;
    if (!replayable) policy.limit = 0;
    const origin = new URL(url0).origin;
    for (let attempt = 0; ; attempt++) {
      let method = method0;
      let url = url0;
      let form = form0;
      let body = rawBody;
      const headers = new Headers(headers0);
      let res: Response | undefined;
      let failure: unknown;
      for (let redirect = 0; redirect <= maxRedirects; redirect++) {
        const signed = sign(method, url, method === 'GET' || method === 'HEAD' ? undefined : form, headers, attempt, redirect, origin);
        if (signed.body !== undefined) { body = signed.body; headers.set('content-type', 'application/x-www-form-urlencoded'); }
        const timeout = AbortSignal.timeout(timeoutMs(options.timeout));
        try {
          res = await baseFetch(signed.url, { method, headers, redirect: 'manual', signal: signal ? AbortSignal.any([signal, timeout]) : timeout, ...(body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body } : {}) });
        } catch (e) {
          failure = e;
          res = undefined;
          break;
        }
        const location = res.headers.get('location');
        if (res.status < 300 || res.status >= 400 || location === null || res.status === 304) break;
        if (redirect === maxRedirects) throw new TransportError('ERR_OAUTH_TRANSPORT_REDIRECTS', `${method0} ${urlForMessages(url0)}: too many redirects`, method0, urlForMessages(url0));
        await res.body?.cancel();
        url = new URL(location, url).href;
        // Fetch's rules: 303 turns into GET; 301/302 turn a POST into GET; 307/308 keep method and body.
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          if (method !== 'HEAD') method = 'GET';
          form = undefined;
          body = undefined;
          headers.delete('content-type');
        }
      }
      const retryable = attempt < policy.limit && (res === undefined ? !(signal?.aborted ?? false) : policy.statuses.includes(res.status));
      if (!retryable) {
        if (res !== undefined) return res;
        const e = failure as Error;
        const timedOut = e?.name === 'TimeoutError';
        throw new TransportError(timedOut ? 'ERR_OAUTH_TRANSPORT_TIMEOUT' : 'ERR_OAUTH_TRANSPORT', `${method0} ${urlForMessages(url0)} ${timedOut ? 'timed out' : `failed: ${(e as { cause?: { code?: string } })?.cause?.code ?? e?.message}`}`, method0, urlForMessages(url0), { cause: detachedCause(e) });
      }
      await res?.body?.cancel();
      await new Promise((r) => setTimeout(r, Math.max(1, policy.delay(attempt + 1))));
    }
  };

  const oauthFetch = (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const url0 = input instanceof Request ? input.url : String(input);
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    new Headers(init.headers).forEach((v, k) => headers.set(k, v));
    let rawBody: RequestInit['body'] | undefined = init.body ?? undefined;
    if (rawBody === undefined && input instanceof Request && input.body !== null) rawBody = await input.text();
    let form: Parameters | undefined;
    if (rawBody instanceof URLSearchParams) form = parseFormEncoded(rawBody.toString());
    else if (typeof rawBody === 'string' && isFormContentType(headers.get('content-type') ?? undefined)) form = parseFormEncoded(rawBody);
    if (form !== undefined) rawBody = undefined;
    let url = url0;
    // The profile's extra ordinary parameters (Sina's source=<app key>): into the form, or the query when there is no body.
    const extra = options.profile?.extraParams?.(credentials.consumerKey) ?? [];
    if (extra.length > 0) {
      if (form !== undefined || (method !== 'GET' && method !== 'HEAD' && rawBody === undefined)) {
        const have = form ?? [];
        form = [...have, ...extra.filter(([n]) => !have.some(([m]) => m === n))];
      } else if (rawBody === undefined) {
        const u = new URL(url);
        const missing = extra.filter(([n]) => !u.searchParams.has(n));
        if (missing.length > 0) url = url.split('#')[0]! + (url.includes('?') ? '&' : '?') + formEncode(missing);
      }
    }
    const signal = init.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined;
    // A 2xx is a success unless the profile answers errors with 2xx and this body is one (Tencent).
    const succeeded = async (r: Response): Promise<boolean> => r.ok && (options.profile?.errorsWith2xx !== true
      || isSuccessResponse({ status: r.status, headers: Object.fromEntries(r.headers), body: await r.clone().text() }, options.profile));
    let res = await sendOnce(method, url, headers, form, rawBody, signal);
    if (await succeeded(res)) return res;
    let text = await res.clone().text();
    let error = providerErrorFor({ status: res.status, headers: Object.fromEntries(res.headers), body: text }, options.profile);
    if (options.repairClockSkew !== false) {
      const offset = skewOffsetFor(error, { status: res.status, headers: Object.fromEntries(res.headers), body: text }, now() + state.offset, options.profile);
      if (offset !== undefined) {
        state.offset += offset;
        res = await sendOnce(method, url, headers, form, rawBody, signal);
        if (await succeeded(res)) return res;
        text = await res.clone().text();
        error = providerErrorFor({ status: res.status, headers: Object.fromEntries(res.headers), body: text }, options.profile);
      }
    }
    if (options.throwHttpErrors === false) return res;
    throw error;
  }) as OAuthFetch;
  Object.defineProperty(oauthFetch, 'clockOffsetMs', { get: () => state.offset, set: (v: number) => { state.offset = v; }, enumerable: true });
  return oauthFetch;
}
