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
