// `oauth1 flow` (built binary) against the sandbox: oob PIN on stdin, loopback callback with --json/--save, timeouts, usage.

import { expect } from 'chai';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxProvider, submitAuthorization, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { startCli } from './async-run.js';
import { itMatchesCliCases, ensureBuilt, runCli } from './helpers.js';

const AUTH_LINE = /Open this URL in a browser and authorise the application:\n(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?oauth_token=[A-Za-z0-9]+)\n/;

describe('oauth1 flow (built binary)', function () {
  // A stale dist/ is rebuilt once, before the first run of the binary.
  this.timeout(120_000);
  before(() => ensureBuilt());
  let sb: SandboxProvider;
  let dir: string;
  before(async () => {
    sb = await createSandboxProvider({ provider: 'twitter' });
    dir = mkdtempSync(join(tmpdir(), 'oauth1-flow-'));
  });
  after(async () => {
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const base = () => ['flow', '--provider', 'twitter', '--base-url', sb.url, '--consumer-key', sb.consumerKey];
  const env = () => ({ OAUTH1_CONSUMER_SECRET: sb.consumerSecret });

  it('oauth1 flow --callback oob prints the URL on stderr, reads the PIN from stdin and prints the credentials', async () => {
    const cli = startCli([...base(), '--callback', 'oob'], env());
    const url = (await cli.waitForStderr(AUTH_LINE))[1]!;
    await cli.waitForStderr(/Enter the PIN \(verifier\) shown after you allowed access: $/);
    const { pin } = await submitAuthorization(url, 'allow');
    expect(pin).to.match(/^\d{6}$/);
    cli.child.stdin.end(`${pin}\n`);
    expect(await cli.exited).to.equal(0);
    const lines = cli.stdout().split('\n');
    expect(lines[0]).to.match(/^oauth_token=[A-Za-z0-9]+$/);
    expect(lines.slice(1)).to.deep.equal(['oauth_token_secret=<redacted>', 'user_id=1234567890', 'screen_name=sandbox_user', '']);
    const token = lines[0]!.slice('oauth_token='.length);
    expect(sb.state.access.has(token)).to.equal(true);
  });

  it('oauth1 flow --callback loopback receives the redirect, prints --json and saves the credentials with mode 0600', async () => {
    const file = join(dir, 'creds.json');
    const cli = startCli([...base(), '--callback', 'loopback', '--json', '--save', file], env());
    const url = (await cli.waitForStderr(AUTH_LINE))[1]!;
    const waiting = (await cli.waitForStderr(/Waiting for the redirect to (http:\/\/127\.0\.0\.1:\d+\/callback\/[0-9a-f]{32}) …\n/))[1]!;
    const { location } = await submitAuthorization(url, 'allow');
    expect(location!.startsWith(`${waiting}?oauth_token=`)).to.equal(true);
    const page = await fetch(location!);
    expect(await page.text()).to.include('Authorised. You can close this window');
    expect(await cli.exited).to.equal(0);
    const json = JSON.parse(cli.stdout()) as Record<string, string>;
    expect(Object.keys(json)).to.deep.equal(['token', 'tokenSecret', 'user_id', 'screen_name']);
    expect(sb.state.access.get(json.token!)!.tokenSecret).to.equal(json.tokenSecret);
    expect(JSON.parse(readFileSync(file, 'utf8'))).to.deep.equal(json);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(cli.stderr()).to.include(`saved the token credentials to ${file} (mode 0600)`);
  });

  it('oauth1 flow --callback loopback gives up after --callback-timeout with exit 1', async () => {
    const cli = startCli([...base(), '--callback', 'loopback', '--callback-timeout', '0.5'], env());
    expect(await cli.exited).to.equal(1);
    expect(cli.stderr()).to.match(/oauth1 flow: error ERR_OAUTH_CALLBACK_INVALID: no callback arrived at http:\/\/127\.0\.0\.1:\d+\/callback\/[0-9a-f]{32} within 1 s\n$/);
  });

  it('oauth1 flow --callback loopback answers 400 to hits without the temporary token or on another path, and keeps waiting', async () => {
    const cli = startCli([...base(), '--callback', 'loopback', '--json'], env());
    const url = (await cli.waitForStderr(AUTH_LINE))[1]!;
    const waiting = (await cli.waitForStderr(/Waiting for the redirect to (http:\/\/127\.0\.0\.1:(\d+)\/callback\/[0-9a-f]{32}) …\n/))!;
    const [callback, port] = [waiting[1]!, waiting[2]!];
    const token = new URL(url).searchParams.get('oauth_token')!;
    for (const hit of [
      `${callback}?oauth_verifier=stolen`,
      `${callback}?oauth_token=another-token&oauth_verifier=stolen`,
      `${callback}?oauth_token=${token}`,
      `http://127.0.0.1:${port}/callback?oauth_token=${token}&oauth_verifier=stolen`,
      `http://127.0.0.1:${port}/`,
    ]) {
      const res = await fetch(hit);
      expect(res.status, hit).to.equal(400);
      await res.text();
    }
    expect(cli.child.exitCode, 'still waiting').to.equal(null);
    const { location } = await submitAuthorization(url, 'allow');
    expect((await fetch(location!)).status).to.equal(200);
    expect(await cli.exited).to.equal(0);
    expect(Object.keys(JSON.parse(cli.stdout()) as object)).to.include('tokenSecret');
  });

  it('oauth1 flow --save refuses a symbolic link before the flow starts and leaves its target alone', async () => {
    const target = join(dir, 'victim.txt');
    writeFileSync(target, 'do not touch\n');
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    const cli = startCli([...base(), '--callback', 'oob', '--save', link], env());
    expect(await cli.exited).to.equal(2);
    expect(cli.stderr()).to.include(`--save ${link} is a symbolic link`);
    expect(cli.stderr()).to.not.include('Open this URL');
    expect(readFileSync(target, 'utf8')).to.equal('do not touch\n');
    expect(lstatSync(link).isSymbolicLink()).to.equal(true);
  });

  it('oauth1 flow --save replaces an existing world-readable file by a new 0600 file (not rewritten in place)', async () => {
    const file = join(dir, 'existing.json');
    writeFileSync(file, '{}\n', { mode: 0o644 });
    chmodSync(file, 0o644);
    const before = statSync(file).ino;
    const cli = startCli([...base(), '--callback', 'oob', '--save', file], env());
    const url = (await cli.waitForStderr(AUTH_LINE))[1]!;
    const { pin } = await submitAuthorization(url, 'allow');
    cli.child.stdin.end(`${pin}\n`);
    expect(await cli.exited).to.equal(0);
    const after = statSync(file);
    expect(after.mode & 0o777).to.equal(0o600);
    expect(after.ino).to.not.equal(before);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object)).to.include('tokenSecret');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).to.deep.equal([]);
  });

  it('oauth1 flow --callback oob exits once the credentials are printed although its stdin stays open', async () => {
    const cli = startCli([...base(), '--callback', 'oob'], env());
    const url = (await cli.waitForStderr(AUTH_LINE))[1]!;
    const { pin } = await submitAuthorization(url, 'allow');
    cli.child.stdin.write(`${pin}\n`);
    // stdin is never ended: the driver keeps its pipe open.
    expect(await cli.exited).to.equal(0);
    expect(cli.stdout()).to.match(/^oauth_token=/);
  });

  it('oauth1 flow with a wrong consumer secret prints the decoded Twitter error (code 32) and exits 1', async () => {
    const cli = startCli([...base(), '--consumer-secret', 'wrong-secret']);
    expect(await cli.exited).to.equal(1);
    expect(cli.stderr()).to.include('provider code 32');
    expect(cli.stderr()).to.not.include('wrong-secret');
  });
});

