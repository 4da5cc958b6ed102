// X (Twitter) v1.1 chunked media upload: INIT / APPEND / FINALIZE / STATUS, each request signed afresh (RFC 5849 §3.4.1.3).

import { stat } from 'node:fs/promises';
import type { OAuthGotTransport } from '../transport/got.js';
import type { OAuthHttpResponse, RetryPolicy } from '../transport/options.js';
import { AppendBufferPool, APPEND_FRAMING_ROOM, APPEND_READ_SIZE, createAppendBody } from './append-body.js';
import { UploadError } from './upload-error.js';
import { ChunkedUploadError } from './chunked-upload-error.js';

/** X's v1.1 media upload endpoint. */
export const TWITTER_MEDIA_UPLOAD_URL = 'https://upload.twitter.com/1.1/media/upload.json';

/** Default segment size: 4 MiB (X accepts up to 5 MB per APPEND). */
export const DEFAULT_SEGMENT_SIZE = 4 * 1024 * 1024;

/**
 * Where a chunked upload stands: enough to resume it in another process. Plain JSON; holds no
 * credential. Emitted after INIT and after every acknowledged APPEND.
 */
export interface ChunkedUploadSession {
  /** Format version of this object. */
  version: 1;
  /** The media upload endpoint. */
  url: string;
  /** `media_id_string` from INIT. */
  mediaId: string;
  /** The file, and what it was when INIT was sent (a resume refuses a file whose size or mtime changed). */
  path: string;
  size: number;
  mtimeMs: number;
  /** `media_type` sent in INIT. */
  mediaType: string;
  /** Bytes per segment. */
  segmentSize: number;
  /** Number of segments. */
  segmentCount: number;
  /** Index of the next segment to send (= segments acknowledged so far). */
  nextSegment: number;
  /** When the provider forgets the media id (INIT's `expires_after_secs`), ms since the epoch. */
  expiresAt?: number;
}

/** Progress across segments. */
export interface ChunkedUploadProgress {
  /** File bytes sent so far (acknowledged segments plus the current one's share). */
  bytesSent: number;
  /** File size. */
  total: number;
  /** Segment being sent. */
  segmentIndex: number;
  /** Number of segments. */
  segmentCount: number;
  /** 0 for the segment's first attempt, 1 for its first retry… */
  attempt: number;
}

/** Options of {@link uploadMediaChunked}. */
export interface ChunkedUploadOptions {
  /** The file to upload (streamed, one segment at a time; never read whole). */
  path: string;
  /** `media_type` for INIT, e.g. `video/mp4`. */
  mediaType: string;
  /** `media_category` for INIT (`tweet_image`, `tweet_gif`, `tweet_video`…). */
  mediaCategory?: string;
  /** The endpoint (point it at the sandbox: `http://127.0.0.1:PORT/1.1/media/upload.json`). @default {@link TWITTER_MEDIA_UPLOAD_URL} */
  url?: string;
  /** Bytes per APPEND. @default 4194304 */
  segmentSize?: number;
  /** Retry policy of each APPEND on its own (each attempt signed with a new nonce). @default { limit: 3, retryPost: true, delayMs: 500 × 2^(n−1) } */
  retry?: RetryPolicy | false;
  /** Progress across segments. */
  onProgress?: (progress: ChunkedUploadProgress) => void;
  /** Called with the session after INIT and after each acknowledged segment (persist it to resume). */
  onSession?: (session: ChunkedUploadSession) => void;
  /** A saved session to resume from (its file must be unchanged; INIT is not sent again). */
  resume?: ChunkedUploadSession;
  /** Sleep between STATUS polls (tests pass a fake). @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Clock, ms (session expiry). @default Date.now */
  now?: () => number;
  /** Most STATUS polls before giving up. @default 100 */
  maxStatusPolls?: number;
}

/** Outcome of {@link uploadMediaChunked}. */
export interface ChunkedUploadResult {
  /** `media_id_string`: what a Tweet's `media_ids` takes. */
  mediaId: string;
  /** The last answer (FINALIZE, or the STATUS that reported `succeeded`), parsed. */
  response: Record<string, unknown>;
  /** Segments sent by this call, and APPEND requests sent (retries included). */
  segmentsSent: number;
  appendRequests: number;
  /** STATUS requests sent, and the `check_after_secs` values waited (seconds). */
  statusPolls: number;
  waitedSecs: number[];
  /** The segment this call started from (0 unless resumed). */
  resumedFrom: number;
}

function parseJson(res: OAuthHttpResponse, step: string, session?: ChunkedUploadSession): Record<string, unknown> {
  let value: unknown;
  try { value = JSON.parse(res.body); } catch { value = undefined; }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChunkedUploadError('ERR_OAUTH_CHUNKED_RESPONSE_INVALID', `${step} answered HTTP ${res.status} with a body that is not a JSON object`, session);
  }
  return value as Record<string, unknown>;
}

