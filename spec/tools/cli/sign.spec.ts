// `oauth1 sign` run as the built binary; stdout, stderr and exit code compared with fixtures/cli/sign-*/.

import { createHmac, createPrivateKey, createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ensureBuilt, itMatchesCliCases, loadCliCases, runCli, runCliCase, type CliRun } from './helpers.js';
import { loadFixtures } from '../../../src/tools/selftest.js';

describe('oauth1 sign (built binary)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  itMatchesCliCases('sign-');
});

describe('oauth1 sign output against published values', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  const published = new Map(loadFixtures().flatMap((f) => f.vectors).map((v) => [v.id, v.expected]));
  const expectedOf = (id: string): { signature: string; baseString?: string } => {
    const e = published.get(id);
    if (e === undefined) throw new Error(`fixture vector ${id} is missing`);
    return e as { signature: string; baseString?: string };
  };
  const run = (name: string): CliRun => {
    const c = loadCliCases(name).find((x) => x.name === name);
    if (!c) throw new Error(`fixtures/cli/${name} is missing`);
    return runCliCase(c);
  };
  const section = (text: string, heading: string): string => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith(heading));
    expect(i, heading).to.be.greaterThan(-1);
    return lines[i + 1]!.trim();
  };
  const TWITTER_SECRETS = ['kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw', 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE'];

  it('sign explains Twitter\'s example with the published parameter string, base string and signature, secrets redacted', () => {
    const r = run('sign-twitter-explained');
    const twitter = expectedOf('twitter-legacy-sign');
    expect(section(r.stdout, 'Normalized parameters')).to.equal(published.get('twitter-legacy-parameter-string'));
    expect(section(r.stdout, 'Signature base string')).to.equal(twitter.baseString);
    expect(section(r.stdout, 'Signature (HMAC-SHA1)')).to.equal('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
    expect(twitter.signature).to.equal('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
    expect(section(r.stdout, 'Signing key')).to.equal('<consumer secret>&<token secret>   (secrets redacted; --show-secrets prints them)');
    for (const secret of TWITTER_SECRETS) expect(r.stdout + r.stderr).not.to.include(secret);
  });

  it('sign --show-secrets prints the signing key as encoded consumer secret & token secret', () => {
    const r = run('sign-twitter-show-secrets');
    expect(section(r.stdout, 'Signing key')).to.equal(TWITTER_SECRETS.join('&'));
  });

  it('sign reads secrets from OAUTH1_CONSUMER_SECRET / OAUTH1_TOKEN_SECRET and --json prints the SignedRequest', () => {
    const r = run('sign-twitter-env-secrets');
    const signed = JSON.parse(r.stdout) as { signature: string; baseString: string };
    expect(signed.signature).to.equal(expectedOf('twitter-legacy-sign').signature);
    expect(signed.baseString).to.equal(expectedOf('twitter-legacy-sign').baseString);
    for (const secret of TWITTER_SECRETS) expect(r.stdout + r.stderr).not.to.include(secret);
  });

  it('sign --json reproduces RFC 5849 §1.2 token credentials request', () => {
    const signed = JSON.parse(run('sign-rfc5849-token-json').stdout) as { signature: string };
    expect(signed.signature).to.equal(expectedOf('rfc5849-1-2-token-credentials').signature);
  });

  it('sign --request - --json signs each JSON line in order and answers a bad line with an error object', () => {
    const r = run('sign-request-jsonl');
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { signature?: string; error?: { code: string } });
    expect(lines.map((l) => l.signature ?? l.error?.code)).to.deep.equal([
      expectedOf('rfc5849-1-2-temporary-credentials').signature, 'ERR_OAUTH_URL_INVALID', 'ERR_OAUTH_REQUEST_INVALID',
      expectedOf('rfc5849-1-2-protected-resource').signature,
    ]);
    expect(r.exit).to.equal(1);
  });

  it('sign --request FILE takes missing fields from flags and the environment', () => {
    const signed = JSON.parse(run('sign-request-file-defaults').stdout) as { signature: string };
    expect(signed.signature).to.equal(expectedOf('twitter-legacy-sign').signature);
  });

  it('sign RSA-SHA1 with --private-key reproduces the OAuth test-case signature and never prints the key', () => {
    const r = run('sign-rsa-sha1-testcases');
    const rsa = expectedOf('testcases-9-3-rsa-sha1-sign');
    expect(section(r.stdout, 'Signature (RSA-SHA1)')).to.equal(rsa.signature);
    expect(section(r.stdout, 'Signature base string')).to.equal(rsa.baseString);
    expect(r.stdout).not.to.include('PRIVATE KEY');
  });

  it('sign redacts a PLAINTEXT signature (it is the signing key) everywhere unless --show-secrets', () => {
    const r = run('sign-plaintext-redacted');
    expect(r.stdout).not.to.include('ja893SD9');
    expect(section(r.stdout, 'Signature (PLAINTEXT)')).to.equal('<redacted>');
  });

  it('sign warns on stderr for PLAINTEXT over http:// and prints the RFC 5849 §2.1 signature with --show-secrets', () => {
    const r = run('sign-plaintext-http-warning');
    expect(r.stderr).to.match(/warning: PLAINTEXT over http:\/\//);
    expect((JSON.parse(r.stdout) as { signature: string }).signature).to.equal(expectedOf('rfc5849-2-1-plaintext-temporary-credentials').signature);
  });

  it('sign --body-hash adds the draft\'s oauth_body_hash for a text/plain PUT and signs the published base string', () => {
    const r = run('sign-body-hash-put');
    const baseString = published.get('bodyhash-a-1-put-base-string') as string;
    expect(section(r.stdout, 'Signature base string')).to.equal(baseString);
    expect(r.stdout).to.include('oauth_body_hash="Lve95gjOVATpfV8EL5X4nxwjKHE%3D"');
    // The draft does not publish its secrets: check the HMAC independently of our code with node:crypto.
    const independent = createHmac('sha1', 'not-published-consumer-secret&not-published-token-secret').update(baseString).digest('base64');
    expect(section(r.stdout, 'Signature (HMAC-SHA1)')).to.equal(independent);
    expect(r.stdout).to.include("-H 'Content-Type: text/plain'");
    expect(r.stdout).to.include("--data-raw 'Hello World!'");
  });

  it('sign --placement form puts the protocol parameters in the body, keeps Twitter\'s signature and sends no Authorization header', () => {
    const r = run('sign-placement-form');
    expect(section(r.stdout, 'Signature (HMAC-SHA1)')).to.equal('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
    expect(section(r.stdout, 'Form body (RFC 5849 §3.5.3)')).to.match(/^status=Hello%20Ladies.*&oauth_signature=hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D$/);
    expect(r.stdout.slice(r.stdout.indexOf('\ncurl\n'))).not.to.include('Authorization');
  });

  it('sign --placement query with PLAINTEXT redacts the signature in the signed URL too (OAuth Core 1.0 A.2 request)', () => {
    const r = run('sign-placement-query-plaintext');
    expect(r.stdout).not.to.include('kd94hf93k423kf44');
    expect(section(r.stdout, 'Signed URL (RFC 5849 §3.5.2)')).to.match(/&oauth_signature=<redacted>$/);
  });

  it('sign --request without --json explains each request and reports the failing line on stderr', () => {
    const r = run('sign-request-explained-errors');
    expect(r.stdout).to.include(`=== request 1 (line 1) ===`);
    expect(r.stdout).to.include(`  ${expectedOf('rfc5849-1-2-temporary-credentials').signature}\n`);
    expect(r.stdout).to.include(`  ${expectedOf('rfc5849-1-2-protected-resource').signature}\n`);
    expect(r.stderr).to.equal('oauth1 sign (request 2, line 2): error ERR_OAUTH_KEY_MISSING: RSA-SHA1 needs privateKey (a PEM RSA private key)\noauth1 sign: error ERR_OAUTH_CLI_REQUESTS_FAILED: 1 of 3 requests failed\n');
    expect(r.exit).to.equal(1);
  });
});

describe('oauth1 sign --private-key-passphrase-env (an encrypted RSA key)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());
  const PASSPHRASE = 'correct horse battery staple';
  let dir: string;
  let publicPem: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'oauth1-sign-pp-'));
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE },
    });
    publicPem = publicKey;
    writeFileSync(join(dir, 'enc.pem'), privateKey, { mode: 0o600 });
    const plain = createPrivateKey({ key: privateKey, passphrase: PASSPHRASE }).export({ type: 'pkcs8', format: 'pem' }) as string;
    writeFileSync(join(dir, 'plain.pem'), plain, { mode: 0o600 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const args = (key: string): string[] => ['sign', '--url', 'https://photos.example.net/photos?size=original', '--consumer-key', 'dpf43f3p2l4k3l03',
    '--signature-method', 'RSA-SHA1', '--nonce', 'kllo9940pd9333jh', '--timestamp', '1191242096', '--json', '--private-key', join(dir, key)];

  it('signs with the encrypted key, and the signature equals the unencrypted key\'s and verifies with the public key', () => {
    const enc = runCli([...args('enc.pem'), '--private-key-passphrase-env', 'PP'], { env: { PP: PASSPHRASE } });
    expect(enc.exit, enc.stderr).to.equal(0);
    const plain = runCli(args('plain.pem'));
    expect(plain.exit, plain.stderr).to.equal(0);
    const a = JSON.parse(enc.stdout) as { signature: string; baseString: string };
    const b = JSON.parse(plain.stdout) as { signature: string; baseString: string };
    expect(a.signature).to.match(/^[A-Za-z0-9+/]{300,}={0,2}$/);
    expect(a.signature).to.equal(b.signature);
    // RFC 5849 §3.4.3: RSASSA-PKCS1-v1_5 over the base string with SHA-1, checked with node:crypto directly.
    expect(a.baseString).to.equal('GET&https%3A%2F%2Fphotos.example.net%2Fphotos&oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DRSA-SHA1%26oauth_timestamp%3D1191242096%26oauth_version%3D1.0%26size%3Doriginal');
    expect(createVerify('RSA-SHA1').update(a.baseString).verify(publicPem, a.signature, 'base64')).to.equal(true);
    expect(enc.stdout + enc.stderr).to.not.include(PASSPHRASE);
  });

  it('a wrong passphrase is error ERR_OAUTH_KEY_PASSPHRASE_WRONG, exit 1, and the passphrase is not printed', () => {
    const r = runCli([...args('enc.pem'), '--private-key-passphrase-env', 'PP'], { env: { PP: 'wrong horse battery staple' } });
    expect(r.exit).to.equal(1);
    expect(r.stderr).to.match(/^oauth1 sign: error ERR_OAUTH_KEY_PASSPHRASE_WRONG: .*\n$/);
    expect(r.stdout + r.stderr).to.not.include('horse');
  });

  it('an unset or empty variable is a usage error (exit 2) naming the variable; without the flag the key is refused as encrypted', () => {
    for (const env of [{}, { PP: '' }] as Array<Record<string, string>>) {
      const r = runCli([...args('enc.pem'), '--private-key-passphrase-env', 'PP'], { env });
      expect(r.exit).to.equal(2);
      expect(r.stderr).to.include('oauth1 sign: error ERR_OAUTH_CLI_USAGE: --private-key-passphrase-env PP: the environment variable is not set or empty');
    }
    const missing = runCli(args('enc.pem'));
    expect(missing.exit).to.equal(1);
    expect(missing.stderr).to.match(/^oauth1 sign: error ERR_OAUTH_KEY_PASSPHRASE_MISSING: /);
  });
});
