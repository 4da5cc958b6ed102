// The flow half of `npm run demo`: every step runs against a fresh sandbox and prints base strings and headers.

import { expect } from 'chai';
import { runFlowDemo, FLOW_DEMO_STEPS, type FlowDemoStep } from '../../../src/tools/demo/demo.js';

function collector(): { text: string; write(s: string): void } {
  return { text: '', write(s: string) { this.text += s; } };
}

describe('runFlowDemo', () => {
  it('runFlowDemo runs the flow steps against the sandbox, prints every base string and header, and returns 0', async () => {
    const out = collector();
    const steps = FLOW_DEMO_STEPS.slice(0, 5);
    expect(await runFlowDemo(steps, out)).to.equal(0);
    expect(out.text).to.match(/^sandbox weibo-v1 listening on http:\/\/127\.0\.0\.1:\d+; consumer key sandbox-consumer-key; callback listener http:\/\/127\.0\.0\.1:\d+\/callback\n/);
    for (const path of ['/oauth/request_token', '/oauth/access_token', '/account/verify_credentials.json', '/statuses/update.json']) {
      expect(out.text).to.match(new RegExp(`base string: +(GET|POST)&http%3A%2F%2F127\\.0\\.0\\.1%3A\\d+${encodeURIComponent(path).replace(/\./g, '\\.')}&`), path);
    }
    expect(out.text.split('Authorization: OAuth oauth_consumer_key="sandbox-consumer-key"').length - 1).to.equal(4);
    expect(out.text).to.include('the page offers: Allow / Deny; pressing Allow');
    expect(out.text).to.match(/loopback listener received http:\/\/127\.0\.0\.1:\d+\/callback\?oauth_token=\w+&oauth_verifier=\w+/);
    expect(out.text).to.include(`All ${steps.length} flow steps succeeded against the sandbox.`);
    expect(out.text).to.not.include('sandbox-consumer-secret');
  });

  it('runFlowDemo stops at the first failing step and returns 1', async () => {
    const out = collector();
    const failing: FlowDemoStep = { title: 'a step that fails', run: async () => false };
    expect(await runFlowDemo([FLOW_DEMO_STEPS[0]!, failing, FLOW_DEMO_STEPS[2]!], out)).to.equal(1);
    expect(out.text).to.include('Flow step failed: a step that fails');
    expect(out.text).to.not.include('Flow step 3 of 3');
  });
});
