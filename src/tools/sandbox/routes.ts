// The sandbox's route table: the RFC 5849 §2 endpoints, the authorisation pages and the protected resources per provider.

import { formEncode } from '../../core/encoding.js';
import type { Parameters } from '../../core/types.js';
import type { SandboxProviderName, SandboxReply, SandboxRoute, SandboxRouteContext } from './route.js';
import { authorizePage, deniedPage, invalidTokenPage, pinPage } from './pages.js';
import { randomPin, randomToken } from './state.js';
import { UPLOAD_ENDPOINTS, uploadRoute } from './upload.js';
import { mediaUploadRoute } from './media-upload.js';
import { SANDBOX_EMULATIONS, type EmulatedProviderName } from './providers/index.js';

export type { SandboxProviderName, SandboxReply, SandboxAuthOutcome, SandboxRouteContext, SandboxServices, SandboxRoute } from './route.js';

/**
 * A JSON reply.
 *
 * @example jsonReply(200, { id: 1 })
 */
export function jsonReply(status: number, value: unknown): SandboxReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

/**
 * An HTML reply (not cached).
 *
 * @example htmlReply(200, '<!doctype html><p>hi</p>')
 */
export function htmlReply(status: number, html: string): SandboxReply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: html };
}

/** A credentials reply, form-encoded as RFC 5849 §2 says (or JSON when the sandbox is told so). */
function credentialsReply(ctx: SandboxRouteContext, params: Parameters): SandboxReply {
  if (ctx.sandbox.tokenResponseFormat === 'json') return jsonReply(200, Object.fromEntries(params));
  return { status: 200, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: formEncode(params) };
}

function redirect(location: string, status = 302): SandboxReply {
  return { status, headers: { location, 'content-type': 'text/plain; charset=utf-8' }, body: `Redirecting to ${location}\n` };
}

function withQuery(url: string, params: Parameters): string {
  const u = new URL(url);
  for (const [n, v] of params) u.searchParams.append(n, v);
  return u.href;
}

// A getter, not a table: the emulations import this module, so their names are read at request time.
const PROVIDER_NAMES = new Proxy({} as Record<SandboxProviderName, string>, {
  get: (_t, id: string) => (id === 'weibo-v1' ? 'Sina Weibo v1' : id === 'twitter' ? 'Twitter' : SANDBOX_EMULATIONS[id as EmulatedProviderName]?.displayName ?? id),
});

// RFC 5849 §2.1
const temporaryCredentials: SandboxRoute = {
  method: ['GET', 'POST'], path: '/oauth/request_token', auth: 'temporary-credentials',
  handle(ctx) {
    const callback = ctx.auth!.oauth.get('oauth_callback')!;
    if (callback !== 'oob') {
      let ok = false;
      try { ok = ['http:', 'https:'].includes(new URL(callback).protocol); } catch { ok = false; }
      if (!ok) return ctx.sandbox.error('parameter_rejected', ctx.path, { parametersRejected: ['oauth_callback'], advice: 'oauth_callback must be an absolute http(s) URL or oob' });
    }
    const token = randomToken();
    const tokenSecret = randomToken();
    ctx.sandbox.state.temporary.set(token, { token, tokenSecret, consumerKey: ctx.auth!.consumerKey, callback, state: 'issued', issuedAt: ctx.sandbox.now() });
    const params: Array<readonly [string, string]> = [['oauth_token', token], ['oauth_token_secret', tokenSecret]];
    if (!ctx.sandbox.omitCallbackConfirmed) params.push(['oauth_callback_confirmed', 'true']);
    return credentialsReply(ctx, params);
  },
};

/** Approves or denies a temporary token and sends the user on (callback redirect or PIN page). */
// RFC 5849 §2.2
function decide(ctx: SandboxRouteContext, token: string, allow: boolean): SandboxReply {
  const { state, provider } = ctx.sandbox;
  const temp = state.temporary.get(token);
  if (temp === undefined || temp.state !== 'issued') return htmlReply(400, invalidTokenPage(PROVIDER_NAMES[provider]));
  if (!allow) {
    temp.state = 'denied';
    if (temp.callback === 'oob') return htmlReply(200, deniedPage(PROVIDER_NAMES[provider]));
    return redirect(withQuery(temp.callback, [['denied', token]]));
  }
  temp.state = 'approved';
  temp.verifier = temp.callback === 'oob' ? randomPin() : randomToken(12);
  // §2.2: "If the client provided a callback URI, the server redirects ... with oauth_token and oauth_verifier"
  if (temp.callback === 'oob') return htmlReply(200, pinPage(PROVIDER_NAMES[provider], temp.verifier));
  return redirect(withQuery(temp.callback, [['oauth_token', token], ['oauth_verifier', temp.verifier]]));
}

