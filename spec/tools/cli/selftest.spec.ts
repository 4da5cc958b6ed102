// `oauth1 selftest` run as the built binary; expected outputs in fixtures/cli/selftest-*/, plus the shipped fixture set.

import { expect } from 'chai';
import { ensureBuilt, itMatchesCliCases, runCli } from './helpers.js';
import { loadFixtures } from '../../../src/tools/selftest.js';

describe('oauth1 selftest (built binary)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  itMatchesCliCases('selftest-');

  it('selftest runs every shipped vector, one ok line each, and exits 0', () => {
    const ids = loadFixtures().flatMap((f) => f.vectors.map((v) => v.id));
    expect(ids.length).to.be.greaterThan(0);
    const r = runCli(['selftest']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((l) => /^ok {3}(\S+) {2}/.exec(l)?.[1])).to.deep.equal(ids);
    expect(lines.at(-1)).to.match(new RegExp(`^${ids.length} vectors in \\d+ files: ${ids.length} ok, 0 failed$`));
    expect(r.stderr).to.equal('');
    expect(r.exit).to.equal(0);
  });

  it('selftest --json reports the shipped vectors with ok true', () => {
    const r = runCli(['selftest', '--json']);
    const report = JSON.parse(r.stdout) as { ok: boolean; total: number; failed: number; results: Array<{ id: string; ok: boolean }> };
    const total = loadFixtures().reduce((n, f) => n + f.vectors.length, 0);
    expect(report).to.deep.include({ ok: true, total, failed: 0 });
    expect(report.results.filter((x) => !x.ok)).to.deep.equal([]);
    expect(r.exit).to.equal(0);
  });
});
