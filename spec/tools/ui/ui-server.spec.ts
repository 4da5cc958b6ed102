// `oauth1 ui`: 127.0.0.1 only, first line names the address, refuses a foreign Host (DNS rebinding), serves the page with its CSP.

import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { buildUi } from '../../../src/tools/ui/build.js';
import { command, startUiServer, type UiServer } from '../../../src/tools/cli/commands/ui.js';

const ROOT = resolve(import.meta.dirname, '../../..');

function get(port: number, host: string, method = 'GET', path = '/'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('oauth1 ui server', () => {
  let server: UiServer;
  let html: string;
  before(async () => {
    html = (await buildUi()).html;
    server = await startUiServer(html, 0);
  });
  after(() => server.close());

  it('serves the page on 127.0.0.1 with a CSP that allows no network and no framing', async () => {
    expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await get(server.port, `127.0.0.1:${server.port}`);
    expect(res.status).to.equal(200);
    expect(res.body).to.equal(html);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).to.include("default-src 'none'");
    expect(csp).to.include("connect-src 'none'");
    expect(csp).to.include("frame-ancestors 'none'");
    expect(csp).to.match(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect((await get(server.port, `localhost:${server.port}`)).status).to.equal(200);
  });

  it('refuses a request whose Host is not its own (DNS rebinding) with 421', async () => {
    for (const host of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1:${server.port + 1}`, `localhost.evil.example:${server.port}`]) {
      const res = await get(server.port, host);
      expect(res.status, host).to.equal(421);
      expect(res.body).to.not.include('<script');
    }
  });

  it('answers 405 to other methods and 404 to other paths', async () => {
    expect((await get(server.port, `127.0.0.1:${server.port}`, 'POST')).status).to.equal(405);
    expect((await get(server.port, `127.0.0.1:${server.port}`, 'GET', '/secrets')).status).to.equal(404);
  });

  it('--help has examples', () => {
    expect(command.help).to.include('Examples:');
    expect(command.help).to.include('oauth1 ui --port 8765 --open');
  });

  it('the CLI prints "debugger on http://127.0.0.1:PORT/" first and serves there; --open does not fail without a browser opener', async () => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/tools/cli/main.ts'), 'ui', '--port', '0', '--open'], { cwd: ROOT, env: { ...process.env, PATH: '/nonexistent' } });
    try {
      const first = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout!.on('data', (c: Buffer) => { out += c.toString(); if (out.includes('\n')) done(out.split('\n')[0]!); });
        child.on('exit', (code) => fail(new Error(`exited ${code}`)));
      });
      const m = /^debugger on http:\/\/127\.0\.0\.1:(\d+)\/$/.exec(first);
      expect(m, first).to.not.equal(null);
      const res = await get(Number(m![1]), `127.0.0.1:${m![1]}`);
      expect(res.status).to.equal(200);
      expect(res.body).to.include('data-testid="request-input"');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
