// `oauth1 upload --chunked`: X (Twitter) v1.1 chunked media upload with a progress bar across segments and a resumable session file.

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { uploadMediaChunked, ChunkedUploadError, DEFAULT_SEGMENT_SIZE, type ChunkedUploadProgress, type ChunkedUploadSession } from '../../../client/multipart/index.js';
import type { ProviderProfile } from '../../../client/profile/profile.js';
import { createOAuthGot } from '../../../client/transport/got.js';
import { credentialsFromFlags } from '../shared/credentials.js';
import { EXIT, UsageError, type CliIo } from '../shared/io.js';
import { pairsFromFlags } from '../shared/provider-flags.js';
import { clientCredentials, transportOptionsFromFlags } from '../shared/transport-flags.js';

/** The options `--chunked` adds to `oauth1 upload`. */
export const CHUNKED_OPTIONS = {
  chunked: { type: 'boolean' },
  'segment-size': { type: 'string' },
  resume: { type: 'string' },
  'media-type': { type: 'string' },
  'media-category': { type: 'string' },
} as const;

/** The `--chunked` part of `oauth1 upload --help`. */
export const CHUNKED_HELP = `Chunked media upload (X / Twitter v1.1 media/upload.json):
  --chunked                  INIT, one APPEND per segment, FINALIZE, then STATUS polls while
                             processing_info says pending/in_progress (waiting check_after_secs).
                             INIT/FINALIZE/STATUS parameters are signed; APPEND is multipart with
                             no field signed. Needs exactly one --file media=PATH. Each APPEND is
                             retried on its own (--retry N, default 3), with a new nonce each time.
  --segment-size N           bytes per APPEND, or with a suffix: 64KiB, 4MiB (default 4MiB)
  --resume FILE              keep the session in FILE after every acknowledged segment; if FILE
                             exists, continue from its next segment (the file must be unchanged);
                             FILE is removed once the upload succeeds
  --media-type TYPE          INIT's media_type (default from the extension: video/mp4, image/png…)
  --media-category CAT       INIT's media_category (tweet_image, tweet_gif, tweet_video…)
  With --json the final answer is printed: {"media_id","response","segments_sent",
  "append_requests","status_polls","resumed_from"}.

  Examples:
    # against the sandbox (oauth1 serve --provider twitter --port 8766 --token demo-token …)
    oauth1 upload media/upload.json --chunked --file media=clip.mp4 --provider twitter \\
      --base-url http://127.0.0.1:8766 --segment-size 1MiB --resume clip.session.json --json
    # the real endpoint
    oauth1 upload https://upload.twitter.com/1.1/media/upload.json --chunked \\
      --file media=clip.mp4 --provider twitter --media-category tweet_video
`;

const MiB = 1024 * 1024;
const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4', '.mov': 'video/quicktime', '.gif': 'image/gif', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp',
};

function parseSize(text: string): number {
  const m = /^(\d{1,12})(B|KiB|MiB)?$/.exec(text);
  if (m === null) throw new UsageError(`--segment-size must be a number of bytes, or N KiB / N MiB (e.g. 4MiB), got ${JSON.stringify(text)}`);
  const n = Number(m[1]) * (m[2] === 'MiB' ? MiB : m[2] === 'KiB' ? 1024 : 1);
  if (n < 1 || n > 5 * MiB) throw new UsageError('--segment-size must be between 1 byte and 5 MiB (X\'s limit per APPEND)');
  return n;
}

function readSession(file: string): ChunkedUploadSession | undefined {
  if (!existsSync(file)) return undefined;
  try { return JSON.parse(readFileSync(file, 'utf8')) as ChunkedUploadSession; } catch {
    throw new UsageError(`--resume ${file} is not a session file written by oauth1 upload --chunked`);
  }
}

