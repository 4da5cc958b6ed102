// The CLI's help layout: option lines wrapped to the help width, and provider lists that follow the registries.

import { expect } from 'chai';
import { HELP_WIDTH, helpOption, wrapHelpText } from '../../../src/tools/cli/shared/help-text.js';
import { KNOWN_DECODERS, PROFILE_TEMPLATES, PROVIDERS } from '../../../src/providers/index.js';
import { SANDBOX_EMULATIONS } from '../../../src/tools/sandbox/providers/index.js';
import { ensureBuilt, runCli } from './helpers.js';

describe('CLI help text layout', () => {
  it('helpOption pads the flag to the column and wraps the text under it', () => {
    expect(helpOption('--provider NAME', 'alpha, beta, gamma, delta', 20, 34)).to.equal(
      '  --provider NAME   alpha, beta,\n                    gamma, delta');
  });

  it('helpOption gives a flag longer than the column two spaces; wrapHelpText keeps an over-long word whole', () => {
    expect(helpOption('--a-very-long-flag VALUE', 'x y', 10, 80)).to.equal('  --a-very-long-flag VALUE  x y');
    expect(wrapHelpText('short averyveryverylongword end', '> ', '  ', 10)).to.equal('> short\n  averyveryverylongword\n  end');
  });
});

describe('CLI --help lists follow the registries (built binary)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());
  /** The help's `--provider NAME` entry: its line and the continuation lines under it, joined. */
  const providerEntry = (command: string): string => {
    const lines = runCli([command, '--help']).stdout.split('\n');
    const at = lines.findIndex((l) => /^ {2}--provider NAME /.test(l));
    expect(at, `${command} --help has a --provider line`).to.be.greaterThan(-1);
    const entry = [lines[at]!];
    for (const l of lines.slice(at + 1)) { if (!/^ {20,}\S/.test(l)) break; entry.push(l); }
    for (const l of entry) expect(l.length, l).to.be.at.most(HELP_WIDTH);
    return entry.join(' ');
  };
  const listed = (entry: string): string[] => entry.split(/[\s,():]+/);

  for (const command of ['flow', 'request', 'upload', 'verify', 'explain']) {
    it(`oauth1 ${command} --help names every ready-made profile under --provider`, () => {
      const names = listed(providerEntry(command));
      for (const name of Object.keys(PROVIDERS)) expect(names, name).to.include(name);
    });
  }

  it('oauth1 flow/request --help name the profile templates as such', () => {
    for (const command of ['flow', 'request']) {
      for (const name of Object.keys(PROFILE_TEMPLATES)) expect(providerEntry(command)).to.include(`templates, built in code: ${name}`);
    }
  });

  it('oauth1 serve --help names weibo-v1, twitter and every emulation; the command table counts the emulations', () => {
    const names = listed(providerEntry('serve'));
    for (const name of ['weibo-v1', 'twitter', ...Object.keys(SANDBOX_EMULATIONS)]) expect(names, name).to.include(name);
    expect(runCli(['--help']).stdout).to.include(`(weibo-v1, twitter or ${Object.keys(SANDBOX_EMULATIONS).length} emulations)`);
  });

  it('oauth1 explain --help names every known decoder in the order they are tried', () => {
    const help = runCli(['explain', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).to.include(`${KNOWN_DECODERS.map((d) => d.name).join(', ')}, then OAuth Problem Reporting`);
  });
});