describe('oauth1 flow --authorize-param (built binary, against the Flickr and Trello emulations)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());
  const ANY_AUTH_LINE = /Open this URL in a browser and authorise the application:\n(http:\/\/127\.0\.0\.1:\d+\/\S+)\n/;
  const flowArgs = (sb: SandboxProvider, provider: string) => ['flow', '--provider', provider, '--base-url', sb.url, '--consumer-key', sb.consumerKey, '--callback', 'loopback', '--json'];
  /** Follows the auto-approved authorise page's redirect to the CLI's loopback listener. */
  async function approve(url: string): Promise<void> {
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status, await page.clone().text()).to.equal(302);
    const back = await fetch(page.headers.get('location')!);
    expect(back.status).to.equal(200);
    await back.text();
  }

  it('oauth1 flow --provider flickr --authorize-param perms=write completes against the Flickr emulation (whose page refuses a URL without perms)', async () => {
    const sb = await createSandboxProvider({ provider: 'flickr', autoApprove: true });
    try {
      const cli = startCli([...flowArgs(sb, 'flickr'), '--authorize-param', 'perms=write'], { OAUTH1_CONSUMER_SECRET: sb.consumerSecret });
      const url = new URL((await cli.waitForStderr(ANY_AUTH_LINE))[1]!);
      expect(url.pathname).to.equal('/services/oauth/authorize');
      expect([...url.searchParams.keys()]).to.deep.equal(['oauth_token', 'perms']);
      expect(url.searchParams.get('perms')).to.equal('write');
      // The same URL without perms is what the emulation refuses (Flickr: "doesn't recognise the permission set").
      const bare = new URL(url);
      bare.searchParams.delete('perms');
      const refused = await fetch(bare, { redirect: 'manual' });
      expect(refused.status).to.equal(400);
      await refused.text();
      await approve(url.href);
      expect(await cli.exited, cli.stderr()).to.equal(0);
      const json = JSON.parse(cli.stdout()) as Record<string, string>;
      expect(sb.state.access.get(json.token!)!.tokenSecret).to.equal(json.tokenSecret);
    } finally {
      await sb.close();
    }
  });

  it('oauth1 flow --provider trello prints an authorisation URL carrying scope, expiration and name, in order', async () => {
    const sb = await createSandboxProvider({ provider: 'trello', autoApprove: true });
    try {
      const cli = startCli([...flowArgs(sb, 'trello'),
        '--authorize-param', 'scope=read,write', '--authorize-param', 'expiration=never', '--authorize-param', 'name=My App & Co'], { OAUTH1_CONSUMER_SECRET: sb.consumerSecret });
      const printed = (await cli.waitForStderr(ANY_AUTH_LINE))[1]!;
      const url = new URL(printed);
      expect([...url.searchParams]).to.deep.equal([
        ['oauth_token', url.searchParams.get('oauth_token')!], ['scope', 'read,write'], ['expiration', 'never'], ['name', 'My App & Co'],
      ]);
      expect(printed).to.include('&name=My+App+%26+Co');
      await approve(printed);
      expect(await cli.exited, cli.stderr()).to.equal(0);
      expect(Object.keys(JSON.parse(cli.stdout()) as object)).to.include('tokenSecret');
    } finally {
      await sb.close();
    }
  });

  it('oauth1 flow --authorize-param refuses oauth_token and a value without = (usage, exit 2) before any request', () => {
    for (const [spec, message] of [
      ['oauth_token=stolen', '--authorize-param cannot set oauth_token'],
      ['perms', '--authorize-param expects name=value, got "perms"'],
    ] as const) {
      const r = runCli(['flow', '--provider', 'flickr', '--base-url', 'http://127.0.0.1:9', '--consumer-key', 'k', '--authorize-param', spec]);
      expect(r.exit, spec).to.equal(2);
      expect(r.stderr).to.match(/^oauth1 flow: error ERR_OAUTH_CLI_USAGE: /);
      expect(r.stderr).to.include(message);
      expect(r.stderr).to.not.include('Open this URL');
    }
  });
});

describe('oauth1 flow expected-output cases (fixtures/cli/flow-*)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());
  itMatchesCliCases('flow-');
});
