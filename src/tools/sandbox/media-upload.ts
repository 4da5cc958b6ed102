// Sandbox X (Twitter) v1.1 chunked media upload: INIT / APPEND / FINALIZE / STATUS on /1.1/media/upload.json, segments reassembled on disk.

import { createHash, type Hash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultipartParseError, MultipartParser, multipartBoundary } from './multipart-parser.js';
import { SegmentWriter } from './segment-writer.js';
import { parseFormEncoded } from '../../core/encoding.js';
import type { Parameters } from '../../core/types.js';
import type { SandboxReply, SandboxRoute, SandboxRouteContext } from './route.js';

/** Path of the media upload endpoint (X serves it on upload.twitter.com). */
export const MEDIA_UPLOAD_PATH = '/1.1/media/upload.json';

/** Test-only fault: answer an APPEND with `status` after reading and authenticating it. */
export interface MediaAppendFault {
  /** Segment to fail. @default any */
  segmentIndex?: number;
  /** Status to answer. @default 503 */
  status?: number;
  /** How many APPENDs to fail. @default 1 */
  times?: number;
}

/** Options of {@link mediaUploadRoute}. */
export interface MediaUploadRouteOptions {
  /** `check_after_secs` in `processing_info`. @default 1 */
  checkAfterSecs?: number;
  /** STATUS polls before `succeeded` (the first answers `in_progress`). @default 2 */
  processingPolls?: number;
  /** `expires_after_secs` of a media id. @default 86400 */
  expiresAfterSecs?: number;
  /** Faults for APPEND requests. */
  failAppend?: MediaAppendFault[];
  /** Directory for the reassembled files. @default a fresh directory in os.tmpdir() */
  dir?: string;
}

interface MediaSession {
  id: string;
  totalBytes: number;
  mediaType: string;
  consumerKey: string;
  token: string;
  file: string;
  /** Contiguous segments received: their sizes and SHA-1s. */
  segments: Array<{ offset: number; size: number }>;
  received: number;
  hash: Hash;
  busy: boolean;
  sha1?: string;
  polls: number;
  state: 'uploading' | 'pending' | 'in_progress' | 'succeeded';
  expiresAt: number;
}

/** Twitter's media-upload error body (`{"request","error"}`, unconfirmed: as users quoted it). */
function mediaError(status: number, message: string): SandboxReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ request: MEDIA_UPLOAD_PATH, error: message }) };
}

function get(params: Parameters, name: string): string | undefined {
  return params.find(([n]) => n === name)?.[1];
}

/** A JSON body with `media_id` as a 64-bit number literal (as X sends it; JavaScript loses digits, hence `media_id_string`). */
function mediaReply(status: number, s: MediaSession, extra: Record<string, unknown>): SandboxReply {
  const rest = JSON.stringify({ media_id_string: s.id, ...extra });
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: `{"media_id":${s.id},${rest.slice(1)}` };
}

/** Hex SHA-1 of `size` bytes of `file` from `offset`. */
async function rangeSha1(file: string, offset: number, size: number): Promise<string> {
  const h = createHash('sha1');
  if (size > 0) for await (const c of createReadStream(file, { start: offset, end: offset + size - 1 })) h.update(c as Buffer);
  return h.digest('hex');
}

interface AppendBody { fields: Array<readonly [string, string]>; size: number; sha1?: string; candidate?: Hash; error?: string }

