// The sandbox's Flickr emulation: /services/oauth/* with `perms`, the REST endpoint (flickr.test.login, flickr.photos.getInfo) and uploads that sign every field but the photo.

import { defaultRoutes, htmlReply } from '../routes.js';
import { parseUpload, type ParsedUpload } from '../upload.js';
import type { SandboxReply, SandboxRoute, SandboxRouteContext } from '../route.js';
import { requestBaseString, type SandboxEmulation } from './emulation.js';
import { FLICKR_PERMS, type FlickrPerms } from '../../../providers/flickr.js';

/** A photo the emulation received (what `GET /services/sandbox/photos` lists). */
interface FlickrPhoto { id: string; owner: string; title: string; description: string; tags: string; sha1: string; size: number }

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xmlOk(inner: string): SandboxReply {
  return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: `<?xml version="1.0" encoding="utf-8" ?>\n<rsp stat="ok">\n${inner}\n</rsp>\n` };
}

/** A REST answer in the format asked for: `format=json` (JSONP `jsonFlickrApi(…)` unless `nojsoncallback=1`), else XML. */
function restOk(params: URLSearchParams, value: Record<string, unknown>, xml: string): SandboxReply {
  if (params.get('format') !== 'json') return xmlOk(xml);
  const json = JSON.stringify({ ...value, stat: 'ok' });
  if (params.get('nojsoncallback') === '1') return { status: 200, headers: { 'content-type': 'application/json' }, body: json };
  return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: `jsonFlickrApi(${json})` };
}

/**
 * Flickr's OAuth endpoints answer a bad signature with `oauth_problem=signature_invalid&debug_sbs=`
 * and the base string Flickr computed, appended as it is: the emulation computes it the same way.
 */
function withDebugSbs(route: SandboxRoute): SandboxRoute {
  const { auth, ...rest } = route;
  if (auth === undefined) return route;
  return {
    ...rest,
    async handle(ctx) {
      const outcome = await ctx.authenticate(auth);
      if (!outcome.ok) {
        if (outcome.problem !== 'signature_invalid') return outcome.reply;
        let sbs: string;
        try {
          sbs = requestBaseString(ctx);
        } catch {
          return outcome.reply;
        }
        return { ...outcome.reply, body: `${String(outcome.reply.body ?? '')}&debug_sbs=${sbs}` };
      }
      ctx.auth = outcome;
      return route.handle(ctx);
    },
  };
}

const permits = (granted: FlickrPerms, needed: FlickrPerms): boolean => FLICKR_PERMS.indexOf(granted) >= FLICKR_PERMS.indexOf(needed);

