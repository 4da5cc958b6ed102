// Specs for netsuiteTokenPassport and `oauth1 sign --netsuite-token-passport`: Oracle's published base string and key, algorithms, argument errors.

import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { netsuiteTokenPassport, netsuiteProfile } from '../../src/providers/index.js';
import { ensureBuilt, runCli, ROOT } from '../tools/cli/helpers.js';

const vector = JSON.parse(readFileSync(`${ROOT}/fixtures/providers/netsuite-token-passport.json`, 'utf8')) as {
  input: { account: string; consumerKey: string; token: string; nonce: string; timestamp: string; consumerSecret: string; tokenSecret: string };
  baseString: string; key: string;
};

describe('netsuiteTokenPassport', () => {
  it('netsuiteTokenPassport signs Oracle\'s published base string with Oracle\'s published key (HMAC-SHA256, Base64)', () => {
    const p = netsuiteTokenPassport(vector.input);
    expect(p.baseString).to.equal(vector.baseString);
    expect(p.signature).to.equal(createHmac('sha256', vector.key).update(vector.baseString).digest('base64'));
    expect(p).to.include({ algorithm: 'HMAC-SHA256', account: '1234567', nonce: '6obMKq0tmY8ylVOdEkA1', timestamp: '1439829974' });
    expect(JSON.stringify(p)).to.not.include(vector.input.consumerSecret).and.not.include(vector.input.tokenSecret);
  });

  it('netsuiteTokenPassport keeps the sandbox account suffix and signs HMAC-SHA1 on request', () => {
    const p = netsuiteTokenPassport({ ...vector.input, account: '1234567_SB1', algorithm: 'HMAC-SHA1' });
    expect(p.baseString.startsWith('1234567_SB1&')).to.equal(true);
    expect(p.signature).to.equal(createHmac('sha1', vector.key).update(p.baseString).digest('base64'));
  });

  it('netsuiteTokenPassport draws a fresh nonce and takes the timestamp from the injected clock', () => {
    const { nonce: _n, timestamp: _t, ...rest } = vector.input;
    const a = netsuiteTokenPassport({ ...rest, now: () => 1_700_000_000_999 });
    const b = netsuiteTokenPassport({ ...rest, now: () => 1_700_000_000_999 });
    expect(a.timestamp).to.equal('1700000000');
    expect(a.nonce).to.match(/^[A-Za-z0-9]{20}$/);
    expect(a.nonce).to.not.equal(b.nonce);
  });

  it('netsuiteTokenPassport throws TypeError for a missing secret or an unknown algorithm', () => {
    expect(() => netsuiteTokenPassport({ ...vector.input, tokenSecret: undefined as unknown as string })).to.throw(TypeError, 'netsuiteTokenPassport: tokenSecret must be a string, got undefined');
    expect(() => netsuiteTokenPassport({ ...vector.input, algorithm: 'PLAINTEXT' as never })).to.throw(TypeError, 'netsuiteTokenPassport: algorithm must be "HMAC-SHA256" or "HMAC-SHA1", got "PLAINTEXT"');
  });

  it('netsuiteProfile puts the account id, upper-cased with its _SB1 suffix, in realm', () => {
    expect(netsuiteProfile({ accountId: '1234567_sb1' }).realm).to.equal('1234567_SB1');
  });
});

describe('oauth1 sign --netsuite-token-passport (built binary)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it('prints the tokenPassport as JSON with Oracle\'s base string, secrets only from the environment and never printed', () => {
    const i = vector.input;
    const r = runCli(['sign', '--netsuite-token-passport', i.account, '--consumer-key', i.consumerKey, '--token', i.token, '--nonce', i.nonce, '--timestamp', i.timestamp, '--json'],
      { env: { OAUTH1_CONSUMER_SECRET: i.consumerSecret, OAUTH1_TOKEN_SECRET: i.tokenSecret } });
    expect(r.exit, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout) as Record<string, string>;
    expect(out['baseString']).to.equal(vector.baseString);
    expect(out['signature']).to.equal(createHmac('sha256', vector.key).update(vector.baseString).digest('base64'));
    expect(r.stdout).to.not.include(i.consumerSecret);
  });

  it('refuses --netsuite-token-passport without the token secret, exit 2', () => {
    const i = vector.input;
    const r = runCli(['sign', '--netsuite-token-passport', i.account, '--consumer-key', i.consumerKey, '--token', i.token], { env: { OAUTH1_CONSUMER_SECRET: i.consumerSecret } });
    expect(r.exit).to.equal(2);
    expect(r.stderr).to.include('--netsuite-token-passport needs the consumer secret and the token secret');
  });
});
