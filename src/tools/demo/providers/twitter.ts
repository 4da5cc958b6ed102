// `npm run demo -- --provider twitter`: the three-legged flow against the Twitter emulation, then a chunked media upload (INIT/APPEND/FINALIZE/STATUS).

import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uploadMediaChunked } from '../../../client/multipart/chunked-upload.js';
import { MEDIA_UPLOAD_PATH } from '../../sandbox/media-upload.js';
import { FLOW_DEMO_STEPS } from '../flow-steps.js';
import type { FlowDemoStep } from '../flow-step.js';

/** Size of the demo clip and of its segments: three APPENDs, the last one short. */
const CLIP_BYTES = 5 * 1024 * 1024 + 12345;
const SEGMENT_BYTES = 2 * 1024 * 1024;

/** A 5 MiB file uploaded in 2 MiB segments with the token credentials the flow obtained; the sandbox's SHA-1 of the reassembled file must match ours. */
export const twitterChunkedUploadStep: FlowDemoStep = {
  title: 'Chunked media upload: INIT, 3 × APPEND (multipart, no field signed), FINALIZE, STATUS',
  async run(ctx) {
    const dir = await mkdtemp(join(tmpdir(), 'oauth1-demo-'));
    try {
      const path = join(dir, 'clip.mp4');
      const bytes = randomBytes(CLIP_BYTES);
      await writeFile(path, bytes);
      const result = await uploadMediaChunked(ctx.client.transport, {
        url: `${ctx.sandbox.url}${MEDIA_UPLOAD_PATH}`, path, mediaType: 'video/mp4', mediaCategory: 'tweet_video', segmentSize: SEGMENT_BYTES,
        sleep: async () => {},
        onProgress: (p) => { if (p.bytesSent === Math.min(p.total, (p.segmentIndex + 1) * SEGMENT_BYTES)) ctx.out.write(`  APPEND segment_index=${p.segmentIndex} of ${p.segmentCount}: ${p.bytesSent} / ${p.total} bytes\n`); },
      });
      const sha1 = createHash('sha1').update(bytes).digest('hex');
      const theirs = (result.response as { sandbox_sha1?: string }).sandbox_sha1;
      ctx.out.write(`  <- media_id_string ${result.mediaId}; ${result.segmentsSent} segments, ${result.statusPolls} STATUS polls\n`);
      ctx.out.write(`  sandbox SHA-1 of the reassembled file ${theirs ?? '(none)'}; ours ${sha1}\n`);
      return theirs === sha1;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** The flow (request token, authorise, access token, two calls, a media upload), then the chunked upload. */
export const TWITTER_DEMO_STEPS: ReadonlyArray<FlowDemoStep> = Object.freeze([...FLOW_DEMO_STEPS, twitterChunkedUploadStep]);