function checkSession(s: ChunkedUploadSession): void {
  if (s === null || typeof s !== 'object' || s.version !== 1 || typeof s.mediaId !== 'string' || typeof s.path !== 'string'
    || !Number.isSafeInteger(s.nextSegment) || !Number.isSafeInteger(s.segmentSize) || s.segmentSize <= 0 || !Number.isSafeInteger(s.size)) {
    throw new TypeError('resume must be a session emitted by uploadMediaChunked (version 1)');
  }
}

/**
 * Uploads a file through X's (Twitter's) v1.1 chunked media upload, OAuth 1.0a user context:
 * INIT (`command`, `total_bytes`, `media_type` as form parameters, signed), one APPEND per
 * segment (multipart/form-data — `command`, `media_id`, `segment_index`, `media` — with no field
 * signed, as X verifies it), FINALIZE (form, signed), then STATUS (`GET` with the query, signed)
 * while `processing_info.state` is `pending` or `in_progress`, waiting `check_after_secs` between
 * polls. Each segment is streamed from disk; each APPEND is retried on its own, every attempt
 * signed with a new nonce. After every acknowledged segment `onSession` gets a session that
 * `resume` accepts in a later call (even in another process), which continues at the next
 * segment after checking the file's size and mtime.
 *
 * @throws {ChunkedUploadError} bad answers, an APPEND failing after its retries (with `session`), a mismatched or expired session, processing `failed`.
 * {@link UploadError} the file is missing, unreadable or changed. {@link ProviderError} / {@link TransportError} INIT, FINALIZE or STATUS refused or unanswered.
 * @example
 * const t = createOAuthGot({ consumerKey, consumerSecret, token, tokenSecret }, { profile: getProfile('twitter') });
 * const { mediaId } = await uploadMediaChunked(t, {
 *   path: 'clip.mp4', mediaType: 'video/mp4', mediaCategory: 'tweet_video',
 *   onProgress: (p) => console.log(`${p.bytesSent}/${p.total}`),
 *   onSession: (s) => writeFileSync('upload.session.json', JSON.stringify(s)),
 * });
 */
