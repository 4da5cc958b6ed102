// Specs for src/tools/sandbox/multipart-parser.ts: bodies framed by form-data (through createMultipartBody) and by the APPEND body, cut into chunks anywhere, parse back into the parts that went in.

import { expect } from 'chai';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMultipartBody } from '../../../src/client/multipart/index.js';
import { AppendBufferPool, APPEND_FRAMING_ROOM, createAppendBody } from '../../../src/client/multipart/append-body.js';
import { MultipartParser, MultipartParseError, multipartBoundary, type MultipartPartInfo } from '../../../src/tools/sandbox/multipart-parser.js';

interface Parsed { info: MultipartPartInfo; bytes: Buffer }

function parse(contentType: string, body: Buffer, cuts: number[]): Parsed[] {
  const parts: Parsed[] = [];
  let chunks: Buffer[] = [];
  const p = new MultipartParser(multipartBoundary(contentType)!, {
    part: (info) => { chunks = []; parts.push({ info, bytes: Buffer.alloc(0) }); },
    data: (c) => { chunks.push(Buffer.from(c)); },
    partEnd: () => { parts.at(-1)!.bytes = Buffer.concat(chunks); },
  });
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) { p.write(body.subarray(at, cut)); at = cut; }
  p.write(body.subarray(at));
  p.end();
  return parts;
}

async function bytesOf(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(out);
}

describe('sandbox multipart parser', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'oauth1-multipart-parser-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('reads back the fields and file of a form-data body cut into chunks at any points, file bytes full of near-delimiters', async () => {
    const boundary = 'spec-boundary-0123456789';
    // Bytes that begin the delimiter (CRLF "--" boundary) without completing it, and lone CRs and dashes.
    const near = fc.constantFrom('\r', '\r\n', '\r\n-', '\r\n--', `\r\n--${boundary.slice(0, 10)}`, `\r\n--${boundary.slice(0, -1)}`, '--', `--${boundary.slice(0, -1)}`, 'x');
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(near.map((s) => Buffer.from(s, 'latin1')), fc.uint8Array({ maxLength: 40 }).map((u) => Buffer.from(u))), { maxLength: 30 }),
      fc.string({ maxLength: 20 }),
      fc.array(fc.nat(), { maxLength: 12 }),
      async (pieces, status, rawCuts) => {
        const file = Buffer.concat(pieces);
        // A sender picks a boundary that its content does not contain (RFC 2046 §5.1.1).
        fc.pre(!file.includes(`--${boundary}`));
        const body = await createMultipartBody([['status', status], ['command', 'APPEND']], [{ name: 'media', buffer: file, filename: 'clip one.bin', contentType: 'application/octet-stream' }], { boundary });
        const bytes = await bytesOf(body.open());
        const parts = parse(body.contentType, bytes, rawCuts.map((c) => c % (bytes.length + 1)));
        expect(parts.map((x) => x.info.name)).to.deep.equal(['status', 'command', 'media']);
        expect(parts[0]!.bytes.toString('utf8')).to.equal(status);
        expect(parts[1]!.bytes.toString('utf8')).to.equal('APPEND');
        expect(parts[2]!.info.filename).to.equal('clip one.bin');
        expect(parts[2]!.info.contentType).to.equal('application/octet-stream');
        expect(parts[2]!.bytes.equals(file)).to.equal(true);
      },
    ), { numRuns: 300 });
  });

  it('reads back an APPEND body (pooled reads of a segment, framing apart or sharing the buffers) cut every 1, 7 and 4096 bytes', async () => {
    const file = join(dir, 'segment.bin');
    const content = Buffer.alloc(20_000);
    for (let i = 0; i < content.length; i++) content[i] = (i * 7919) % 251;
    writeFileSync(file, content);
    for (const [poolSize, step] of [1000, 1000 + APPEND_FRAMING_ROOM, 20_000].flatMap((size) => [1, 7, 4096].map((st) => [size, st] as const))) {
      const body = createAppendBody({ mediaId: '1600000000000000000', segmentIndex: 3, path: file, start: 5000, length: 12_345, pool: new AppendBufferPool(poolSize) });
      const bytes = await bytesOf(body.open(0));
      expect(bytes.length).to.equal(body.contentLength);
      const cuts: number[] = [];
      for (let c = step; c < bytes.length; c += step) cuts.push(c);
      const parts = parse(body.contentType, bytes, cuts);
      expect(parts.map((x) => [x.info.name, x.info.filename ?? null])).to.deep.equal([['command', null], ['media_id', null], ['segment_index', null], ['media', 'blob']]);
      expect(parts.slice(0, 3).map((x) => x.bytes.toString())).to.deep.equal(['APPEND', '1600000000000000000', '3']);
      expect(parts[3]!.bytes.equals(content.subarray(5000, 5000 + 12_345))).to.equal(true);
    }
  });

  it('refuses a body without its closing boundary, a part without Content-Disposition, and a Content-Type without a boundary', () => {
    const cut = (text: string): () => void => () => parse('multipart/form-data; boundary=b1', Buffer.from(text, 'latin1'), []);
    expect(cut('--b1\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue')).to.throw(MultipartParseError, /closing boundary/);
    expect(cut('--b1\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--b1--\r\n')).to.throw(MultipartParseError, /Content-Disposition/);
    expect(cut('--b1\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n--b1--\r\n')).to.not.throw();
    expect(multipartBoundary('multipart/form-data')).to.equal(undefined);
    expect(multipartBoundary('application/x-www-form-urlencoded; boundary=x')).to.equal(undefined);
    expect(multipartBoundary('multipart/form-data; boundary="quoted value"')).to.equal('quoted value');
  });
});
