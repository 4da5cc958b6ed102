// What a provider emulation gives the sandbox: its routes and the acceptance rules that differ from the profile's defaults.

import type { SandboxRoute, SandboxRouteContext } from '../route.js';
import { signatureBaseString } from '../../../core/base-string.js';
import type { ProviderProfile } from '../../../client/profile/profile.js';

/** A provider the sandbox plays besides Weibo v1 and Twitter (see src/tools/sandbox/providers/). */
export interface SandboxEmulation {
  /** Name on pages and in messages. */
  readonly displayName: string;
  /** One line for `oauth1 serve --help`. */
  readonly summary: string;
  /** What `oauth1 serve` prints at start, one `label: METHOD /path` per line (the origin is put in front of the path). */
  readonly endpoints: readonly string[];
  /** Signature methods accepted. @default [profile.signatureMethod] */
  readonly signatureMethods?: readonly string[];
  /** Accepted timestamp distance, seconds, when the provider's differs from the sandbox's default. */
  readonly timestampWindow?: number;
  /**
   * The consumer signs with RSA-* and the sandbox checks it with the consumer's public key (an
   * Atlassian application link): `consumerPublicKey` is used, or a key pair is generated.
   */
  readonly rsaConsumer?: boolean;
  /** The profile played, for a provider that is a template (NetSuite: one account). @default getProfile(id) */
  readonly profile?: () => ProviderProfile;
  /** The provider's routes (a fresh set per sandbox: they may hold state). */
  routes(): SandboxRoute[];
}

/**
 * The signature base string the emulation recomputes for the request in `ctx` (RFC 5849 §3.4.1),
 * for providers whose refusals show it (Flickr's `debug_sbs`, Tumblr's "expected value" line).
 *
 * @throws what {@link signatureBaseString} throws for a malformed request.
 * @example `oauth_problem=signature_invalid&debug_sbs=${requestBaseString(ctx)}`
 */
// RFC 5849 §3.4.1
export function requestBaseString(ctx: SandboxRouteContext): string {
  const authorization = ctx.req.headers.authorization;
  return signatureBaseString({ method: ctx.method, url: ctx.url, ...(authorization !== undefined ? { authorization } : {}), ...(ctx.form !== undefined ? { form: ctx.form } : {}) });
}
