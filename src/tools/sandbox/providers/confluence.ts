// The sandbox's Confluence Data Center emulation at the /confluence context path: the application link's OAuth servlet (RSA-SHA1) and a few /rest/api resources.

import { confluenceProfile } from '../../../providers/confluence.js';
import type { SandboxEmulation } from './emulation.js';
import { applicationLinkResource, applicationLinkRoutes } from './application-link.js';

/** The context path Confluence is served under (as many installations are). */
export const CONFLUENCE_CONTEXT_PATH = '/confluence';

/** Confluence under /confluence: RSA-SHA1 only, Problem Reporting refusals, /rest/api/content and /rest/api/user/current. */
export const confluenceEmulation: SandboxEmulation = {
  displayName: 'Confluence',
  summary: 'Confluence Data Center application link at /confluence: RSA-SHA1 (--public-key)',
  endpoints: [
    `request token: POST ${CONFLUENCE_CONTEXT_PATH}/plugins/servlet/oauth/request-token`, `authorization: GET ${CONFLUENCE_CONTEXT_PATH}/plugins/servlet/oauth/authorize`,
    `access token: POST ${CONFLUENCE_CONTEXT_PATH}/plugins/servlet/oauth/access-token`, `content: GET ${CONFLUENCE_CONTEXT_PATH}/rest/api/content`,
    `current user: GET ${CONFLUENCE_CONTEXT_PATH}/rest/api/user/current`,
  ],
  signatureMethods: ['RSA-SHA1'],
  rsaConsumer: true,
  profile: () => confluenceProfile({ baseUrl: `http://127.0.0.1${CONFLUENCE_CONTEXT_PATH}` }),
  routes: () => [
    ...applicationLinkRoutes(CONFLUENCE_CONTEXT_PATH),
    applicationLinkResource(`${CONFLUENCE_CONTEXT_PATH}/rest/api/content`, (ctx) => {
      const base = new URL(ctx.url).origin + CONFLUENCE_CONTEXT_PATH;
      return {
        results: [
          { id: '65537', type: 'page', status: 'current', title: 'Welcome to the sandbox space', _links: { webui: '/display/DEMO/Welcome+to+the+sandbox+space', self: `${base}/rest/api/content/65537` } },
          { id: '65538', type: 'page', status: 'current', title: 'Application links', _links: { webui: '/display/DEMO/Application+links', self: `${base}/rest/api/content/65538` } },
        ],
        start: 0, limit: 25, size: 2, _links: { self: `${base}/rest/api/content`, base, context: CONFLUENCE_CONTEXT_PATH },
      };
    }),
    applicationLinkResource(`${CONFLUENCE_CONTEXT_PATH}/rest/api/user/current`, (ctx) => {
      const a = ctx.auth!.access!;
      return { type: 'known', username: a.screenName, userKey: `ff8080817${a.userId.slice(-7)}`, displayName: 'Sandbox User' };
    }),
  ],
};
