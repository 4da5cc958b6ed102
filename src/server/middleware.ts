// Express/Connect- and Koa-style adapters around verifyRequest (RFC 5849 §3.2).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequestVerifier, type VerifiedRequest, type VerifyRequestOptions } from './verify-request.js';
import { OAuthRequestRejected, problemParameters, sendOAuthRejection, wwwAuthenticate } from './rejection.js';
import { formEncode } from '../core/encoding.js';

/** A request that passed {@link oauthMiddleware}: the verification result is on `req.oauth`. */
export interface OAuthVerifiedIncomingMessage extends IncomingMessage {
  oauth: VerifiedRequest;
}

/** Options of {@link oauthMiddleware}: the verifier's, plus a hook for rejections. */
export interface OAuthMiddlewareOptions extends VerifyRequestOptions {
  /** Called instead of the default answer ({@link sendOAuthRejection}) — e.g. to log `error.toJSON()` first. */
  onRejected?: (error: OAuthRequestRejected, req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * Connect/Express-style middleware: verifies the request, puts the result on `req.oauth` and
 * calls `next()`; answers a rejected request itself (400/401/413/503 with `WWW-Authenticate`);
 * passes any other error to `next(err)`. Mount it before body parsers: it reads form bodies
 * itself and hands them on as `req.oauth.form` and `req.oauth.body`.
 *
 * @example
 * ```ts
 * app.post('/lti/launch', oauthMiddleware({ lookupConsumer }), (req, res) => {
 *   res.send(`hello ${new Map(req.oauth.params).get('lis_person_name_full')}`);
 * });
 * ```
 */
export function oauthMiddleware(options: OAuthMiddlewareOptions): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void {
  const verify = createRequestVerifier(options);
  return (req, res, next) => {
    verify(req).then(
      (verified) => { (req as OAuthVerifiedIncomingMessage).oauth = verified; next(); },
      (error: unknown) => {
        if (!(error instanceof OAuthRequestRejected)) { next(error); return; }
        if (options.onRejected) options.onRejected(error, req, res);
        else sendOAuthRejection(res, error, { realm: options.realm ?? '' });
      },
    );
  };
}

/** The part of a Koa context {@link koaOAuth} uses. */
export interface KoaLikeContext {
  req: IncomingMessage;
  state: Record<string, unknown>;
  status: number;
  body: unknown;
  set(field: string, value: string): void;
}

/**
 * Koa-style middleware: verifies `ctx.req`, puts the result on `ctx.state.oauth` and awaits
 * `next()`; answers a rejected request with the status, `WWW-Authenticate` and a form-encoded
 * Problem Reporting body. Other errors propagate to Koa's error handling.
 *
 * @example
 * ```ts
 * router.post('/lti/launch', koaOAuth({ lookupConsumer }), (ctx) => { ctx.body = ctx.state.oauth.params });
 * ```
 */
export function koaOAuth(options: VerifyRequestOptions): (ctx: KoaLikeContext, next: () => Promise<unknown>) => Promise<void> {
  const verify = createRequestVerifier(options);
  return async (ctx, next) => {
    let verified: VerifiedRequest;
    try {
      verified = await verify(ctx.req);
    } catch (error) {
      if (!(error instanceof OAuthRequestRejected)) throw error;
      ctx.status = error.status;
      ctx.set('WWW-Authenticate', wwwAuthenticate(error, options.realm ?? ''));
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Content-Type', 'application/x-www-form-urlencoded');
      ctx.body = formEncode(problemParameters(error));
      return;
    }
    ctx.state.oauth = verified;
    await next();
  };
}