/** Saves atomically, so an interrupted write leaves the previous session. */
function writeSession(file: string, session: ChunkedUploadSession): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(session) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** A bar across segments on a terminal, one line per segment otherwise. */
function segmentProgress(io: CliIo): { report: (p: ChunkedUploadProgress) => void; finish: () => void } {
  let lastSegment = -1;
  let lastAttempt = 0;
  let drawn = false;
  let lastDraw = 0;
  return {
    report(p) {
      const done = p.bytesSent === p.total;
      if (io.stderrIsTty) {
        const now = Date.now();
        if (!done && now - lastDraw < 100) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round((p.total === 0 ? 1 : p.bytesSent / p.total) * width);
        const retry = p.attempt > 0 ? ` (retry ${p.attempt})` : '';
        io.stderr.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] segment ${p.segmentIndex + 1}/${p.segmentCount} ${(p.bytesSent / MiB).toFixed(1)}/${(p.total / MiB).toFixed(1)} MiB${retry}`);
        drawn = true;
        return;
      }
      if (p.segmentIndex !== lastSegment || p.attempt !== lastAttempt) {
        lastSegment = p.segmentIndex;
        lastAttempt = p.attempt;
        io.stderr.write(`segment ${p.segmentIndex + 1}/${p.segmentCount}${p.attempt > 0 ? ` (retry ${p.attempt})` : ''}\n`);
      }
    },
    finish() { if (drawn) { io.stderr.write('\n'); drawn = false; } },
  };
}

/** Parsed `oauth1 upload` flags that the chunked path reads. */
export interface ChunkedFlags {
  file?: string[]; field?: string[]; retry?: string; timeout?: string; json?: boolean;
  'segment-size'?: string; resume?: string; 'media-type'?: string; 'media-category'?: string;
  [flag: string]: unknown;
}

/**
 * Runs `oauth1 upload URL --chunked --file media=PATH`: the chunked upload with a progress bar
 * and, with `--resume FILE`, the session saved after every acknowledged segment.
 *
 * @example await runChunkedUpload(values, 'http://127.0.0.1:8766/1.1/media/upload.json', profile, io)
 */
export async function runChunkedUpload(values: ChunkedFlags, url: string, profile: ProviderProfile | undefined, io: CliIo): Promise<number> {
  const files = pairsFromFlags(values.file, '--file');
  if (files.length !== 1 || files[0]![1] === '') throw new UsageError('--chunked needs exactly one --file media=PATH');
  if (values.field !== undefined) throw new UsageError('--chunked sends no --field (INIT, APPEND and FINALIZE have fixed parameters)');
  const path = files[0]![1];
  const segmentSize = values['segment-size'] === undefined ? DEFAULT_SEGMENT_SIZE : parseSize(values['segment-size']);
  let retries = 3;
  if (values.retry !== undefined) {
    if (!/^\d{1,2}$/.test(values.retry)) throw new UsageError('--retry must be a small whole number');
    retries = Number(values.retry);
  }
  const mediaType = values['media-type'] ?? TYPES[extname(path).toLowerCase()];
  if (mediaType === undefined) throw new UsageError(`--media-type is needed: no type known for ${JSON.stringify(extname(path) || path)}`);
  const sessionFile = values.resume;
  const resume = sessionFile === undefined ? undefined : readSession(sessionFile);
  const creds = credentialsFromFlags(values as Parameters<typeof credentialsFromFlags>[0], io.env);
  const options = transportOptionsFromFlags(creds, profile, values.timeout ?? '300');
  const transport = createOAuthGot(clientCredentials(creds, io.env), options);
  const progress = segmentProgress(io);
  if (resume !== undefined && !values.json) io.stderr.write(`resuming media_id ${resume.mediaId} at segment ${resume.nextSegment + 1}/${resume.segmentCount}\n`);
  let result;
  try {
    result = await uploadMediaChunked(transport, {
      url, path, mediaType, segmentSize,
      ...(values['media-category'] === undefined ? {} : { mediaCategory: values['media-category'] }),
      ...(resume === undefined ? {} : { resume }),
      retry: retries === 0 ? false : { limit: retries, retryPost: true, delayMs: (n) => 250 * 2 ** (n - 1) },
      onProgress: (p) => progress.report(p),
      ...(sessionFile === undefined ? {} : { onSession: (s: ChunkedUploadSession) => writeSession(sessionFile, s) }),
    });
  } catch (e) {
    progress.finish();
    if (e instanceof ChunkedUploadError && e.session !== undefined && sessionFile !== undefined) {
      io.stderr.write(`session saved in ${sessionFile}: run the same command again to resume at segment ${e.session.nextSegment + 1}\n`);
    }
    throw e;
  }
  progress.finish();
  if (sessionFile !== undefined) rmSync(sessionFile, { force: true });
  if (values.json) {
    io.stdout.write(JSON.stringify({
      media_id: result.mediaId, response: result.response, segments_sent: result.segmentsSent,
      append_requests: result.appendRequests, status_polls: result.statusPolls, resumed_from: result.resumedFrom,
    }) + '\n');
  } else {
    io.stderr.write(`media_id ${result.mediaId}: ${result.segmentsSent} segment(s) sent in ${result.appendRequests} APPEND request(s), ${result.statusPolls} STATUS poll(s)\n`);
    io.stdout.write(JSON.stringify(result.response) + '\n');
  }
  return EXIT.OK;
}
