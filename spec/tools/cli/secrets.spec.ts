// Every `oauth1` command run with distinctive secrets (HMAC and PLAINTEXT): none appears in stdout, stderr, JSON or a written file unless --show-secrets.

import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { startCli, type CliChild } from './async-run.js';
import { ensureBuilt } from './helpers.js';

const CS = 'Cs-Zq7xDistinctSecret';
const TS = 'Ts-Wv3kDistinctSecret';
const TOKEN = 'secrets-spec-token';

/** Output of a finished run: stdout and stderr together. */
async function finished(cli: CliChild): Promise<{ exit: number | null; out: string }> {
  const exit = await cli.exited;
  return { exit, out: cli.stdout() + '\n' + cli.stderr() };
}

function expectNoSecret(text: string, what: string): void {
  for (const secret of [CS, TS]) expect(text, `${what} holds a secret`).to.not.include(secret);
}

describe('no secret in the output of any oauth1 command (distinctive secrets, HMAC and PLAINTEXT)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());
  let sb: SandboxProvider;
  let dir: string;
  before(async () => {
    sb = await createSandboxProvider({ provider: 'weibo-v1', consumerSecret: CS, tokens: [{ token: TOKEN, tokenSecret: TS }] });
    dir = mkdtempSync(join(tmpdir(), 'oauth1-secrets-'));
  });
  after(async () => {
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = { OAUTH1_CONSUMER_SECRET: CS, OAUTH1_TOKEN_SECRET: TS };
  const creds = () => ['--consumer-key', sb.consumerKey, '--token', TOKEN];
  const methods = ['HMAC-SHA1', 'PLAINTEXT'];

  for (const method of methods) {
    for (const extra of [[], ['--json'], ['--placement', 'query'], ['--placement', 'form', '--form', 'a=b', '--method', 'POST'], ['--placement', 'query', '--json']]) {
      it(`sign --signature-method ${method} ${extra.join(' ')}`, async () => {
        const { exit, out } = await finished(startCli(['sign', '--url', 'https://api.example.com/r?q=1', '--signature-method', method, ...creds(), ...extra], env));
        expect(exit).to.equal(0);
        expectNoSecret(out, 'output');
      });
    }

    it(`sign --request (JSON lines) --signature-method ${method}, with --json and without`, async () => {
      const file = join(dir, `requests-${method}.jsonl`);
      writeFileSync(file, JSON.stringify({ method: 'GET', url: 'https://api.example.com/a', placement: 'query' }) + '\n' + JSON.stringify({ method: 'POST', url: 'https://api.example.com/b', form: [['x', 'y']], placement: 'form' }) + '\n{not json\n');
      for (const json of [[], ['--json']]) {
        const { out } = await finished(startCli(['sign', '--request', file, '--signature-method', method, ...creds(), ...json], env));
        expectNoSecret(out, 'output');
      }
    });

    for (const extra of [['-v'], ['--json'], ['-v', '--placement', 'query'], ['-v', '--placement', 'form', '--form', 'status=hi']]) {
      it(`request ${method} ${extra.join(' ')} against the sandbox`, async () => {
        const verb = extra.includes('form') ? 'POST' : 'GET';
        const path = verb === 'POST' ? '/statuses/update.json' : '/account/verify_credentials.json';
        const capture = join(dir, `capture-${method}-${extra.join('')}.json`);
        const { out } = await finished(startCli(['request', verb, `${sb.url}${path}`, '--provider', 'weibo-v1', '--signature-method', method, ...creds(), ...extra, '--capture', capture], env));
        expectNoSecret(out, 'output');
        expect(existsSync(capture), 'capture file written').to.equal(true);
        expectNoSecret(readFileSync(capture, 'utf8'), 'the --capture file');
      });
    }

    it(`upload ${method} -v --json against the sandbox`, async () => {
      const file = join(dir, 'pic.txt');
      writeFileSync(file, 'picture bytes');
      for (const extra of [['-v'], ['--json']]) {
        const { out } = await finished(startCli(['upload', `${sb.url}/statuses/upload.json`, '--provider', 'weibo-v1', '--signature-method', method, '--field', 'status=up', '--file', `pic=${file}`, ...creds(), ...extra], env));
        expectNoSecret(out, 'output');
      }
    });

    it(`flow ${method} against the sandbox (temporary-credentials step)`, async () => {
      const cli = startCli(['flow', '--provider', 'weibo-v1', '--base-url', sb.url, '--consumer-key', sb.consumerKey, '--signature-method', method, '--callback', 'oob'], env);
      cli.child.stdin.end('123456\n');
      const { out } = await finished(cli);
      expectNoSecret(out, 'output');
    });
  }

  it('verify of a PLAINTEXT request (signature in the query), valid and invalid, text and --json', async () => {
    const signed = startCli(['sign', '--url', 'http://api.example.com/r?q=1', '--signature-method', 'PLAINTEXT', '--placement', 'query', '--show-secrets', '--json', ...creds()], env);
    expect(await signed.exited).to.equal(0);
    const url = (JSON.parse(signed.stdout()) as { url: string }).url;
    expect(url, 'the control: --show-secrets prints the PLAINTEXT signature').to.include(CS);
    const credsFile = join(dir, 'creds.json');
    writeFileSync(credsFile, JSON.stringify({ consumerSecret: CS, tokenSecret: TS }));
    for (const extra of [[], ['--json']]) {
      const valid = await finished(startCli(['verify', '--curl', `curl '${url}'`, '--credentials', credsFile, ...extra]));
      expect(valid.exit).to.equal(0);
      expectNoSecret(valid.out, 'output');
      const invalid = await finished(startCli(['verify', '--curl', `curl '${url}'`, '--consumer-secret', 'another', '--token-secret', 'other', ...extra]));
      expect(invalid.exit).to.equal(1);
      expectNoSecret(invalid.out, 'output');
    }
  });

  it('diff of PLAINTEXT base strings that carry oauth_signature, text and --json', async () => {
    const a = `GET&http%3A%2F%2Fa.example%2F&oauth_signature%3D${CS}%2526${TS}%26oauth_signature_method%3DPLAINTEXT`;
    const b = `GET&http%3A%2F%2Fa.example%2F&oauth_signature%3Dx%26oauth_signature_method%3DPLAINTEXT`;
    for (const extra of [[], ['--json']]) {
      const { exit, out } = await finished(startCli(['diff', '--a', a, '--b', b, ...extra]));
      expect(exit).to.equal(1);
      expectNoSecret(out, 'output');
    }
  });

  it('serve with a consumer secret and a token secret of your own', async () => {
    const cli = startCli(['serve', '--consumer-secret', CS, '--token', TOKEN, '--token-secret', TS]);
    await cli.waitForStdout(/press Ctrl-C to stop\n/);
    cli.child.kill('SIGTERM');
    const { out } = await finished(cli);
    expectNoSecret(out, 'output');
  });

  it('the control: sign PLAINTEXT --show-secrets prints both secrets', async () => {
    const { out } = await finished(startCli(['sign', '--url', 'https://api.example.com/r', '--signature-method', 'PLAINTEXT', '--show-secrets', ...creds()], env));
    expect(out).to.include(CS).and.to.include(TS);
  });
});
