// Every oauth1 command fed bad input fails with one line `oauth1 <command>: error CODE: message` and never a stack trace.

import { expect } from 'chai';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ensureBuilt, runCli } from './helpers.js';
import { startCli } from './async-run.js';

const STACK_LINE = /^\s+at /m;
const ERROR_LINE = /^oauth1( [a-z]+)?(?: \([^)]*\))?: error ERR_[A-Z0-9_]+: \S/;

describe('oauth1 error lines: one format, no stack trace, on any input', function () {
  this.timeout(180_000);
  before(() => ensureBuilt());
  let dir: string;
  let busy: Server;
  let busyPort: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oauth1-errors-'));
    writeFileSync(join(dir, 'garbage.txt'), 'this is not an HTTP request at all\n\u0000\u0001 binary junk');
    writeFileSync(join(dir, 'bad.json'), '{"method": 1, "url": []}');
    writeFileSync(join(dir, 'not-json.txt'), 'not json');
    writeFileSync(join(dir, 'array.json'), '[1, 2]');
    writeFileSync(join(dir, 'big.txt'), 'GET&' + 'x'.repeat(100_000) + '&a%3D1');
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as AddressInfo).port;
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => busy.close(resolve));
  });

  it('oauth1 serve --port N on a busy port prints one line "port N is in use" and exits 1', async () => {
    const cli = startCli(['serve', '--port', String(busyPort)]);
    expect(await cli.exited).to.equal(1);
    expect(cli.stderr()).to.equal(`oauth1 serve: error ERR_OAUTH_CLI_PORT_IN_USE: port ${busyPort} is in use\n`);
    expect(cli.stdout()).to.equal('');
  });

  const d = (f: string): string => join(dir, f);
  const cases: Array<[string, () => string[], Record<string, string>?]> = [
    ['sign with a relative URL', () => ['sign', '--url', '/x', '--consumer-key', 'k']],
    ['sign with an unknown signature method', () => ['sign', '--url', 'https://a.example/', '--consumer-key', 'k', '--signature-method', 'ROT13']],
    ['sign RSA without a key', () => ['sign', '--url', 'https://a.example/', '--consumer-key', 'k', '--signature-method', 'RSA-SHA1']],
    ['sign with a missing --private-key file', () => ['sign', '--url', 'https://a.example/', '--consumer-key', 'k', '--signature-method', 'RSA-SHA1', '--private-key', d('missing.pem')]],
    ['sign with a garbage --private-key file', () => ['sign', '--url', 'https://a.example/', '--consumer-key', 'k', '--signature-method', 'RSA-SHA1', '--private-key', d('garbage.txt')]],
    ['sign --request with fields of the wrong type', () => ['sign', '--request', d('bad.json'), '--consumer-key', 'k']],
    ['sign --request with an array', () => ['sign', '--request', d('array.json'), '--consumer-key', 'k']],
    ['sign with a malformed --credentials file', () => ['sign', '--url', 'https://a.example/', '--credentials', d('not-json.txt')]],
    ['sign with a URL that is not one', () => ['sign', '--url', 'http://[::1', '--consumer-key', 'k']],
    ['request to a closed port', () => ['request', 'GET', 'http://127.0.0.1:1/', '--consumer-key', 'k', '--retry', '0', '--timeout', '5']],
    ['request with a bad method', () => ['request', 'G E T', 'http://127.0.0.1:1/', '--consumer-key', 'k']],
    ['request with a URL that is not one', () => ['request', 'GET', 'http://[::1', '--consumer-key', 'k']],
    ['request with an unknown provider', () => ['request', 'GET', 'x', '--provider', 'myspace', '--consumer-key', 'k']],
    ['request with a bad --base-url', () => ['request', 'GET', 'x', '--base-url', 'nope', '--consumer-key', 'k']],
    ['upload of a missing file', () => ['upload', 'http://127.0.0.1:1/u', '--file', `pic=${d('missing.jpg')}`, '--consumer-key', 'k']],
    ['upload of a directory', () => ['upload', 'http://127.0.0.1:1/u', '--file', `pic=${dir}`, '--consumer-key', 'k']],
    ['flow against a closed port', () => ['flow', '--provider', 'generic', '--base-url', 'http://127.0.0.1:1', '--consumer-key', 'k', '--timeout', '5']],
    ['flow with an unknown provider', () => ['flow', '--provider', 'myspace', '--consumer-key', 'k']],
    ['verify garbage', () => ['verify', d('garbage.txt')]],
    ['verify a missing file', () => ['verify', d('missing.txt')]],
    ['verify a wget command', () => ['verify', '--curl', 'wget --header "Authorization: OAuth x" https://a.example/ https://b.example/']],
    ['verify a HAR that is not one', () => ['verify', '--har', d('garbage.txt')]],
    ['verify --request with the wrong types', () => ['verify', '--request', d('bad.json')]],
    ['verify a request without oauth_signature', () => ['verify', '--curl', 'curl https://a.example/']],
    ['verify with a garbage --public-key', () => ['verify', '--curl', 'curl -H "Authorization: OAuth oauth_signature_method=\\"RSA-SHA1\\", oauth_signature=\\"x\\"" https://a.example/', '--public-key', d('garbage.txt')]],
    ['diff of a 100 000-character input', () => ['diff', d('big.txt'), '--b', 'GET&a&b%3D1']],
    ['diff with one input', () => ['diff', '--a', 'GET&a&b']],
    ['explain of garbage', () => ['explain', d('garbage.txt')]],
    ['explain of an empty input', () => ['explain', '--status', '401', d('not-json.txt')]],
    ['selftest of a missing folder', () => ['selftest', '--dir', d('missing')]],
    ['selftest of a folder with broken fixtures', () => ['selftest', '--dir', dir]],
    ['serve with an unreachable Redis', () => ['serve', '--nonce-store', 'redis://127.0.0.1:1']],
    ['an unknown option', () => ['verify', '--frobnicate']],
  ];
  for (const [what, args, env] of cases) {
    it(`${what}: no stack trace, error lines in the one format`, () => {
      const r = runCli(args(), env === undefined ? {} : { env });
      expect(r.stderr, r.stderr).to.not.match(STACK_LINE);
      expect(r.stdout, r.stdout).to.not.match(STACK_LINE);
      expect(r.exit, r.stderr).to.be.oneOf([0, 1, 2]);
      for (const line of r.stderr.split('\n')) {
        if (/^oauth1\b/.test(line) && !/: warning\b/.test(line)) expect(line).to.match(ERROR_LINE);
      }
      if (r.exit !== 0 && r.stderr !== '') expect(r.stderr.split('\n').some((l) => ERROR_LINE.test(l)), r.stderr).to.equal(true);
    });
  }
});
