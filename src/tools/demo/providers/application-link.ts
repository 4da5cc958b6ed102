// `npm run demo -- --provider jira|confluence`: the application link's flow with RSA-SHA1, two REST calls, then the classic mistakes (HMAC-SHA1 with a secret, another key) refused.

import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { signRequest } from '../../../core/sign.js';
import type { FlowDemoStep, FlowDemoContext } from '../flow-step.js';
import { allowOnAuthorizationPage } from '../allow.js';

/** Sends a request-token call signed as `input` says and prints Atlassian's refusal. */
async function refused(ctx: FlowDemoContext, sign: Omit<Parameters<typeof signRequest>[0], 'method' | 'url' | 'consumerKey' | 'callback'>, expected: number): Promise<boolean> {
  const url = ctx.sandbox.profile.endpoints.temporaryCredentials;
  const signed = signRequest({ method: 'POST', url, consumerKey: ctx.sandbox.consumerKey, callback: 'oob', ...sign });
  const r = await fetch(url, { method: 'POST', headers: { authorization: signed.headers.authorization! } });
  ctx.out.write(`-> HTTP ${r.status}\nWWW-Authenticate: ${r.headers.get('www-authenticate') ?? ''}\n${await r.text()}\n`);
  return r.status === expected;
}

/**
 * The scripted session for an Atlassian application link: `me` and `item` are the two REST paths
 * read after the flow (relative to the profile's API base).
 */
export function applicationLinkDemoSteps(name: string, me: string, item: string): ReadonlyArray<FlowDemoStep> {
  return Object.freeze([
    {
      title: 'The application link: consumer key and public key (the sandbox generated the pair; `oauth1 keygen` makes yours)',
      async run(ctx) {
        const pub = createPublicKey(ctx.sandbox.consumerPublicKey!).export({ type: 'spki', format: 'der' });
        ctx.out.write(`consumer key: ${ctx.sandbox.consumerKey}\npublic key SHA-256: ${createHash('sha256').update(pub).digest('base64')}\nno consumer secret: every request is signed RSA-SHA1 with the private key\n`);
        return ctx.sandbox.consumerPrivateKey !== undefined;
      },
    },
    {
      title: 'POST …/plugins/servlet/oauth/request-token — signed RSA-SHA1, with oauth_callback',
      async run(ctx) {
        ctx.temporary = await ctx.client.requestTemporaryCredentials({ callback: ctx.callback });
        ctx.out.write(`-> temporary token ${ctx.temporary.token}\n`);
        return true;
      },
    },
    {
      title: 'GET …/plugins/servlet/oauth/authorize — the user allows; the verifier comes back on the callback',
      async run(ctx) {
        const url = ctx.client.authorizationUrl(ctx.temporary!);
        ctx.out.write(`authorise URL: ${url}\n`);
        ctx.verifier = await allowOnAuthorizationPage(ctx, url);
        return true;
      },
    },
    {
      title: `POST …/access-token, then GET ${me} and GET ${item}`,
      async run(ctx) {
        ctx.access = await ctx.client.requestTokenCredentials(ctx.temporary!, ctx.verifier!);
        let ok = true;
        for (const path of [me, item]) {
          const r = await ctx.client.request({ method: 'GET', url: path });
          ctx.out.write(`-> HTTP ${r.status}\n${r.body.slice(0, 400)}\n`);
          ok &&= r.status === 200;
        }
        return ok;
      },
    },
    {
      title: `The classic mistake: HMAC-SHA1 with a consumer secret — ${name} refuses the method`,
      async run(ctx) {
        const ok = await refused(ctx, { signatureMethod: 'HMAC-SHA1', consumerSecret: 'a-secret-the-link-does-not-have' }, 400);
        ctx.out.write(`(oauth1 verify --provider ${name.toLowerCase()} names it: "${name.toLowerCase()} accepts RSA-SHA1, not HMAC-SHA1")\n`);
        return ok;
      },
    },
    {
      title: 'Another mistake: signed with a key that is not the one on the application link — signature_invalid',
      async run(ctx) {
        const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
        return refused(ctx, { signatureMethod: 'RSA-SHA1', privateKey: other }, 401);
      },
    },
  ]);
}

