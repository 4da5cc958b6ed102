// `oauth1 verify` run as the built binary: every input format, the diagnosis, secrets handling and exit codes.

import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ROOT, runCli } from './helpers.js';
import { shellQuote } from '../../../src/tools/cli/shared/render.js';
import type { CorpusEntry } from '../../forensics/corpus-signer.js';
import { independentSign } from '../../core/independent-signer.js';
import { realPostmanSign } from '../../forensics/postman-runtime.js';
import { MISTAKE_IDS } from '../../../src/forensics/catalogue.js';

const TW_ENV = { OAUTH1_CONSUMER_SECRET: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw', OAUTH1_TOKEN_SECRET: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE' };
const RFC_SECRETS = ['--consumer-secret', 'kd94hf93k423kf44', '--token-secret', 'pfkkdhi9sl3r4s00'];
const fixture = (name: string): string => join(ROOT, 'fixtures/forensics', name);
const corpus = (): CorpusEntry[] => readFileSync(fixture('corpus.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CorpusEntry);
const entry = (id: string): CorpusEntry => {
  const e = corpus().find((x) => x.id === id);
  if (e === undefined) throw new Error(`corpus entry ${id} is missing`);
  return e;
};

/** The curl command a user would paste for a corpus entry (form body percent-encoded). */
function curlFor(e: CorpusEntry): string {
  const parts = ['curl', '-X', e.method, '-H', shellQuote(`Authorization: ${e.authorization}`)];
  if (e.form) parts.push('-d', shellQuote(e.form.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&')));
  parts.push(shellQuote(e.url));
  return parts.join(' ');
}

describe('oauth1 verify (built binary)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'oauth1-verify-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('verify names oauth_version="1.0A" on a valid signature: a strict server refuses it anyway', () => {
    const s = independentSign({ method: 'GET', url: 'https://api.example.com/photos?size=original', consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: 'kd94hf93k423kf44', version: '1.0A' });
    const r = runCli(['verify', '--request', '-', '--consumer-secret', 'kd94hf93k423kf44'], { stdin: JSON.stringify({ method: 'GET', url: s.url, authorization: s.headers.authorization }) });
    expect(r.exit, r.stderr).to.equal(0);
    expect(r.stdout).to.include('  note: oauth_version="1.0A" (what node-oauth sends) is not "1.0": a server following RFC 5849 §3.1 refuses it with version_rejected even when the signature is valid');
    expect(r.stdout).to.include('  valid: oauth_signature matches the recomputed signature');
  });

  it('verify --curl accepts Twitter\'s published example (secrets from the environment) and prints no secret', () => {
    const r = runCli(['verify', '--curl', readFileSync(fixture('twitter-update.curl'), 'utf8')], { env: TW_ENV });
    expect(r.exit).to.equal(0);
    expect(r.stdout).to.include('valid: oauth_signature matches the recomputed signature');
    for (const s of Object.values(TW_ENV)) expect(r.stdout + r.stderr).not.to.include(s);
  });

  it('verify --curl on a pasted failing command names space-as-plus first, with the byte and the fix', () => {
    const e = entry('space-as-plus/twitter-update');
    const r = runCli(['verify', '--curl', curlFor(e), '--consumer-secret', e.consumerSecret, '--token-secret', e.tokenSecret!]);
    expect(r.exit).to.equal(1);
    expect(r.stdout).to.include('NOT VALID');
    expect(r.stdout).to.match(/\n {2}1\. space-as-plus\n {5}The signer encoded spaces as "\+"/);
    expect(r.stdout).to.match(/first difference at byte \d+:/);
    expect(r.stdout).to.include('fix: Percent-encode with RFC 3986 rules (space → %20)');
  });

  it('verify FILE names scheme-mismatch for the RFC 5849 §1.2 request read as https, and accepts it with --scheme http', () => {
    const https = runCli(['verify', fixture('rfc5849-1-2-photos.http'), ...RFC_SECRETS]);
    expect(https.exit).to.equal(1);
    expect(https.stdout).to.include('1. scheme-mismatch');
    const http = runCli(['verify', fixture('rfc5849-1-2-photos.http'), '--scheme', 'http', ...RFC_SECRETS]);
    expect(http.exit).to.equal(0);
    expect(http.stdout).to.include('valid:');
  });

  it('verify - reads the raw request from stdin', () => {
    const r = runCli(['verify', '-', '--scheme', 'http', ...RFC_SECRETS], { stdin: readFileSync(fixture('rfc5849-1-2-photos.http'), 'utf8') });
    expect(r.exit).to.equal(0);
  });

  it('verify --har --entry 1 accepts the Twitter HAR entry, with secrets from a flow --save credentials file', () => {
    const creds = join(dir, 'creds.json');
    writeFileSync(creds, JSON.stringify({ consumerKey: 'xvz1evFS4wEEPTGEFPHBog', consumerSecret: TW_ENV.OAUTH1_CONSUMER_SECRET, token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', tokenSecret: TW_ENV.OAUTH1_TOKEN_SECRET }));
    const r = runCli(['verify', '--har', fixture('twitter-update.har'), '--entry', '1', '--credentials', creds, '--json']);
    expect(r.exit).to.equal(0);
    const out = JSON.parse(r.stdout) as { valid: boolean; diagnosis: unknown[] };
    expect(out.valid).to.equal(true);
    expect(out.diagnosis).to.deep.equal([]);
  });

  it('verify --request over the corpus writes one JSON result per line and names the right mistake first for ≥ 95%', () => {
    const labels = corpus();
    const r = runCli(['verify', '--request', fixture('corpus.jsonl'), '--public-key', fixture('test-rsa-public.pem'), '--json']);
    expect(r.exit).to.equal(1);
    const results = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; valid: boolean; diagnosis: Array<{ mistakes: string[]; explanation: string; baseString: string; firstDifference: number | null }> });
    expect(results.map((x) => x.id)).to.deep.equal(labels.map((l) => l.id));
    let right = 0;
    let mistaken = 0;
    results.forEach((x, i) => {
      const l = labels[i]!;
      if (l.valid) expect(x.valid, l.id).to.equal(true);
      else expect(x.valid, l.id).to.equal(false);
      if (l.wrongSecret) expect(x.diagnosis, l.id).to.deep.equal([]);
      if (l.expectedMistake) {
        mistaken++;
        const first = x.diagnosis[0];
        if (first && first.mistakes.length === 1 && l.expectedMistake.includes(first.mistakes[0]!)) right++;
        expect(Object.keys(first ?? {}).sort(), l.id).to.include.members(['mistakes', 'explanation', 'baseString', 'firstDifference']);
      }
    });
    console.log(`      oauth1 verify corpus score: ${right}/${mistaken}`);
    expect(right / mistaken).to.be.at.least(0.95);
  });

  it('verify redacts the key of a key mistake unless --show-secrets', () => {
    const e = entry('token-secret-omitted/timeline-get');
    const file = join(dir, 'one.json');
    writeFileSync(file, JSON.stringify(e));
    const hidden = runCli(['verify', '--request', file]);
    expect(hidden.exit).to.equal(1);
    expect(hidden.stdout).to.include('signed with key: <consumer secret>&   (secrets redacted; --show-secrets prints them)');
    expect(hidden.stdout + hidden.stderr).not.to.include(e.consumerSecret);
    const shown = runCli(['verify', '--request', file, '--show-secrets']);
    expect(shown.stdout).to.include(`signed with key: ${e.consumerSecret}&`);
  });

  it('verify says "unexplained" for a wrong-secret request and never guesses', () => {
    const e = entry('wrong-secret/timeline-get');
    const file = join(dir, 'wrong.json');
    writeFileSync(file, JSON.stringify(e));
    const r = runCli(['verify', '--request', file]);
    expect(r.exit).to.equal(1);
    expect(r.stdout).to.include(`unexplained: none of the ${MISTAKE_IDS.length} catalogued mistakes, alone or in pairs`);
    expect(MISTAKE_IDS.length).to.equal(30);
    expect(r.stdout).not.to.match(/\n {2}1\. /);
  });

  it('verify warns about PLAINTEXT over http and does not print the captured signature', () => {
    const file = join(dir, 'plain.json');
    writeFileSync(file, JSON.stringify({ method: 'POST', url: 'http://server.example.com/request_temp_credentials', authorization: 'OAuth realm="Example", oauth_consumer_key="jd83jd92dhsh93js", oauth_signature_method="PLAINTEXT", oauth_callback="http%3A%2F%2Fclient.example.net%2Fcb%3Fx%3D1", oauth_signature="ja893SD9%26"' }));
    const r = runCli(['verify', '--request', file, '--consumer-secret', 'ja893SD9']);
    expect(r.exit).to.equal(0);
    expect(r.stderr).to.equal('oauth1 verify: warning: PLAINTEXT over http:// sends the secrets in clear text; RFC 5849 §3.4.4 requires TLS\n');
    expect(r.stdout).not.to.include('ja893SD9');
  });

  it('verify without the secret exits 1 with ERR_OAUTH_SECRET_MISSING', () => {
    const r = runCli(['verify', '--curl', readFileSync(fixture('twitter-update.curl'), 'utf8')]);
    expect(r.exit).to.equal(1);
    expect(r.stderr).to.equal('oauth1 verify: error ERR_OAUTH_SECRET_MISSING: HMAC-SHA1 needs the consumer secret to verify (use "" for an empty secret)\n');
  });

  it('verify usage errors exit 2: no input, two inputs, --entry without --har, unknown provider', () => {
    const none = runCli(['verify']);
    expect(none.exit).to.equal(2);
    expect(none.stderr).to.include('oauth1 verify: error ERR_OAUTH_CLI_USAGE: give a request: FILE or - (raw HTTP), --curl, --har or --request');
    expect(runCli(['verify', 'a.http', '--curl', 'curl x']).stderr).to.include('give exactly one input');
    expect(runCli(['verify', '--curl', 'curl x', '--entry', '1']).stderr).to.include('--entry goes with --har');
    const provider = runCli(['verify', '--curl', 'curl x', '--provider', 'myspace']);
    expect(provider.exit).to.equal(2);
    expect(provider.stderr).to.include('--provider: unknown provider "myspace"');
  });

  it('verify --help documents every input and exits 0', () => {
    const r = runCli(['verify', '--help']);
    expect(r.exit).to.equal(0);
    for (const flag of ['--curl', '--har', '--entry', '--request', '--scheme', '--provider', '--credentials', '--public-key', '--json', '--show-secrets']) expect(r.stdout).to.include(flag);
  });
});

describe('oauth1 verify says what is wrong with input that is not a request', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('verify --curl "wget …" says it is not a curl command', () => {
    const r = runCli(['verify', '--curl', 'wget --header "Authorization: OAuth x" https://a.example/ https://b.example/']);
    expect(r.exit).to.equal(1);
    expect(r.stderr).to.equal('oauth1 verify: error ERR_OAUTH_INPUT_INVALID: not a curl command: it starts with "wget"; give the request as a curl command line (curl -X … -H … URL), or as a raw HTTP request\n');
  });

  it('verify garbage.txt says it is not an HTTP request (not that an origin-form target lacks a Host)', () => {
    const r = runCli(['verify', '-'], { stdin: 'hello world\nthis is just text\n' });
    expect(r.exit).to.equal(1);
    expect(r.stderr).to.include('not an HTTP request: its first line must be a request line such as "GET /path HTTP/1.1"');
    expect(r.stderr).to.not.include('origin-form');
  });
});

describe('oauth1 verify --postman (built binary; failing requests sent by the real postman-runtime 7.56)', function () {
  this.timeout(120_000);
  const COLLECTION = join(ROOT, 'fixtures/postman/example-api.postman_collection.json');
  // Twitter's "Creating a signature" example credentials, as the fixture's variables hold them.
  const CK = 'xvz1evFS4wEEPTGEFPHBog';
  const CS = 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw';
  const TOKEN = '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb';
  const TS = 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE';
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'oauth1-verify-postman-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const curlOf = (r: { method: string; url: string; authorization?: string; body?: string }): string =>
    ['curl', '-X', r.method, '-H', shellQuote(`Authorization: ${r.authorization}`), ...(r.body ? ['-d', shellQuote(r.body)] : []), shellQuote(r.url)].join(' ');

  it('agrees with Postman on the folder\'s request and says Postman itself signs wrongly (addEmptyParamsToSign on, no token)', async () => {
    const sent = await realPostmanSign({ method: 'POST', url: 'https://api.example.com/oauth/request_token' }, {
      consumerKey: CK, consumerSecret: CS, token: '', tokenSecret: '', signatureMethod: 'HMAC-SHA1', version: '1.0', addParamsToHeader: true, addEmptyParamsToSign: true,
      callback: 'http://localhost:3000/callback?next=%2Fhome', timestamp: '1700000000', nonce: 'pmn0nce',
    });
    const r = runCli(['verify', '--postman', COLLECTION, '--request', 'OAuth/Request token', '--curl', curlOf(sent)]);
    expect(r.exit, r.stderr).to.equal(1);
    expect(r.stdout).to.include('Postman: request "OAuth/Request token" (OAuth 1.0 settings from the folder "OAuth")');
    expect(r.stdout).to.include('AGREE').and.include('Postman itself signs this request wrongly: empty-token-mismatch');
    expect(r.stdout).to.include('1. empty-token-mismatch');
    expect(r.stdout + r.stderr).to.not.include(CS);
  });

  it('names the setting that reproduces the failing signature when the collection says otherwise (--environment, raw HTTP file)', async () => {
    const env = join(dir, 'no-token.postman_environment.json');
    writeFileSync(env, JSON.stringify({ name: 'no token', values: [{ key: 'access_token', value: '', enabled: true }, { key: 'token_secret', value: '', enabled: true }] }));
    const sent = await realPostmanSign({ method: 'GET', url: 'https://api.example.com/1.1/statuses/home_timeline.json?count=5&include_entities=true' }, {
      consumerKey: CK, consumerSecret: CS, token: '', tokenSecret: '', signatureMethod: 'HMAC-SHA1', version: '1.0', addParamsToHeader: true, addEmptyParamsToSign: true, timestamp: '1700000100', nonce: 'abc',
    });
    const file = join(dir, 'home.http');
    writeFileSync(file, `GET /1.1/statuses/home_timeline.json?count=5&include_entities=true HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: ${sent.authorization}\r\n\r\n`);
    const r = runCli(['verify', '--postman', COLLECTION, '--environment', env, '--request', 'Home timeline', file]);
    expect(r.exit, r.stderr).to.equal(1);
    expect(r.stdout).to.include('DIFFERENT').and.include("the failing signature is Postman's with addEmptyParamsToSign: on");
    const json = runCli(['verify', '--postman', COLLECTION, '--environment', env, '--request', 'Home timeline', file, '--json']);
    const line = JSON.parse(json.stdout) as { postman: { agree: boolean; reproducedBy: string[] } };
    expect(line.postman.agree).to.equal(false);
    expect(line.postman.reproducedBy).to.deep.equal(['addEmptyParamsToSign: on']);
  });

  it('a different token is named with its setting', async () => {
    const sent = await realPostmanSign({ method: 'POST', url: 'https://api.example.com/1.1/statuses/update.json?include_entities=true', body: { mode: 'urlencoded', urlencoded: [{ key: 'status', value: 'Hello Ladies + Gentlemen, a signed OAuth request!' }] } }, {
      consumerKey: CK, consumerSecret: CS, token: 'another-token', tokenSecret: TS, signatureMethod: 'HMAC-SHA1', version: '1.0', addParamsToHeader: true, timestamp: '1700000200', nonce: 'xyz',
    });
    const r = runCli(['verify', '--postman', COLLECTION, '--request', 'Update status', '--curl', curlOf(sent)], { env: { OAUTH1_TOKEN_SECRET: TS } });
    expect(r.stdout).to.include('- oauth_token: Postman "370773112-').and.include('failing "another-token"  (setting token)');
    expect(r.stdout).to.include("the failing signature is Postman's with token: \"another-token\"");
    expect(r.stdout).to.not.include(TOKEN + '"  (setting token)');
  });

  it('without --request on a collection of several requests: usage error listing them, exit 2; --environment alone is a usage error', () => {
    const r = runCli(['verify', '--postman', COLLECTION, '--curl', 'curl https://api.example.com/']);
    expect(r.exit).to.equal(2);
    expect(r.stderr).to.include('error ERR_OAUTH_CLI_USAGE: the collection holds 5 requests; pick one with --request NAME: "Statuses/Home timeline", "Statuses/Update status"');
    const unknown = runCli(['verify', '--postman', COLLECTION, '--request', 'Nope', '--curl', 'curl https://api.example.com/']);
    expect(unknown.exit).to.equal(2);
    expect(unknown.stderr).to.include('no request named "Nope"');
    expect(runCli(['verify', '--environment', COLLECTION, '--curl', 'curl x']).exit).to.equal(2);
  });

  it('an invalid collection or a request without OAuth 1.0 is a typed error, no secret in it', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, `{"info": {"name": "x"}, "item": [{"name": "r", "request": {"url": "https://x.example/", "auth": {"type": "oauth1", "oauth1": {"consumerSecret": "${CS}"}}}}]}`);
    const r = runCli(['verify', '--postman', bad, '--curl', 'curl https://x.example/']);
    expect(r.exit).to.equal(1);
    expect(r.stderr).to.match(/^oauth1 verify: error ERR_OAUTH_POSTMAN_COLLECTION_INVALID: /);
    expect(r.stderr).to.not.include(CS);
    const health = runCli(['verify', '--postman', COLLECTION, '--request', 'Health', '--curl', 'curl https://api.example.com/health']);
    expect(health.exit).to.equal(1);
    expect(health.stderr).to.include('error ERR_OAUTH_POSTMAN_NO_OAUTH1: request "Health" does not use OAuth 1.0');
  });

  it('verify --help documents --postman, --request NAME and --environment', () => {
    const r = runCli(['verify', '--help']);
    for (const s of ['--postman FILE', '--request NAME', '--environment FILE', 'addEmptyParamsToSign']) expect(r.stdout).to.include(s);
  });
});
