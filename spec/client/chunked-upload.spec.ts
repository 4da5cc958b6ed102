// Specs for uploadMediaChunked against the twitter sandbox's /1.1/media/upload.json over real HTTP on 127.0.0.1.

import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { mediaUploadRoute, MEDIA_UPLOAD_PATH, type MediaUploadRouteOptions } from '../../src/tools/sandbox/media-upload.js';
import { createOAuthGot } from '../../src/client/transport/got.js';
import { signRequest } from '../../src/core/sign.js';
import { createMultipartBody } from '../../src/client/multipart/index.js';
import { ChunkedUploadError, UploadError, uploadMediaChunked, type ChunkedUploadSession } from '../../src/client/multipart/index.js';

const TOKEN = { token: 'chunked-spec-token', tokenSecret: 'chunked-spec-token-secret' };
const KiB = 1024;
const SEGMENT = 64 * KiB;

describe('uploadMediaChunked against the twitter sandbox', () => {
  let dir: string;
  let file: string;
  let bytes: Buffer;
  let sandbox: SandboxProvider | undefined;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'oauth1-chunked-spec-'));
    file = join(dir, 'clip.mp4');
    // 300 KiB + 123 bytes: four segments of 64 KiB and a short fifth.
    bytes = randomBytes(300 * KiB + 123);
    writeFileSync(file, bytes);
  });
  after(() => { rmSync(dir, { recursive: true, force: true }); });
  afterEach(async () => { await sandbox?.close(); sandbox = undefined; });

  async function start(options: MediaUploadRouteOptions = {}): Promise<SandboxProvider> {
    sandbox = await createSandboxProvider({ provider: 'twitter', tokens: [TOKEN], routes: mediaUploadRoute({ checkAfterSecs: 3, ...options }) });
    return sandbox;
  }
  const transportFor = (s: SandboxProvider) => createOAuthGot({ consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, ...TOKEN }, { profile: s.profile });
  const appendNonces = (s: SandboxProvider): Array<string | undefined> =>
    s.requests.filter((r) => r.path === MEDIA_UPLOAD_PATH && r.method === 'POST').map((r) => r.oauth.oauth_nonce);
  const expected = (): string => createHash('sha1').update(bytes).digest('hex');

  it('uploads in 64 KiB segments; the sandbox reassembles them and answers the same SHA-1; STATUS polls wait check_after_secs', async () => {
    const s = await start();
    const slept: number[] = [];
    const progress: Array<[number, number]> = [];
    const result = await uploadMediaChunked(transportFor(s), {
      url: `${s.url}${MEDIA_UPLOAD_PATH}`, path: file, mediaType: 'video/mp4', segmentSize: SEGMENT,
      sleep: async (ms) => { slept.push(ms); }, onProgress: (p) => progress.push([p.segmentIndex, p.bytesSent]),
    });
    expect(result.mediaId).to.match(/^\d{19}$/);
    expect(result.response.sandbox_sha1).to.equal(expected());
    expect(result.response.processing_info).to.deep.equal({ state: 'succeeded', progress_percent: 100 });
    expect(result.segmentsSent).to.equal(5);
    expect(result.statusPolls).to.equal(2);
    expect(slept).to.deep.equal([3000, 3000]);
    expect(progress.at(-1)).to.deep.equal([4, bytes.length]);
    expect(new Set(progress.map(([i]) => i))).to.deep.equal(new Set([0, 1, 2, 3, 4]));
  });

  it('an APPEND answered 503 is retried on its own with a new nonce, and the result is still right', async () => {
    const s = await start({ failAppend: [{ segmentIndex: 2 }] });
    const result = await uploadMediaChunked(transportFor(s), {
      url: `${s.url}${MEDIA_UPLOAD_PATH}`, path: file, mediaType: 'video/mp4', segmentSize: SEGMENT,
      retry: { limit: 2, delayMs: 1 }, sleep: async () => {},
    });
    expect(result.appendRequests).to.equal(6);
    expect(result.response.sandbox_sha1).to.equal(expected());
    const failed = s.requests.filter((r) => r.path === MEDIA_UPLOAD_PATH && r.status === 503);
    expect(failed).to.have.length(1);
    const i = s.requests.indexOf(failed[0]!);
    const retry = s.requests[i + 1]!;
    expect(retry.status).to.equal(204);
    expect(retry.oauth.oauth_nonce).to.be.a('string').and.not.equal(failed[0]!.oauth.oauth_nonce);
    const nonces = appendNonces(s);
    expect(new Set(nonces).size).to.equal(nonces.length);
  });

  it('a restart mid-file resumes from the last acknowledged segment and the SHA-1 still matches', async () => {
    const s = await start({ failAppend: [{ segmentIndex: 3, times: 5 }] });
    let saved: ChunkedUploadSession | undefined;
    const url = `${s.url}${MEDIA_UPLOAD_PATH}`;
    const err = await uploadMediaChunked(transportFor(s), {
      url, path: file, mediaType: 'video/mp4', segmentSize: SEGMENT, retry: false, sleep: async () => {},
      onSession: (x) => { saved = JSON.parse(JSON.stringify(x)) as ChunkedUploadSession; },
    }).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(ChunkedUploadError);
    expect((err as ChunkedUploadError).code).to.equal('ERR_OAUTH_CHUNKED_SEGMENT_FAILED');
    expect((err as ChunkedUploadError).message).to.match(/^APPEND of segment_index 3 for media_id \d+ failed: .*resume from segment 3$/);
    expect((err as ChunkedUploadError).message).to.not.include('chunked-spec-token-secret');
    expect(saved!.nextSegment).to.equal(3);
    expect((err as ChunkedUploadError).session!.nextSegment).to.equal(3);
    // Another "process": a new transport, the saved session; the fault has 4 more failures, so allow retries past them.
    const result = await uploadMediaChunked(transportFor(s), {
      path: file, mediaType: 'video/mp4', resume: saved!, retry: { limit: 5, delayMs: 1 }, sleep: async () => {},
    });
    expect(result.resumedFrom).to.equal(3);
    expect(result.segmentsSent).to.equal(2);
    expect(result.mediaId).to.equal(saved!.mediaId);
    expect(result.response.sandbox_sha1).to.equal(expected());
    // No second INIT was sent.
    expect(s.requests.filter((r) => r.status === 202)).to.have.length(1);
  });

  it('a resume refuses a file whose size or mtime changed (ERR_OAUTH_CHUNKED_SESSION_MISMATCH)', async () => {
    const s = await start();
    const other = join(dir, 'other.bin');
    writeFileSync(other, bytes.subarray(0, 100 * KiB));
    let saved: ChunkedUploadSession | undefined;
    await uploadMediaChunked(transportFor(s), {
      url: `${s.url}${MEDIA_UPLOAD_PATH}`, path: other, mediaType: 'video/mp4', segmentSize: SEGMENT, sleep: async () => {},
      onSession: (x) => { if (x.nextSegment === 1) saved = x; },
    });
    utimesSync(other, new Date(), new Date(Date.now() + 5000));
    const err = await uploadMediaChunked(transportFor(s), { path: other, mediaType: 'video/mp4', resume: saved! }).then(() => undefined, (e: unknown) => e);
    expect((err as ChunkedUploadError).code).to.equal('ERR_OAUTH_CHUNKED_SESSION_MISMATCH');
    expect((err as ChunkedUploadError).message).to.match(/^the session for media_id \d+ was saved for 102400 bytes/);
  });

  it('a file cut short mid-upload fails with ERR_OAUTH_UPLOAD_FILE_CHANGED at the segment that reads past its end, not with a short APPEND', async () => {
    const s = await start();
    const shrinking = join(dir, 'shrinking.bin');
    writeFileSync(shrinking, bytes);
    const err = await uploadMediaChunked(transportFor(s), {
      url: `${s.url}${MEDIA_UPLOAD_PATH}`, path: shrinking, mediaType: 'video/mp4', segmentSize: SEGMENT, retry: false, sleep: async () => {},
      onSession: (x) => { if (x.nextSegment === 2) truncateSync(shrinking, 2 * SEGMENT + 10); },
    }).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(UploadError);
    expect((err as UploadError).code).to.equal('ERR_OAUTH_UPLOAD_FILE_CHANGED');
    // Segments 0 and 1 were acknowledged; segment 2 never reached the sandbox whole.
    expect(s.requests.filter((r) => r.path === MEDIA_UPLOAD_PATH && r.method === 'POST' && r.status === 204)).to.have.length(2);
  });

  it('the sandbox refuses an APPEND whose multipart fields were signed: Twitter code 32 and WWW-Authenticate signature_invalid', async () => {
    const s = await start();
    const url = `${s.url}${MEDIA_UPLOAD_PATH}`;
    const init = await createOAuthGot({ consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, ...TOKEN }, { profile: s.profile })
      .request({ method: 'POST', url, form: [['command', 'INIT'], ['total_bytes', '10'], ['media_type', 'image/png']] });
    const mediaId = (JSON.parse(init.body) as { media_id_string: string }).media_id_string;
    const fields = [['command', 'APPEND'], ['media_id', mediaId], ['segment_index', '0']] as const;
    const body = await createMultipartBody(fields, [{ name: 'media', buffer: Buffer.alloc(10, 1) }]);
    const send = async (extraSignedParams: ReadonlyArray<readonly [string, string]>) => {
      const signed = signRequest({ method: 'POST', url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, ...TOKEN, extraSignedParams });
      const chunks: Buffer[] = [];
      for await (const c of body.open()) chunks.push(c as Buffer);
      return fetch(url, { method: 'POST', headers: { authorization: signed.authorization!, 'content-type': body.contentType }, body: Buffer.concat(chunks) });
    };
    const refused = await send(fields);
    expect(refused.status).to.equal(401);
    expect(await refused.json()).to.deep.equal({ errors: [{ message: 'Could not authenticate you', code: 32 }] });
    expect(refused.headers.get('www-authenticate')).to.match(/problem="signature_invalid"/);
    const accepted = await send([]);
    expect(accepted.status).to.equal(204);
  });
});
