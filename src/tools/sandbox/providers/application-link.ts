// The OAuth servlet of an Atlassian application link (Jira, Confluence): /plugins/servlet/oauth/{request-token,authorize,access-token} under a context path (RFC 5849 §2).

import { formEncode } from '../../../core/encoding.js';
import { authorizeGet, authorizePost, defaultRoutes, jsonReply } from '../routes.js';
import { randomToken } from '../state.js';
import type { SandboxReply, SandboxRoute, SandboxRouteContext } from '../route.js';

/** Seconds in the `oauth_expires_in` of an access-token answer (5 years; unconfirmed, see docs/providers/jira.md). */
export const APPLICATION_LINK_TOKEN_LIFETIME = 157_680_000;

/**
 * The three OAuth servlet routes under `contextPath` ('' for Jira at the root, '/confluence' for
 * Confluence): the request token (RFC 5849 §2.1, refusals as Problem Reporting), the
 * authorisation page and its form (§2.2), and the access token (§2.3) answered with
 * `oauth_expires_in`, `oauth_session_handle` and `oauth_authorization_expires_in`.
 *
 * @example applicationLinkRoutes('/confluence').map((r) => r.path)[0] // '/confluence/plugins/servlet/oauth/request-token'
 */
export function applicationLinkRoutes(contextPath: string): SandboxRoute[] {
  const servlet = `${contextPath}/plugins/servlet/oauth`;
  const requestToken = defaultRoutes('weibo-v1').find((r) => r.path === '/oauth/request_token')!;
  return [
    { ...requestToken, method: 'POST', path: `${servlet}/request-token` },
    authorizeGet(`${servlet}/authorize`),
    authorizePost(`${servlet}/authorize`),
    {
      method: 'POST', path: `${servlet}/access-token`, auth: 'token-credentials',
      handle(ctx: SandboxRouteContext): SandboxReply {
        const temp = ctx.auth!.temporary!;
        temp.state = 'used';
        const access = ctx.sandbox.state.addAccessToken({ token: randomToken(32), tokenSecret: randomToken(32), consumerKey: temp.consumerKey });
        const body = formEncode([
          ['oauth_token', access.token], ['oauth_token_secret', access.tokenSecret],
          ['oauth_expires_in', String(APPLICATION_LINK_TOKEN_LIFETIME)], ['oauth_session_handle', randomToken(32)],
          ['oauth_authorization_expires_in', String(APPLICATION_LINK_TOKEN_LIFETIME + 3_024_000)],
        ]);
        return { status: 200, headers: { 'content-type': 'text/plain;charset=UTF-8' }, body };
      },
    },
  ];
}

/**
 * A protected REST resource answering JSON once the request is signed with the access token.
 *
 * @example applicationLinkResource('/rest/api/2/myself', (ctx) => ({ name: ctx.auth!.access!.screenName }))
 */
export function applicationLinkResource(path: string, body: (ctx: SandboxRouteContext) => unknown): SandboxRoute {
  return { method: 'GET', path, auth: 'resource', handle: (ctx) => jsonReply(200, body(ctx)) };
}
