// The error family: every protocol, input or network failure is an OAuthError with a stable `code`.

/** Options accepted by every {@link OAuthError} constructor. */
export interface OAuthErrorOptions {
  /** The underlying error, kept for debugging; never rendered with secrets. */
  cause?: unknown;
}

/**
 * Base class of every error this toolkit throws for protocol, input or network problems.
 * Switch on `code`, never on the message: codes are stable, messages may improve.
 * A wrong argument *type* is a plain `TypeError` instead.
 *
 * @example
 * ```ts
 * try { signRequest(req) } catch (e) {
 *   if (e instanceof OAuthError && e.code === 'ERR_OAUTH_URL_INVALID') …
 * }
 * ```
 */
export class OAuthError extends Error {
  /** Stable, machine-readable error code such as `ERR_OAUTH_HEADER_MALFORMED`. */
  readonly code: string;

  constructor(code: string, message: string, options?: OAuthErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }

  /** A JSON-safe view (`{code, message}`) used by the CLI and logs; never contains secrets. */
  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** A percent-encoded string is malformed (`%` not followed by two hex digits, or invalid UTF-8). */
export class EncodingError extends OAuthError {
  /** Zero-based offset in the input where the problem starts. */
  readonly position: number;
  constructor(code: 'ERR_OAUTH_PERCENT_ENCODING_MALFORMED' | 'ERR_OAUTH_ENCODING_INVALID_UTF8' | 'ERR_OAUTH_ENCODING_LONE_SURROGATE', message: string, position: number, options?: OAuthErrorOptions) {
    super(code, message, options);
    this.position = position;
  }
}

/** The request URL cannot be used to build a base string URI (relative, no host, bad port…). */
export class UrlError extends OAuthError {
  constructor(message: string, options?: OAuthErrorOptions) {
    super('ERR_OAUTH_URL_INVALID', message, options);
  }
}

/** An `Authorization: OAuth …` header does not follow RFC 5849 §3.5.1. */
export class HeaderError extends OAuthError {
  /** Zero-based offset in the header value where parsing failed. */
  readonly position: number;
  constructor(code: 'ERR_OAUTH_HEADER_MALFORMED' | 'ERR_OAUTH_HEADER_DUPLICATE_PARAMETER' | 'ERR_OAUTH_HEADER_NOT_OAUTH', message: string, position: number, options?: OAuthErrorOptions) {
    super(code, message, options);
    this.position = position;
  }
}

/** The requested signature method is not known to this signer or verifier. */
export class SignatureMethodError extends OAuthError {
  constructor(message: string, options?: OAuthErrorOptions) {
    super('ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED', message, options);
  }
}

/** A key or secret needed for signing or verification is missing or unusable. */
export class KeyError extends OAuthError {
  constructor(code: 'ERR_OAUTH_KEY_MISSING' | 'ERR_OAUTH_KEY_INVALID' | 'ERR_OAUTH_SECRET_MISSING' | 'ERR_OAUTH_TOKEN_MISSING', message: string, options?: OAuthErrorOptions) {
    super(code, message, options);
  }
}

/** The request to sign or verify is inconsistent (bad method, parameters in the wrong place…). */
export class RequestError extends OAuthError {
  constructor(code: string, message: string, options?: OAuthErrorOptions) {
    super(code, message, options);
  }
}
