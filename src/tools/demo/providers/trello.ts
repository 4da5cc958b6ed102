// `npm run demo -- --provider trello`: the flow with scope/expiration/name on the authorise URL, then scope put on the request token unsigned.

import { signRequest } from '../../../core/sign.js';
import { trelloAuthorizeParams } from '../../../providers/trello.js';
import type { FlowDemoStep } from '../flow-step.js';
import { allowOnAuthorizationPage } from '../allow.js';

/** Request token, authorise with scope/expiration/name, access token, /1/members/me, then the classic mistake. */
export const TRELLO_DEMO_STEPS: ReadonlyArray<FlowDemoStep> = Object.freeze([
  {
    title: 'POST /1/OAuthGetRequestToken — no scope here: it belongs on the authorise URL',
    async run(ctx) {
      ctx.temporary = await ctx.client.requestTemporaryCredentials({ callback: ctx.callback });
      ctx.out.write(`-> temporary token ${ctx.temporary.token}\n`);
      return true;
    },
  },
  {
    title: 'GET /1/OAuthAuthorizeToken?scope=read,write&expiration=never&name=Demo — the user allows',
    async run(ctx) {
      const url = ctx.client.authorizationUrl(ctx.temporary!, trelloAuthorizeParams({ scope: ['read', 'write'], expiration: 'never', name: 'oauth1-toolkit demo' }));
      ctx.out.write(`authorise URL: ${url}\n`);
      ctx.verifier = await allowOnAuthorizationPage(ctx, url);
      return true;
    },
  },
  {
    title: 'POST /1/OAuthGetAccessToken, then GET /1/members/me',
    async run(ctx) {
      ctx.access = await ctx.client.requestTokenCredentials(ctx.temporary!, ctx.verifier!);
      const me = await ctx.client.request({ method: 'GET', url: 'members/me' });
      ctx.out.write(`-> HTTP ${me.status}\n${me.body}\n`);
      return me.status === 200;
    },
  },
  {
    title: 'The classic mistake: scope on the request-token URL, left out of the signature — refused',
    async run(ctx) {
      const base = `${ctx.sandbox.url}/1/OAuthGetRequestToken`;
      const signed = signRequest({ method: 'POST', url: base, consumerKey: ctx.sandbox.consumerKey, consumerSecret: ctx.sandbox.consumerSecret, callback: 'oob' });
      const r = await fetch(`${base}?scope=read%2Cwrite`, { method: 'POST', headers: { authorization: signed.headers.authorization! } });
      ctx.out.write(`-> HTTP ${r.status}\nWWW-Authenticate: ${r.headers.get('www-authenticate') ?? ''}\n${await r.text()}\n(oauth1 verify names it: query-omitted)\n`);
      return r.status === 401;
    },
  },
]);
