// `oauth1 diff` run as the built binary: two base strings compared part by part.

import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli } from './helpers.js';

// Twitter's published base string ("Creating a signature").
const TW = 'POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521';

describe('oauth1 diff (built binary)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'oauth1-diff-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('diff --a --b of the same base string prints "identical" and exits 0', () => {
    const r = runCli(['diff', '--a', TW, '--b', TW]);
    expect(r.exit).to.equal(0);
    expect(r.stdout).to.equal('identical base strings\n');
  });

  it('diff A B (files) names the missing query parameter and the port, and exits 1', () => {
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    writeFileSync(a, TW + '\n');
    writeFileSync(b, TW.replace('include_entities%3Dtrue%26', '').replace('api.twitter.com%2F', 'api.twitter.com%3A443%2F'));
    const r = runCli(['diff', a, b]);
    expect(r.exit).to.equal(1);
    expect(r.stdout).to.include('method      same (POST)');
    expect(r.stdout).to.include('  - port: (none) versus 443 (default ports 80/443 must be left out, others kept)');
    expect(r.stdout).to.include('  missing in B:       include_entities (A: true)');
  });

  it('diff reads B from stdin as a WWW-Authenticate header echoing oauth_signature_base_string', () => {
    const a = join(dir, 'mine.txt');
    writeFileSync(a, TW);
    const theirs = TW.replace(/%2520/g, '%2B');
    const r = runCli(['diff', a, '-'], { stdin: `HTTP/1.1 401 Unauthorized\nWWW-Authenticate: OAuth oauth_problem="signature_invalid", oauth_signature_base_string="${theirs}"\n\n` });
    expect(r.exit).to.equal(1);
    expect(r.stdout).to.include('encoded differently: status');
    expect(r.stdout).to.include('(space as "+" versus "%20")');
  });

  it('diff --json reports the parameters and order as data', () => {
    const r = runCli(['diff', '--a', 'GET&http%3A%2F%2Fa%2F&a%3D1%26b%3D2', '--b', 'GET&http%3A%2F%2Fa%2F&b%3D2%26a%3D1', '--json']);
    expect(r.exit).to.equal(1);
    const out = JSON.parse(r.stdout) as { identical: boolean; parameters: unknown[]; order: string[] };
    expect(out.identical).to.equal(false);
    expect(out.parameters).to.deep.equal([]);
    expect(out.order).to.deep.equal(['B is not sorted: b=2 comes before a=1']);
  });

  it('diff with one base string is a usage error (exit 2)', () => {
    const r = runCli(['diff', '--a', TW]);
    expect(r.exit).to.equal(2);
    expect(r.stderr).to.include('oauth1 diff: error ERR_OAUTH_CLI_USAGE: give two base strings (files, - for stdin, or --a/--b), got 1');
  });
});

describe('oauth1 diff caps the values it echoes', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('a 100 000-character method and value are echoed as 200 characters and a count of the rest', () => {
    const huge = 'x'.repeat(100_000);
    const r = runCli(['diff', '--a', 'GET&http%3A%2F%2Fa%2F&a%3D1', '-'], { stdin: `${huge}&http%3A%2F%2Fa%2F&a%3D${huge}` });
    expect(r.exit).to.equal(1);
    expect(r.stdout.length).to.be.lessThan(5_000);
    expect(r.stdout).to.include(`${'x'.repeat(200)}… (99800 more characters)`);
  });
});
