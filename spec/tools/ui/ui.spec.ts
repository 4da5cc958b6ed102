// The debugger page in Chromium: corpus cases pasted in every input form get the CLI's verdict and first mistake; no off-origin request; no secret in the DOM.

import { expect } from 'chai';
import { mkdtempSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../helpers/chromium.js';
import { buildUi } from '../../../src/tools/ui/build.js';
import { startUiServer, type UiServer } from '../../../src/tools/cli/commands/ui.js';
import { diagnoseSignature } from '../../../src/forensics/diagnose.js';
import { parseJsonRequests } from '../../../src/forensics/inputs/index.js';
import { getProfile } from '../../../src/providers/index.js';
import { CORPUS_DIR } from '../../forensics/corpus-signer.js';
import { corpusLines, inForm, diagnoseInPage, INPUT_FORMS, type CorpusLine } from './corpus-forms.js';

const CASES_PER_FORM = 40;
const IMAGES = resolve(import.meta.dirname, '../../../docs/images');

/** What `oauth1 verify --request` answers for a corpus line (the same diagnosis, in process). */
function cliAnswer(text: string, publicKey: string): { valid: boolean; first: string | null } {
  const r = parseJsonRequests(text)[0]!;
  const policy = r.provider === undefined ? undefined : getProfile(r.provider).multipart.policy;
  const d = diagnoseSignature(r, { consumerSecret: r.consumerSecret, tokenSecret: r.tokenSecret, publicKey }, policy === undefined ? {} : { multipartPolicy: policy });
  return { valid: d.valid, first: d.explanations[0]?.mistakes[0] ?? null };
}

describe('oauth1 ui page in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let server: UiServer;
  let page: Page;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const publicKey = readFileSync(resolve(CORPUS_DIR, 'test-rsa-public.pem'), 'utf8');
  const lines = corpusLines().filter(({ line }) => line.multipart === undefined);

  before(async () => {
    const built = await buildUi(join(mkdtempSync(join(tmpdir(), 'oauth1-ui-')), 'index.html'));
    server = await startUiServer(built.html);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the page is self-contained and ≤ 150 KiB gzip', async () => {
    const built = await buildUi(join(mkdtempSync(join(tmpdir(), 'oauth1-ui-')), 'index.html'));
    expect(built.gzipBytes).to.be.below(150 * 1024);
    expect(built.html).to.not.match(/<(script|link|img)[^>]+(src|href)=/i);
  });

  for (const [f, form] of INPUT_FORMS.entries()) {
    it(`gives the CLI's verdict and first mistake for ${CASES_PER_FORM} corpus requests pasted as ${form}`, async () => {
      const picked = Array.from({ length: CASES_PER_FORM }, (_, j) => lines[(f * CASES_PER_FORM + j * 3) % lines.length]!);
      let invalid = 0;
      let named = 0;
      for (const { line, text } of picked) {
        const secrets = form === 'json' ? { cs: '', ts: '' } : { cs: line.consumerSecret ?? '', ts: line.tokenSecret ?? '' };
        const got = await diagnoseInPage(page, inForm(line as CorpusLine, text, form), secrets, publicKey);
        const want = cliAnswer(text, publicKey);
        expect(got.error, `${form} ${line.id}`).to.equal(null);
        expect({ valid: got.valid, first: got.first }, `${form} ${line.id}`).to.deep.equal(want);
        if (!want.valid) invalid++;
        if (want.first !== null) named++;
      }
      expect(invalid, 'cases that are not valid').to.be.at.least(10);
      expect(named, 'cases with a named mistake').to.be.at.least(5);
    });
  }

  it('shows both base strings and marks the first difference for a named mistake', async () => {
    const { line, text } = lines.find(({ line }) => (line as { expectedMistake?: string[] }).expectedMistake?.[0] === 'space-as-plus')!;
    const want = diagnoseSignature(parseJsonRequests(text)[0]!, { consumerSecret: line.consumerSecret, tokenSecret: line.tokenSecret });
    await diagnoseInPage(page, inForm(line, text, 'curl'), { cs: line.consumerSecret ?? '', ts: line.tokenSecret ?? '' }, '');
    expect(await page.getByTestId('base-string-expected').textContent()).to.equal(want.baseString);
    expect(await page.getByTestId('base-string-received').textContent()).to.equal(want.explanations[0]!.baseString);
    const at = want.explanations[0]!.firstDifference!;
    expect(await page.getByTestId('first-difference').innerText()).to.equal(want.explanations[0]!.baseString.charAt(at));
    expect(await page.locator('tr.differs').count()).to.be.at.least(1);
  });

  it('keeps secrets out of the DOM while masked, and shows them only when revealed', async () => {
    const { line, text } = lines.find(({ line }) => !line.id.startsWith('valid/') && (line.consumerSecret ?? '').length > 8)!;
    await diagnoseInPage(page, inForm(line, text, 'http'), { cs: line.consumerSecret!, ts: line.tokenSecret ?? '' }, '');
    const dom = await page.content();
    expect(dom).to.not.include(line.consumerSecret!);
    if ((line.tokenSecret ?? '').length > 8) expect(dom).to.not.include(line.tokenSecret!);
    expect(await page.getByTestId('consumer-secret').getAttribute('type')).to.equal('password');
    expect(await page.evaluate('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })')).to.equal('{}{}');
    await page.getByTestId('reveal-secrets').check();
    expect(await page.getByTestId('consumer-secret').getAttribute('type')).to.equal('text');
    await page.getByTestId('reveal-secrets').uncheck();
  });

  it('signs a request showing every step, with the signing key masked', async () => {
    await page.getByTestId('tab-sign').click();
    await page.getByTestId('sign-url').fill('https://api.twitter.com/1.1/statuses/update.json?include_entities=true');
    await page.getByTestId('sign-consumer-secret').fill('kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw');
    await page.getByTestId('sign-token-secret').fill('LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE');
    await page.getByTestId('sign-timestamp').fill('1318622958');
    await page.getByTestId('sign-nonce').fill('kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg');
    await page.getByTestId('sign').click();
    // Twitter's documented example: this signature.
    expect(await page.getByTestId('sign-signature').innerText()).to.equal('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
    expect(await page.getByTestId('sign-authorization').innerText()).to.match(/^OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog"/);
    expect(await page.content()).to.not.include('kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw');
  });

  it('explains a provider error body as oauth1 explain does', async () => {
    await page.getByTestId('tab-explain').click();
    await page.getByTestId('explain-input').fill('HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n{"errors":[{"message":"Could not authenticate you.","code":32}]}');
    await page.getByTestId('explain').click();
    const text = await page.getByTestId('explain-result').innerText();
    expect(text).to.include('HTTP 401');
    expect(text).to.include('32');
  });

  it('takes the screenshots of docs/ui.md when OAUTH1_UI_SCREENSHOTS=1', async function () {
    if (process.env.OAUTH1_UI_SCREENSHOTS !== '1') {
      expect(await page.getByTestId('tab-diagnose').getAttribute('role')).to.equal('tab');
      return;
    }
    mkdirSync(IMAGES, { recursive: true });
    const { line, text } = lines.find(({ line }) => (line as { expectedMistake?: string[] }).expectedMistake?.[0] === 'space-as-plus' && line.form !== undefined) ?? lines.find(({ line }) => (line as { expectedMistake?: string[] }).expectedMistake?.[0] === 'space-as-plus')!;
    await page.getByTestId('tab-diagnose').click();
    for (const [scheme, width, name] of [['light', 1280, 'ui-diagnose.png'], ['dark', 390, 'ui-diagnose-390-dark.png']] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await diagnoseInPage(page, inForm(line, text, 'http'), { cs: line.consumerSecret ?? '', ts: line.tokenSecret ?? '' }, '');
      await page.screenshot({ path: join(IMAGES, name), fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('tab-sign').click();
    await page.screenshot({ path: join(IMAGES, 'ui-sign.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('tab-explain').click();
    await page.screenshot({ path: join(IMAGES, 'ui-explain.png'), fullPage: true });
  });

  it('made no request off its own origin and hit no CSP violation or script error', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).to.be.at.least(1);
    expect(requests.filter((u) => !u.startsWith(origin + '/'))).to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });
});
