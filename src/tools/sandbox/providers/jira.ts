// The sandbox's Jira Data Center emulation: the application link's OAuth servlet (RSA-SHA1 checked with the link's public key) and a few /rest/api/2 resources.

import { jiraProfile } from '../../../providers/jira.js';
import type { SandboxRouteContext } from '../route.js';
import type { SandboxEmulation } from './emulation.js';
import { applicationLinkResource, applicationLinkRoutes } from './application-link.js';

function origin(ctx: SandboxRouteContext): string {
  return new URL(ctx.url).origin;
}

/** The issues the emulation serves, by key. */
const ISSUES: Readonly<Record<string, { id: string; summary: string; status: string; type: string }>> = {
  'DEMO-1': { id: '10000', summary: 'Sign requests with the application link key', status: 'To Do', type: 'Task' },
  'DEMO-2': { id: '10001', summary: 'HMAC-SHA1 is refused with signature_method_rejected', status: 'Done', type: 'Bug' },
};

/** Jira at the server root: RSA-SHA1 only, Problem Reporting refusals, /rest/api/2/myself and two issues. */
export const jiraEmulation: SandboxEmulation = {
  displayName: 'Jira',
  summary: 'Jira Data Center application link: RSA-SHA1 (--public-key), three-legged',
  endpoints: [
    'request token: POST /plugins/servlet/oauth/request-token', 'authorization: GET /plugins/servlet/oauth/authorize',
    'access token: POST /plugins/servlet/oauth/access-token', 'current user: GET /rest/api/2/myself',
    'issue: GET /rest/api/2/issue/DEMO-1', 'issue: GET /rest/api/2/issue/DEMO-2',
  ],
  signatureMethods: ['RSA-SHA1'],
  rsaConsumer: true,
  profile: () => jiraProfile({ baseUrl: 'http://127.0.0.1' }),
  routes: () => [
    ...applicationLinkRoutes(''),
    applicationLinkResource('/rest/api/2/myself', (ctx) => {
      const a = ctx.auth!.access!;
      return {
        self: `${origin(ctx)}/rest/api/2/user?username=${encodeURIComponent(a.screenName)}`, key: `JIRAUSER${a.userId.slice(-5)}`,
        name: a.screenName, emailAddress: `${a.screenName}@example.com`, displayName: 'Sandbox User', active: true, timeZone: 'UTC', locale: 'en_US',
      };
    }),
    ...Object.entries(ISSUES).map(([key, issue]) => applicationLinkResource(`/rest/api/2/issue/${key}`, (ctx) => ({
      id: issue.id, key, self: `${origin(ctx)}/rest/api/2/issue/${issue.id}`,
      fields: {
        summary: issue.summary, status: { name: issue.status }, issuetype: { name: issue.type },
        project: { key: 'DEMO', name: 'Demo' }, reporter: { name: ctx.auth!.access!.screenName, displayName: 'Sandbox User' },
      },
    }))),
  ],
};
