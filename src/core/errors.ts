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
  /** Stable, machine-readable error code such as `ERR_OAUTH_HEADER_MALFORMED` (one of {@link OAuthErrorCode}). */
  readonly code: OAuthErrorCode;

  constructor(code: OAuthErrorCode, message: string, options?: OAuthErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }

  /** A JSON-safe view (`{code, message}`) used by the CLI and logs; never contains secrets. */
  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Codes of {@link EncodingError}. */
export type EncodingErrorCode = 'ERR_OAUTH_PERCENT_ENCODING_MALFORMED' | 'ERR_OAUTH_ENCODING_INVALID_UTF8' | 'ERR_OAUTH_ENCODING_LONE_SURROGATE';

/** A percent-encoded string is malformed (`%` not followed by two hex digits, or invalid UTF-8). */
export class EncodingError extends OAuthError {
  declare readonly code: EncodingErrorCode;
  /** Zero-based offset in the input where the problem starts. */
  readonly position: number;
  constructor(code: EncodingErrorCode, message: string, position: number, options?: OAuthErrorOptions) {
    super(code, message, options);
    this.position = position;
  }
}

/** The request URL cannot be used to build a base string URI (relative, no host, bad port…). */
export class UrlError extends OAuthError {
  declare readonly code: 'ERR_OAUTH_URL_INVALID';
  constructor(message: string, options?: OAuthErrorOptions) {
    super('ERR_OAUTH_URL_INVALID', message, options);
  }
}

/** Codes of {@link HeaderError}. */
export type HeaderErrorCode = 'ERR_OAUTH_HEADER_MALFORMED' | 'ERR_OAUTH_HEADER_DUPLICATE_PARAMETER' | 'ERR_OAUTH_HEADER_NOT_OAUTH';

/** An `Authorization: OAuth …` header does not follow RFC 5849 §3.5.1. */
export class HeaderError extends OAuthError {
  declare readonly code: HeaderErrorCode;
  /** Zero-based offset in the header value where parsing failed. */
  readonly position: number;
  constructor(code: HeaderErrorCode, message: string, position: number, options?: OAuthErrorOptions) {
    super(code, message, options);
    this.position = position;
  }
}

/** The requested signature method is not known to this signer or verifier. */
export class SignatureMethodError extends OAuthError {
  declare readonly code: 'ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED';
  constructor(message: string, options?: OAuthErrorOptions) {
    super('ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED', message, options);
  }
}

/**
 * Codes of {@link KeyError}. `ERR_OAUTH_TOKEN_MISSING`: a token secret was given without a token.
 * For RSA private keys: `ERR_OAUTH_KEY_INVALID` not a readable PEM key, `ERR_OAUTH_KEY_NOT_PRIVATE`
 * a public key or certificate, `ERR_OAUTH_KEY_NOT_RSA` an EC (or other) key,
 * `ERR_OAUTH_KEY_PASSPHRASE_MISSING` / `ERR_OAUTH_KEY_PASSPHRASE_WRONG` an encrypted key, and
 * `ERR_OAUTH_KEY_ENCRYPTED_UNSUPPORTED` an encrypted key given to the WebCrypto signer (decrypt it first).
 */
export type KeyErrorCode =
  | 'ERR_OAUTH_KEY_MISSING' | 'ERR_OAUTH_KEY_INVALID' | 'ERR_OAUTH_SECRET_MISSING' | 'ERR_OAUTH_TOKEN_MISSING'
  | 'ERR_OAUTH_KEY_NOT_PRIVATE' | 'ERR_OAUTH_KEY_NOT_RSA' | 'ERR_OAUTH_KEY_PASSPHRASE_MISSING' | 'ERR_OAUTH_KEY_PASSPHRASE_WRONG'
  | 'ERR_OAUTH_KEY_ENCRYPTED_UNSUPPORTED';

/** A key or secret needed for signing or verification is missing or unusable. */
export class KeyError extends OAuthError {
  declare readonly code: KeyErrorCode;
  constructor(code: KeyErrorCode, message: string, options?: OAuthErrorOptions) {
    super(code, message, options);
  }
}

/** Codes of {@link RequestError}. */
export type RequestErrorCode =
  | 'ERR_OAUTH_REQUEST_INVALID' | 'ERR_OAUTH_METHOD_INVALID' | 'ERR_OAUTH_PLACEMENT_INVALID' | 'ERR_OAUTH_PARAMETER_MISSING'
  | 'ERR_OAUTH_PARAMETER_DUPLICATE' | 'ERR_OAUTH_TIMESTAMP_INVALID' | 'ERR_OAUTH_NONCE_INVALID' | 'ERR_OAUTH_BODY_HASH_FORM'
  | 'ERR_OAUTH_MULTIPART_POLICY_INVALID' | 'ERR_OAUTH_MULTIPART_SIGNED_FIELDS' | 'ERR_OAUTH_INPUT_INVALID';

