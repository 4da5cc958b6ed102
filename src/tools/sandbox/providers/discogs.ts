// The sandbox's Discogs emulation: the /oauth/* flow with PLAINTEXT, /oauth/identity and /database/search, a User-Agent required on every request.

import { defaultRoutes, jsonReply } from '../routes.js';
import type { SandboxReply, SandboxRoute, SandboxRouteContext } from '../route.js';
import type { SandboxEmulation } from './emulation.js';

/** What the emulation answers a request without a User-Agent (the status is Discogs's; the body is ours: unconfirmed). */
function userAgentRequired(ctx: SandboxRouteContext): SandboxReply | undefined {
  const ua = ctx.req.headers['user-agent'];
  if (typeof ua === 'string' && ua.trim() !== '') return undefined;
  ctx.record.problem = 'user_agent_missing';
  return { status: 403, headers: { 'content-type': 'application/json' }, body: '{"message": "A User-Agent header identifying your application is required."}' };
}

/** Checks the User-Agent before anything else, then authenticates as the route asks. */
function withUserAgent(route: SandboxRoute): SandboxRoute {
  const { auth, ...rest } = route;
  return {
    ...rest,
    async handle(ctx) {
      const refused = userAgentRequired(ctx);
      if (refused) return refused;
      if (auth !== undefined) {
        const outcome = await ctx.authenticate(auth);
        if (!outcome.ok) return outcome.reply;
        ctx.auth = outcome;
      }
      return route.handle(ctx);
    },
  };
}

const identity: SandboxRoute = {
  method: 'GET', path: '/oauth/identity', auth: 'resource',
  handle(ctx) {
    const a = ctx.auth!.access!;
    return jsonReply(200, { id: Number(a.userId), username: a.screenName, resource_url: `https://api.discogs.com/users/${a.screenName}`, consumer_name: 'Sandbox Application' });
  },
};

const search: SandboxRoute = {
  method: 'GET', path: '/database/search', auth: 'resource',
  handle(ctx) {
    const q = ctx.query.get('q') ?? '';
    const results = q === '' ? [] : [{ id: 7589442, type: 'release', title: `${q} - Sandbox Release`, year: '2015', resource_url: 'https://api.discogs.com/releases/7589442' }];
    return jsonReply(200, { pagination: { per_page: 50, pages: 1, page: 1, urls: {}, items: results.length }, results });
  },
};

/** Discogs: PLAINTEXT only (unconfirmed: HMAC-SHA1 refused), User-Agent required, `{"message"}` errors. */
export const discogsEmulation: SandboxEmulation = {
  displayName: 'Discogs',
  summary: 'Discogs: three-legged, PLAINTEXT, User-Agent required',
  endpoints: ['temporary credentials: GET /oauth/request_token', 'authorization: GET /oauth/authorize', 'token credentials: POST /oauth/access_token', 'identity: GET /oauth/identity', 'search: GET /database/search?q=…'],
  signatureMethods: ['PLAINTEXT'],
  routes: () => [
    ...defaultRoutes('discogs').filter((r) => r.path.startsWith('/oauth/')),
    identity, search,
  ].map(withUserAgent),
};
