// A multipart/form-data body (RFC 7578) on form-data: text fields and file parts of known length, re-openable per attempt.

import { constants, createReadStream, openSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createHash } from 'node:crypto';
import FormData from 'form-data';
import { percentEncode } from '../../core/encoding.js';
import type { BodyHashAlgorithm, Parameters } from '../../core/types.js';
import { UploadError } from './upload-error.js';

/** A file part: where its bytes come from, and how it is labelled in the body. */
export interface MultipartFile {
  /** Field name (`pic` for Weibo, `media[]` for Twitter). */
  name: string;
  /** A file on disk: stat'ed for its size, then streamed (and re-opened on every attempt). */
  path?: string;
  /** Bytes already in memory. */
  buffer?: Uint8Array;
  /**
   * A stream of exactly `knownLength` bytes. A factory is called once per pass (body hash,
   * every attempt); a plain stream can be read once, so it allows neither retries nor `body-hash`.
   */
  stream?: Readable | (() => Readable);
  /** Byte length of `stream` (required with `stream`). */
  knownLength?: number;
  /** `filename` of the part. @default the path's base name, else `"blob"` */
  filename?: string;
  /** `Content-Type` of the part. @default guessed from `filename` (form-data's table), else `application/octet-stream` */
  contentType?: string;
}

/** How text values are put into their parts. */
export type MultipartTextEncoding = 'raw' | 'percent';

/** Options of {@link createMultipartBody}. */
export interface MultipartBodyOptions {
  /** `raw` sends UTF-8 as is; `percent` percent-encodes each text value inside its part (RFC 5849 §3.6), as some Weibo SDKs did. @default 'raw' */
  textEncoding?: MultipartTextEncoding;
  /** Boundary to use (tests, reproducible bodies). @default form-data's random boundary */
  boundary?: string;
  /** Read size for file parts, bytes. @default 1048576 */
  highWaterMark?: number;
}

/** What one file part turned out to be once stat'ed. */
export interface MultipartFileInfo {
  /** Field name. */
  name: string;
  /** `filename` sent. */
  filename: string;
  /** Byte length of the part's content. */
  size: number;
  /** Where the bytes come from. */
  source: 'path' | 'buffer' | 'stream';
  /** The path, for `path` parts. */
  path?: string;
}

/** Progress of one pass over the body. */
export interface UploadProgress {
  /** Bytes of the body handed to the connection so far. */
  bytesSent: number;
  /** `Content-Length` of the body. */
  total: number;
}

/** A multipart body whose length is known before it is sent and that can be produced again. */
export interface MultipartBody {
  /** The boundary, identical on every pass so the bytes (and a body hash) do not change. */
  readonly boundary: string;
  /** `multipart/form-data; boundary=…`. */
  readonly contentType: string;
  /** Exact byte length of the body: the `Content-Length` to send (no chunked encoding). */
  readonly contentLength: number;
  /** Text fields as they are put into their parts (after `percent` encoding), in order. */
  readonly fields: Parameters;
  /** Text fields as given, before encoding. */
  readonly rawFields: Parameters;
  /** How text values were encoded. */
  readonly textEncoding: MultipartTextEncoding;
  /** The file parts. */
  readonly files: ReadonlyArray<MultipartFileInfo>;
  /** Whether {@link MultipartBody.open} may be called more than once (false with a one-shot stream). */
  readonly replayable: boolean;
  /**
   * A fresh stream of the body's bytes: files are opened again and checked against the sizes
   * recorded at creation; the stream errors with {@link UploadError} (before its last byte) when
   * a file vanished, became unreadable or changed size.
   */
  open(onProgress?: (progress: UploadProgress) => void): Readable;
}

const DEFAULT_HIGH_WATER_MARK = 1024 * 1024;

/** Maps a file-system error on `path` to an {@link UploadError}. */
function fileError(e: unknown, field: string, path: string): UploadError {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new UploadError('ERR_OAUTH_UPLOAD_FILE_MISSING', `file for field ${JSON.stringify(field)} does not exist: ${path}`, field, path, { cause: e });
  }
  return new UploadError('ERR_OAUTH_UPLOAD_FILE_UNREADABLE', `file for field ${JSON.stringify(field)} cannot be read (${code}): ${path}`, field, path, { cause: e });
}

// Non-blocking so that opening a FIFO without a writer cannot hang; it changes nothing for regular files.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function describeNonRegular(st: Stats): string {
  if (st.isDirectory()) return 'a directory (EISDIR)';
  if (st.isFIFO()) return 'a FIFO, not a regular file';
  if (st.isSocket()) return 'a socket, not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device, not a regular file';
  return 'not a regular file';
}

