// `npm run demo -- --provider discogs`: the PLAINTEXT flow against the Discogs emulation, then a request without a User-Agent refused.

import { request as httpRequest } from 'node:http';
import type { FlowDemoStep } from '../flow-step.js';
import { allowOnAuthorizationPage } from '../allow.js';

const UA = { 'user-agent': 'Oauth1ToolkitDemo/1.0 +https://example.invalid' };

/** Request token, authorise (auto-approved by the loopback callback), access token, identity, and the missing User-Agent. */
export const DISCOGS_DEMO_STEPS: ReadonlyArray<FlowDemoStep> = Object.freeze([
  {
    title: 'GET /oauth/request_token — PLAINTEXT: the signature is "consumer_secret&" (no token yet)',
    async run(ctx) {
      ctx.temporary = await ctx.client.requestTemporaryCredentials({ callback: ctx.callback });
      ctx.out.write(`-> temporary token ${ctx.temporary.token}\n`);
      return true;
    },
  },
  {
    title: 'The user allows access on /oauth/authorize; the callback brings oauth_verifier',
    async run(ctx) {
      ctx.verifier = await allowOnAuthorizationPage(ctx, ctx.client.authorizationUrl(ctx.temporary!));
      ctx.out.write(`-> verifier ${ctx.verifier}\n`);
      return true;
    },
  },
  {
    title: 'POST /oauth/access_token, then GET /oauth/identity — signature "consumer_secret&token_secret", with a User-Agent',
    async run(ctx) {
      ctx.access = await ctx.client.requestTokenCredentials(ctx.temporary!, ctx.verifier!);
      const me = await ctx.client.request({ method: 'GET', url: 'oauth/identity', headers: UA });
      ctx.out.write(`-> HTTP ${me.status}\n${me.body}\n`);
      return me.status === 200;
    },
  },
  {
    title: 'The classic mistake: no User-Agent — Discogs refuses the request whatever its signature',
    async run(ctx) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${ctx.sandbox.url}/oauth/identity`, { method: 'GET' }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => { body += c; });
          res.on('end', () => { ctx.out.write(`-> HTTP ${res.statusCode ?? 0}\n${body}\n`); resolve(res.statusCode ?? 0); });
        });
        req.on('error', reject);
        req.end();
      });
      return status === 403;
    },
  },
]);
