// `npm run demo -- --provider garmin`: the flow through /oauthConfirm, the user id, a day of dailies, then the time range left out of the signature.

import { signRequest } from '../../../core/sign.js';
import { GARMIN_OAUTH1_RETIREMENT } from '../../../providers/garmin.js';
import type { FlowDemoStep } from '../flow-step.js';
import { allowOnAuthorizationPage } from '../allow.js';

const RANGE = 'uploadStartTimeInSeconds=1509022236&uploadEndTimeInSeconds=1509108636';

/** Request token, consent, access token, user id, a pull, and the unsigned-query mistake. */
export const GARMIN_DEMO_STEPS: ReadonlyArray<FlowDemoStep> = Object.freeze([
  {
    title: `POST /oauth-service/oauth/request_token (Garmin retires OAuth 1.0a on ${GARMIN_OAUTH1_RETIREMENT})`,
    async run(ctx) {
      ctx.temporary = await ctx.client.requestTemporaryCredentials({ callback: ctx.callback });
      ctx.out.write(`-> temporary token ${ctx.temporary.token}\n`);
      return true;
    },
  },
  {
    title: 'GET /oauthConfirm — the user consents; the callback brings oauth_verifier',
    async run(ctx) {
      ctx.verifier = await allowOnAuthorizationPage(ctx, ctx.client.authorizationUrl(ctx.temporary!));
      return true;
    },
  },
  {
    title: 'POST /oauth-service/oauth/access_token, then GET /wellness-api/rest/user/id and a day of dailies',
    async run(ctx) {
      ctx.access = await ctx.client.requestTokenCredentials(ctx.temporary!, ctx.verifier!);
      const id = await ctx.client.request({ method: 'GET', url: 'user/id' });
      const dailies = await ctx.client.request({ method: 'GET', url: `dailies?${RANGE}` });
      ctx.out.write(`-> HTTP ${id.status}\n${id.body}\n-> HTTP ${dailies.status}\n${dailies.body}\n`);
      return id.status === 200 && dailies.status === 200;
    },
  },
  {
    title: 'The classic mistake: the time range added to the URL after signing — refused',
    async run(ctx) {
      const base = `${ctx.sandbox.url}/wellness-api/rest/dailies`;
      const signed = signRequest({ method: 'GET', url: base, consumerKey: ctx.sandbox.consumerKey, consumerSecret: ctx.sandbox.consumerSecret, token: ctx.access!.token, tokenSecret: ctx.access!.tokenSecret });
      const r = await fetch(`${base}?${RANGE}`, { headers: { authorization: signed.headers.authorization! } });
      ctx.out.write(`-> HTTP ${r.status}\nWWW-Authenticate: ${r.headers.get('www-authenticate') ?? ''}\n${await r.text()}\n(oauth1 verify --provider garmin names it: query-omitted)\n`);
      return r.status === 401;
    },
  },
]);
