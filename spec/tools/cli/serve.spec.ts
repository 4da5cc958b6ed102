// `oauth1 serve` (built binary): prints where it listens and what it accepts, serves signed requests, stops on SIGTERM.

import { expect } from 'chai';
import { createOAuthGot } from '../../../src/client/transport/got.js';
import { getProfile, withBaseUrl } from '../../../src/providers/index.js';
import { startCli } from './async-run.js';
import { itMatchesCliCases, ensureBuilt } from './helpers.js';
import { independentSign } from '../../core/independent-signer.js';

describe('oauth1 serve (built binary)', function () {
  // A stale dist/ is rebuilt once, before the first run of the binary.
  this.timeout(120_000);
  before(() => ensureBuilt());
  it('oauth1 serve prints listening on http://127.0.0.1:PORT and the credentials, answers, and exits 0 on SIGTERM', async () => {
    const cli = startCli(['serve', '--port', '0', '--provider', 'twitter', '--token', 'serve-token', '--token-secret', 'serve-token-secret']);
    try {
      const m = await cli.waitForStdout(/press Ctrl-C to stop\n/);
      const out = m.input;
      const url = /^listening on (http:\/\/127\.0\.0\.1:(\d+))\n/.exec(out)![1]!;
      expect(out).to.include('provider: twitter (');
      expect(out).to.include('consumer key: sandbox-consumer-key\n');
      expect(out).to.include('consumer secret: sandbox-consumer-secret\n');
      expect(out).to.include('access token: serve-token\naccess token secret: <redacted>\n');
      expect(out).to.not.include('serve-token-secret');
      const t = createOAuthGot({ consumerKey: 'sandbox-consumer-key', consumerSecret: 'sandbox-consumer-secret', token: 'serve-token', tokenSecret: 'serve-token-secret' }, { profile: withBaseUrl(getProfile('twitter'), url) });
      const res = await t.request({ url: `${url}/1.1/account/verify_credentials.json` });
      expect(JSON.parse(res.body).screen_name).to.equal('sandbox_user');
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exited).to.equal(0);
    expect(cli.stderr()).to.equal('sandbox stopped\n');
  });

  it('oauth1 serve redacts a consumer secret given on the command line', async () => {
    const cli = startCli(['serve', '--consumer-key', 'mine', '--consumer-secret', 'my-own-secret']);
    try {
      const m = await cli.waitForStdout(/press Ctrl-C to stop\n/);
      expect(m.input).to.include('consumer key: mine\n');
      expect(m.input).to.include('consumer secret: <redacted>\n');
      expect(m.input).to.not.include('my-own-secret');
    } finally {
      cli.child.kill('SIGINT');
    }
    expect(await cli.exited).to.equal(0);
  });
});

describe('oauth1 serve --accept-version (built binary)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  /** Status of a verify_credentials call signed with oauth_version="1.0A", against a sandbox started with `args`. */
  async function statusWith1_0A(args: string[]): Promise<{ status: number; out: string }> {
    const cli = startCli(['serve', '--port', '0', '--provider', 'twitter', '--token', 'serve-token', '--token-secret', 'serve-token-secret', ...args]);
    try {
      const out = (await cli.waitForStdout(/press Ctrl-C to stop\n/)).input;
      const base = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out)![1]!;
      const s = independentSign({
        method: 'GET', url: `${base}/1.1/account/verify_credentials.json`, consumerKey: 'sandbox-consumer-key', consumerSecret: 'sandbox-consumer-secret',
        token: 'serve-token', tokenSecret: 'serve-token-secret', version: '1.0A',
      });
      const res = await fetch(s.url, { headers: s.headers });
      await res.text();
      return { status: res.status, out };
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  }

  it('oauth1 serve refuses oauth_version="1.0A" by default and accepts it with --accept-version 1.0A', async () => {
    // The twitter profile answers every refusal as Twitter does (401, code 32).
    expect((await statusWith1_0A([])).status).to.equal(401);
    const accepted = await statusWith1_0A(['--accept-version', '1.0A']);
    expect(accepted.status).to.equal(200);
    expect(accepted.out).to.include('oauth_version accepted: 1.0, 1.0A (or absent)\n');
  });
});

describe('oauth1 serve expected-output cases (fixtures/cli/serve-*)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());
  itMatchesCliCases('serve-');
});
