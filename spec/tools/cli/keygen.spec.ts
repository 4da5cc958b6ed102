// `oauth1 keygen` (built binary): the four files and their modes, the certificate and PKCS#12 of the same key, refusals (existing file, symbolic link, usage), and a key the jira emulation accepts; `oauth1 serve --provider jira` with and without --public-key.

import { expect } from 'chai';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { OAuth1Client } from '../../../src/providers/oauth1-client.js';
import { createSandboxProvider } from '../../../src/tools/sandbox/index.js';
import { signRequest } from '../../../src/core/sign.js';
import { ensureBuilt, runCli } from './helpers.js';
import { startCli } from './async-run.js';

const mode = (path: string): number => statSync(path).mode & 0o777;

/** Opens a PKCS#12 file with forge: the private key and the certificate in it. */
function openPfx(path: string, password: string): { key: forge.pki.rsa.PrivateKey; cert: forge.pki.Certificate } {
  const der = readFileSync(path).toString('binary');
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), password);
  const key = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]![0]!.key as forge.pki.rsa.PrivateKey;
  const cert = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]![0]!.cert!;
  return { key, cert };
}

describe('oauth1 keygen (built binary)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => ensureBuilt());
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'oauth1-keygen-spec-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('oauth1 keygen --out DIR writes private.pem (PKCS#8, 0600), public.pem, cert.pem (0644) and key.pfx (0600) of one key', () => {
    const out = join(dir, 'keys');
    const r = runCli(['keygen', '--out', out, '--subject', 'CN=my-app-link,O=Example Ltd', '--days', '30']);
    expect(r.exit, r.stderr).to.equal(0);
    expect(r.stderr).to.equal('');
    expect(mode(out)).to.equal(0o700);
    expect([mode(join(out, 'private.pem')), mode(join(out, 'public.pem')), mode(join(out, 'cert.pem')), mode(join(out, 'key.pfx'))]).to.deep.equal([0o600, 0o644, 0o644, 0o600]);
    const privatePem = readFileSync(join(out, 'private.pem'), 'utf8');
    expect(privatePem).to.match(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(r.stdout).to.not.include(privatePem.split('\n')[1]!);
    const key = createPrivateKey(privatePem);
    expect(key.asymmetricKeyDetails?.modulusLength).to.equal(2048);
    const publicPem = readFileSync(join(out, 'public.pem'), 'utf8');
    expect(publicPem).to.equal(createPublicKey(key).export({ type: 'spki', format: 'pem' }));
    const cert = new X509Certificate(readFileSync(join(out, 'cert.pem')));
    expect(cert.publicKey.export({ type: 'spki', format: 'pem' })).to.equal(publicPem);
    expect(cert.checkPrivateKey(key)).to.equal(true);
    expect(cert.verify(cert.publicKey)).to.equal(true);
    expect(cert.subject).to.equal('CN=my-app-link\nO=Example Ltd');
    expect(cert.issuer).to.equal(cert.subject);
    const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000;
    expect(Math.round(days)).to.equal(30);
    const pfx = openPfx(join(out, 'key.pfx'), '');
    expect(forge.pki.privateKeyToPem(pfx.key)).to.satisfy((pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'pem' }) === publicPem);
    expect(forge.pki.certificateToPem(pfx.cert).replace(/\r\n/g, '\n')).to.equal(readFileSync(join(out, 'cert.pem'), 'utf8').replace(/\r\n/g, '\n'));
  });

  it('key.pfx opens with openssl pkcs12 when openssl is installed', function () {
    if (spawnSync('openssl', ['version']).status !== 0) this.skip();
    expect(runCli(['keygen', '--out', dir]).exit).to.equal(0);
    const r = spawnSync('openssl', ['pkcs12', '-in', join(dir, 'key.pfx'), '-passin', 'pass:', '-nodes'], { encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.include('-----BEGIN PRIVATE KEY-----');
    expect(r.stdout).to.include('-----BEGIN CERTIFICATE-----');
  });

  it('--passphrase-env encrypts private.pem and protects key.pfx; the library signs with privateKeyPassphrase', () => {
    const r = runCli(['keygen', '--out', dir, '--bits', '3072', '--passphrase-env', 'MY_KEY_PASSPHRASE'], { env: { MY_KEY_PASSPHRASE: 'open sesame' } });
    expect(r.exit, r.stderr).to.equal(0);
    expect(r.stdout).to.not.include('open sesame');
    const privatePem = readFileSync(join(dir, 'private.pem'), 'utf8');
    expect(privatePem).to.match(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(createPrivateKey({ key: privatePem, passphrase: 'open sesame' }).asymmetricKeyDetails?.modulusLength).to.equal(3072);
    expect(() => openPfx(join(dir, 'key.pfx'), '')).to.throw();
    expect(openPfx(join(dir, 'key.pfx'), 'open sesame').cert.subject.getField('CN').value).to.equal('oauth1-toolkit application link');
    const signed = signRequest({ method: 'GET', url: 'https://jira.example.com/rest/api/2/myself', consumerKey: 'k', signatureMethod: 'RSA-SHA1', privateKey: privatePem, privateKeyPassphrase: 'open sesame' });
    expect(signed.signature).to.have.length(512);
  });

  it('refuses to overwrite without --force (exit 1, nothing changed), replaces with --force, and refuses a symbolic link even then', () => {
    expect(runCli(['keygen', '--out', dir]).exit).to.equal(0);
    const before = readFileSync(join(dir, 'private.pem'), 'utf8');
    const again = runCli(['keygen', '--out', dir]);
    expect([again.exit, again.stdout, again.stderr]).to.deep.equal([1, '', `oauth1 keygen: error ERR_OAUTH_CLI_FILE_EXISTS: ${join(dir, 'private.pem')} exists; keys are not overwritten without --force\n`]);
    expect(readFileSync(join(dir, 'private.pem'), 'utf8')).to.equal(before);
    expect(runCli(['keygen', '--out', dir, '--force']).exit).to.equal(0);
    expect(readFileSync(join(dir, 'private.pem'), 'utf8')).to.not.equal(before);
    expect(mode(join(dir, 'private.pem'))).to.equal(0o600);
    rmSync(join(dir, 'key.pfx'));
    writeFileSync(join(dir, 'elsewhere'), 'not a key');
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'key.pfx'));
    const linked = runCli(['keygen', '--out', dir, '--force']);
    expect([linked.exit, linked.stderr]).to.deep.equal([1, `oauth1 keygen: error ERR_OAUTH_CLI_SYMLINK_REFUSED: ${join(dir, 'key.pfx')} is a symbolic link; key files are not written through one\n`]);
    expect(readFileSync(join(dir, 'elsewhere'), 'utf8')).to.equal('not a key');
  });

  it('usage errors exit 2: no --out, a key size other than 2048/3072/4096, an unknown subject field, an unset passphrase variable', () => {
    const cases: Array<[string[], string]> = [
      [['keygen'], '--out DIR is required: the directory to write private.pem, public.pem, cert.pem and key.pfx into'],
      [['keygen', '--out', dir, '--bits', '1024'], '--bits must be a whole number from 2048 to 4096, got "1024"'],
      [['keygen', '--out', dir, '--bits', '2500'], '--bits must be 2048, 3072 or 4096, got 2500'],
      [['keygen', '--out', dir, '--subject', 'XX=1'], '--subject parts must be FIELD=value with FIELD one of CN, O, OU, L, ST, C, got "XX=1"'],
      [['keygen', '--out', dir, '--passphrase-env', 'NOT_SET_ANYWHERE'], '--passphrase-env NOT_SET_ANYWHERE: the environment variable is not set or empty'],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect([r.exit, r.stderr.split('\n')[0]]).to.deep.equal([2, `oauth1 keygen: error ERR_OAUTH_CLI_USAGE: ${message}`]);
    }
    expect(existsSync(join(dir, 'private.pem'))).to.equal(false);
  });

  it('the key signs a three-legged flow the jira emulation accepts, with public.pem or cert.pem as the link\'s key', async () => {
    expect(runCli(['keygen', '--out', dir]).exit).to.equal(0);
    for (const file of ['public.pem', 'cert.pem']) {
      const sandbox = await createSandboxProvider({ provider: 'jira', consumerKey: 'my-app-link', consumerPublicKey: readFileSync(join(dir, file), 'utf8'), autoApprove: true });
      try {
        const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: 'my-app-link', privateKey: readFileSync(join(dir, 'private.pem'), 'utf8') });
        const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/cb' });
        const page = await fetch(client.authorizationUrl(temp), { redirect: 'manual' });
        await client.requestTokenCredentials(temp, client.parseAuthorizationCallback(page.headers.get('location')!, temp).verifier);
        const issue = await client.request({ method: 'GET', url: 'issue/DEMO-1' });
        expect([file, issue.status, JSON.parse(issue.body).key]).to.deep.equal([file, 200, 'DEMO-1']);
      } finally {
        await sandbox.close();
      }
    }
  });
});

