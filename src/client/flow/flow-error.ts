// Errors of the three-legged flow (RFC 5849 §2): bad token responses, unconfirmed callbacks, bad callbacks.

import { OAuthError, type OAuthErrorOptions } from '../../core/errors.js';

/** Longest body excerpt kept on a {@link TokenResponseError}. */
export const BODY_EXCERPT_LIMIT = 200;

/**
 * A temporary- or token-credentials response could not be used: no `oauth_token` or
 * `oauth_token_secret`, or a body that is neither form-encoded nor JSON. Carries the HTTP status
 * and a bounded excerpt of the body with secret values replaced by `<redacted>`.
 *
 * @example
 * catch (e) { if (e instanceof TokenResponseError) console.log(e.status, e.bodyExcerpt) }
 */
export class TokenResponseError extends OAuthError {
  declare readonly code: 'ERR_OAUTH_TOKEN_RESPONSE_INVALID';
  /** HTTP status of the response. */
  readonly status: number;
  /** At most {@link BODY_EXCERPT_LIMIT} characters of the body, secrets redacted. */
  readonly bodyExcerpt: string;
  constructor(message: string, status: number, bodyExcerpt: string, options?: OAuthErrorOptions) {
    super('ERR_OAUTH_TOKEN_RESPONSE_INVALID', message, options);
    this.status = status;
    this.bodyExcerpt = bodyExcerpt;
  }
}

/**
 * The provider answered the temporary-credentials request without `oauth_callback_confirmed=true`
 * (RFC 5849 §2.1): it is an OAuth 1.0 (pre-1.0a) provider, or something in between rewrote the
 * answer. Pass `allowUnconfirmedCallback: true` to accept it knowingly.
 *
 * @example
 * catch (e) { if (e instanceof CallbackNotConfirmedError) console.error('pre-1.0a provider?', e.received) }
 */
export class CallbackNotConfirmedError extends OAuthError {
  declare readonly code: 'ERR_OAUTH_CALLBACK_NOT_CONFIRMED';
  /** The value received, or undefined when the parameter was absent. */
  readonly received: string | undefined;
  constructor(received: string | undefined, options?: OAuthErrorOptions) {
    super('ERR_OAUTH_CALLBACK_NOT_CONFIRMED',
      received === undefined
        ? 'the temporary-credentials response has no oauth_callback_confirmed; RFC 5849 §2.1 requires oauth_callback_confirmed=true (set allowUnconfirmedCallback for pre-1.0a providers)'
        : `the temporary-credentials response has oauth_callback_confirmed=${JSON.stringify(received.slice(0, 20))}, not "true" (RFC 5849 §2.1)`,
      options);
    this.received = received;
  }
}

/** Codes of {@link CallbackError}. */
export type CallbackErrorCode = 'ERR_OAUTH_CALLBACK_INVALID' | 'ERR_OAUTH_CALLBACK_TOKEN_MISMATCH' | 'ERR_OAUTH_AUTHORIZATION_DENIED';

/**
 * The authorisation callback cannot be used: not a URL, no `oauth_token`/`oauth_verifier`, a
 * token other than the one we asked to authorise, or the user pressed Deny (`denied=…`).
 *
 * @example
 * catch (e) { if (e instanceof CallbackError && e.code === 'ERR_OAUTH_AUTHORIZATION_DENIED') showDeniedPage() }
 */
export class CallbackError extends OAuthError {
  declare readonly code: CallbackErrorCode;
  constructor(code: CallbackErrorCode, message: string, options?: OAuthErrorOptions) {
    super(code, message, options);
  }
}

// Registers this module's codes in the error family's union (see OAuthErrorRegistry).
declare module '../../core/errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_TOKEN_RESPONSE_INVALID: TokenResponseError;
    ERR_OAUTH_CALLBACK_NOT_CONFIRMED: CallbackNotConfirmedError;
    ERR_OAUTH_CALLBACK_INVALID: CallbackError;
    ERR_OAUTH_CALLBACK_TOKEN_MISMATCH: CallbackError;
    ERR_OAUTH_AUTHORIZATION_DENIED: CallbackError;
  }
}
