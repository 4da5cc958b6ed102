// The `oauth1` dispatcher run as the built binary; expected outputs in fixtures/cli/main-*/.

import { expect } from 'chai';
import { ensureBuilt, itMatchesCliCases, runCli } from './helpers.js';

describe('oauth1 (built binary)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  itMatchesCliCases('main-');

  it('oauth1 with no command prints usage listing sign and selftest and exits 2', () => {
    const r = runCli([]);
    expect(r.exit).to.equal(2);
    expect(r.stdout).to.match(/^ {2}sign {7}sign a request and explain every step/m);
    expect(r.stdout).to.match(/^ {2}selftest {3}check this installation against the shipped golden fixtures/m);
  });
});