/** The request to sign or verify is inconsistent (bad method, parameters in the wrong place…). */
export class RequestError extends OAuthError {
  declare readonly code: RequestErrorCode;
  constructor(code: RequestErrorCode, message: string, options?: OAuthErrorOptions) {
    super(code, message, options);
  }
}

/**
 * Every error code, mapped to the class that carries it. Each module that defines an
 * {@link OAuthError} subclass registers its codes here by declaration merging
 * (`declare module '…/core/errors.js' { interface OAuthErrorRegistry { ERR_OAUTH_X: XError } }`),
 * so the union follows the classes while the core imports none of them.
 */
export interface OAuthErrorRegistry {
  ERR_OAUTH_PERCENT_ENCODING_MALFORMED: EncodingError;
  ERR_OAUTH_ENCODING_INVALID_UTF8: EncodingError;
  ERR_OAUTH_ENCODING_LONE_SURROGATE: EncodingError;
  ERR_OAUTH_URL_INVALID: UrlError;
  ERR_OAUTH_HEADER_MALFORMED: HeaderError;
  ERR_OAUTH_HEADER_DUPLICATE_PARAMETER: HeaderError;
  ERR_OAUTH_HEADER_NOT_OAUTH: HeaderError;
  ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED: SignatureMethodError;
  ERR_OAUTH_KEY_MISSING: KeyError;
  ERR_OAUTH_KEY_INVALID: KeyError;
  ERR_OAUTH_SECRET_MISSING: KeyError;
  ERR_OAUTH_TOKEN_MISSING: KeyError;
  ERR_OAUTH_KEY_NOT_PRIVATE: KeyError;
  ERR_OAUTH_KEY_NOT_RSA: KeyError;
  ERR_OAUTH_KEY_PASSPHRASE_MISSING: KeyError;
  ERR_OAUTH_KEY_PASSPHRASE_WRONG: KeyError;
  ERR_OAUTH_KEY_ENCRYPTED_UNSUPPORTED: KeyError;
  ERR_OAUTH_REQUEST_INVALID: RequestError;
  ERR_OAUTH_METHOD_INVALID: RequestError;
  ERR_OAUTH_PLACEMENT_INVALID: RequestError;
  ERR_OAUTH_PARAMETER_MISSING: RequestError;
  ERR_OAUTH_PARAMETER_DUPLICATE: RequestError;
  ERR_OAUTH_TIMESTAMP_INVALID: RequestError;
  ERR_OAUTH_NONCE_INVALID: RequestError;
  ERR_OAUTH_BODY_HASH_FORM: RequestError;
  ERR_OAUTH_MULTIPART_POLICY_INVALID: RequestError;
  ERR_OAUTH_MULTIPART_SIGNED_FIELDS: RequestError;
  ERR_OAUTH_INPUT_INVALID: RequestError;
  /** The server could not read a request body (the client closed the connection, a stream error). */
  ERR_OAUTH_BODY_READ_FAILED: OAuthError;
  /** The sandbox's authorisation page answered unexpectedly (`submitAuthorization`). */
  ERR_OAUTH_SANDBOX_PAGE: OAuthError;
}

/** Every stable error code the toolkit throws: switch on it; a typo is a type error. */
export type OAuthErrorCode = keyof OAuthErrorRegistry;

/**
 * Any error of the family, discriminated by `code`: after `switch (e.code)` or
 * `if (e.code === 'ERR_OAUTH_PROVIDER')` TypeScript knows the class and its fields.
 *
 * @example
 * function explain(e: AnyOAuthError): string {
 *   switch (e.code) {
 *     case 'ERR_OAUTH_PROVIDER': return e.hint;                // ProviderError
 *     case 'ERR_OAUTH_TRANSPORT_TIMEOUT': return `timed out: ${e.url}`; // TransportError
 *     default: return e.message;
 *   }
 * }
 */
export type AnyOAuthError = { [C in OAuthErrorCode]: OAuthErrorRegistry[C] & { readonly code: C } }[OAuthErrorCode];

/**
 * Whether `value` is one of the toolkit's errors, typed as the discriminated {@link AnyOAuthError}.
 *
 * @example if (isOAuthError(e) && e.code === 'ERR_OAUTH_TOKEN_MISSING') …
 */
export function isOAuthError(value: unknown): value is AnyOAuthError {
  return value instanceof OAuthError;
}
