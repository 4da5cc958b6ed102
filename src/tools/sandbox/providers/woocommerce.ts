// The sandbox's WooCommerce emulation: one-legged OAuth over http on /wp-json/wc/v3/products and /orders (RFC 5849 §3, WooCommerce's rules).

import type { IncomingMessage } from 'node:http';
import type { SandboxReply, SandboxRoute, SandboxRouteContext } from '../route.js';
import type { SandboxEmulation } from './emulation.js';

const JSON_LIMIT = 1024 * 1024;

function json(status: number, value: unknown): SandboxReply {
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(value) };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => { size += c.length; if (size <= JSON_LIMIT) chunks.push(c); });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (size > JSON_LIMIT || text.trim() === '') { resolve(undefined); return; }
      try { resolve(JSON.parse(text)); } catch { resolve(undefined); }
    });
    req.on('error', reject);
  });
}

/** Products the emulated store starts with. */
const SEED_PRODUCTS = [
  { id: 794, name: 'Premium Quality', slug: 'premium-quality', type: 'simple', status: 'publish', regular_price: '21.99', price: '21.99' },
  { id: 795, name: 'Ship Your Idea', slug: 'ship-your-idea', type: 'simple', status: 'publish', regular_price: '30.00', price: '30.00' },
];

/** Authenticates one-legged; a request with no OAuth parameter at all gets the controller's own 401, as WooCommerce does. */
async function authenticate(ctx: SandboxRouteContext, cannot: { code: string; message: string }): Promise<SandboxReply | undefined> {
  const outcome = await ctx.authenticate('consumer');
  if (outcome.ok) return undefined;
  if (outcome.problem === 'parameter_absent' && Object.keys(ctx.record.oauth).length === 0) {
    // WooCommerce treats a request without any OAuth parameter as anonymous; the controller refuses it.
    return json(401, { code: cannot.code, message: cannot.message, data: { status: 401 } });
  }
  return outcome.reply;
}

function productsRoutes(products: Array<Record<string, unknown>>): SandboxRoute[] {
  let nextId = 800;
  return [
    {
      method: 'GET', path: '/wp-json/wc/v3/products', body: 'raw',
      async handle(ctx) {
        ctx.req.resume();
        const refused = await authenticate(ctx, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.' });
        if (refused) return refused;
        const perPage = Math.max(1, Math.min(100, Number(ctx.query.get('per_page') ?? '10') || 10));
        const list = products.slice(0, perPage);
        return { ...json(200, list), headers: { 'content-type': 'application/json; charset=UTF-8', 'x-wp-total': String(products.length), 'x-wp-totalpages': String(Math.ceil(products.length / perPage)) } };
      },
    },
    {
      method: 'POST', path: '/wp-json/wc/v3/products', body: 'raw',
      async handle(ctx) {
        const body = await readJson(ctx.req);
        const refused = await authenticate(ctx, { code: 'woocommerce_rest_cannot_create', message: 'Sorry, you are not allowed to create resources.' });
        if (refused) return refused;
        const input = body !== null && typeof body === 'object' ? body as Record<string, unknown> : {};
        if (typeof input['name'] !== 'string' || input['name'] === '') {
          return json(400, { code: 'rest_missing_callback_param', message: 'Missing parameter(s): name', data: { status: 400, params: ['name'] } });
        }
        const price = typeof input['regular_price'] === 'string' ? input['regular_price'] : '';
        const product = { id: nextId++, name: input['name'], slug: input['name'].toLowerCase().replace(/[^a-z0-9]+/g, '-'), type: typeof input['type'] === 'string' ? input['type'] : 'simple', status: 'publish', regular_price: price, price };
        products.push(product);
        return json(201, product);
      },
    },
    {
      method: 'GET', path: '/wp-json/wc/v3/orders', body: 'raw',
      async handle(ctx) {
        ctx.req.resume();
        const refused = await authenticate(ctx, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.' });
        return refused ?? json(200, []);
      },
    },
  ];
}

/** WooCommerce over http: HMAC-SHA1 or HMAC-SHA256, 15-minute timestamp window, no token, WP_Error bodies. */
export const woocommerceEmulation: SandboxEmulation = {
  displayName: 'WooCommerce',
  summary: 'WooCommerce REST v3 over http: one-legged, OAuth in the query, HMAC-SHA1/-SHA256',
  endpoints: ['products: GET|POST /wp-json/wc/v3/products', 'orders: GET /wp-json/wc/v3/orders'],
  signatureMethods: ['HMAC-SHA1', 'HMAC-SHA256'],
  // class-wc-rest-authentication.php: "A timestamp is valid if it is within 15 minutes of now."
  timestampWindow: 15 * 60,
  routes: () => productsRoutes(SEED_PRODUCTS.map((p) => ({ ...p }))),
};
