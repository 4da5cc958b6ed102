// `npm run demo -- --provider netsuite`: a TBA call with realm 1234567_SB1, then the lower-case realm refused.

import { signRequest } from '../../../core/sign.js';
import { OAuth1Client } from '../../../client/flow/client.js';
import type { FlowDemoStep } from '../flow-step.js';

const TOKEN = { token: 'demo-netsuite-token', tokenSecret: 'demo-netsuite-token-secret' };

/** The emulation's account 1234567_SB1 with a token issued in the UI (registered by the first step). */
export const NETSUITE_DEMO_STEPS: ReadonlyArray<FlowDemoStep> = Object.freeze([
  {
    title: 'GET /services/rest/record/v1/customer/107 — HMAC-SHA256, realm="1234567_SB1" (not signed)',
    async run(ctx) {
      ctx.sandbox.addAccessToken(TOKEN);
      const client = new OAuth1Client({ profile: ctx.sandbox.profile, consumerKey: ctx.sandbox.consumerKey, consumerSecret: ctx.sandbox.consumerSecret, ...TOKEN });
      const r = await client.request({ method: 'GET', url: 'record/v1/customer/107' });
      ctx.out.write(`-> HTTP ${r.status}\n${r.body}\n`);
      return r.status === 200;
    },
  },
  {
    title: 'The classic mistake: realm="1234567_sb1" (lower case) — NetSuite answers INVALID_LOGIN',
    async run(ctx) {
      const url = `${ctx.sandbox.url}/services/rest/record/v1/customer`;
      const signed = signRequest({ method: 'GET', url, consumerKey: ctx.sandbox.consumerKey, consumerSecret: ctx.sandbox.consumerSecret, ...TOKEN, signatureMethod: 'HMAC-SHA256', realm: '1234567_sb1' });
      const r = await fetch(url, { headers: { authorization: signed.headers.authorization! } });
      ctx.out.write(`-> HTTP ${r.status}\nWWW-Authenticate: ${r.headers.get('www-authenticate') ?? ''}\n${await r.text()}\n`);
      return r.status === 401;
    },
  },
]);
