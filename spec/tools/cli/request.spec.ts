// `oauth1 request` (built binary) against the sandbox on 127.0.0.1: status and body, decoded errors, --json, usage.

import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { startCli } from './async-run.js';
import { itMatchesCliCases, ensureBuilt } from './helpers.js';

const TOKEN = { token: 'cli-token', tokenSecret: 'cli-token-secret' };

describe('oauth1 request (built binary)', function () {
  // A stale dist/ is rebuilt once, before the first run of the binary.
  this.timeout(120_000);
  before(() => ensureBuilt());
  let sb: SandboxProvider;
  before(async () => { sb = await createSandboxProvider({ provider: 'weibo-v1', tokens: [TOKEN] }); });
  after(async () => { await sb.close(); });
  const creds = () => ['--consumer-key', sb.consumerKey, '--token', TOKEN.token];
  const env = () => ({ OAUTH1_CONSUMER_SECRET: sb.consumerSecret, OAUTH1_TOKEN_SECRET: TOKEN.tokenSecret });

  it('oauth1 request GET prints the status and the body and exits 0', async () => {
    const cli = startCli(['request', 'GET', `${sb.url}/account/verify_credentials.json`, '--provider', 'weibo-v1', ...creds()], env());
    expect(await cli.exited).to.equal(0);
    expect(cli.stdout()).to.equal('200\n{"id":1234567890,"screen_name":"sandbox_user","name":"Sandbox User","domain":"sandbox_user"}\n');
    expect(cli.stderr()).to.equal('');
  });

  it('oauth1 request POST with --form and a path relative to --base-url posts a status', async () => {
    const cli = startCli(['request', 'POST', 'statuses/update.json', '--form', 'status=from the CLI spec', '--provider', 'weibo-v1', '--base-url', sb.url, ...creds()], env());
    expect(await cli.exited).to.equal(0);
    const [status, body] = cli.stdout().split('\n');
    expect(status).to.equal('200');
    expect(JSON.parse(body!).text).to.equal('from the CLI spec');
  });

  it('oauth1 request prints the decoded Weibo error and its hint and exits 1; no secret is printed', async () => {
    const cli = startCli(['request', 'GET', `${sb.url}/account/verify_credentials.json`, '--provider', 'weibo-v1', '-v', ...creds(), '--consumer-secret', 'not-the-secret'], env());
    expect(await cli.exited).to.equal(1);
    expect(cli.stdout()).to.equal('401\n{"request":"/account/verify_credentials.json","error_code":"401","error":"40107:Oauth Error: signature_invalid!"}\n');
    const err = cli.stderr();
    expect(err).to.include('\noauth1 request: error ERR_OAUTH_PROVIDER: ');
    expect(err).to.include('  HTTP 401, provider code 40107, oauth_problem signature_invalid\n');
    expect(err).to.include('  provider message: 40107:Oauth Error: signature_invalid!\n');
    expect(err).to.match(/\n {2}hint: \S/);
    expect(err).to.match(/\[attempt 1\] base string: GET&http%3A%2F%2F127\.0\.0\.1%3A\d+%2Faccount%2Fverify_credentials\.json&/);
    expect(err + cli.stdout()).to.not.include('not-the-secret');
    expect(err + cli.stdout()).to.not.include(TOKEN.tokenSecret);
  });

  it('oauth1 request --json prints status, body, attempts and the decoded error', async () => {
    const cli = startCli(['request', 'GET', `${sb.url}/account/verify_credentials.json`, '--provider', 'weibo-v1', '--json', '--consumer-key', sb.consumerKey, '--token', 'unknown-token'], env());
    expect(await cli.exited).to.equal(1);
    const out = JSON.parse(cli.stdout()) as { status: number; body: { error: string }; attempts: unknown[]; error: { code: string; providerCode: string; problem: string; hint: string } };
    expect(out.status).to.equal(401);
    expect(out.body.error).to.equal('40113:Oauth Error: token_rejected!');
    expect(out.attempts).to.have.length(1);
    expect(out.error).to.include({ code: 'ERR_OAUTH_PROVIDER', providerCode: '40113', problem: 'token_rejected' });
  });
});

describe('oauth1 request --capture FILE, then oauth1 verify --request FILE', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());
  let sb: SandboxProvider;
  let dir: string;
  before(async () => {
    sb = await createSandboxProvider({ provider: 'weibo-v1', tokens: [TOKEN] });
    dir = mkdtempSync(join(tmpdir(), 'oauth1-capture-'));
  });
  after(async () => { await sb.close(); rmSync(dir, { recursive: true, force: true }); });
  const creds = () => ['--consumer-key', sb.consumerKey, '--token', TOKEN.token];
  const env = { OAUTH1_CONSUMER_SECRET: 'cs-placeholder', OAUTH1_TOKEN_SECRET: TOKEN.tokenSecret };

  for (const placement of ['header', 'query', 'form']) {
    it(`captures the ${placement}-placed POST exactly as sent (no secret), and verify finds its signature valid`, async () => {
      const file = join(dir, `capture-${placement}.json`);
      const sent = startCli(['request', 'POST', `${sb.url}/statuses/update.json?source=cli`, '--form', `status=captured request (${placement})`, '--placement', placement, '--provider', 'weibo-v1', ...creds(), '--capture', file],
        { ...env, OAUTH1_CONSUMER_SECRET: sb.consumerSecret });
      expect(await sent.exited).to.equal(0);
      const text = readFileSync(file, 'utf8');
      expect(text).to.not.include(sb.consumerSecret).and.to.not.include(TOKEN.tokenSecret);
      expect(statSync(file).mode & 0o777).to.equal(0o600);
      const captured = JSON.parse(text) as { method: string; url: string; provider: string };
      expect(captured).to.include({ method: 'POST', provider: 'weibo-v1' });
      const checked = startCli(['verify', '--request', file], { OAUTH1_CONSUMER_SECRET: sb.consumerSecret, OAUTH1_TOKEN_SECRET: TOKEN.tokenSecret });
      expect(await checked.exited).to.equal(0);
      expect(checked.stdout()).to.include('valid: oauth_signature matches the recomputed signature');
    });
  }

  it('captures a request the provider refused (wrong consumer secret); verify with the right secret says NOT VALID', async () => {
    const file = join(dir, 'capture-refused.json');
    const sent = startCli(['request', 'GET', `${sb.url}/account/verify_credentials.json`, '--provider', 'weibo-v1', ...creds(), '--capture', file], { ...env, OAUTH1_CONSUMER_SECRET: 'wrong-secret' });
    expect(await sent.exited).to.equal(1);
    const checked = startCli(['verify', '--request', file], { OAUTH1_CONSUMER_SECRET: sb.consumerSecret, OAUTH1_TOKEN_SECRET: TOKEN.tokenSecret });
    expect(await checked.exited).to.equal(1);
    expect(checked.stdout()).to.include('NOT VALID');
  });
});

describe('oauth1 request expected-output cases (fixtures/cli/request-*)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());
  itMatchesCliCases('request-');
});
