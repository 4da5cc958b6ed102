// --nonce-length on the signing commands (sign, request; flow and upload share the same flag parsing).

import { expect } from 'chai';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { startCli } from './async-run.js';
import { ensureBuilt, runCli } from './helpers.js';

const TOKEN = { token: 'nl-token', tokenSecret: 'nl-token-secret' };

function nonceOf(json: string): string {
  const signed = JSON.parse(json) as { oauthParams: Array<[string, string]> };
  return signed.oauthParams.find(([n]) => n === 'oauth_nonce')![1];
}

describe('oauth1 --nonce-length', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());
  let sb: SandboxProvider;
  before(async () => { sb = await createSandboxProvider({ provider: 'weibo-v1', tokens: [TOKEN] }); });
  after(async () => { await sb.close(); });

  it('oauth1 sign makes a 25-character nonce by default (oauthlib accepts 20–30) and --nonce-length 30 makes 30', () => {
    const base = ['sign', '--url', 'https://example.com/r', '--consumer-key', 'k', '--consumer-secret', 's', '--json'];
    const byDefault = runCli(base);
    expect(byDefault.exit).to.equal(0);
    expect(nonceOf(byDefault.stdout)).to.match(/^[A-Za-z0-9]{25}$/);
    const thirty = runCli([...base, '--nonce-length', '30']);
    expect(thirty.exit).to.equal(0);
    expect(nonceOf(thirty.stdout)).to.match(/^[A-Za-z0-9]{30}$/);
  });

  it('oauth1 sign --nonce-length 3 is a usage error (exit 2) naming the allowed range', () => {
    const r = runCli(['sign', '--url', 'https://example.com/r', '--consumer-key', 'k', '--consumer-secret', 's', '--nonce-length', '3']);
    expect(r.exit).to.equal(2);
    expect(r.stderr).to.include('oauth1 sign: error ERR_OAUTH_CLI_USAGE: --nonce-length must be a whole number from 8 to 256, got "3"');
  });

  it('oauth1 request --nonce-length 40 signs with a 40-character nonce and the sandbox accepts it', async () => {
    const cli = startCli(['request', 'GET', `${sb.url}/account/verify_credentials.json`, '--provider', 'weibo-v1', '--consumer-key', sb.consumerKey, '--token', TOKEN.token, '--nonce-length', '40', '--json'],
      { OAUTH1_CONSUMER_SECRET: sb.consumerSecret, OAUTH1_TOKEN_SECRET: TOKEN.tokenSecret });
    expect(await cli.exited).to.equal(0);
    const out = JSON.parse(cli.stdout()) as { status: number; attempts: Array<{ nonce?: string }> };
    expect(out.status).to.equal(200);
    expect(out.attempts[0]!.nonce).to.match(/^[A-Za-z0-9]{40}$/);
  });
});
