// The multipart/form-data body of one chunked-upload APPEND (RFC 7578): its text fields and one segment of a file, read from disk into reused buffers.

import { randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { UploadError } from './upload-error.js';

/** Bytes read from the file at a time. */
export const APPEND_READ_SIZE = 1024 * 1024;

/**
 * Read buffers shared by the APPENDs of one upload. A body takes a buffer for each read and gives
 * it back only once the consumer has asked for the chunk after it (so the bytes were handed to
 * the connection); a buffer never given back (an abandoned attempt) is simply replaced.
 */
export class AppendBufferPool {
  private readonly free: Buffer[] = [];
  /** @param size bytes per buffer */
  constructor(readonly size: number) {}
  /** A buffer of `size` bytes, reused when one is free. */
  take(): Buffer { return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size); }
  /** Returns a buffer nobody reads any more. */
  give(buffer: Buffer): void { if (this.free.length < 3) this.free.push(buffer); }
}

/** One APPEND's body: its headers and a factory of its bytes (called once per attempt). */
export interface AppendBody {
  /** `multipart/form-data; boundary=…`. */
  contentType: string;
  /** Exact byte length. */
  contentLength: number;
  /**
   * The bytes, as an async iterable for the got transport: a file chunk is yielded from a pooled
   * buffer that is reused once the next chunk is asked for, which got does only after the
   * previous chunk was written to the socket. Rejects with {@link UploadError} when the file is
   * missing, unreadable or shorter than the segment.
   */
  open(attempt: number): AsyncIterable<Buffer>;
}

/** Options of {@link createAppendBody}. */
export interface AppendBodyOptions {
  /** `media_id_string` from INIT. */
  mediaId: string;
  /** `segment_index`. */
  segmentIndex: number;
  /** The file, and the segment's first byte and length. */
  path: string;
  start: number;
  length: number;
  /** Read buffers (their size is the read size). */
  pool: AppendBufferPool;
  /** Called as segment bytes are handed on: the attempt and the bytes of the segment sent so far. */
  onBytes?: (attempt: number, sent: number) => void;
}

const noop = (): void => {};

function fileError(e: unknown, path: string): UploadError {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  return code === 'ENOENT' || code === 'ENOTDIR'
    ? new UploadError('ERR_OAUTH_UPLOAD_FILE_MISSING', `file for field "media" does not exist: ${path}`, 'media', path, { cause: e })
    : new UploadError('ERR_OAUTH_UPLOAD_FILE_UNREADABLE', `file for field "media" cannot be read (${code}): ${path}`, 'media', path, { cause: e });
}

/** Fills `buffer[at, at + n)` from the file's `position`; a file that ends before is a file that changed. */
async function readFully(file: FileHandle, buffer: Buffer, at: number, n: number, position: number, path: string): Promise<Buffer> {
  let got = 0;
  while (got < n) {
    let bytesRead: number;
    try { ({ bytesRead } = await file.read(buffer, at + got, n - got, position + got)); } catch (e) { throw fileError(e, path); }
    if (bytesRead === 0) throw new UploadError('ERR_OAUTH_UPLOAD_FILE_CHANGED', `file for field "media" changed size during the upload (it ends before byte ${position + n}): ${path}`, 'media', path);
    got += bytesRead;
  }
  return buffer;
}

/** Room in each pooled buffer, beside the read size, for the part headers before the first chunk and the close delimiter after the last. */
export const APPEND_FRAMING_ROOM = 2048;

/**
 * Builds the body of one APPEND — `command=APPEND`, `media_id`, `segment_index` and the `media`
 * part (`filename="blob"`, `application/octet-stream`) — with its exact length. Each
 * {@link AppendBody.open} opens the file again and reads the segment from disk into pooled
 * buffers, the next read running while the previous chunk is sent; the part headers are read
 * into the first buffer ahead of the file bytes and the close delimiter after the last ones,
 * so a segment that fits one buffer is one write.
 *
 * @example
 * const body = createAppendBody({ mediaId: '1600000000000000000', segmentIndex: 0, path: 'clip.mp4', start: 0, length: 4194304, pool: new AppendBufferPool(1048576 + APPEND_FRAMING_ROOM) });
 * await transport.request({ method: 'POST', url, body: () => body.open(0), headers: { 'content-type': body.contentType, 'content-length': String(body.contentLength) } });
 */
export function createAppendBody(options: AppendBodyOptions): AppendBody {
  const { mediaId, segmentIndex, path, start, length, pool, onBytes } = options;
  const boundary = `----oauth1-toolkit-${randomBytes(12).toString('hex')}`;
  const field = (name: string, value: string): string => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = Buffer.from(field('command', 'APPEND') + field('media_id', mediaId) + field('segment_index', String(segmentIndex))
    + `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="blob"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'latin1');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
  const end = start + length;
  // File bytes per buffer; the framing shares the first and last buffers when it fits.
  const inline = head.length + tail.length <= APPEND_FRAMING_ROOM && pool.size > APPEND_FRAMING_ROOM;
  const readSize = inline ? pool.size - APPEND_FRAMING_ROOM : pool.size;

  /** One pooled buffer: optional head, `size` file bytes from `position`, optional tail. */
  interface Chunk { buffer: Buffer; used: number; size: number }
  const readChunk = async (file: FileHandle, position: number): Promise<Chunk> => {
    const size = Math.min(readSize, end - position);
    const buffer = pool.take();
    const first = inline && position === start;
    const last = inline && position + size === end;
    const at = first ? head.copy(buffer, 0) : 0;
    await readFully(file, buffer, at, size, position, path);
    const used = last ? at + size + tail.copy(buffer, at + size) : at + size;
    return { buffer, used, size };
  };

  async function* chunks(attempt: number): AsyncGenerator<Buffer> {
    onBytes?.(attempt, 0);
    if (length === 0) { yield Buffer.concat([head, tail]); return; }
    let file: FileHandle;
    try { file = await open(path, 'r'); } catch (e) { throw fileError(e, path); }
    let lent: Buffer | undefined;
    let next: Promise<Chunk> | undefined;
    const readAhead = (position: number): void => {
      next = readChunk(file, position);
      next.catch(noop); // awaited below; this only keeps a failed read-ahead from being reported as unhandled
    };
    try {
      if (!inline) yield head;
      let position = start;
      readAhead(position);
      while (next !== undefined) {
        const chunk: Chunk = await next;
        next = undefined;
        position += chunk.size;
        if (position < end) readAhead(position);
        lent = chunk.buffer;
        yield chunk.used === chunk.buffer.length ? chunk.buffer : chunk.buffer.subarray(0, chunk.used);
        // Asked for the next chunk: got has written this one to the socket.
        lent = undefined;
        pool.give(chunk.buffer);
        onBytes?.(attempt, position - start);
      }
      if (!inline) yield tail;
    } finally {
      if (lent !== undefined) pool.give(lent);
      const pending = next;
      if (pending === undefined) await file.close().catch(noop);
      else void pending.then((c) => { pool.give(c.buffer); }, noop).finally(() => file.close().catch(noop));
    }
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: head.length + length + tail.length,
    open: (attempt) => chunks(attempt),
  };
}