/** Checks that `path` is a regular file we can open, and returns its stat (of the opened file, so no race). */
async function statReadableFile(field: string, path: string): Promise<Stats> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    throw fileError(e, field, path);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      throw new UploadError('ERR_OAUTH_UPLOAD_FILE_UNREADABLE', `file for field ${JSON.stringify(field)} cannot be read: ${path} is ${describeNonRegular(st)}`, field, path);
    }
    return st;
  } finally {
    await handle.close();
  }
}

/** Passes bytes through and fails (before the last byte) unless exactly `expected` bytes arrive. */
class ExactLength extends Transform {
  private seen = 0;
  constructor(private readonly expected: number, private readonly fail: (actual: string) => UploadError, highWaterMark: number) {
    super({ highWaterMark });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.expected) { done(this.fail(`more than ${this.expected}`)); return; }
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    if (this.seen !== this.expected) { done(this.fail(String(this.seen))); return; }
    done();
  }
}

/** Counts the bytes handed on and reports progress. */
class ProgressCounter extends Transform {
  private sent = 0;
  constructor(private readonly total: number, private readonly report: ((p: UploadProgress) => void) | undefined) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.sent += chunk.length;
    this.report?.({ bytesSent: this.sent, total: this.total });
    done(null, chunk);
  }
}

interface ResolvedFile extends MultipartFileInfo {
  contentType?: string;
  buffer?: Uint8Array;
  stream?: Readable | (() => Readable);
}

function resolveFilename(file: MultipartFile): string {
  if (file.filename !== undefined) return file.filename;
  if (file.path !== undefined) return basename(file.path);
  return 'blob';
}

async function resolveFile(file: MultipartFile): Promise<ResolvedFile> {
  if (file === null || typeof file !== 'object' || typeof file.name !== 'string') throw new TypeError('a file part needs a string name');
  const sources = [file.path, file.buffer, file.stream].filter((s) => s !== undefined).length;
  if (sources !== 1) throw new TypeError(`file part ${JSON.stringify(file.name)} needs exactly one of path, buffer or stream`);
  const filename = resolveFilename(file);
  const base = { name: file.name, filename, ...(file.contentType === undefined ? {} : { contentType: file.contentType }) };
  if (file.path !== undefined) {
    if (typeof file.path !== 'string') throw new TypeError(`file part ${JSON.stringify(file.name)}: path must be a string`);
    const st = await statReadableFile(file.name, file.path);
    return { ...base, size: st.size, source: 'path', path: file.path };
  }
  if (file.buffer !== undefined) {
    if (!(file.buffer instanceof Uint8Array)) throw new TypeError(`file part ${JSON.stringify(file.name)}: buffer must be a Uint8Array`);
    return { ...base, size: file.buffer.byteLength, source: 'buffer', buffer: file.buffer };
  }
  if (!Number.isSafeInteger(file.knownLength) || (file.knownLength as number) < 0) {
    throw new TypeError(`file part ${JSON.stringify(file.name)}: a stream needs knownLength, a whole number of bytes`);
  }
  if (typeof file.stream !== 'function' && !(file.stream instanceof Readable)) {
    throw new TypeError(`file part ${JSON.stringify(file.name)}: stream must be a Readable or a function returning one`);
  }
  return { ...base, size: file.knownLength as number, source: 'stream', stream: file.stream };
}

/**
 * Builds a multipart/form-data body from ordered text fields and file parts. Files given by
 * path are opened and stat'ed now (missing or unreadable files fail here), never read whole:
 * every {@link MultipartBody.open} streams them again, so a retry re-reads the file and the
 * body's `Content-Length` is known up front from the part sizes.
 *
 * @throws {UploadError} `ERR_OAUTH_UPLOAD_FILE_MISSING` or `ERR_OAUTH_UPLOAD_FILE_UNREADABLE`.
 * @example
 * const body = await createMultipartBody([['status', '微博 upload']], [{ name: 'pic', path: 'cat.jpg' }]);
 * body.contentLength // exact byte count
 * body.open().pipe(socket)
 */
