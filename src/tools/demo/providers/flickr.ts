// `npm run demo -- --provider flickr`: the flow with perms=write, flickr.test.login, an upload with its fields signed, then the same upload with them unsigned.

import { uploadMultipart } from '../../../client/multipart/index.js';
import { flickrAuthorizeParams } from '../../../providers/flickr.js';
import type { FlowDemoStep } from '../flow-step.js';
import { allowOnAuthorizationPage } from '../allow.js';

/** A small stand-in photo (the emulation hashes the bytes; it does not decode them). */
const PHOTO = new Uint8Array(64 * 1024).map((_, i) => (i * 31) & 0xff);

/** Request token, authorise with perms=write, access token, test.login, upload, and the unsigned-fields mistake. */
export const FLICKR_DEMO_STEPS: ReadonlyArray<FlowDemoStep> = Object.freeze([
  {
    title: 'GET /services/oauth/request_token',
    async run(ctx) {
      ctx.temporary = await ctx.client.requestTemporaryCredentials({ callback: ctx.callback });
      ctx.out.write(`-> temporary token ${ctx.temporary.token}\n`);
      return true;
    },
  },
  {
    title: 'GET /services/oauth/authorize?perms=write — perms on the authorise URL, unsigned; the user allows',
    async run(ctx) {
      const url = ctx.client.authorizationUrl(ctx.temporary!, flickrAuthorizeParams('write'));
      ctx.out.write(`authorise URL: ${url}\n`);
      ctx.verifier = await allowOnAuthorizationPage(ctx, url);
      return true;
    },
  },
  {
    title: 'GET /services/oauth/access_token, then /services/rest?method=flickr.test.login&format=json&nojsoncallback=1',
    async run(ctx) {
      ctx.access = await ctx.client.requestTokenCredentials(ctx.temporary!, ctx.verifier!);
      const login = await ctx.client.request({ method: 'GET', url: 'rest?method=flickr.test.login&format=json&nojsoncallback=1' });
      ctx.out.write(`-> HTTP ${login.status}\n${login.body}\n`);
      return login.status === 200;
    },
  },
  {
    title: 'POST /services/upload/ — title and description signed, the photo not',
    async run(ctx) {
      const { response, explain } = await uploadMultipart(ctx.client.transport, {
        url: `${ctx.sandbox.url}/services/upload/`, fields: [['title', 'Demo photo'], ['description', 'Uploaded by the demo']], files: [{ name: 'photo', buffer: PHOTO, filename: 'demo.jpg' }],
      });
      ctx.out.write(`signed fields: ${explain?.signedFields.join(', ') ?? ''}\n-> HTTP ${response.status}\n${response.body}`);
      return response.status === 200 && response.body.includes('<photoid>');
    },
  },
  {
    title: 'The classic mistake: the same upload with title and description left out of the signature — refused',
    async run(ctx) {
      const status = await uploadMultipart(ctx.client.transport, {
        url: `${ctx.sandbox.url}/services/upload/`, fields: [['title', 'Demo photo'], ['description', 'Unsigned']], files: [{ name: 'photo', buffer: PHOTO, filename: 'demo.jpg' }], policy: 'none',
      }).then((r) => r.response.status, (e: { response?: { status: number; headers: Record<string, unknown>; body: string } }) => {
        ctx.out.write(`-> HTTP ${e.response?.status ?? 0}\nWWW-Authenticate: ${String(e.response?.headers['www-authenticate'] ?? '')}\n${e.response?.body ?? ''}`);
        return e.response?.status ?? 0;
      });
      ctx.out.write('(oauth1 verify --provider flickr names it: multipart-fields-unsigned)\n');
      return status === 401;
    },
  },
]);
