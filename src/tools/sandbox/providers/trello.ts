// The sandbox's Trello emulation: /1/OAuthGetRequestToken, /1/OAuthAuthorizeToken with scope/expiration/name checked, /1/OAuthGetAccessToken, /1/members/me.

import { defaultRoutes, htmlReply, jsonReply } from '../routes.js';
import type { SandboxRoute } from '../route.js';
import type { SandboxEmulation } from './emulation.js';
import { TRELLO_EXPIRATIONS, TRELLO_SCOPES } from '../../../providers/trello.js';

/** The flow routes under Trello's paths; the page form still posts to /oauth/authorize (kept). */
function trelloRoutes(): SandboxRoute[] {
  const flow = defaultRoutes('trello');
  const find = (method: string, path: string): SandboxRoute => flow.find((r) => r.path === path && (typeof r.method === 'string' ? [r.method] : r.method).includes(method))!;
  const authorizeGet = find('GET', '/oauth/authorize');
  const grants = new Map<string, { scope: string; expiration: string; name: string }>();
  return [
    { ...find('POST', '/oauth/request_token'), path: '/1/OAuthGetRequestToken' },
    {
      method: 'GET', path: '/1/OAuthAuthorizeToken',
      handle(ctx) {
        const scope = ctx.query.get('scope') ?? 'read';
        const expiration = ctx.query.get('expiration') ?? '30days';
        const bad = scope.split(',').find((s) => !(TRELLO_SCOPES as readonly string[]).includes(s));
        if (bad !== undefined) return htmlReply(400, `<!doctype html><p>Invalid scope: ${bad.replace(/[<>&"]/g, '')}</p>`);
        if (!(TRELLO_EXPIRATIONS as readonly string[]).includes(expiration)) return htmlReply(400, `<!doctype html><p>Invalid expiration: ${expiration.replace(/[<>&"]/g, '')}</p>`);
        grants.set(ctx.query.get('oauth_token') ?? '', { scope, expiration, name: ctx.query.get('name') ?? 'An unknown application' });
        return authorizeGet.handle(ctx);
      },
    },
    find('POST', '/oauth/authorize'),
    { ...find('POST', '/oauth/access_token'), path: '/1/OAuthGetAccessToken' },
    {
      method: 'GET', path: '/1/members/me', auth: 'resource',
      handle(ctx) {
        const a = ctx.auth!.access!;
        return jsonReply(200, { id: a.userId, username: a.screenName, fullName: 'Sandbox User', url: `https://trello.com/${a.screenName}` });
      },
    },
    {
      method: 'GET', path: '/1/sandbox/grants', handle: () => jsonReply(200, Object.fromEntries(grants)),
    },
  ];
}

/** Trello: HMAC-SHA1, plain-text refusals. */
export const trelloEmulation: SandboxEmulation = {
  displayName: 'Trello',
  summary: 'Trello: three-legged, HMAC-SHA1, scope/expiration/name on the authorise URL',
  endpoints: ['temporary credentials: POST /1/OAuthGetRequestToken', 'authorization: GET /1/OAuthAuthorizeToken', 'token credentials: POST /1/OAuthGetAccessToken', 'member: GET /1/members/me', 'what was granted (emulator control): GET /1/sandbox/grants'],
  signatureMethods: ['HMAC-SHA1'],
  routes: trelloRoutes,
};
