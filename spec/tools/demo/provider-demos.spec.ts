// `npm run demo -- --provider NAME`: every emulated provider (and twitter) has a scripted session; the twitter one ends with a chunked upload whose bytes the sandbox reassembles.

import { expect } from 'chai';
import { runFlowDemo } from '../../../src/tools/demo/demo.js';
import { PROVIDER_DEMOS } from '../../../src/tools/demo/providers/index.js';
import { SANDBOX_EMULATIONS } from '../../../src/tools/sandbox/providers/index.js';

describe('npm run demo -- --provider NAME', function () {
  this.timeout(120_000);

  it('has a session for every emulated provider and for twitter', () => {
    expect(Object.keys(PROVIDER_DEMOS).sort()).to.deep.equal([...Object.keys(SANDBOX_EMULATIONS), 'twitter'].sort());
  });

  it('twitter: the flow, then INIT, three APPENDs, FINALIZE and STATUS, the sandbox SHA-1 equal to the file\'s', async () => {
    let text = '';
    const code = await runFlowDemo(PROVIDER_DEMOS['twitter']!, { write: (t: string) => { text += t; } }, { provider: 'twitter' });
    expect(code, text).to.equal(0);
    expect(text).to.include('All 7 flow steps succeeded against the sandbox.');
    const appends = [...text.matchAll(/APPEND segment_index=(\d) of 3/g)].map((m) => m[1]);
    expect(appends).to.deep.equal(['0', '1', '2']);
    const m = /sandbox SHA-1 of the reassembled file ([0-9a-f]{40}); ours ([0-9a-f]{40})/.exec(text);
    expect(m, text).to.not.equal(null);
    expect(m![1]).to.equal(m![2]);
    // No field of an APPEND is signed: three upload POSTs whose base string holds OAuth parameters only (INIT and FINALIZE sign `command`).
    expect(text.match(/base string: {3}POST&[^&\n]*media%2Fupload\.json&oauth_consumer_key%3D[^\n]*/g) ?? []).to.have.length(3);
    expect(text).to.not.match(/base string:[^\n]*command%3DAPPEND/);
  });
});