/** The authorisation page (GET) on `path`, its form posting back to `path`. */
export function authorizeGet(path: string): SandboxRoute {
  return {
    method: 'GET', path,
    handle(ctx) {
      const token = ctx.query.get('oauth_token') ?? '';
      const { state, provider } = ctx.sandbox;
      const temp = state.temporary.get(token);
      if (temp === undefined || temp.state !== 'issued') return htmlReply(400, invalidTokenPage(PROVIDER_NAMES[provider]));
      if (ctx.sandbox.autoApprove) return decide(ctx, token, true);
      const user = [...state.access.values()][0]?.screenName ?? 'sandbox_user';
      return htmlReply(200, authorizePage({ providerName: PROVIDER_NAMES[provider], consumerKey: temp.consumerKey, token, action: path, screenName: user }));
    },
  };
}

/** The Allow/Deny form's target (POST) on `path`. */
export function authorizePost(path: string): SandboxRoute {
  return {
    method: 'POST', path,
    handle(ctx) {
      const get = (n: string): string | undefined => ctx.form?.find(([k]) => k === n)?.[1];
      return decide(ctx, get('oauth_token') ?? '', get('action') === 'allow');
    },
  };
}

// RFC 5849 §2.3
const tokenCredentials: SandboxRoute = {
  method: ['GET', 'POST'], path: '/oauth/access_token', auth: 'token-credentials',
  handle(ctx) {
    const temp = ctx.auth!.temporary!;
    temp.state = 'used';
    const access = ctx.sandbox.state.addAccessToken({ token: randomToken(), tokenSecret: randomToken(), consumerKey: temp.consumerKey });
    const params: Array<readonly [string, string]> = [['oauth_token', access.token], ['oauth_token_secret', access.tokenSecret], ['user_id', access.userId]];
    if (ctx.sandbox.provider === 'twitter') params.push(['screen_name', access.screenName]);
    return credentialsReply(ctx, params);
  },
};

function verifyCredentials(path: string): SandboxRoute {
  return {
    method: 'GET', path, auth: 'resource',
    handle(ctx) {
      const a = ctx.auth!.access!;
      if (ctx.sandbox.provider === 'twitter') return jsonReply(200, { id: Number(a.userId), id_str: a.userId, screen_name: a.screenName, name: 'Sandbox User' });
      return jsonReply(200, { id: Number(a.userId), screen_name: a.screenName, name: 'Sandbox User', domain: a.screenName });
    },
  };
}

function statusesUpdate(path: string): SandboxRoute {
  return {
    method: 'POST', path, auth: 'resource',
    handle(ctx) {
      const { state, now, provider } = ctx.sandbox;
      const a = ctx.auth!.access!;
      const text = ctx.form?.find(([n]) => n === 'status')?.[1];
      if (text === undefined || text.trim() === '') {
        // Twitter's code 170 is not an authentication error, so the profile's table does not carry it.
        return provider === 'twitter' ? jsonReply(400, { errors: [{ message: 'Missing required parameter: status.', code: 170 }] }) : ctx.sandbox.error(40012, path);
      }
      if ([...text].length > 140) return ctx.sandbox.error(provider === 'twitter' ? 186 : 40013, path);
      if (state.statuses.some((s) => s.userId === a.userId && s.text === text)) return ctx.sandbox.error(provider === 'twitter' ? 187 : 40025, path);
      const s = state.addStatus(text, a.userId, now());
      const user = { id: Number(a.userId), screen_name: a.screenName };
      if (provider === 'twitter') return jsonReply(200, { id: s.id, id_str: String(s.id), text: s.text, created_at: s.createdAt, user });
      return jsonReply(200, { id: s.id, text: s.text, created_at: s.createdAt, source: ctx.auth!.consumerKey, user });
    },
  };
}

/**
 * The default route table of a sandbox provider: the three `/oauth/*` steps (with
 * `/oauth/authenticate` as an alias of the authorisation page) and the two protected resources
 * (`/account/…` and `/statuses/…` for `weibo-v1`, under `/1.1/` for `twitter`).
 *
 * @example defaultRoutes('twitter').map((r) => r.path) // ['/oauth/request_token', '/oauth/authorize', …, '/1.1/statuses/update.json']
 */
export function defaultRoutes(provider: SandboxProviderName): SandboxRoute[] {
  const api = provider === 'twitter' ? '/1.1' : '';
  return [
    temporaryCredentials,
    authorizeGet('/oauth/authorize'), authorizePost('/oauth/authorize'),
    authorizeGet('/oauth/authenticate'), authorizePost('/oauth/authenticate'),
    tokenCredentials,
    verifyCredentials(`${api}/account/verify_credentials.json`),
    statusesUpdate(`${api}/statuses/update.json`),
    ...(UPLOAD_ENDPOINTS[provider] !== undefined ? [uploadRoute(provider)] : []),
    // X v1.1 chunked media upload (upload.twitter.com).
    ...(provider === 'twitter' ? mediaUploadRoute() : []),
  ];
}
