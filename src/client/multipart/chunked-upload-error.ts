// ChunkedUploadError: a chunked (INIT / APPEND / FINALIZE / STATUS) media upload that cannot go on or be resumed.

import { OAuthError, type OAuthErrorOptions } from '../../core/errors.js';
import type { ChunkedUploadSession } from './chunked-upload.js';

/** Codes of {@link ChunkedUploadError}. */
export type ChunkedUploadErrorCode =
  | 'ERR_OAUTH_CHUNKED_RESPONSE_INVALID'
  | 'ERR_OAUTH_CHUNKED_SEGMENT_FAILED'
  | 'ERR_OAUTH_CHUNKED_SESSION_MISMATCH'
  | 'ERR_OAUTH_CHUNKED_SESSION_EXPIRED'
  | 'ERR_OAUTH_CHUNKED_PROCESSING_FAILED';

/**
 * A chunked media upload failed: the provider's answer to INIT / FINALIZE / STATUS lacks what the
 * protocol needs (`media_id_string`, `processing_info.state`), an APPEND failed after its
 * retries (`session` says where to resume), a saved session does not match the file (size or
 * mtime changed) or has expired, or the provider's processing ended in `failed`.
 * Messages carry the media id and segment index, never a credential.
 *
 * @example
 * try { await uploadMediaChunked(t, { path: 'clip.mp4', mediaType: 'video/mp4' }) } catch (e) {
 *   if (e instanceof ChunkedUploadError && e.session) await saveSession(e.session)
 * }
 */
export class ChunkedUploadError extends OAuthError {
  declare readonly code: ChunkedUploadErrorCode;
  /** The session to resume from (segments acknowledged so far), when one was started. */
  readonly session: ChunkedUploadSession | undefined;
  constructor(code: ChunkedUploadErrorCode, message: string, session?: ChunkedUploadSession, options?: OAuthErrorOptions) {
    super(code, message, options);
    this.session = session;
  }
}

// Registers this module's codes in the error family's union (see OAuthErrorRegistry).
declare module '../../core/errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_CHUNKED_RESPONSE_INVALID: ChunkedUploadError;
    ERR_OAUTH_CHUNKED_SEGMENT_FAILED: ChunkedUploadError;
    ERR_OAUTH_CHUNKED_SESSION_MISMATCH: ChunkedUploadError;
    ERR_OAUTH_CHUNKED_SESSION_EXPIRED: ChunkedUploadError;
    ERR_OAUTH_CHUNKED_PROCESSING_FAILED: ChunkedUploadError;
  }
}