export async function createMultipartBody(fields: Parameters, files: ReadonlyArray<MultipartFile>, options: MultipartBodyOptions = {}): Promise<MultipartBody> {
  if (!Array.isArray(fields)) throw new TypeError('fields must be an array of [name, value] pairs');
  if (!Array.isArray(files)) throw new TypeError('files must be an array of file parts');
  for (const f of fields) {
    if (!Array.isArray(f) || typeof f[0] !== 'string' || typeof f[1] !== 'string') throw new TypeError('fields must be [name, value] string pairs');
  }
  const textEncoding = options.textEncoding ?? 'raw';
  if (textEncoding !== 'raw' && textEncoding !== 'percent') throw new TypeError(`textEncoding must be raw or percent, got ${String(textEncoding)}`);
  const highWaterMark = options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK;
  const sentFields: Parameters = fields.map(([n, v]) => [n, textEncoding === 'percent' ? percentEncode(v) : v] as const);
  const resolved: ResolvedFile[] = [];
  for (const file of files) resolved.push(await resolveFile(file));

  const oneShot = resolved.some((f) => f.source === 'stream' && typeof f.stream !== 'function');
  const consumed = new Set<ResolvedFile>();

  // With `measure`, file parts are empty placeholders carrying their knownLength: nothing is opened or read.
  const buildForm = (boundary: string | undefined, measure: boolean, opened: Readable[] = []): FormData => {
    const form = new FormData();
    if (boundary !== undefined) form.setBoundary(boundary);
    for (const [n, v] of sentFields) form.append(n, v);
    for (const f of resolved) {
      const partOptions = { filename: f.filename, knownLength: f.size, ...(f.contentType === undefined ? {} : { contentType: f.contentType }) };
      let value: Buffer | Readable;
      if (measure) value = Buffer.alloc(0);
      else if (f.source === 'buffer') value = Buffer.from(f.buffer!.buffer, f.buffer!.byteOffset, f.buffer!.byteLength);
      else { value = openPart(f); opened.push(value); }
      form.append(f.name, value, partOptions);
    }
    return form;
  };

  const openPart = (f: ResolvedFile): Readable => {
    const exact = new ExactLength(f.size, (actual) => f.source === 'path'
      ? new UploadError('ERR_OAUTH_UPLOAD_FILE_CHANGED', `file for field ${JSON.stringify(f.name)} changed size during the upload (expected ${f.size} bytes, read ${actual}): ${f.path}`, f.name, f.path)
      : new UploadError('ERR_OAUTH_UPLOAD_STREAM_LENGTH', `stream for field ${JSON.stringify(f.name)} delivered ${actual} bytes, knownLength is ${f.size}`, f.name, undefined), highWaterMark);
    let source: Readable;
    if (f.source === 'path') {
      let fd: number;
      try {
        fd = openSync(f.path!, OPEN_FLAGS);
      } catch (e) {
        process.nextTick(() => exact.destroy(fileError(e, f.name, f.path!)));
        return exact;
      }
      const rs = createReadStream('', { fd, highWaterMark, autoClose: true });
      rs.on('error', (e) => exact.destroy(fileError(e, f.name, f.path!)));
      source = rs;
    } else {
      if (typeof f.stream === 'function') {
        source = f.stream();
        if (!(source instanceof Readable)) throw new TypeError(`file part ${JSON.stringify(f.name)}: the stream factory must return a Readable`);
      } else {
        if (consumed.has(f)) {
          throw new UploadError('ERR_OAUTH_UPLOAD_NOT_REPLAYABLE', `stream for field ${JSON.stringify(f.name)} was already read; pass a function returning a fresh stream to allow retries and body-hash`, f.name, undefined);
        }
        consumed.add(f);
        source = f.stream!;
      }
      source.on('error', (e) => exact.destroy(e));
    }
    exact.on('close', () => { if (!source.destroyed) source.destroy(); });
    source.pipe(exact);
    return exact;
  };

  const measured = buildForm(options.boundary, true);
  const boundary = measured.getBoundary();
  const contentLength = measured.getLengthSync();

  return {
    boundary,
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength,
    fields: sentFields,
    rawFields: fields.map(([n, v]) => [n, v] as const),
    textEncoding,
    files: resolved.map(({ name, filename, size, source, path }) => ({ name, filename, size, source, ...(path === undefined ? {} : { path }) })),
    replayable: !oneShot,
    open(onProgress) {
      const opened: Readable[] = [];
      const form = buildForm(boundary, false, opened);
      const out = new ProgressCounter(contentLength, onProgress);
      form.on('error', (e: Error) => out.destroy(e));
      // An aborted or failed pass closes every file it opened (form-data's destroy() does not).
      out.on('close', () => {
        if (out.readableEnded) return;
        form.destroy();
        for (const part of opened) if (!part.destroyed) part.destroy();
      });
      form.pipe(out);
      return out;
    },
  };
}

/**
 * `oauth_body_hash` of a multipart body computed by streaming it once (the first of two passes:
 * hash, then send) — the file is never held in memory.
 *
 * @throws {UploadError} `ERR_OAUTH_UPLOAD_NOT_REPLAYABLE` when the body holds a one-shot stream, or any file error.
 * @example await multipartBodyHash(body) // 'Base64 SHA-1 of the exact bytes'
 */
// draft-eaton-oauth-bodyhash-00 §3.2
export async function multipartBodyHash(body: MultipartBody, algorithm: BodyHashAlgorithm = 'sha1'): Promise<string> {
  if (!body.replayable) {
    const f = body.files.find((x) => x.source === 'stream');
    throw new UploadError('ERR_OAUTH_UPLOAD_NOT_REPLAYABLE', `body-hash reads the body twice; the stream for field ${JSON.stringify(f?.name ?? '')} can be read once (pass a function returning a fresh stream)`, f?.name ?? '', undefined);
  }
  const hash = createHash(algorithm);
  const stream = body.open();
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('base64');
}
