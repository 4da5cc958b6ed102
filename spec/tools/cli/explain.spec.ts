// `oauth1 explain` run as the built binary: provider responses decoded into problem, cause and next step.

import { expect } from 'chai';
import { ensureBuilt, runCli } from './helpers.js';

// Seed 001 / docs providers.md: the Weibo OAuth 2.0 API's answer to an unaudited app.
const WEIBO_21321 = 'HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n\r\n{"error":"applications over the unaudited use restrictions!","error_code":21321,"request":"/2/statuses/update.json"}';
// providers.md: Sina v1 API error JSON for 40107.
const WEIBO_40107 = '{"request":"/statuses/update.json","error_code":"401","error":"40107:Oauth Error: signature_invalid!"}';
// providers.md: Twitter's 401.
const TWITTER_32 = '{"errors":[{"message":"Could not authenticate you","code":32}]}';

describe('oauth1 explain (built binary)', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('explain decodes Weibo 21321: unaudited app, account not a test user', () => {
    const r = runCli(['explain'], { stdin: WEIBO_21321 });
    expect(r.exit).to.equal(0);
    expect(r.stdout).to.include('status:     HTTP 403');
    expect(r.stdout).to.include('problem:    provider code 21321');
    expect(r.stdout).to.match(/cause: +the app is not yet audited and this account is not one of its test users/);
    expect(r.stdout).to.match(/next step: +add the account as a test user/);
  });

  it('explain --provider weibo-v1 decodes 40107 as signature_invalid and points at oauth1 verify', () => {
    const r = runCli(['explain', '--provider', 'weibo-v1', '--status', '401', '-'], { stdin: WEIBO_40107 });
    expect(r.exit).to.equal(0);
    expect(r.stdout).to.include('problem:    signature_invalid (the signature does not verify)');
    expect(r.stdout).to.include('code:       40107');
    expect(r.stdout).to.include('oauth1 verify');
  });

  it('explain reads `oauth1 request` output (status line then body) for Twitter code 32', () => {
    const r = runCli(['explain', '--provider', 'twitter'], { stdin: `401\n${TWITTER_32}\n` });
    expect(r.exit).to.equal(0);
    expect(r.stdout).to.include('status:     HTTP 401');
    expect(r.stdout).to.include('Could not authenticate you');
  });

  it('explain shows a base string the provider echoed and suggests oauth1 diff', () => {
    const r = runCli(['explain'], { stdin: 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: OAuth oauth_problem="signature_invalid", oauth_signature_base_string="GET&http%3A%2F%2Fa.example%2F&a%3D1"\n\n' });
    expect(r.exit).to.equal(0);
    expect(r.stdout).to.include('The provider echoed the base string it computed:\n  GET&http%3A%2F%2Fa.example%2F&a%3D1\n');
    expect(r.stdout).to.include('oauth1 diff');
  });

  it('explain names oauth_version="1.0A" (node-oauth) on a version_rejected answer', () => {
    const r = runCli(['explain'], { stdin: 'HTTP/1.1 400 Bad Request\r\nWWW-Authenticate: OAuth realm="x", oauth_problem="version_rejected", oauth_acceptable_versions="1.0-1.0"\r\n\r\n' });
    expect(r.exit).to.equal(0);
    expect(r.stdout).to.include('problem:    version_rejected');
    expect(r.stdout).to.include('note:       if the client sent oauth_version="1.0A" (what node-oauth sends) is not "1.0": a server following RFC 5849 §3.1 refuses it with version_rejected');
    expect(r.stdout).to.include('oauth1 serve --accept-version 1.0A');
  });

  it('explain says a 200 is not an error and exits 0; an unexplained 500 exits 1', () => {
    const ok = runCli(['explain'], { stdin: 'HTTP/1.1 200 OK\n\n{}' });
    expect(ok.exit).to.equal(0);
    expect(ok.stdout).to.equal('HTTP 200: not an error response; nothing to explain\n');
    const bad = runCli(['explain'], { stdin: 'HTTP/1.1 500 Internal Server Error\n\nboom' });
    expect(bad.exit).to.equal(1);
    expect(bad.stdout).to.include('problem:    HTTP 500');
  });

  it('explain usage errors exit 2: unknown provider, bad --status, empty input', () => {
    expect(runCli(['explain', '--provider', 'myspace'], { stdin: '{}' }).exit).to.equal(2);
    const status = runCli(['explain', '--status', '4xx'], { stdin: '{}' });
    expect(status.exit).to.equal(2);
    expect(status.stderr).to.include('--status must be a three-digit HTTP status, got "4xx"');
    expect(runCli(['explain'], { stdin: '' }).stderr).to.include('the response is empty');
  });
});

describe('oauth1 explain on input it cannot decode, and Weibo v1 codes given as numbers', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('explain of text that is no HTTP response says so instead of "problem: HTTP 0"', () => {
    const r = runCli(['explain'], { stdin: 'hello world, not a response' });
    expect(r.stdout).to.not.include('HTTP 0');
    expect(r.stdout).to.include('cause:      the input is not an HTTP response (no status line such as "HTTP/1.1 401 Unauthorized")');
    expect(r.exit).to.equal(1);
  });

  it('explain of a Weibo answer with a numeric error_code 40107 decodes it as weibo-v1, not weibo-v2', () => {
    const r = runCli(['explain', '--status', '401'], { stdin: '{"error_code":40107,"error":"signature_invalid","request":"/statuses/update.json"}' });
    expect(r.stdout).to.include('decoded as: weibo-v1');
    expect(r.stdout).to.not.include('weibo-v2');
    expect(r.stdout).to.include('problem:    signature_invalid');
  });
});
