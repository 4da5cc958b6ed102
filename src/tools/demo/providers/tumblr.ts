// `npm run demo -- --provider tumblr`: the flow, /v2/user/info, a post with its form signed, then the same post with the form unsigned.

import { signRequest } from '../../../core/sign.js';
import { TUMBLR_SANDBOX_BLOG } from '../../sandbox/providers/tumblr.js';
import type { FlowDemoStep } from '../flow-step.js';
import { allowOnAuthorizationPage } from '../allow.js';

/** Request token, authorise, access token, user/info, a legacy post, and the unsigned-form mistake. */
export const TUMBLR_DEMO_STEPS: ReadonlyArray<FlowDemoStep> = Object.freeze([
  {
    title: 'POST /oauth/request_token (HMAC-SHA1, Authorization header)',
    async run(ctx) {
      ctx.temporary = await ctx.client.requestTemporaryCredentials({ callback: ctx.callback });
      ctx.out.write(`-> temporary token ${ctx.temporary.token}\n`);
      return true;
    },
  },
  {
    title: 'GET /oauth/authorize — the user allows; the callback brings oauth_verifier',
    async run(ctx) {
      ctx.verifier = await allowOnAuthorizationPage(ctx, ctx.client.authorizationUrl(ctx.temporary!));
      return true;
    },
  },
  {
    title: 'POST /oauth/access_token, then GET /v2/user/info',
    async run(ctx) {
      ctx.access = await ctx.client.requestTokenCredentials(ctx.temporary!, ctx.verifier!);
      const me = await ctx.client.request({ method: 'GET', url: 'user/info' });
      ctx.out.write(`-> HTTP ${me.status}\n${me.body}\n`);
      return me.status === 200;
    },
  },
  {
    title: `POST /v2/blog/${TUMBLR_SANDBOX_BLOG}/post — type and body are form fields, so they are signed`,
    async run(ctx) {
      const r = await ctx.client.request({ method: 'POST', url: `blog/${TUMBLR_SANDBOX_BLOG}/post`, form: [['type', 'text'], ['body', 'Hello from the demo']] });
      ctx.out.write(`-> HTTP ${r.status}\n${r.body}\n`);
      return r.status === 201;
    },
  },
  {
    title: 'The classic mistake: the same form sent but left out of the signature — refused',
    async run(ctx) {
      const url = `${ctx.sandbox.url}/v2/blog/${TUMBLR_SANDBOX_BLOG}/post`;
      const signed = signRequest({ method: 'POST', url, consumerKey: ctx.sandbox.consumerKey, consumerSecret: ctx.sandbox.consumerSecret, token: ctx.access!.token, tokenSecret: ctx.access!.tokenSecret });
      const r = await fetch(url, { method: 'POST', headers: { authorization: signed.headers.authorization!, 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=text&body=Unsigned' });
      ctx.out.write(`-> HTTP ${r.status}\nWWW-Authenticate: ${r.headers.get('www-authenticate') ?? ''}\n${await r.text()}\n(oauth1 verify --provider tumblr names it: form-omitted)\n`);
      return r.status === 401;
    },
  },
]);
