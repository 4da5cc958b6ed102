// The three-legged flow demo's steps (RFC 5849 §2.1–§2.3, then protected resources and an upload), for weibo-v1 and twitter.

import { submitAuthorization } from '../sandbox/index.js';
import { uploadDemoStep } from './demo-upload.js';
import type { FlowDemoStep } from './flow-step.js';

const show = (p: ReadonlyArray<readonly [string, string]>): string => p.map(([n, v]) => `${n}=${/secret/.test(n) ? '<redacted>' : v}`).join('&');

/** The flow, as a user runs it: RFC 5849 §2.1, §2.2 (through the HTML page), §2.3, then two API calls. */
export const FLOW_DEMO_STEPS: FlowDemoStep[] = [
  {
    title: 'Temporary credentials, a.k.a. request token (RFC 5849 §2.1)',
    async run(ctx) {
      ctx.temporary = await ctx.client.requestTemporaryCredentials({ callback: ctx.callback });
      ctx.out.write(`  <- HTTP ${ctx.temporary.response.status}: ${show(ctx.temporary.params)}\n`);
      ctx.out.write(`  oauth_callback_confirmed=true checked: ${ctx.temporary.callbackConfirmed ? 'yes' : 'NO'}\n`);
      return ctx.temporary.callbackConfirmed;
    },
  },
  {
    title: 'Resource-owner authorisation through the HTML page (RFC 5849 §2.2)',
    async run(ctx) {
      const url = ctx.client.authorizationUrl(ctx.temporary!);
      ctx.out.write(`  open ${url}\n`);
      const received = ctx.nextCallback();
      const decision = await submitAuthorization(url, 'allow');
      ctx.out.write(`  the page offers: ${[...decision.page.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]).join(' / ')}; pressing Allow (POST ${new URL(url).pathname}, action=allow)\n`);
      ctx.out.write(`  <- 302 Location: ${decision.location}\n`);
      await fetch(decision.location!);
      const callbackUrl = await received;
      ctx.out.write(`  loopback listener received ${callbackUrl}\n`);
      const { verifier } = ctx.client.parseAuthorizationCallback(callbackUrl, ctx.temporary!);
      ctx.verifier = verifier;
      ctx.out.write(`  oauth_verifier=${verifier} (oauth_token matches the temporary token)\n`);
      return true;
    },
  },
  {
    title: 'Token credentials, a.k.a. access token, signed with the temporary secret (RFC 5849 §2.3)',
    async run(ctx) {
      ctx.access = await ctx.client.requestTokenCredentials(ctx.temporary!, ctx.verifier!);
      ctx.out.write(`  <- HTTP ${ctx.access.response.status}: ${show(ctx.access.params)}\n`);
      return true;
    },
  },
  {
    title: 'Protected resource: verify_credentials',
    async run(ctx) {
      const path = ctx.sandbox.provider === 'twitter' ? '1.1/account/verify_credentials.json' : 'account/verify_credentials.json';
      const res = await ctx.client.request({ url: `${ctx.sandbox.url}/${path}` });
      ctx.out.write(`  <- HTTP ${res.status}: ${res.body}\n`);
      return res.status === 200;
    },
  },
  {
    title: 'Protected resource: post a status',
    async run(ctx) {
      const path = ctx.sandbox.provider === 'twitter' ? '1.1/statuses/update.json' : 'statuses/update.json';
      const res = await ctx.client.request({ method: 'POST', url: `${ctx.sandbox.url}/${path}`, form: [['status', `Hello from the oauth1-toolkit demo, ${new Date().toISOString()} 你好`]] });
      ctx.out.write(`  <- HTTP ${res.status}: ${res.body}\n`);
      return res.status === 200;
    },
  },
  uploadDemoStep,
];
