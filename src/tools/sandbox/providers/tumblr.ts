// The sandbox's Tumblr emulation: /oauth/* (plain-text signature refusals), /v2/user/info, and posting to one blog (legacy form /post, NPF JSON /posts).

import type { IncomingMessage } from 'node:http';
import { HMAC_SHA1 } from '../../../core/signature-methods/hmac.js';
import { defaultRoutes } from '../routes.js';
import type { SandboxReply, SandboxRoute, SandboxRouteContext } from '../route.js';
import { requestBaseString, type SandboxEmulation } from './emulation.js';

/** The blog the emulated user owns (its `{blog-identifier}` in the v2 paths). */
export const TUMBLR_SANDBOX_BLOG = 'sandbox-blog.tumblr.com';

const JSON_LIMIT = 1024 * 1024;

function v2(status: number, msg: string, response: unknown): SandboxReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ meta: { status, msg }, response }) };
}

function v2Error(status: number, msg: string, detail: string, code: number): SandboxReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ meta: { status, msg }, response: [], errors: [{ title: msg, code, detail }] }) };
}

function readText(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => { size += c.length; if (size <= JSON_LIMIT) chunks.push(c); });
    req.on('end', () => resolve(size > JSON_LIMIT ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Tumblr's OAuth endpoints answer a bad signature with one plain-text line naming the signature
 * sent and the one expected; the expected one is computed here the way the verifier does.
 */
function flowRoute(route: SandboxRoute): SandboxRoute {
  const { auth, ...rest } = route;
  return {
    ...rest,
    async handle(ctx) {
      if (auth !== undefined) {
        const outcome = await ctx.authenticate(auth);
        if (!outcome.ok) {
          if (outcome.problem !== 'signature_invalid') return outcome.reply;
          return ctx.sandbox.error('signature_invalid', ctx.path, { message: mismatchLine(ctx) });
        }
        ctx.auth = outcome;
      }
      return route.handle(ctx);
    },
  };
}

function mismatchLine(ctx: SandboxRouteContext): string {
  const sent = ctx.record.oauth['oauth_signature'] ?? '';
  const token = ctx.record.oauth['oauth_token'];
  const tokenSecret = token === undefined ? '' : ctx.sandbox.state.temporary.get(token)?.tokenSecret ?? '';
  const consumerSecret = ctx.sandbox.state.consumers.get(ctx.record.oauth['oauth_consumer_key'] ?? '') ?? '';
  let expected = '';
  try {
    const base = requestBaseString(ctx);
    expected = HMAC_SHA1.sign(base, { consumerSecret, tokenSecret });
  } catch { /* a malformed request: no expected value */ }
  return `oauth_signature [${sent}] does not match expected value [${expected}]`;
}

function tumblrRoutes(): SandboxRoute[] {
  const posts: Array<{ id: number; type: string; title: string; body: string; format: 'legacy' | 'npf' }> = [];
  let nextId = 736000000000;
  const blogPath = `/v2/blog/${TUMBLR_SANDBOX_BLOG}`;
  const created = (id: number): SandboxReply => v2(201, 'Created', { id, id_string: String(id), state: 'published' });
  return [
    ...defaultRoutes('tumblr').filter((r) => r.path.startsWith('/oauth/')).map(flowRoute),
    {
      method: 'GET', path: '/v2/user/info', auth: 'resource',
      handle(ctx) {
        const a = ctx.auth!.access!;
        return v2(200, 'OK', { user: { name: a.screenName, likes: 0, following: 0, default_post_format: 'html', blogs: [{ name: TUMBLR_SANDBOX_BLOG.split('.')[0], title: 'Sandbox Blog', url: `https://${TUMBLR_SANDBOX_BLOG}/`, primary: true }] } });
      },
    },
    {
      // The legacy post API: form fields (type, title, body…) — signed like any form body.
      method: 'POST', path: `${blogPath}/post`, auth: 'resource',
      handle(ctx) {
        const get = (n: string): string => ctx.form?.find(([k]) => k === n)?.[1] ?? '';
        const type = get('type') || 'text';
        if (type === 'text' && get('body') === '') return v2Error(400, 'Bad Request', 'Post cannot be empty.', 8001);
        const id = nextId++;
        posts.push({ id, type, title: get('title'), body: get('body'), format: 'legacy' });
        return created(id);
      },
    },
    {
      // The Neue Post Format: a JSON body, which OAuth 1.0a does not sign (RFC 5849 §3.4.1.3.1: only form bodies are).
      method: 'POST', path: `${blogPath}/posts`, body: 'raw',
      async handle(ctx) {
        const text = await readText(ctx.req);
        const outcome = await ctx.authenticate('resource');
        if (!outcome.ok) return outcome.reply;
        let content: unknown;
        try { content = JSON.parse(text ?? ''); } catch { return v2Error(400, 'Bad Request', 'The request body is not JSON.', 8001); }
        const blocks = content !== null && typeof content === 'object' ? (content as Record<string, unknown>)['content'] : undefined;
        if (!Array.isArray(blocks) || blocks.length === 0) return v2Error(400, 'Bad Request', 'Post cannot be empty.', 8001);
        const first = blocks[0] as Record<string, unknown> | null;
        const id = nextId++;
        posts.push({ id, type: 'blocks', title: '', body: typeof first?.['text'] === 'string' ? first['text'] : '', format: 'npf' });
        return created(id);
      },
    },
    {
      method: 'GET', path: `${blogPath}/posts`, auth: 'resource',
      handle() {
        return v2(200, 'OK', { blog: { name: TUMBLR_SANDBOX_BLOG.split('.')[0], title: 'Sandbox Blog' }, posts: posts.map((p) => ({ id: p.id, id_string: String(p.id), type: p.type, title: p.title, body: p.body })), total_posts: posts.length });
      },
    },
  ];
}

/** Tumblr: HMAC-SHA1 only, header, `{"meta","response","errors"}` answers on the v2 API. */
export const tumblrEmulation: SandboxEmulation = {
  displayName: 'Tumblr',
  summary: 'Tumblr: three-legged, HMAC-SHA1 in the header, v2 API (user/info, posting)',
  endpoints: [
    'temporary credentials: POST /oauth/request_token', 'authorization: GET /oauth/authorize', 'token credentials: POST /oauth/access_token',
    'user: GET /v2/user/info', `legacy post (form): POST /v2/blog/${TUMBLR_SANDBOX_BLOG}/post`,
    `NPF post (JSON, body unsigned): POST /v2/blog/${TUMBLR_SANDBOX_BLOG}/posts`, `posts: GET /v2/blog/${TUMBLR_SANDBOX_BLOG}/posts`,
  ],
  signatureMethods: ['HMAC-SHA1'],
  routes: tumblrRoutes,
};
