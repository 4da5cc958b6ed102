// `npm run demo -- --provider woocommerce`: one-legged calls against the WooCommerce emulation, then the https-URL mistake refused.

import { signRequest } from '../../../core/sign.js';
import type { FlowDemoStep } from '../flow-step.js';

/** List products, create one, then show the classic mistake (the https URL signed, http sent) refused. */
export const WOOCOMMERCE_DEMO_STEPS: ReadonlyArray<FlowDemoStep> = Object.freeze([
  {
    title: 'GET /wp-json/wc/v3/products — one-legged, OAuth parameters in the query (HMAC-SHA256, no token)',
    async run(ctx) {
      const r = await ctx.client.request({ method: 'GET', url: 'products?per_page=2' });
      ctx.out.write(`-> HTTP ${r.status}, X-WP-Total: ${String(r.headers['x-wp-total'])}\n${r.body}\n`);
      return r.status === 200;
    },
  },
  {
    title: 'POST /wp-json/wc/v3/products — a JSON body is not signed; only the query and oauth_* are',
    async run(ctx) {
      const r = await ctx.client.request({ method: 'POST', url: 'products', body: JSON.stringify({ name: 'Demo Mug', regular_price: '9.50' }), headers: { 'content-type': 'application/json' } });
      ctx.out.write(`-> HTTP ${r.status}\n${r.body}\n`);
      return r.status === 201;
    },
  },
  {
    title: 'The classic mistake: the https:// URL signed, the request sent over http:// — WooCommerce refuses it',
    async run(ctx) {
      const { sandbox, out } = ctx;
      const url = `${sandbox.url}/wp-json/wc/v3/orders`;
      const signed = signRequest({ method: 'GET', url: url.replace(/^http:/, 'https:'), consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, signatureMethod: 'HMAC-SHA256', version: null, placement: 'query' });
      out.write(`signed base string: ${signed.baseString}\n`);
      const r = await fetch(signed.url.replace(/^https:/, 'http:'));
      out.write(`-> HTTP ${r.status}\nWWW-Authenticate: ${r.headers.get('www-authenticate') ?? ''}\n${await r.text()}\n`);
      out.write(`name it: oauth1 verify --request - --consumer-secret … --provider woocommerce  (finds "scheme-mismatch")\n`);
      return r.status === 401;
    },
  },
]);
