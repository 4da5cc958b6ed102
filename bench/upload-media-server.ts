// Chunked-upload benchmark server: the twitter sandbox (media/upload.json, reassembling on disk) in its own process.
//
// Started by bench/upload-chunked.ts with `fork`; sends `{ url }` over IPC once listening. APPEND of segment FAIL_SEGMENT fails once (503).

import { createSandboxProvider } from '../src/tools/sandbox/index.js';
import { mediaUploadRoute } from '../src/tools/sandbox/media-upload.js';

const failSegment = Number(process.env.CHUNKED_BENCH_FAIL_SEGMENT ?? 10);
const sandbox = await createSandboxProvider({
  provider: 'twitter', tokens: [{ token: 'bench-token', tokenSecret: 'bench-token-secret' }], consumerKey: 'bench-key', consumerSecret: 'bench-secret',
  routes: mediaUploadRoute({ checkAfterSecs: 0, failAppend: [{ segmentIndex: failSegment }] }),
});
process.send?.({ url: sandbox.url });
process.on('disconnect', () => { void sandbox.close(); });