/**
 * The X v1.1 chunked media upload endpoint for the `twitter` sandbox: `POST` INIT (form,
 * signed: `total_bytes`, `media_type`) answers `media_id`, `media_id_string`,
 * `expires_after_secs`; `POST` APPEND (multipart `command`, `media_id`, `segment_index`,
 * `media`; verified with **no** multipart field signed, so a client that signs them gets
 * Twitter's code 32 and `WWW-Authenticate: OAuth problem="signature_invalid"`) writes the
 * segment into the reassembled file on disk (segments in order: a segment already received may
 * be sent again with the same bytes); `POST` FINALIZE checks the sizes and answers
 * `processing_info` (`pending`), then `GET` STATUS answers `in_progress` and, after
 * `processingPolls` polls, `succeeded`. FINALIZE and STATUS carry the sandbox-only fields
 * `sandbox_sha1` (hex SHA-1 of the reassembled file) and `size`.
 *
 * @example createSandboxProvider({ provider: 'twitter', routes: mediaUploadRoute({ failAppend: [{ segmentIndex: 1 }] }) })
 */
export function mediaUploadRoute(options: MediaUploadRouteOptions = {}): SandboxRoute[] {
  const checkAfter = options.checkAfterSecs ?? 1;
  const polls = options.processingPolls ?? 2;
  const expires = options.expiresAfterSecs ?? 86400;
  const faults = (options.failAppend ?? []).map((f) => ({ ...f }));
  const sessions = new Map<string, MediaSession>();
  let nextId = 1_600_000_000_000_000_000n;
  let dir: string | undefined = options.dir;
  const ensureDir = (): string => {
    if (dir === undefined) {
      dir = mkdtempSync(join(tmpdir(), 'oauth1-sandbox-media-'));
      const d = dir;
      process.once('exit', () => { rmSync(d, { recursive: true, force: true }); });
    }
    return dir;
  };
  const takeFault = (index: number): MediaAppendFault | undefined => {
    const i = faults.findIndex((f) => f.segmentIndex === undefined || f.segmentIndex === index);
    if (i === -1) return undefined;
    const f = faults[i]!;
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) faults.splice(i, 1);
    return f;
  };
  const lookup = (ctx: SandboxRouteContext, id: string | undefined): MediaSession | SandboxReply => {
    if (id === undefined || id === '') return mediaError(400, 'media_id field must be provided.');
    const s = sessions.get(id);
    const a = ctx.auth ?? undefined;
    if (s === undefined || ctx.sandbox.now() >= s.expiresAt || (a !== undefined && a.access?.token !== s.token)) return mediaError(400, 'Invalid or expired media_id.');
    return s;
  };

  /** Reads the APPEND body: fields kept; the media part written at the segment's offset (in order) or hashed only (a re-sent segment). */
  const readAppend = (ctx: SandboxRouteContext): Promise<AppendBody> => new Promise((resolve, reject) => {
    const out: AppendBody = { fields: [], size: 0 };
    const boundary = multipartBoundary(ctx.req.headers['content-type']);
    let failed = false;
    const fail = (e: unknown): void => {
      if (failed) return;
      failed = true;
      ctx.req.resume();
      void writer?.close().catch(() => {});
      reject(e);
    };
    let writer: SegmentWriter | undefined;
    let part: { kind: 'field'; name: string; value: Buffer[]; size: number } | { kind: 'media'; sha?: Hash } | { kind: 'skip' } | undefined;
    let files = 0;
    if (boundary === undefined) { fail(new MultipartParseError('no multipart boundary')); return; }
    const parser = new MultipartParser(boundary, {
      part(info) {
        if (info.filename === undefined) {
          part = out.fields.length < 20 ? { kind: 'field', name: info.name, value: [], size: 0 } : { kind: 'skip' };
          return;
        }
        if (info.name !== 'media' || files++ > 0) { part = { kind: 'skip' }; return; }
        const s = sessions.get(get(out.fields, 'media_id') ?? '');
        const index = Number(get(out.fields, 'segment_index'));
        // In order: the bytes go straight into the reassembled file, and into a copy of the running hash.
        if (s !== undefined && !s.busy && s.state === 'uploading' && index === s.segments.length) {
          s.busy = true;
          out.candidate = s.hash.copy();
          writer = new SegmentWriter(s.file, s.received, ctx.req);
          part = { kind: 'media' };
        } else {
          // Any other segment is hashed on its own (a re-sent segment is compared with the bytes on disk).
          part = { kind: 'media', sha: createHash('sha1') };
        }
      },
      data(chunk) {
        if (part === undefined || part.kind === 'skip') return;
        if (part.kind === 'field') {
          part.size += chunk.length;
          if (part.size > 1024) throw new MultipartParseError(`field ${part.name} is too long`);
          part.value.push(Buffer.from(chunk));
          return;
        }
        out.size += chunk.length;
        if (part.sha !== undefined) part.sha.update(chunk);
        else { out.candidate!.update(chunk); writer!.write(chunk); }
      },
      partEnd() {
        if (part?.kind === 'field') out.fields.push([part.name, Buffer.concat(part.value).toString('utf8')]);
        else if (part?.kind === 'media') out.sha1 = part.sha?.digest('hex') ?? '';
        part = undefined;
      },
    });
    ctx.req.on('data', (c: Buffer) => {
      if (failed) return;
      try { parser.write(c); } catch (e) { fail(e); }
    });
    ctx.req.on('end', () => {
      if (failed) return;
      try { parser.end(); } catch (e) { fail(e); return; }
      (writer === undefined ? Promise.resolve() : writer.close()).then(() => resolve(out), fail);
    });
    ctx.req.on('error', fail);
    ctx.req.on('aborted', () => fail(new Error('the client aborted the upload')));
  });

  const append = async (ctx: SandboxRouteContext): Promise<SandboxReply> => {
    let body: AppendBody;
    try { body = await readAppend(ctx); } catch {
      for (const s of sessions.values()) s.busy = false;
      return mediaError(400, 'the multipart body could not be parsed');
    }
    const s = sessions.get(get(body.fields, 'media_id') ?? '');
    const release = (): void => { if (s !== undefined && body.candidate !== undefined) s.busy = false; };
    // X signs no multipart field of APPEND: verify with the oauth_* parameters (and the query) only.
    const outcome = await ctx.authenticate('resource', []);
    if (!outcome.ok) { release(); return outcome.reply; }
    ctx.auth = outcome;
    const found = lookup(ctx, get(body.fields, 'media_id'));
    if (!('id' in found)) { release(); return found; }
    const indexText = get(body.fields, 'segment_index') ?? '';
    const index = Number(indexText);
    if (!/^\d{1,3}$/.test(indexText)) { release(); return mediaError(400, 'segment_index must be between 0 and 999.'); }
    if (body.sha1 === undefined) { release(); return mediaError(400, 'media parameter is missing.'); }
    const fault = takeFault(index);
    if (fault !== undefined) { release(); return { status: fault.status ?? 503, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ errors: [{ message: 'Over capacity', code: 130 }] }) }; }
    if (found.state !== 'uploading') { release(); return mediaError(400, 'media_id was already finalized.'); }
    if (index < found.segments.length) {
      release();
      const seg = found.segments[index]!;
      if (seg.size !== body.size || await rangeSha1(found.file, seg.offset, seg.size) !== body.sha1) return mediaError(400, `segment ${index} was already received with other bytes.`);
      return { status: 204, body: '' };
    }
    if (body.candidate === undefined) return mediaError(400, `segments must be sent in order: expected segment_index ${found.segments.length}.`);
    if (found.received + body.size > found.totalBytes) { release(); return mediaError(400, 'Segments exceed the provided total file size.'); }
    found.hash = body.candidate;
    found.segments.push({ offset: found.received, size: body.size });
    found.received += body.size;
    found.busy = false;
    return { status: 204, body: '' };
  };

  const readForm = (ctx: SandboxRouteContext): Promise<Parameters | undefined> => new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    ctx.req.on('data', (c: Buffer) => { size += c.length; if (size <= 64 * 1024) chunks.push(c); });
    ctx.req.on('end', () => {
      if (size > 64 * 1024) { resolve(undefined); return; }
      try { resolve(parseFormEncoded(Buffer.concat(chunks).toString('utf8'))); } catch { resolve(undefined); }
    });
    ctx.req.on('error', reject);
  });

  const statusReply = (s: MediaSession, now: number): SandboxReply => {
    const info = s.state === 'succeeded'
      ? { state: 'succeeded', progress_percent: 100 }
      : { state: s.state, check_after_secs: checkAfter, progress_percent: s.state === 'pending' ? 0 : Math.round((100 * s.polls) / (polls + 1)) };
    return mediaReply(200, s, { size: s.totalBytes, expires_after_secs: Math.max(0, Math.round((s.expiresAt - now) / 1000)), processing_info: info, sandbox_sha1: s.sha1 });
  };

  const post: SandboxRoute = {
    method: 'POST', path: MEDIA_UPLOAD_PATH, body: 'raw',
    async handle(ctx) {
      const type = ctx.req.headers['content-type'] ?? '';
      if (/^multipart\/form-data\b/i.test(type)) return append(ctx);
      const query: Parameters = [...ctx.query.entries()];
      const form = /^application\/x-www-form-urlencoded\b/i.test(type) ? await readForm(ctx) : (ctx.req.resume(), []);
      if (form === undefined) return mediaError(400, 'the form body is not valid.');
      // RFC 5849 §3.4.1.3.1: the form parameters are signed (the query is taken from the URL).
      const outcome = await ctx.authenticate('resource', form);
      if (!outcome.ok) return outcome.reply;
      ctx.auth = outcome;
      const params = [...query, ...form];
      const command = get(params, 'command');
      if (command === 'INIT') {
        const total = get(params, 'total_bytes') ?? '';
        const mediaType = get(params, 'media_type') ?? '';
        if (!/^\d{1,15}$/.test(total)) return mediaError(400, 'total_bytes field must be provided.');
        if (mediaType === '') return mediaError(400, 'media_type field must be provided.');
        const id = String(nextId++);
        const file = join(ensureDir(), `${id}.media`);
        await writeFile(file, '');
        const s: MediaSession = {
          id, totalBytes: Number(total), mediaType, consumerKey: outcome.consumerKey, token: outcome.access!.token, file,
          segments: [], received: 0, hash: createHash('sha1'), busy: false, polls: 0, state: 'uploading', expiresAt: ctx.sandbox.now() + expires * 1000,
        };
        sessions.set(id, s);
        return mediaReply(202, s, { expires_after_secs: expires });
      }
      if (command === 'FINALIZE') {
        const found = lookup(ctx, get(params, 'media_id'));
        if (!('id' in found)) return found;
        if (found.state === 'uploading') {
          if (found.received !== found.totalBytes) return mediaError(400, 'Segments do not add up to provided total file size.');
          // Bytes of an attempt that failed after being written may lie past the end: cut them off.
          await truncate(found.file, found.totalBytes);
          found.sha1 = found.hash.digest('hex');
          found.state = 'pending';
        }
        return statusReply(found, ctx.sandbox.now());
      }
      return mediaError(400, `command must be INIT, APPEND or FINALIZE (got ${JSON.stringify(command ?? '')}).`);
    },
  };

  const status: SandboxRoute = {
    method: 'GET', path: MEDIA_UPLOAD_PATH, auth: 'resource',
    handle(ctx) {
      if (ctx.query.get('command') !== 'STATUS') return mediaError(400, 'command must be STATUS for GET.');
      const found = lookup(ctx, ctx.query.get('media_id') ?? undefined);
      if (!('id' in found)) return found;
      if (found.state === 'uploading') return mediaError(400, 'media_id has not been finalized.');
      if (found.state !== 'succeeded') {
        found.polls++;
        found.state = found.polls >= polls ? 'succeeded' : 'in_progress';
        if (found.state === 'succeeded') rmSync(found.file, { force: true });
      }
      return statusReply(found, ctx.sandbox.now());
    },
  };
  return [post, status];
}
