// UploadError: a multipart file part that cannot be read, or changed while it was being sent.

import { OAuthError, type OAuthErrorOptions } from '../../core/errors.js';

/** Codes of {@link UploadError}. */
export type UploadErrorCode =
  | 'ERR_OAUTH_UPLOAD_FILE_MISSING'
  | 'ERR_OAUTH_UPLOAD_FILE_UNREADABLE'
  | 'ERR_OAUTH_UPLOAD_FILE_CHANGED'
  | 'ERR_OAUTH_UPLOAD_STREAM_LENGTH'
  | 'ERR_OAUTH_UPLOAD_NOT_REPLAYABLE';

/**
 * A file part could not be uploaded as described: the file is missing or unreadable, its size
 * changed between `stat` and the last byte sent, a stream delivered more or fewer bytes than its
 * `knownLength`, or a one-shot stream would have to be read twice (retry, body hash). The
 * request is aborted before its last byte, so a server never sees a short body as complete.
 *
 * @example
 * try { await uploadMultipart(…) } catch (e) {
 *   if (e instanceof UploadError && e.code === 'ERR_OAUTH_UPLOAD_FILE_MISSING') console.error(e.path)
 * }
 */
export class UploadError extends OAuthError {
  declare readonly code: UploadErrorCode;
  /** The multipart field the part belongs to (`pic`, `media[]`). */
  readonly field: string;
  /** The file path, when the part came from a path. */
  readonly path: string | undefined;
  constructor(code: UploadErrorCode, message: string, field: string, path: string | undefined, options?: OAuthErrorOptions) {
    super(code, message, options);
    this.field = field;
    this.path = path;
  }
}

// Registers this module's codes in the error family's union (see OAuthErrorRegistry).
declare module '../../core/errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_UPLOAD_FILE_MISSING: UploadError;
    ERR_OAUTH_UPLOAD_FILE_UNREADABLE: UploadError;
    ERR_OAUTH_UPLOAD_FILE_CHANGED: UploadError;
    ERR_OAUTH_UPLOAD_STREAM_LENGTH: UploadError;
    ERR_OAUTH_UPLOAD_NOT_REPLAYABLE: UploadError;
  }
}
