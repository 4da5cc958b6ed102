// The sandbox's Magento 2 emulation: the integration activation post, /oauth/token/request and /access, and a few /rest/V1 resources.

import { formEncode } from '../../../core/encoding.js';
import { jsonReply } from '../routes.js';
import { randomToken } from '../state.js';
import type { SandboxReply, SandboxRoute, SandboxRouteContext, SandboxAuthOutcome } from '../route.js';
import type { SandboxEmulation } from './emulation.js';

function form(params: ReadonlyArray<readonly [string, string]>): SandboxReply {
  return { status: 200, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formEncode(params) };
}

/** Magento names the refused method and version in its message. */
function refusal(ctx: SandboxRouteContext, outcome: Extract<SandboxAuthOutcome, { ok: false }>): SandboxReply {
  const method = ctx.record.oauth['oauth_signature_method'];
  if (outcome.problem === 'signature_method_rejected' && method !== undefined) {
    return ctx.sandbox.error('signature_method_rejected', ctx.path, { message: `Signature method ${method} is not supported` });
  }
  const version = ctx.record.oauth['oauth_version'];
  if (outcome.problem === 'version_rejected' && version !== undefined) {
    return ctx.sandbox.error('version_rejected', ctx.path, { message: `The "${version}" Oauth version isn't supported.` });
  }
  return outcome.reply;
}

/** The verifier Magento posted to the app on activation, per consumer key. */
type Verifiers = Map<string, string>;

function routes(verifiers: Verifiers): SandboxRoute[] {
  const activate: SandboxRoute = {
    // Emulator control (not a Magento URL): "Activate" in the admin — posts the credentials to the app's endpoint.
    method: 'POST', path: '/admin/admin/integration/activate',
    async handle(ctx) {
      const endpoint = ctx.form?.find(([n]) => n === 'endpoint')?.[1] ?? '';
      let url: URL;
      try { url = new URL(endpoint); } catch { return jsonReply(400, { message: 'endpoint must be an absolute URL' }); }
      if (url.protocol !== 'http:' || !['127.0.0.1', '[::1]'].includes(url.hostname)) return jsonReply(400, { message: 'the sandbox posts only to a loopback http endpoint (127.0.0.1 or [::1])' });
      const { state } = ctx.sandbox;
      const [consumerKey, consumerSecret] = [...state.consumers.entries()][0]!;
      const verifier = randomToken(16);
      verifiers.set(consumerKey, verifier);
      const storeBaseUrl = new URL(ctx.url).origin + '/';
      const answer = await fetch(url, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formEncode([['oauth_consumer_key', consumerKey], ['oauth_consumer_secret', consumerSecret], ['store_base_url', storeBaseUrl], ['oauth_verifier', verifier]]),
      });
      await answer.arrayBuffer();
      return jsonReply(answer.ok ? 200 : 502, { endpoint: url.href, status: answer.status });
    },
  };
  const requestToken: SandboxRoute = {
    method: 'POST', path: '/oauth/token/request',
    async handle(ctx) {
      // Magento reads the protocol parameters from the Authorization header only.
      if (ctx.req.headers.authorization === undefined) return ctx.sandbox.error('parameter_absent', ctx.path, { parametersAbsent: ['oauth_consumer_key'] });
      const outcome = await ctx.authenticate('consumer');
      if (!outcome.ok) return refusal(ctx, outcome);
      const verifier = verifiers.get(outcome.consumerKey);
      if (verifier === undefined) return ctx.sandbox.error('consumer_key_unknown', ctx.path, { message: 'The integration is not activated: activate it first.' });
      const token = randomToken(32);
      const tokenSecret = randomToken(32);
      ctx.sandbox.state.temporary.set(token, { token, tokenSecret, consumerKey: outcome.consumerKey, callback: 'oob', state: 'approved', verifier, issuedAt: ctx.sandbox.now() });
      return form([['oauth_token', token], ['oauth_token_secret', tokenSecret]]);
    },
  };
  const accessToken: SandboxRoute = {
    method: 'POST', path: '/oauth/token/access',
    async handle(ctx) {
      if (ctx.req.headers.authorization === undefined) return ctx.sandbox.error('parameter_absent', ctx.path, { parametersAbsent: ['oauth_consumer_key'] });
      const outcome = await ctx.authenticate('token-credentials');
      if (!outcome.ok) return refusal(ctx, outcome);
      outcome.temporary!.state = 'used';
      const access = ctx.sandbox.state.addAccessToken({ token: randomToken(32), tokenSecret: randomToken(32), consumerKey: outcome.consumerKey });
      return form([['oauth_token', access.token], ['oauth_token_secret', access.tokenSecret]]);
    },
  };
  const products = [
    { id: 1, sku: '24-MB01', name: 'Joust Duffle Bag', price: 34, status: 1, type_id: 'simple' },
    { id: 2, sku: '24-MB04', name: 'Strive Shoulder Pack', price: 32, status: 1, type_id: 'simple' },
  ];
  const resource = (path: string, body: () => unknown): SandboxRoute => ({
    method: 'GET', path,
    async handle(ctx) {
      const outcome = await ctx.authenticate('resource');
      if (!outcome.ok) return refusal(ctx, outcome);
      return jsonReply(200, body());
    },
  });
  return [
    activate, requestToken, accessToken,
    resource('/rest/V1/products', () => ({ items: products, search_criteria: { filter_groups: [] }, total_count: products.length })),
    resource('/rest/V1/store/storeViews', () => [{ id: 1, code: 'default', name: 'Default Store View', website_id: 1, store_group_id: 1, is_active: 1 }]),
  ];
}

/** Magento 2.4: HMAC-SHA256 only (HMAC-SHA1 was accepted by older releases), header placement, Magento's error bodies. */
export const magento2Emulation: SandboxEmulation = {
  displayName: 'Magento 2',
  summary: 'Magento 2 / Adobe Commerce integration: activation post, HMAC-SHA256, header',
  endpoints: [
    'activate (emulator control; form endpoint=URL): POST /admin/admin/integration/activate',
    'request token: POST /oauth/token/request', 'access token: POST /oauth/token/access',
    'products: GET /rest/V1/products', 'store views: GET /rest/V1/store/storeViews',
  ],
  signatureMethods: ['HMAC-SHA256'],
  routes: () => routes(new Map()),
};
