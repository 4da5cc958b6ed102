// TransportError: the request never got an HTTP answer (connection refused, timeout, too many redirects).

import { OAuthError, type OAuthErrorOptions } from '../../core/errors.js';

/** Codes of {@link TransportError}. */
export type TransportErrorCode = 'ERR_OAUTH_TRANSPORT' | 'ERR_OAUTH_TRANSPORT_TIMEOUT' | 'ERR_OAUTH_TRANSPORT_REDIRECTS';

/**
 * The request failed below HTTP: no connection, a timeout, or a redirect loop. The message names
 * the method and URL without its query (which may carry protocol parameters); `cause` keeps the
 * client's own error.
 *
 * @example
 * try { await transport.request({ url }) } catch (e) { if (e instanceof TransportError && e.code === 'ERR_OAUTH_TRANSPORT_TIMEOUT') … }
 */
export class TransportError extends OAuthError {
  declare readonly code: TransportErrorCode;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** URL without query or fragment. */
  readonly url: string;
  constructor(code: TransportErrorCode, message: string, method: string, url: string, options?: OAuthErrorOptions) {
    super(code, message, options);
    this.method = method;
    this.url = url;
  }
}

/**
 * The URL without its query and fragment, safe to print (query placement puts signatures there).
 *
 * @example urlForMessages('http://127.0.0.1:8/a?oauth_signature=x') // 'http://127.0.0.1:8/a'
 */
export function urlForMessages(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/** What is kept of an HTTP client's error: the fields that explain a failure below HTTP. */
const KEPT_FIELDS = ['code', 'errno', 'syscall', 'address', 'port'] as const;

/** URLs in a message without their query and fragment (query placement puts protocol parameters there). */
function withoutQueries(text: string): string {
  return text.replace(/(\bhttps?:\/\/[^\s?#"'<>]*)[?#][^\s"'<>]*/gi, '$1');
}

/**
 * A detached copy of an HTTP client's error, safe to keep as a {@link TransportError}'s `cause`:
 * name, message (URLs cut at the query), `code`, `errno`, `syscall`, `address`, `port`, the stack
 * frames and the same of its own cause chain — nothing else. got's errors carry `options`
 * (the `Authorization` header — a PLAINTEXT signature *is* the secrets — the signed URL, the form
 * body, the call context), `request` and `response`; none of that may reach a logger that walks
 * errors at any depth.
 *
 * @example new TransportError('ERR_OAUTH_TRANSPORT', msg, 'GET', url, { cause: detachedCause(gotError) })
 */
export function detachedCause(error: unknown, depth = 0): Error | undefined {
  if (error === undefined || error === null) return undefined;
  const source = error as { name?: unknown; message?: unknown; stack?: unknown; cause?: unknown } & Record<string, unknown>;
  const message = withoutQueries(typeof source.message === 'string' ? source.message : String(error));
  const copy = new Error(message);
  Object.defineProperty(copy, 'name', { value: typeof source.name === 'string' ? source.name : 'Error', enumerable: false, configurable: true, writable: true });
  const frames = typeof source.stack === 'string' ? source.stack.split('\n').filter((l) => /^\s+at /.test(l)).map(withoutQueries) : [];
  copy.stack = [`${copy.name}: ${message}`, ...frames].join('\n');
  const fields = copy as unknown as Record<string, unknown>;
  if (typeof source === 'object') {
    for (const k of KEPT_FIELDS) {
      const v = source[k];
      if (typeof v === 'string' || typeof v === 'number') fields[k] = typeof v === 'string' ? withoutQueries(v) : v;
    }
    if (depth < 4 && source.cause !== undefined) {
      const cause = detachedCause(source.cause, depth + 1);
      if (cause !== undefined) Object.defineProperty(copy, 'cause', { value: cause, enumerable: false, configurable: true, writable: true });
    }
  }
  return copy;
}

// Registers this module's codes in the error family's union (see OAuthErrorRegistry).
declare module '../../core/errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_TRANSPORT: TransportError;
    ERR_OAUTH_TRANSPORT_TIMEOUT: TransportError;
    ERR_OAUTH_TRANSPORT_REDIRECTS: TransportError;
  }
}
