// The sandbox's authorisation page driven in headless Chromium: `oauth1 flow --callback loopback` receives the verifier (RFC 5849 §2.2).

import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../helpers/chromium.js';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { startCli } from '../cli/async-run.js';
import { ensureBuilt } from '../cli/helpers.js';

describe('authorisation page in headless Chromium', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());
  let sb: SandboxProvider | undefined;
  let browser: Browser | undefined;
  after(async () => {
    await browser?.close();
    await sb?.close();
  });

  it('clicking Allow in Chromium sends the verifier to the loopback listener of oauth1 flow, which prints the token credentials', async () => {
    sb = await createSandboxProvider({ provider: 'twitter' });
    const cli = startCli(['flow', '--provider', 'twitter', '--base-url', sb.url, '--consumer-key', sb.consumerKey, '--callback', 'loopback', '--json', '--callback-timeout', '50'],
      { OAUTH1_CONSUMER_SECRET: sb.consumerSecret });
    try {
      const url = (await cli.waitForStderr(/authorise the application:\n(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?oauth_token=\w+)\n/, 60_000))[1]!;
      const callback = (await cli.waitForStderr(/Waiting for the redirect to (http:\/\/127\.0\.0\.1:\d+\/callback\/[0-9a-f]{32}) …\n/))[1]!;
      browser = await launchChromium(); // @sparticuz/chromium from npm: no system browser needed
      const page = await browser.newPage();
      const opened = await page.goto(url);
      expect(opened?.status()).to.equal(200);
      expect(await page.title()).to.equal('Authorize application — Twitter sandbox');
      expect(await page.locator('#deny').textContent()).to.equal('Deny');
      expect(await page.locator('#consumer').textContent()).to.equal(sb.consumerKey);
      await Promise.all([page.waitForURL((u) => u.href.startsWith(`${callback}?`)), page.locator('#allow').click()]);
      expect(await page.locator('#result').textContent()).to.equal('Authorised. You can close this window and return to the terminal.');
      expect(await cli.exited).to.equal(0);
      const json = JSON.parse(cli.stdout()) as { token: string; tokenSecret: string; user_id: string; screen_name: string };
      expect(json.screen_name).to.equal('sandbox_user');
      expect(sb.state.access.get(json.token)?.tokenSecret).to.equal(json.tokenSecret);
      const approve = sb.requests.find((r) => r.method === 'POST' && r.path === '/oauth/authorize');
      expect(approve?.status).to.equal(302);
    } finally {
      cli.child.kill();
    }
  });
});