describe('oauth1 request --provider jira with keygen\'s private.pem (built binary)', function () {
  this.timeout(120_000);
  it('signs RSA-SHA1 by the profile\'s default, and the emulation answers /rest/api/2/myself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oauth1-request-jira-spec-'));
    const sandbox = await createSandboxProvider({ provider: 'jira', consumerKey: 'my-app-link', tokens: [{ token: 'jira-access-token', tokenSecret: 'jira-token-secret' }] });
    try {
      expect(runCli(['keygen', '--out', dir]).exit).to.equal(0);
      sandbox.state.publicKeys.set('my-app-link', readFileSync(join(dir, 'public.pem'), 'utf8'));
      const cli = startCli(['request', 'GET', 'myself', '--provider', 'jira', '--base-url', sandbox.url, '--consumer-key', 'my-app-link',
        '--token', 'jira-access-token', '--private-key', join(dir, 'private.pem')], { OAUTH1_TOKEN_SECRET: 'jira-token-secret' });
      cli.child.stdin.end();
      expect(await cli.exited, cli.stderr()).to.equal(0);
      expect(JSON.parse(cli.stdout().slice(cli.stdout().indexOf('{')))).to.include({ name: 'sandbox_user' });
      expect(sandbox.requests.at(-1)?.oauth['oauth_signature_method']).to.equal('RSA-SHA1');
    } finally {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('signs with keygen --passphrase-env\'s encrypted private.pem given --private-key-passphrase-env, never printing the passphrase', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oauth1-request-jira-pp-spec-'));
    const sandbox = await createSandboxProvider({ provider: 'jira', consumerKey: 'my-app-link', tokens: [{ token: 'jira-access-token', tokenSecret: 'jira-token-secret' }] });
    const passphrase = 'kept in the environment';
    try {
      expect(runCli(['keygen', '--out', dir, '--passphrase-env', 'KEY_PP'], { env: { KEY_PP: passphrase } }).exit).to.equal(0);
      expect(readFileSync(join(dir, 'private.pem'), 'utf8')).to.include('BEGIN ENCRYPTED PRIVATE KEY');
      sandbox.state.publicKeys.set('my-app-link', readFileSync(join(dir, 'public.pem'), 'utf8'));
      const args = ['request', 'GET', 'myself', '--provider', 'jira', '--base-url', sandbox.url, '--consumer-key', 'my-app-link',
        '--token', 'jira-access-token', '--private-key', join(dir, 'private.pem'), '--private-key-passphrase-env', 'KEY_PP'];
      const cli = startCli(args, { OAUTH1_TOKEN_SECRET: 'jira-token-secret', KEY_PP: passphrase });
      cli.child.stdin.end();
      expect(await cli.exited, cli.stderr()).to.equal(0);
      expect(JSON.parse(cli.stdout().slice(cli.stdout().indexOf('{')))).to.include({ name: 'sandbox_user' });
      expect(cli.stdout() + cli.stderr()).to.not.include(passphrase);
      const wrong = startCli(args, { OAUTH1_TOKEN_SECRET: 'jira-token-secret', KEY_PP: 'not the passphrase' });
      wrong.child.stdin.end();
      expect(await wrong.exited).to.equal(1);
      // The signer's failure comes out as itself, not as a transport failure (got wraps what its hooks throw).
      expect(wrong.stderr()).to.match(/^oauth1 request: error ERR_OAUTH_KEY_PASSPHRASE_WRONG: .*\n$/);
      expect(wrong.stdout() + wrong.stderr()).to.not.include('not the passphrase');
    } finally {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('oauth1 serve --provider jira (built binary)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it('without --public-key it generates the link\'s key pair and writes the private key (0600) where it says, never printing it', async () => {
    const cli = startCli(['serve', '--port', '0', '--provider', 'jira', '--auto-approve']);
    try {
      const out = (await cli.waitForStdout(/press Ctrl-C to stop\n/)).input;
      const file = /^application link private key \(generated; RSA-SHA1\): (.+)$/m.exec(out)![1]!;
      const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)![1]!;
      expect(mode(file)).to.equal(0o600);
      const privateKey = readFileSync(file, 'utf8');
      expect(out).to.not.include(privateKey.split('\n')[1]!);
      expect(out).to.include(`request token: POST ${url}/plugins/servlet/oauth/request-token\n`);
      expect(out).to.include('consumer secret: none (an application link signs RSA-SHA1; HMAC-SHA1 is refused)\n');
      const signed = signRequest({ method: 'POST', url: `${url}/plugins/servlet/oauth/request-token`, consumerKey: 'sandbox-consumer-key', signatureMethod: 'RSA-SHA1', privateKey, callback: 'oob' });
      const r = await fetch(signed.url, { method: 'POST', headers: { authorization: signed.headers.authorization! } });
      expect(r.status).to.equal(200);
      expect(await r.text()).to.match(/^oauth_token=[^&]+&oauth_token_secret=[^&]+&oauth_callback_confirmed=true$/);
      rmSync(join(file, '..'), { recursive: true, force: true });
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });

  it('--public-key takes keygen\'s public.pem, and refuses a private key given in its place (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oauth1-serve-jira-spec-'));
    try {
      expect(runCli(['keygen', '--out', dir]).exit).to.equal(0);
      const wrong = runCli(['serve', '--port', '0', '--provider', 'jira', '--public-key', join(dir, 'private.pem')]);
      expect([wrong.exit, wrong.stderr.split('\n')[0]]).to.deep.equal([2, `oauth1 serve: error ERR_OAUTH_CLI_USAGE: --public-key ${join(dir, 'private.pem')} is not a PEM public key or certificate (it is a private key: give the public half, e.g. public.pem)`]);
      const cli = startCli(['serve', '--port', '0', '--provider', 'jira', '--consumer-key', 'my-app-link', '--public-key', join(dir, 'public.pem')]);
      try {
        const out = (await cli.waitForStdout(/press Ctrl-C to stop\n/)).input;
        expect(out).to.include(`application link public key: ${join(dir, 'public.pem')}\n`);
        const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)![1]!;
        const signed = signRequest({ method: 'POST', url: `${url}/plugins/servlet/oauth/request-token`, consumerKey: 'my-app-link', signatureMethod: 'RSA-SHA1', privateKey: readFileSync(join(dir, 'private.pem'), 'utf8'), callback: 'oob' });
        expect((await fetch(signed.url, { method: 'POST', headers: { authorization: signed.headers.authorization! } })).status).to.equal(200);
      } finally {
        cli.child.kill('SIGTERM');
        await cli.exited;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
