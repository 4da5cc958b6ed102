// Writes one received media segment into the reassembled file at its offset: positional, batched writes off the main thread, one at a time, with back-pressure on the request.

import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** Bytes gathered before one `writev`. */
const BATCH_BYTES = 1024 * 1024;
/** Bytes written but not yet on disk above which the request is paused. */
const MAX_IN_FLIGHT = 8 * 1024 * 1024;

async function writeAll(file: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let left = buffers;
  let at = position;
  while (left.length > 0) {
    const { bytesWritten } = await file.writev(left, at);
    at += bytesWritten;
    // A short write (rare for a regular file): continue after the bytes that went out.
    let skip = bytesWritten;
    while (left.length > 0 && skip >= left[0]!.length) { skip -= left[0]!.length; left = left.slice(1); }
    if (skip > 0) left = [left[0]!.subarray(skip), ...left.slice(1)];
  }
}

/**
 * Takes the segment's bytes as they arrive (views of the request's chunks, kept until written)
 * and writes them with `writev` at increasing offsets; pauses `source` while more than 8 MiB
 * wait for the disk.
 *
 * @example
 * const w = new SegmentWriter(file, offset, req);
 * w.write(chunk); …; await w.close();
 */
export class SegmentWriter {
  private readonly file: Promise<FileHandle>;
  private batch: Buffer[] = [];
  private batchBytes = 0;
  private inFlight = 0;
  /** The last queued write: writes run one after another (parallel writes to one file only contend for its lock). */
  private last: Promise<unknown>;
  private error: unknown;
  private closed = false;

  constructor(path: string, private position: number, private readonly source?: Readable) {
    this.file = open(path, 'r+');
    this.file.catch((e: unknown) => { this.error ??= e; });
    this.last = this.file;
  }

  /** Queues bytes for the file. */
  write(chunk: Buffer): void {
    this.batch.push(chunk);
    this.batchBytes += chunk.length;
    if (this.batchBytes >= BATCH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.batchBytes === 0) return;
    const buffers = this.batch;
    const bytes = this.batchBytes;
    const at = this.position;
    this.position += bytes;
    this.batch = [];
    this.batchBytes = 0;
    this.inFlight += bytes;
    if (this.inFlight > MAX_IN_FLIGHT) this.source?.pause();
    this.last = this.last.then(() => this.file).then((f) => writeAll(f, buffers, at)).catch((e: unknown) => { this.error ??= e; }).then(() => {
      this.inFlight -= bytes;
      if (this.inFlight <= MAX_IN_FLIGHT && !this.closed) this.source?.resume();
    });
  }

  /** Writes what is left, waits for every write and closes the file. @throws the first write error */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await this.last.catch(() => {});
    await this.file.then((f) => f.close(), () => {});
    if (this.error !== undefined) throw this.error;
  }
}
