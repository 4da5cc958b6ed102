// LTI 1.1 basic launch worked example: a form POST signed by the LMS (oauth-sign), verified by the tool, parameters handed on.

import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { verifyRequest, OAuthRequestRejected, sendOAuthRejection, MemoryNonceStore, type VerifyRequestOptions } from '../../src/index.js';

const require = createRequire(import.meta.url);
// oauth-sign (the signer behind the `request` library and several LMS plugins), independent of src/.
const oauthSign = require('oauth-sign') as { hmacsign(method: string, baseUri: string, params: Record<string, string>, consumerSecret: string, tokenSecret?: string): string };

const LTI_KEY = 'lms.example.edu';
const LTI_SECRET = 'secret-shared-with-the-lms';

/** What an LMS does: build the launch parameters, add the OAuth ones, sign (RFC 5849 §3.4.2), POST as a form. */
function lmsLaunch(launchUrl: string, overrides: Record<string, string> = {}): { params: Record<string, string>; body: string } {
  const params: Record<string, string> = {
    lti_message_type: 'basic-lti-launch-request',
    lti_version: 'LTI-1p0',
    resource_link_id: '88391-e1919-bb3456',
    resource_link_title: 'Weekly quiz: OAuth & signatures',
    user_id: '0ae836b9-7fc9-4060-006f-27b2066ac545',
    roles: 'Learner',
    lis_person_name_full: 'Jane Q. Public',
    lis_person_contact_email_primary: 'user@school.edu',
    context_id: '8213060-006f-27b2066ac545',
    context_title: 'Design of Personal Environments',
    tool_consumer_instance_guid: 'lmsng.school.edu',
    launch_presentation_return_url: 'https://lms.example.edu/return?course=8213060',
    oauth_callback: 'about:blank',
    oauth_consumer_key: LTI_KEY,
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
    oauth_nonce: randomBytes(16).toString('hex'),
    oauth_version: '1.0',
    ...overrides,
  };
  const u = new URL(launchUrl);
  const all: Record<string, string> = { ...Object.fromEntries(u.searchParams), ...params };
  params.oauth_signature = oauthSign.hmacsign('POST', `${u.protocol}//${u.host}${u.pathname}`, all, LTI_SECRET, '');
  // Browsers submit the auto-posting launch form as application/x-www-form-urlencoded ("+" for spaces).
  return { params, body: new URLSearchParams(params).toString() };
}

describe('LTI 1.1 launch verified by verifyRequest', () => {
  let server: Server;
  let origin: string;
  const launches: Array<Record<string, string>> = [];
  const options: VerifyRequestOptions = {
    lookupConsumer: async (key) => (key === LTI_KEY ? { secret: LTI_SECRET } : undefined),
    nonceStore: new MemoryNonceStore(),
    signatureMethods: ['HMAC-SHA1'],
    realm: 'lti-tool',
  };

  before(async () => {
    // The tool provider: verify, then check it is a basic launch, then use the parameters.
    server = createServer((req, res) => {
      verifyRequest(req, options).then((v) => {
        const p = Object.fromEntries(v.params);
        if (p.lti_message_type !== 'basic-lti-launch-request' || p.lti_version !== 'LTI-1p0') {
          res.writeHead(400, { 'content-type': 'text/plain' }); res.end('not an LTI 1.1 basic launch'); return;
        }
        launches.push(p);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ consumer: v.consumerKey, placement: v.placement, user: p.user_id, roles: p.roles, name: p.lis_person_name_full, course: p.course ?? null }));
      }, (e: unknown) => {
        if (e instanceof OAuthRequestRejected) { sendOAuthRejection(res, e, { realm: 'lti-tool' }); return; }
        res.writeHead(500); res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => { await new Promise((resolve) => server.close(resolve)); });

  const post = (url: string, body: string): Promise<Response> =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

  it('verifyRequest accepts an LTI 1.1 launch with the OAuth parameters in the form body and hands the launch parameters on', async () => {
    const launch = lmsLaunch(`${origin}/lti/launch`);
    const res = await post(`${origin}/lti/launch`, launch.body);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ consumer: LTI_KEY, placement: 'form', user: '0ae836b9-7fc9-4060-006f-27b2066ac545', roles: 'Learner', name: 'Jane Q. Public', course: null });
    expect(launches.at(-1)!.resource_link_title).to.equal('Weekly quiz: OAuth & signatures');
    expect(Object.keys(launches.at(-1)!).some((k) => k.startsWith('oauth_'))).to.equal(false);
  });

  it('verifyRequest accepts a launch URL with its own query parameter (signed too)', async () => {
    const launch = lmsLaunch(`${origin}/lti/launch?course=ENG101`);
    const res = await post(`${origin}/lti/launch?course=ENG101`, launch.body);
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { course: string }).course).to.equal('ENG101');
  });

  it('verifyRequest refuses a launch whose roles were raised from Learner to Instructor (401 signature_invalid)', async () => {
    const launch = lmsLaunch(`${origin}/lti/launch`);
    const res = await post(`${origin}/lti/launch`, launch.body.replace('roles=Learner', 'roles=Instructor'));
    expect(res.status).to.equal(401);
    expect(res.headers.get('www-authenticate')).to.equal('OAuth realm="lti-tool", oauth_problem="signature_invalid"');
  });

  it('verifyRequest refuses the same launch posted twice (401 nonce_used)', async () => {
    const launch = lmsLaunch(`${origin}/lti/launch`);
    expect((await post(`${origin}/lti/launch`, launch.body)).status).to.equal(200);
    const again = await post(`${origin}/lti/launch`, launch.body);
    expect(again.status).to.equal(401);
    expect(again.headers.get('www-authenticate')).to.equal('OAuth realm="lti-tool", oauth_problem="nonce_used"');
  });

  it('verifyRequest refuses a launch from an unknown LMS key (401 consumer_key_unknown)', async () => {
    const launch = lmsLaunch(`${origin}/lti/launch`, { oauth_consumer_key: 'someone-else' });
    const res = await post(`${origin}/lti/launch`, launch.body);
    expect(res.status).to.equal(401);
    expect(res.headers.get('www-authenticate')).to.equal('OAuth realm="lti-tool", oauth_problem="consumer_key_unknown"');
  });

  it('verifyRequest refuses a launch older than the timestamp window (401 timestamp_refused)', async () => {
    const launch = lmsLaunch(`${origin}/lti/launch`, { oauth_timestamp: String(Math.floor(Date.now() / 1000) - 3600) });
    const res = await post(`${origin}/lti/launch`, launch.body);
    expect(res.status).to.equal(401);
    expect(res.headers.get('www-authenticate')).to.match(/^OAuth realm="lti-tool", oauth_problem="timestamp_refused", oauth_acceptable_timestamps="\d+-\d+"$/);
  });
});
