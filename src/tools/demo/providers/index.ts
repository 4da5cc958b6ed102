// The scripted demo sessions per emulated provider (`npm run demo -- --provider NAME`).

import type { FlowDemoStep } from '../flow-step.js';
import { WOOCOMMERCE_DEMO_STEPS } from './woocommerce.js';
import { DISCOGS_DEMO_STEPS } from './discogs.js';
import { MAGENTO2_DEMO_STEPS } from './magento2.js';
import { TRELLO_DEMO_STEPS } from './trello.js';
import { NETSUITE_DEMO_STEPS } from './netsuite.js';
import { FLICKR_DEMO_STEPS } from './flickr.js';
import { TUMBLR_DEMO_STEPS } from './tumblr.js';
import { GARMIN_DEMO_STEPS } from './garmin.js';
import { JIRA_DEMO_STEPS } from './jira.js';
import { CONFLUENCE_DEMO_STEPS } from './confluence.js';
import { TWITTER_DEMO_STEPS } from './twitter.js';

/** Demo steps by provider id; the default demo (no `--provider`) is the RFC walk-through plus the Weibo flow. */
export const PROVIDER_DEMOS: Readonly<Record<string, ReadonlyArray<FlowDemoStep>>> = Object.freeze({
  woocommerce: WOOCOMMERCE_DEMO_STEPS,
  magento2: MAGENTO2_DEMO_STEPS,
  netsuite: NETSUITE_DEMO_STEPS,
  discogs: DISCOGS_DEMO_STEPS,
  trello: TRELLO_DEMO_STEPS,
  flickr: FLICKR_DEMO_STEPS,
  tumblr: TUMBLR_DEMO_STEPS,
  garmin: GARMIN_DEMO_STEPS,
  jira: JIRA_DEMO_STEPS,
  confluence: CONFLUENCE_DEMO_STEPS,
  twitter: TWITTER_DEMO_STEPS,
});