export async function uploadMediaChunked(transport: OAuthGotTransport, options: ChunkedUploadOptions): Promise<ChunkedUploadResult> {
  if (options === null || typeof options !== 'object' || typeof options.path !== 'string') throw new TypeError('options.path must be a string');
  if (typeof options.mediaType !== 'string' || options.mediaType === '') throw new TypeError('options.mediaType must be a non-empty string');
  const segmentSize = options.resume?.segmentSize ?? options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
  if (!Number.isSafeInteger(segmentSize) || segmentSize <= 0) throw new TypeError('segmentSize must be a positive whole number of bytes');
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retry: RetryPolicy | false = options.retry ?? { limit: 3, retryPost: true, delayMs: (n) => 500 * 2 ** (n - 1) };
  const path = options.path;

  let st;
  try { st = await stat(path); } catch (e) {
    throw new UploadError((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'ERR_OAUTH_UPLOAD_FILE_MISSING' : 'ERR_OAUTH_UPLOAD_FILE_UNREADABLE', `file for field "media" cannot be read: ${path}`, 'media', path, { cause: e });
  }
  if (!st.isFile()) throw new UploadError('ERR_OAUTH_UPLOAD_FILE_UNREADABLE', `file for field "media" is not a regular file: ${path}`, 'media', path);

  let session: ChunkedUploadSession;
  if (options.resume !== undefined) {
    checkSession(options.resume);
    session = { ...options.resume };
    if (session.size !== st.size || session.mtimeMs !== st.mtimeMs) {
      throw new ChunkedUploadError('ERR_OAUTH_CHUNKED_SESSION_MISMATCH', `the session for media_id ${session.mediaId} was saved for ${session.size} bytes (mtime ${session.mtimeMs}); ${path} is now ${st.size} bytes (mtime ${st.mtimeMs}): start a new upload`, session);
    }
    if (session.expiresAt !== undefined && now() >= session.expiresAt) {
      throw new ChunkedUploadError('ERR_OAUTH_CHUNKED_SESSION_EXPIRED', `media_id ${session.mediaId} expired at ${new Date(session.expiresAt).toISOString()} (expires_after_secs from INIT): start a new upload`, session);
    }
  } else {
    const url = options.url ?? TWITTER_MEDIA_UPLOAD_URL;
    const form: Array<readonly [string, string]> = [['command', 'INIT'], ['total_bytes', String(st.size)], ['media_type', options.mediaType]];
    if (options.mediaCategory !== undefined) form.push(['media_category', options.mediaCategory]);
    // RFC 5849 §3.4.1.3.1: a form-encoded body's parameters are signed.
    const init = parseJson(await transport.request({ method: 'POST', url, form }), 'INIT');
    const mediaId = init.media_id_string;
    if (typeof mediaId !== 'string' || !/^\d+$/.test(mediaId)) {
      throw new ChunkedUploadError('ERR_OAUTH_CHUNKED_RESPONSE_INVALID', 'INIT answered without a numeric "media_id_string"');
    }
    session = {
      version: 1, url, mediaId, path, size: st.size, mtimeMs: st.mtimeMs, mediaType: options.mediaType,
      segmentSize, segmentCount: Math.max(1, Math.ceil(st.size / segmentSize)), nextSegment: 0,
    };
    if (typeof init.expires_after_secs === 'number') session.expiresAt = now() + init.expires_after_secs * 1000;
    options.onSession?.({ ...session });
  }

  const resumedFrom = session.nextSegment;
  let appendRequests = 0;
  const pool = new AppendBufferPool(Math.min(APPEND_READ_SIZE, segmentSize) + APPEND_FRAMING_ROOM);
  for (let index = session.nextSegment; index < session.segmentCount; index++) {
    const start = index * segmentSize;
    const length = Math.min(segmentSize, st.size - start);
    let attempts = 0;
    let failure: UploadError | undefined;
    // Multipart: no field is signed (X verifies APPEND with the oauth_* parameters only), so nothing but oauth_* goes into the base string.
    const body = createAppendBody({
      mediaId: session.mediaId, segmentIndex: index, path, start, length, pool,
      onBytes: (attempt, sent) => options.onProgress?.({ bytesSent: start + sent, total: st.size, segmentIndex: index, segmentCount: session.segmentCount, attempt }),
    });
    // The transport reports a failed body as a TransportError: keep the UploadError to rethrow it.
    const open = async function* (): AsyncGenerator<Buffer> {
      try { yield* body.open(attempts++); } catch (e) { if (e instanceof UploadError) failure = e; throw e; }
    };
    try {
      const response = await transport.request({
        method: 'POST', url: session.url, body: open, profileParams: false,
        headers: { 'content-type': body.contentType, 'content-length': String(body.contentLength) },
        retry: retry === false ? false : { ...retry, retryPost: true },
      });
      if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}`);
    } catch (e) {
      appendRequests += Math.max(attempts, 1);
      if (failure !== undefined) throw failure;
      if (e instanceof UploadError) throw e;
      throw new ChunkedUploadError('ERR_OAUTH_CHUNKED_SEGMENT_FAILED', `APPEND of segment_index ${index} for media_id ${session.mediaId} failed: ${e instanceof Error ? e.message : String(e)}; resume from segment ${index}`, { ...session }, { cause: e });
    }
    appendRequests += Math.max(attempts, 1);
    session.nextSegment = index + 1;
    options.onSession?.({ ...session });
  }

  let after;
  try { after = await stat(path); } catch (e) {
    throw new UploadError((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'ERR_OAUTH_UPLOAD_FILE_MISSING' : 'ERR_OAUTH_UPLOAD_FILE_UNREADABLE', `file for field "media" cannot be read: ${path}`, 'media', path, { cause: e });
  }
  if (after.size !== session.size || after.mtimeMs !== session.mtimeMs) {
    throw new UploadError('ERR_OAUTH_UPLOAD_FILE_CHANGED', `file for field "media" changed during the upload: ${path}`, 'media', path);
  }

  let answer = parseJson(await transport.request({ method: 'POST', url: session.url, form: [['command', 'FINALIZE'], ['media_id', session.mediaId]] }), 'FINALIZE', session);
  let statusPolls = 0;
  const waitedSecs: number[] = [];
  const maxPolls = options.maxStatusPolls ?? 100;
  for (;;) {
    const info = answer.processing_info as { state?: unknown; check_after_secs?: unknown; error?: { message?: unknown } } | undefined;
    if (info === undefined || info === null) break;
    if (info.state === 'succeeded') break;
    if (info.state === 'failed') {
      const why = typeof info.error?.message === 'string' ? `: ${info.error.message}` : '';
      throw new ChunkedUploadError('ERR_OAUTH_CHUNKED_PROCESSING_FAILED', `processing of media_id ${session.mediaId} failed${why}`, session);
    }
    if (info.state !== 'pending' && info.state !== 'in_progress') {
      throw new ChunkedUploadError('ERR_OAUTH_CHUNKED_RESPONSE_INVALID', `processing_info.state is ${JSON.stringify(info.state)}, not pending, in_progress, succeeded or failed`, session);
    }
    if (statusPolls >= maxPolls) {
      throw new ChunkedUploadError('ERR_OAUTH_CHUNKED_RESPONSE_INVALID', `media_id ${session.mediaId} was still ${info.state} after ${maxPolls} STATUS polls`, session);
    }
    const secs = typeof info.check_after_secs === 'number' && info.check_after_secs >= 0 ? info.check_after_secs : 1;
    waitedSecs.push(secs);
    await sleep(secs * 1000);
    const q = new URL(session.url);
    q.searchParams.append('command', 'STATUS');
    q.searchParams.append('media_id', session.mediaId);
    answer = parseJson(await transport.request({ method: 'GET', url: q.href }), 'STATUS', session);
    statusPolls++;
  }
  return { mediaId: session.mediaId, response: answer, segmentsSent: session.segmentCount - resumedFrom, appendRequests, statusPolls, waitedSecs, resumedFrom };
}
