// The sandbox's NetSuite emulation (REST web services with TBA): realm = the account id exactly, HMAC-SHA256, NetSuite's INVALID_LOGIN body.

import { parseAuthorizationHeader } from '../../../core/authorization-header.js';
import { jsonReply } from '../routes.js';
import type { SandboxReply, SandboxRoute, SandboxRouteContext } from '../route.js';
import type { SandboxEmulation } from './emulation.js';
import { netsuiteProfile } from '../../../providers/netsuite.js';

/** The account the emulation plays (a sandbox account, so the `_SB1` suffix rule shows). */
export const NETSUITE_SANDBOX_ACCOUNT = '1234567_SB1';

/** NetSuite REST web services' refusal of any failed TBA login (RFC 9457-style body with o:errorDetails). */
function invalidLogin(ctx: SandboxRouteContext, problem: string, advice: string): SandboxReply {
  ctx.record.problem = problem;
  return ctx.sandbox.error(problem, ctx.path, { advice });
}

/** Checks realm first (NetSuite matches it to the account, upper case, suffix kept), then the signature. */
function resource(method: string, path: string, body: (ctx: SandboxRouteContext) => unknown): SandboxRoute {
  return {
    method, path,
    async handle(ctx) {
      const header = ctx.req.headers.authorization;
      let realm: string | undefined;
      try { realm = header === undefined ? undefined : parseAuthorizationHeader(header).realm; } catch { realm = undefined; }
      if (realm !== NETSUITE_SANDBOX_ACCOUNT) {
        return invalidLogin(ctx, 'parameter_rejected', `realm must be the account id "${NETSUITE_SANDBOX_ACCOUNT}" (upper case, suffix kept), got ${JSON.stringify(realm ?? null)}`);
      }
      const outcome = await ctx.authenticate('resource');
      if (!outcome.ok) return outcome.reply;
      return jsonReply(200, body(ctx));
    },
  };
}

/** NetSuite account 1234567_SB1: HMAC-SHA256 only (SHA1 ended in 2023.1), realm checked, resources under /services/rest/record/v1. */
export const netsuiteEmulation: SandboxEmulation = {
  displayName: 'NetSuite',
  summary: `NetSuite REST TBA (account ${NETSUITE_SANDBOX_ACCOUNT}): HMAC-SHA256, realm = account id`,
  endpoints: ['customers: GET /services/rest/record/v1/customer', 'one customer: GET /services/rest/record/v1/customer/107'],
  signatureMethods: ['HMAC-SHA256'],
  profile: () => netsuiteProfile({ accountId: NETSUITE_SANDBOX_ACCOUNT }),
  routes: () => [
    resource('GET', '/services/rest/record/v1/customer', () => ({ links: [], count: 1, hasMore: false, items: [{ links: [], id: '107' }], offset: 0, totalResults: 1 })),
    resource('GET', '/services/rest/record/v1/customer/107', () => ({ id: '107', companyName: 'Sandbox Customer', entityId: 'CUST107', isPerson: false })),
  ],
};
