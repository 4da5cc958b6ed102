// `npm run demo -- --provider magento2`: activation, request and access tokens, a REST call, then HMAC-SHA1 refused.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest } from '../../../core/sign.js';
import { OAuth1Client } from '../../../client/flow/client.js';
import type { FlowDemoStep } from '../flow-step.js';

let activation: URLSearchParams | undefined;

/** The integration handshake as Magento drives it, then the classic HMAC-SHA1 mistake. */
export const MAGENTO2_DEMO_STEPS: ReadonlyArray<FlowDemoStep> = Object.freeze([
  {
    title: 'The admin activates the integration: Magento POSTs key, secret, store_base_url and oauth_verifier to the app',
    async run(ctx) {
      let resolve!: (p: URLSearchParams) => void;
      const received = new Promise<URLSearchParams>((r) => { resolve = r; });
      const app = createServer((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (c: string) => { body += c; });
        req.on('end', () => { res.writeHead(200).end(); resolve(new URLSearchParams(body)); });
      });
      await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
      try {
        const endpoint = `http://127.0.0.1:${(app.address() as AddressInfo).port}/magento/activate`;
        await fetch(`${ctx.sandbox.url}/admin/admin/integration/activate`, { method: 'POST', body: new URLSearchParams({ endpoint }) });
        activation = await received;
      } finally { app.close(); }
      ctx.out.write(`-> posted: ${[...activation.keys()].join(', ')} (store_base_url ${activation.get('store_base_url') ?? ''})\n`);
      return true;
    },
  },
  {
    title: 'POST /oauth/token/request, POST /oauth/token/access with the posted verifier, GET /rest/V1/products (HMAC-SHA256)',
    async run(ctx) {
      const client = new OAuth1Client({ profile: ctx.sandbox.profile, consumerKey: activation!.get('oauth_consumer_key')!, consumerSecret: activation!.get('oauth_consumer_secret')! });
      const temp = await client.requestTemporaryCredentials();
      await client.requestTokenCredentials(temp, activation!.get('oauth_verifier')!);
      const r = await client.request({ method: 'GET', url: 'products' });
      ctx.out.write(`-> HTTP ${r.status}\n${r.body}\n`);
      return r.status === 200;
    },
  },
  {
    title: 'The classic mistake: HMAC-SHA1 — Magento 2.4 refuses the method',
    async run(ctx) {
      const url = `${ctx.sandbox.url}/oauth/token/request`;
      const signed = signRequest({ method: 'POST', url, consumerKey: ctx.sandbox.consumerKey, consumerSecret: ctx.sandbox.consumerSecret, signatureMethod: 'HMAC-SHA1' });
      const r = await fetch(url, { method: 'POST', headers: { authorization: signed.headers.authorization! } });
      ctx.out.write(`-> HTTP ${r.status}\nWWW-Authenticate: ${r.headers.get('www-authenticate') ?? ''}\n${await r.text()}\n`);
      return r.status === 400;
    },
  },
]);
