// The provider emulations the sandbox can play besides Weibo v1 and Twitter, by profile id.

import type { SandboxEmulation } from './emulation.js';
import { woocommerceEmulation } from './woocommerce.js';
import { discogsEmulation } from './discogs.js';
import { magento2Emulation } from './magento2.js';
import { trelloEmulation } from './trello.js';
import { netsuiteEmulation } from './netsuite.js';
import { flickrEmulation } from './flickr.js';
import { tumblrEmulation } from './tumblr.js';
import { garminEmulation } from './garmin.js';
import { jiraEmulation } from './jira.js';
import { confluenceEmulation } from './confluence.js';

export type { SandboxEmulation } from './emulation.js';

/** Emulated providers by profile id (`oauth1 serve --provider NAME`). */
export const SANDBOX_EMULATIONS = Object.freeze({
  woocommerce: woocommerceEmulation,
  magento2: magento2Emulation,
  netsuite: netsuiteEmulation,
  discogs: discogsEmulation,
  trello: trelloEmulation,
  flickr: flickrEmulation,
  tumblr: tumblrEmulation,
  garmin: garminEmulation,
  jira: jiraEmulation,
  confluence: confluenceEmulation,
} satisfies Record<string, SandboxEmulation>);

/** The id of an emulated provider. */
export type EmulatedProviderName = keyof typeof SANDBOX_EMULATIONS;
