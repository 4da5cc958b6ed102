// The resource owner's part of a demo flow: press Allow on the emulation's authorisation page, follow the redirect to the loopback callback (RFC 5849 §2.2).

import { OAuthError } from '../../core/errors.js';
import { submitAuthorization } from '../sandbox/index.js';
import type { FlowDemoContext } from './flow-step.js';

/**
 * Opens `url` (the authorisation URL for `ctx.temporary`), presses Allow, lets the "browser" follow
 * the redirect to the demo's loopback listener and returns the `oauth_verifier` that arrived there
 * (the callback's `oauth_token` checked against the temporary token).
 *
 * @throws {OAuthError} `ERR_OAUTH_SANDBOX_PAGE` when the page has no Allow form or does not redirect.
 * @example ctx.verifier = await allowOnAuthorizationPage(ctx, ctx.client.authorizationUrl(ctx.temporary!));
 */
export async function allowOnAuthorizationPage(ctx: FlowDemoContext, url: string): Promise<string> {
  const waiting = ctx.nextCallback();
  const { location } = await submitAuthorization(url, 'allow');
  if (location === undefined) throw new OAuthError('ERR_OAUTH_SANDBOX_PAGE', 'the authorisation page did not redirect to the callback');
  await fetch(location);
  return ctx.client.parseAuthorizationCallback(await waiting, ctx.temporary!).verifier;
}
