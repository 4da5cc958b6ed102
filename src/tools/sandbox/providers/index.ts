// The provider emulations the sandbox can play besides Weibo v1 and Twitter, by profile id.

import type { SandboxEmulation } from './emulation.js';
import { woocommerceEmulation } from './woocommerce.js';
import { discogsEmulation } from './discogs.js';

export type { SandboxEmulation } from './emulation.js';

/** Emulated providers by profile id (`oauth1 serve --provider NAME`). */
export const SANDBOX_EMULATIONS = Object.freeze({
  woocommerce: woocommerceEmulation,
  discogs: discogsEmulation,
} satisfies Record<string, SandboxEmulation>);

/** The id of an emulated provider. */
export type EmulatedProviderName = keyof typeof SANDBOX_EMULATIONS;
