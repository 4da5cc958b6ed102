// The `npm run demo` steps: the RFC 5849 §1.2 requests must reproduce the RFC's printed signatures and headers.

import { expect } from 'chai';
import { runDemo, DEMO_STEPS, RFC5849_EXAMPLES, signPublishedExampleStep } from '../../../src/tools/demo/demo.js';

function collector(): { text: string; write(s: string): void } {
  return { text: '', write(s: string) { this.text += s; } };
}

describe('demo', () => {
  it('runDemo signs the three RFC 5849 §1.2 requests, prints every step and exits 0', async () => {
    const out = collector();
    const code = await runDemo(DEMO_STEPS, out);
    expect(code).to.equal(0);
    for (const sig of ['74KNZJeDHnMBp0EMJ9ZHt/XKycU=', 'gKgrFCywp7rO0OXSjdot/IHF7IU=', 'MdpQcU8iPSUjWoN/UDMsK2sui9I=']) {
      expect(out.text).to.include(`signature             ok  published ${sig}, computed ${sig}`);
    }
    for (const heading of ['Parameters (RFC 5849 §3.4.1.3.1', 'Normalized parameters', 'Signature base string (RFC 5849 §3.4.1.1)', 'Authorization header (RFC 5849 §3.5.1)']) {
      expect(out.text.split(heading).length - 1, heading).to.equal(3);
    }
    expect(out.text).to.include('All 3 steps match the published values.');
  });

  it('runDemo exits 1 and names the step when a computed signature differs from the published one', async () => {
    const wrong = { ...RFC5849_EXAMPLES[0]!, signature: RFC5849_EXAMPLES[1]!.signature };
    const out = collector();
    const code = await runDemo([signPublishedExampleStep(wrong)], out);
    expect(code).to.equal(1);
    expect(out.text).to.include('signature             MISMATCH  published gKgrFCywp7rO0OXSjdot/IHF7IU=, computed 74KNZJeDHnMBp0EMJ9ZHt/XKycU=');
    expect(out.text).to.include('1 of 1 steps did NOT match: Temporary credentials request (RFC 5849 §1.2, page 6)');
  });

  it('runDemo reports a step that throws as a failure with the error message', async () => {
    const out = collector();
    const code = await runDemo([{ title: 'broken', run() { throw new Error('boom'); } }], out);
    expect(code).to.equal(1);
    expect(out.text).to.include('error: boom');
  });
});
