// oauth1-toolkit/core's async signer in Node, Deno, Bun, workerd (miniflare) and Chromium: byte-identical to the sync Node signer.
//
// Every runtime comes from an npm devDependency (deno, bun, miniflare → workerd, @sparticuz/chromium);
// nothing is downloaded at run time. A runtime that cannot run fails this spec, loudly.

import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Miniflare } from 'miniflare';
import { runtimeCases, type RuntimeCase } from './cases.js';
import { bundleRunner } from './bundle.js';
import { runtimeBinary } from './binaries.js';
import { launchChromium } from '../helpers/chromium.js';
import { ensureBuilt } from '../tools/cli/helpers.js';
import { SYNC_PROBE, type RuntimeReport } from './runner.js';
import { signRequest } from '../../src/index.js';

const SYNC_UNAVAILABLE = 'ERR_OAUTH_SYNC_CRYPTO_UNAVAILABLE';
// What the sync Node signer gives for the runner's probe request.
const SYNC_SIGNATURE = signRequest(SYNC_PROBE).signature;

function compare(cases: RuntimeCase[], report: RuntimeReport): void {
  expect(report.results.length).to.equal(cases.length);
  const wrong: string[] = [];
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const r = report.results[i]!;
    if (r.error !== undefined) { wrong.push(`${c.id}: threw ${r.error}`); continue; }
    if (JSON.stringify(r.actual) !== JSON.stringify(c.expected)) wrong.push(`${c.id}: got ${JSON.stringify(r.actual).slice(0, 400)}, want ${JSON.stringify(c.expected).slice(0, 400)}`);
  }
  expect(wrong, `${wrong.length} of ${cases.length} cases differ from the sync Node signer:\n${wrong.slice(0, 5).join('\n')}`).to.deep.equal([]);
}

/** Runs `deno` or `bun` on a script that prints the report as JSON. */
function runBinary(binary: string, args: string[], script: string, env: Record<string, string>): RuntimeReport {
  const dir = mkdtempSync(join(tmpdir(), 'oauth1-runtime-'));
  try {
    const file = join(dir, 'run.mjs');
    writeFileSync(file, script);
    const out = spawnSync(binary, [...args, file], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...env } });
    if (out.status !== 0) throw new Error(`${binary} exited with ${out.status ?? out.signal}: ${out.stderr.slice(0, 2000)}`);
    return JSON.parse(out.stdout) as RuntimeReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('oauth1-toolkit/core in every runtime (golden fixtures + 300 generated requests, against the sync Node signer)', function () {
  this.timeout(240_000);
  let cases: RuntimeCase[];
  let bundle: string;
  before(async () => {
    ensureBuilt();
    cases = runtimeCases(300);
    bundle = await bundleRunner();
  });

  it('the cases cover every fixture file, every signature method and every placement', () => {
    const ids = cases.map((c) => c.id);
    for (const f of ['rfc5849.json', 'oauth-core-1.0.json', 'twitter.json', 'body-hash.json', 'oauth-test-cases.json']) expect(ids.some((id) => id.startsWith(f))).to.equal(true, f);
    expect(ids).to.include('oauth-test-cases.json:testcases-9-3-rsa-sha1');
    const signs = cases.flatMap((c) => (c.kind === 'sign' ? [c.input] : []));
    for (const m of ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT', 'RSA-SHA1', 'RSA-SHA256']) expect(signs.some((i) => i.signatureMethod === m)).to.equal(true, m);
    for (const p of ['header', 'query', 'form']) expect(signs.some((i) => i.placement === p)).to.equal(true, p);
    expect(signs.some((i) => i.bodyHash === true)).to.equal(true);
    expect(signs.some((i) => typeof i.privateKey === 'string' && i.privateKey.includes('BEGIN RSA PRIVATE KEY'))).to.equal(true, 'PKCS#1');
    expect(signs.some((i) => typeof i.privateKey === 'string' && i.privateKey.includes('BEGIN PRIVATE KEY'))).to.equal(true, 'PKCS#8');
  });

  it(`Node ${process.version}: the bundle gives byte-identical results, and the sync signer works`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oauth1-runtime-'));
    try {
      const file = join(dir, 'runner.mjs');
      writeFileSync(file, bundle);
      const { runCases } = (await import(pathToFileURL(file).href)) as { runCases: (c: RuntimeCase[]) => Promise<RuntimeReport> };
      const report = await runCases(cases);
      compare(cases, report);
      expect(report.syncSigner).to.equal(SYNC_SIGNATURE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Deno (npm package deno): byte-identical results; the sync signer works there too (process.getBuiltinModule)', () => {
    const deno = runtimeBinary('deno');
    const script = `${bundle}\nconsole.log(JSON.stringify(await runCases(${JSON.stringify(cases)})));\n`;
    const report = runBinary(deno, ['run', '--no-config', '--no-lock', '--no-prompt', '--no-remote'], script, { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(tmpdir(), 'oauth1-deno-dir'), NO_COLOR: '1' });
    compare(cases, report);
    expect(report.syncSigner).to.equal(SYNC_SIGNATURE);
  });

  it('Bun (npm package bun): byte-identical results; the sync signer works there too', () => {
    const bun = runtimeBinary('bun');
    const script = `${bundle}\nconsole.log(JSON.stringify(await runCases(${JSON.stringify(cases)})));\n`;
    const report = runBinary(bun, ['run', '--no-install'], script, { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0', DO_NOT_TRACK: '1' });
    compare(cases, report);
    expect(report.syncSigner).to.equal(SYNC_SIGNATURE);
  });

  it(`workerd via miniflare: byte-identical results; the sync signer refuses with ${SYNC_UNAVAILABLE}`, async () => {
    const mf = new Miniflare({
      modules: true,
      compatibilityDate: '2025-01-01',
      script: `${bundle}\nexport default { async fetch(request) { return Response.json(await runCases(await request.json())); } };\n`,
    });
    try {
      const res = await mf.dispatchFetch('http://127.0.0.1/', { method: 'POST', body: JSON.stringify(cases) });
      expect(res.status).to.equal(200);
      const report = (await res.json()) as RuntimeReport;
      compare(cases, report);
      expect(report.syncSigner).to.equal(SYNC_UNAVAILABLE);
    } finally {
      await mf.dispose();
    }
  });

  it(`Chromium (npm package @sparticuz/chromium): byte-identical results; the sync signer refuses with ${SYNC_UNAVAILABLE}`, async () => {
    // Served from 127.0.0.1: crypto.subtle exists only in secure contexts, which loopback origins are.
    const server: Server = createServer((req, res) => {
      if (req.url === '/runner.mjs') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(bundle); return; }
      res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>runtime</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
      const report = await page.evaluate(async (c) => {
        const m = (await import('/runner.mjs' as string)) as { runCases: (x: unknown) => Promise<unknown> };
        return m.runCases(c);
      }, cases) as RuntimeReport;
      compare(cases, report);
      expect(report.syncSigner).to.equal(SYNC_UNAVAILABLE);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
