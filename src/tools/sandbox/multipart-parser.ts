// A streaming multipart/form-data parser (RFC 7578 on RFC 2046 §5.1.1) for the sandbox's media upload: parts are handed on as views of the received chunks, never copied.

/** The headers of one part that a form-data reader needs. */
export interface MultipartPartInfo {
  /** `name` of `Content-Disposition`. */
  name: string;
  /** `filename` of `Content-Disposition`, when present (a file part). */
  filename?: string;
  /** `Content-Type` of the part, when present. */
  contentType?: string;
}

/** What the parser calls as it reads. */
export interface MultipartHandlers {
  /** A part starts. */
  part(info: MultipartPartInfo): void;
  /** Bytes of the current part (a view of a received chunk: copy it to keep it past the call's effects). */
  data(chunk: Buffer): void;
  /** The current part ended. */
  partEnd(): void;
}

/** A malformed multipart body. */
export class MultipartParseError extends Error {}

const CR = 13;
const DASH = 45;
const MAX_HEADER_BYTES = 16 * 1024;
const EMPTY = Buffer.alloc(0);

/** The boundary of a `multipart/form-data` Content-Type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return m === null ? undefined : m[1] ?? m[2];
}

function headerParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    params.set(m[1]!.toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!);
  }
  return params;
}

function parseHeaders(block: string): MultipartPartInfo {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartParseError('a part header line has no name');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') contentType = value;
  }
  if (disposition === undefined || !/^form-data\s*(;|$)/i.test(disposition)) throw new MultipartParseError('a part has no Content-Disposition: form-data');
  const params = headerParams(disposition.slice(disposition.indexOf(';') === -1 ? disposition.length : disposition.indexOf(';')));
  const name = params.get('name');
  if (name === undefined) throw new MultipartParseError('a part has no name');
  const info: MultipartPartInfo = { name };
  const filename = params.get('filename');
  if (filename !== undefined) info.filename = filename;
  if (contentType !== undefined) info.contentType = contentType;
  return info;
}

type State = 'preamble' | 'delimiter' | 'headers' | 'body' | 'end';

/**
 * A push parser: {@link MultipartParser.write} each received chunk, then
 * {@link MultipartParser.end}. Part bodies are searched for the delimiter with `Buffer#indexOf`
 * and handed on as views of the chunks; at most the delimiter's length is held back (and
 * copied) between chunks.
 *
 * @example
 * const p = new MultipartParser(multipartBoundary(req.headers['content-type'])!, { part: (i) => …, data: (c) => …, partEnd: () => … });
 * req.on('data', (c) => p.write(c)); req.on('end', () => p.end());
 */
export class MultipartParser {
  private readonly delimiter: Buffer;
  private state: State = 'preamble';
  /** Unparsed bytes outside a part body (preamble, delimiter line, headers). */
  private pending: Buffer = Buffer.from('\r\n');
  /** Tail of a part body that may be the start of the delimiter. */
  private carry: Buffer = EMPTY;

  constructor(boundary: string, private readonly handlers: MultipartHandlers) {
    if (boundary.length === 0 || boundary.length > 70) throw new MultipartParseError('the boundary must be 1 to 70 characters');
    // RFC 2046 §5.1.1: the delimiter is CRLF "--" boundary; the body is read as if it began with a CRLF.
    this.delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  }

  /** Whether the close delimiter was read. */
  get done(): boolean { return this.state === 'end'; }

  /** Parses the next chunk. @throws {MultipartParseError} */
  write(chunk: Buffer): void {
    if (this.state === 'end' || chunk.length === 0) return;
    let data = chunk;
    let p = 0;
    if (this.state !== 'body') {
      if (this.pending.length > 0) data = Buffer.concat([this.pending, chunk]);
      this.pending = EMPTY;
    } else if (this.carry.length > 0) {
      const carry = this.carry;
      this.carry = EMPTY;
      if (chunk.length < this.delimiter.length) data = Buffer.concat([carry, chunk]);
      else {
        // A delimiter that starts in the held-back bytes ends within the chunk's first bytes.
        const at = Buffer.concat([carry, chunk.subarray(0, this.delimiter.length - 1)]).indexOf(this.delimiter);
        if (at !== -1 && at < carry.length) {
          if (at > 0) this.handlers.data(carry.subarray(0, at));
          this.handlers.partEnd();
          this.state = 'delimiter';
          p = at + this.delimiter.length - carry.length;
        } else this.handlers.data(carry);
      }
    }
    while (p < data.length) {
      switch (this.state) {
        case 'preamble': {
          const at = data.indexOf(this.delimiter, p);
          if (at === -1) { this.pending = Buffer.from(data.subarray(Math.max(p, data.length - this.delimiter.length + 1))); return; }
          p = at + this.delimiter.length;
          this.state = 'delimiter';
          break;
        }
        case 'delimiter': {
          if (data.length - p < 2) { this.pending = Buffer.from(data.subarray(p)); return; }
          if (data[p] === DASH && data[p + 1] === DASH) { this.state = 'end'; return; }
          const eol = data.indexOf('\r\n', p, 'latin1');
          if (eol === -1) {
            if (data.length - p > 256) throw new MultipartParseError('no line end after a boundary');
            this.pending = Buffer.from(data.subarray(p));
            return;
          }
          // Transport padding (linear white space) may follow the boundary.
          if (!/^[ \t]*$/.test(data.toString('latin1', p, eol))) throw new MultipartParseError('a boundary is followed by other characters');
          p = eol + 2;
          this.state = 'headers';
          break;
        }
        case 'headers': {
          const blank = data[p] === CR && data[p + 1] === 10 ? p : data.indexOf('\r\n\r\n', p, 'latin1');
          if (blank === -1 || (blank === p && data.length - p < 2)) {
            if (data.length - p > MAX_HEADER_BYTES) throw new MultipartParseError('part headers are too long');
            this.pending = Buffer.from(data.subarray(p));
            return;
          }
          this.handlers.part(parseHeaders(data.toString('utf8', p, blank)));
          p = blank === p ? p + 2 : blank + 4;
          this.state = 'body';
          break;
        }
        case 'body': {
          const at = data.indexOf(this.delimiter, p);
          if (at !== -1) {
            if (at > p) this.handlers.data(data.subarray(p, at));
            this.handlers.partEnd();
            p = at + this.delimiter.length;
            this.state = 'delimiter';
            break;
          }
          // Hold back the longest tail that could begin the delimiter (it begins with CR).
          let keep = 0;
          for (let r = data.indexOf(CR, Math.max(p, data.length - this.delimiter.length + 1)); r !== -1; r = data.indexOf(CR, r + 1)) {
            if (data.compare(this.delimiter, 0, data.length - r, r, data.length) === 0) { keep = data.length - r; break; }
          }
          if (data.length - keep > p) this.handlers.data(data.subarray(p, data.length - keep));
          if (keep > 0) this.carry = Buffer.from(data.subarray(data.length - keep));
          return;
        }
        default:
          return;
      }
    }
  }

  /** The body ended. @throws {MultipartParseError} when the close delimiter was not read. */
  end(): void {
    if (this.state !== 'end') throw new MultipartParseError('the body ended before the closing boundary');
  }
}
