// The `oauth1` dispatcher run as the built binary; expected outputs in fixtures/cli/main-*/.

import { expect } from 'chai';
import { ensureBuilt, loadCliCases, runCli } from './helpers.js';

describe('oauth1 (built binary)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  const cases = loadCliCases('main-');
  it('has expected-output cases in fixtures/cli/main-*', () => {
    expect(cases.length).to.be.greaterThan(0);
  });

  for (const c of cases) {
    it(`oauth1 ${c.args.join(' ')} matches fixtures/cli/${c.name}`, () => {
      const r = runCli(c.args, { ...(c.stdin === undefined ? {} : { stdin: c.stdin }), ...(c.env === undefined ? {} : { env: c.env }) });
      expect(r.stderr, 'stderr').to.equal(c.stderr);
      expect(r.stdout, 'stdout').to.equal(c.stdout);
      expect(r.exit, 'exit code').to.equal(c.exit);
    });
  }

  it('oauth1 with no command prints usage listing sign and selftest and exits 2', () => {
    const r = runCli([]);
    expect(r.exit).to.equal(2);
    expect(r.stdout).to.match(/^ {2}sign {7}sign a request and explain every step/m);
    expect(r.stdout).to.match(/^ {2}selftest {3}check this installation against the shipped golden fixtures/m);
  });
});
