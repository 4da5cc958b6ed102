// `oauth1 upload` run as the built binary against sandbox providers on 127.0.0.1: answers, policies, retries, file and usage errors, progress.

import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { BIN, ROOT, ensureBuilt, itMatchesCliCases, type CliRun } from './helpers.js';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { command as uploadCommand } from '../../../src/tools/cli/commands/upload.js';

const TOKEN = { token: 'cli-upload-token', tokenSecret: 'cli-upload-token-secret' };
const CONSUMER_SECRET = 'sandbox-consumer-secret';

/** Runs `oauth1 upload …args` without blocking the event loop (the sandbox answers from this process). */
function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'upload', ...args], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', OAUTH1_CONSUMER_SECRET: CONSUMER_SECRET, OAUTH1_TOKEN_SECRET: TOKEN.tokenSecret, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
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

describe('oauth1 upload (built binary)', function () {
  this.timeout(120_000);
  let dir: string;
  let image: string;
  let imageSha1: string;
  let weibo: SandboxProvider;
  let twitter: SandboxProvider;
  const creds = ['--consumer-key', 'sandbox-consumer-key', '--token', TOKEN.token];

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'oauth1-cli-upload-'));
    image = join(dir, 'cat.jpg');
    const bytes = Buffer.alloc(700_001);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 13 + (i >> 8)) & 0xff;
    writeFileSync(image, bytes);
    imageSha1 = createHash('sha1').update(bytes).digest('hex');
    weibo = await createSandboxProvider({ provider: 'weibo-v1', tokens: [TOKEN] });
    twitter = await createSandboxProvider({ provider: 'twitter', tokens: [TOKEN] });
  });
  after(async () => {
    await weibo?.close();
    await twitter?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const noSecrets = (r: CliRun): void => {
    for (const s of [CONSUMER_SECRET, TOKEN.tokenSecret]) expect(r.stdout + r.stderr).not.to.include(s);
  };

  it('upload to weibo-v1 signs the text fields, prints the plan and quarter progress lines on stderr and the answer on stdout', async () => {
    const r = await runCliAsync([`${weibo.url}/statuses/upload.json`, '--provider', 'weibo-v1', '--field', 'status=微博 upload 🐱', '--file', `pic=${image}`, ...creds]);
    expect(r.exit, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.include({ text: '微博 upload 🐱', pic_sha1: imageSha1, size: 700_001 });
    const length = /Content-Length: (\d+)/.exec(r.stderr)?.[1];
    expect(r.stderr).to.equal([
      'policy text-fields (profile weibo-v1)',
      '  signed text fields: source, status',
      '  file pic: cat.jpg, 700001 bytes (never signed)',
      `  Content-Length: ${length}`,
      `attempt 1: sending ${length} bytes`,
      'attempt 1: 25% sent', 'attempt 1: 50% sent', 'attempt 1: 75% sent', 'attempt 1: 100% sent',
      'HTTP 200', '',
    ].join('\n'));
    noSecrets(r);
  });

  it('upload to weibo-v1 under --sign none is refused with 40107 signature_invalid, decoded on stderr, exit 1', async () => {
    const r = await runCliAsync([`${weibo.url}/statuses/upload.json`, '--provider', 'weibo-v1', '--sign', 'none', '--field', 'status=unsigned', '--file', `pic=${image}`, ...creds]);
    expect(r.exit).to.equal(1);
    expect(JSON.parse(r.stdout)).to.deep.equal({ request: '/statuses/upload.json', error_code: '401', error: '40107:Oauth Error: signature_invalid!' });
    expect(r.stderr).to.include('policy none (--sign)\n  unsigned text fields: source, status\n');
    expect(r.stderr).to.include('HTTP 401\noauth1 upload: error ERR_OAUTH_PROVIDER: ');
    expect(r.stderr).to.include('  HTTP 401, provider code 40107, oauth_problem signature_invalid\n');
    noSecrets(r);
  });

  it('upload to twitter signs no field and answers media_sha1', async () => {
    const r = await runCliAsync(['statuses/update_with_media.json', '--provider', 'twitter', '--base-url', twitter.url, '--field', 'status=hello', '--file', `media[]=${image}`, ...creds]);
    expect(r.exit, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.include({ text: 'hello', media_sha1: imageSha1, size: 700_001 });
    expect(r.stderr).to.match(/^policy none \(profile twitter\)\n {2}unsigned text fields: status\n {2}file media\[\]: cat\.jpg, 700001 bytes \(never signed\)\n/);
  });

  it('upload to twitter with --sign text-fields is refused with code 32', async () => {
    const r = await runCliAsync([`${twitter.url}/1.1/statuses/update_with_media.json`, '--provider', 'twitter', '--sign', 'text-fields', '--field', 'status=signed', '--file', `media[]=${image}`, ...creds]);
    expect(r.exit).to.equal(1);
    expect(JSON.parse(r.stdout)).to.deep.equal({ errors: [{ message: 'Could not authenticate you', code: 32 }] });
    expect(r.stderr).to.include('  HTTP 401, provider code 32, oauth_problem signature_invalid\n');
  });

  it('upload --sign body-hash --json prints the answer, the explanation with oauth_body_hash and the attempts', async () => {
    const r = await runCliAsync([`${twitter.url}/1.1/statuses/update_with_media.json`, '--provider', 'twitter', '--sign', 'body-hash', '--field', 'status=hashed 微博', '--file', `media[]=${image}`, '--json', ...creds]);
    expect(r.exit, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout) as { status: number; body: Record<string, unknown>; explain: { policy: string; policySource: string; bodyHash: string; normalizedParameters: string }; attempts: unknown[] };
    expect(out.status).to.equal(200);
    expect(out.body).to.include({ text: 'hashed 微博', media_sha1: imageSha1 });
    expect(out.explain.policy).to.equal('body-hash');
    expect(out.explain.policySource).to.equal('request');
    expect(out.explain.normalizedParameters).to.contain(`oauth_body_hash=${encodeURIComponent(out.explain.bodyHash)}`);
    expect(out.attempts).to.have.length(1);
    noSecrets(r);
  });

  it('upload --retry 1 re-sends after a 503 with a new nonce and reports both attempts', async () => {
    weibo.failNext({ path: '/statuses/upload.json', status: 503 });
    const r = await runCliAsync([`${weibo.url}/statuses/upload.json`, '--provider', 'weibo-v1', '--retry', '1', '--field', 'status=after 503', '--file', `pic=${image}`, '--json', ...creds]);
    expect(r.exit, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout) as { body: { pic_sha1: string }; attempts: Array<{ attempt: number; nonce: string }> };
    expect(out.body.pic_sha1).to.equal(imageSha1);
    expect(out.attempts.map((a) => a.attempt)).to.deep.equal([0, 1]);
    expect(out.attempts[0]!.nonce).to.not.equal(out.attempts[1]!.nonce);
    expect(r.stderr).to.include('attempt 1: 100% sent\nattempt 2: sending ');
    expect(r.stderr).to.include('attempt 2: 100% sent\n');
  });

  it('upload of a missing file exits 1 with ERR_OAUTH_UPLOAD_FILE_MISSING and sends nothing', async () => {
    const before = weibo.requests.length;
    const missing = join(dir, 'missing.png');
    const r = await runCliAsync([`${weibo.url}/statuses/upload.json`, '--provider', 'weibo-v1', '--field', 'status=x', '--file', `pic=${missing}`, ...creds]);
    expect(r).to.deep.equal({ stdout: '', stderr: `oauth1 upload: error ERR_OAUTH_UPLOAD_FILE_MISSING: file for field "pic" does not exist: ${missing}\n`, exit: 1 });
    expect(weibo.requests.length).to.equal(before);
  });

  it('upload of a directory exits 1 with ERR_OAUTH_UPLOAD_FILE_UNREADABLE', async () => {
    const r = await runCliAsync([`${weibo.url}/statuses/upload.json`, '--provider', 'weibo-v1', '--field', 'status=x', '--file', `pic=${dir}`, ...creds]);
    expect(r).to.deep.equal({ stdout: '', stderr: `oauth1 upload: error ERR_OAUTH_UPLOAD_FILE_UNREADABLE: file for field "pic" cannot be read: ${dir} is a directory (EISDIR)\n`, exit: 1 });
  });

  for (const [args, message] of [
    [['--field', 'status=x'], 'expected one URL'],
    [['http://127.0.0.1:1/u', '--sign', 'all', '--field', 'a=b'], '--sign must be none, text-fields or body-hash, got "all"'],
    [['http://127.0.0.1:1/u', '--signed-fields', 'status', '--field', 'status=b'], '--signed-fields needs the text-fields policy (this upload uses none)'],
    [['http://127.0.0.1:1/u'], 'give at least one --field or --file'],
    [['http://127.0.0.1:1/u', '--file', 'pic'], '--file expects name=value, got "pic"'],
  ] as const) {
    it(`upload ${args.join(' ')} is a usage error (exit 2)`, async () => {
      const r = await runCliAsync([...args, ...creds]);
      expect(r).to.deep.equal({ stdout: '', stderr: `oauth1 upload: error ERR_OAUTH_CLI_USAGE: ${message}\nRun \`oauth1 upload --help\` for usage.\n`, exit: 2 });
    });
  }

  it('upload --help prints the usage with the three policies and examples', async () => {
    const h = await runCliAsync(['--help']);
    expect(h.exit).to.equal(0);
    expect(h.stdout).to.match(/^Usage: oauth1 upload URL --field name=value… --file name=PATH…/);
    for (const policy of ['none ', 'text-fields ', 'body-hash ']) expect(h.stdout).to.include(`\n  ${policy}`);
    expect(h.stdout).to.include('Examples:');
  });
});

describe('oauth1 upload progress on a terminal', function () {
  this.timeout(60_000);
  let sandbox: SandboxProvider;
  let dir: string;
  before(async () => {
    sandbox = await createSandboxProvider({ provider: 'weibo-v1', tokens: [TOKEN] });
    dir = mkdtempSync(join(tmpdir(), 'oauth1-cli-upload-tty-'));
    writeFileSync(join(dir, 'big.png'), Buffer.alloc(4 * 1024 * 1024, 3));
  });
  after(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('upload draws a redrawn progress bar on stderr when stderr is a TTY', async () => {
    let stdout = '';
    let stderr = '';
    const sink = (append: (s: string) => void): Writable => new Writable({ write(chunk, _enc, done) { append(String(chunk)); done(); } });
    const code = await uploadCommand.run([`${sandbox.url}/statuses/upload.json`, '--provider', 'weibo-v1', '--field', 'status=tty', '--file', `pic=${join(dir, 'big.png')}`, '--consumer-key', 'sandbox-consumer-key', '--token', TOKEN.token], {
      stdin: process.stdin, stdout: sink((s) => { stdout += s; }), stderr: sink((s) => { stderr += s; }),
      env: { OAUTH1_CONSUMER_SECRET: CONSUMER_SECRET, OAUTH1_TOKEN_SECRET: TOKEN.tokenSecret }, stderrIsTty: true,
    });
    expect(code).to.equal(0);
    expect(JSON.parse(stdout)).to.include({ text: 'tty', size: 4 * 1024 * 1024 });
    expect(stderr).to.not.include('% sent\n');
    expect(stderr).to.match(/\r\x1b\[2K\[#{30}\] 100% 4\.0 MiB\/4\.0 MiB [\d.]+ MiB\/s\nHTTP 200\n$/);
  });
});

describe('oauth1 upload expected-output cases (fixtures/cli/upload-*)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());
  itMatchesCliCases('upload-');
});