function flickrRoutes(): SandboxRoute[] {
  const flow = defaultRoutes('flickr');
  const find = (method: string, path: string): SandboxRoute => flow.find((r) => r.path === path && (typeof r.method === 'string' ? [r.method] : r.method).includes(method))!;
  const authorizeGet = find('GET', '/oauth/authorize');
  const tokenCredentials = find('GET', '/oauth/access_token');
  /** perms asked for on the authorise URL, per temporary token; then per access token. */
  const grants = new Map<string, FlickrPerms>();
  const accessPerms = new Map<string, FlickrPerms>();
  // Tokens given to the sandbox up front (`--token`) hold every permission.
  const permsOf = (token: string): FlickrPerms => accessPerms.get(token) ?? 'delete';
  const photos: FlickrPhoto[] = [];
  let nextPhotoId = 52000000001;
  const nsid = (userId: string): string => `${userId}@N07`;

  const rest = (path: string): SandboxRoute => ({
    method: ['GET', 'POST'], path,
    async handle(ctx) {
      const outcome = await ctx.authenticate('resource');
      if (!outcome.ok) return outcome.reply;
      const params = new URLSearchParams([...ctx.query, ...(ctx.form ?? []).map(([n, v]): [string, string] => [n, v])]);
      const a = outcome.access!;
      const method = params.get('method') ?? '';
      if (method === 'flickr.test.login') {
        return restOk(params, { user: { id: nsid(a.userId), username: { _content: a.screenName } } }, `<user id="${nsid(a.userId)}">\n\t<username>${xmlEscape(a.screenName)}</username>\n</user>`);
      }
      if (method === 'flickr.photos.getInfo') {
        const photo = photos.find((p) => p.id === params.get('photo_id'));
        if (photo === undefined) return ctx.sandbox.error(1, ctx.path);
        return restOk(params,
          { photo: { id: photo.id, owner: { nsid: photo.owner }, title: { _content: photo.title }, description: { _content: photo.description }, tags: { tag: photo.tags.split(' ').filter(Boolean).map((t) => ({ raw: t, _content: t })) } } },
          `<photo id="${photo.id}">\n\t<owner nsid="${photo.owner}" />\n\t<title>${xmlEscape(photo.title)}</title>\n\t<description>${xmlEscape(photo.description)}</description>\n</photo>`);
      }
      return ctx.sandbox.error(112, ctx.path, { message: `Method "${method}" not found` });
    },
  });

  const upload = (path: string): SandboxRoute => ({
    method: 'POST', path, body: 'raw',
    async handle(ctx: SandboxRouteContext) {
      if (!/^multipart\/form-data\b/i.test(ctx.req.headers['content-type'] ?? '')) {
        ctx.req.resume();
        return ctx.sandbox.error(2, ctx.path);
      }
      let parsed: ParsedUpload;
      try {
        parsed = await parseUpload(ctx, 'photo');
      } catch {
        ctx.record.problem = 'parameter_rejected';
        return ctx.sandbox.error(3, ctx.path);
      }
      // Flickr's rule (upload.api.html): every POST parameter is signed, the photo is not.
      const outcome = await ctx.authenticate('resource', parsed.fields);
      if (!outcome.ok) return outcome.reply;
      const token = outcome.oauth.get('oauth_token')!;
      if (!permits(permsOf(token), 'write')) {
        ctx.record.problem = 'permission_denied';
        return ctx.sandbox.error(99, ctx.path);
      }
      if (parsed.file === undefined) return ctx.sandbox.error(2, ctx.path);
      if (parsed.file.size === 0) return ctx.sandbox.error(4, ctx.path);
      const field = (n: string): string => parsed.fields.find(([k]) => k === n)?.[1] ?? '';
      const photo: FlickrPhoto = { id: String(nextPhotoId++), owner: nsid(outcome.access!.userId), title: field('title'), description: field('description'), tags: field('tags'), sha1: parsed.file.sha1, size: parsed.file.size };
      photos.push(photo);
      return xmlOk(`<photoid>${photo.id}</photoid>`);
    },
  });

  return [
    withDebugSbs({ ...find('GET', '/oauth/request_token'), path: '/services/oauth/request_token' }),
    {
      method: 'GET', path: '/services/oauth/authorize',
      handle(ctx) {
        const perms = ctx.query.get('perms');
        if (perms === null || !(FLICKR_PERMS as readonly string[]).includes(perms)) {
          return htmlReply(400, '<!doctype html><title>Flickr</title><p>Oops! Flickr doesn\'t recognise the permission set.</p>');
        }
        grants.set(ctx.query.get('oauth_token') ?? '', perms as FlickrPerms);
        return authorizeGet.handle(ctx);
      },
    },
    find('POST', '/oauth/authorize'),
    withDebugSbs({
      ...tokenCredentials, path: '/services/oauth/access_token',
      async handle(ctx) {
        const temp = ctx.auth!.temporary!;
        const reply = await tokenCredentials.handle(ctx);
        if (reply.status !== 200 || typeof reply.body !== 'string') return reply;
        const sent = new URLSearchParams(reply.body.trim().startsWith('{') ? Object.entries(JSON.parse(reply.body) as Record<string, string>) : reply.body);
        const token = sent.get('oauth_token') ?? '';
        accessPerms.set(token, grants.get(temp.token) ?? 'read');
        const access = ctx.sandbox.state.access.get(token)!;
        // Flickr's answer: fullname, oauth_token, oauth_token_secret, user_nsid, username (auth.oauth.html).
        const body = new URLSearchParams([['fullname', 'Sandbox User'], ['oauth_token', token], ['oauth_token_secret', sent.get('oauth_token_secret') ?? ''], ['user_nsid', nsid(access.userId ?? '')], ['username', access.screenName ?? '']]);
        return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: body.toString().replace(/\+/g, '%20') };
      },
    }),
    rest('/services/rest'), rest('/services/rest/'),
    upload('/services/upload/'), upload('/services/upload'),
    // Emulator control (not a Flickr URL): the photos received, with the SHA-1 (hex) and size of the bytes.
    { method: 'GET', path: '/services/sandbox/photos', handle: () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(photos) }) },
  ];
}

/** Flickr: HMAC-SHA1 only, `perms` required on the authorise page, uploads signed without the photo. */
export const flickrEmulation: SandboxEmulation = {
  displayName: 'Flickr',
  summary: 'Flickr: three-legged, HMAC-SHA1, perms on the authorise URL, uploads sign all but the photo',
  endpoints: [
    'temporary credentials: GET|POST /services/oauth/request_token', 'authorization: GET /services/oauth/authorize?perms=read|write|delete',
    'token credentials: GET|POST /services/oauth/access_token', 'REST: GET|POST /services/rest?method=flickr.test.login&format=json&nojsoncallback=1',
    'upload (multipart, photo unsigned): POST /services/upload/', 'photos received (emulator control): GET /services/sandbox/photos',
  ],
  signatureMethods: ['HMAC-SHA1'],
  routes: flickrRoutes,
};
