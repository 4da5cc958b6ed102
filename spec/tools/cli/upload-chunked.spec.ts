// `oauth1 upload --chunked` run as the built binary against the twitter sandbox's media/upload.json on 127.0.0.1.

import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, ensureBuilt, runCli, type CliRun } from './helpers.js';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { mediaUploadRoute, type MediaUploadRouteOptions } from '../../../src/tools/sandbox/media-upload.js';

const TOKEN = { token: 'cli-chunked-token', tokenSecret: 'cli-chunked-token-secret' };

function runUpload(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'upload', ...args], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', OAUTH1_CONSUMER_SECRET: 'sandbox-consumer-secret', OAUTH1_TOKEN_SECRET: TOKEN.tokenSecret },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (exit) => { clearTimeout(timer); resolve({ stdout, stderr, exit }); });
  });
}

describe('oauth1 upload --chunked (built binary)', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let sha1: string;
  let sandbox: SandboxProvider | undefined;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'oauth1-cli-chunked-'));
    file = join(dir, 'clip.mp4');
    const bytes = randomBytes(200 * 1024 + 7);
    writeFileSync(file, bytes);
    sha1 = createHash('sha1').update(bytes).digest('hex');
  });
  after(() => { rmSync(dir, { recursive: true, force: true }); });
  afterEach(async () => { await sandbox?.close(); sandbox = undefined; });

  const start = async (o: MediaUploadRouteOptions): Promise<string> => {
    sandbox = await createSandboxProvider({ provider: 'twitter', tokens: [TOKEN], routes: mediaUploadRoute({ checkAfterSecs: 0, ...o }) });
    return sandbox.url;
  };
  const args = (base: string, ...more: string[]): string[] => [
    'media/upload.json', '--chunked', '--file', `media=${file}`, '--provider', 'twitter', '--base-url', base,
    '--segment-size', '64KiB', '--consumer-key', 'sandbox-consumer-key', '--token', TOKEN.token, ...more,
  ];

  it('--json prints the media id and the final answer; a failed APPEND is retried; no secret is printed', async () => {
    const base = await start({ failAppend: [{ segmentIndex: 1 }] });
    const r = await runUpload(args(base, '--json'));
    expect(r.exit, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout) as { media_id: string; response: { sandbox_sha1: string; processing_info: { state: string } }; segments_sent: number; append_requests: number };
    expect(out.media_id).to.match(/^\d{19}$/);
    expect(out.response.sandbox_sha1).to.equal(sha1);
    expect(out.response.processing_info.state).to.equal('succeeded');
    expect([out.segments_sent, out.append_requests]).to.deep.equal([4, 5]);
    expect(r.stdout + r.stderr).to.not.include(TOKEN.tokenSecret).and.not.include('sandbox-consumer-secret');
  });

  it('--resume FILE keeps the session when an APPEND fails for good, and the next run resumes from it', async () => {
    const base = await start({ failAppend: [{ segmentIndex: 2, times: 1 }] });
    const session = join(dir, 'clip.session.json');
    const failed = await runUpload(args(base, '--retry', '0', '--resume', session));
    expect(failed.exit).to.equal(1);
    expect(failed.stderr).to.match(/ERR_OAUTH_CHUNKED_SEGMENT_FAILED: APPEND of segment_index 2 for media_id \d+ failed/);
    expect(failed.stderr).to.include(`session saved in ${session}: run the same command again to resume at segment 3`);
    const saved = JSON.parse(readFileSync(session, 'utf8')) as { nextSegment: number; mediaId: string };
    expect(saved.nextSegment).to.equal(2);
    const resumed = await runUpload(args(base, '--resume', session, '--json'));
    expect(resumed.exit, resumed.stderr).to.equal(0);
    const out = JSON.parse(resumed.stdout) as { media_id: string; resumed_from: number; segments_sent: number; response: { sandbox_sha1: string } };
    expect([out.media_id, out.resumed_from, out.segments_sent, out.response.sandbox_sha1]).to.deep.equal([saved.mediaId, 2, 2, sha1]);
    expect(existsSync(session)).to.equal(false);
  });

  it('--help documents --chunked with examples; --segment-size without --chunked is a usage error', () => {
    const help = runCli(['upload', '--help']);
    expect(help.stdout).to.include('--chunked').and.include('--resume FILE').and.include('oauth1 upload media/upload.json --chunked');
    const bad = runCli(['upload', 'http://127.0.0.1:1/x', '--file', 'media=x', '--segment-size', '1MiB']);
    expect(bad.exit).to.equal(2);
    expect(bad.stderr).to.include('--segment-size needs --chunked');
  });
});
