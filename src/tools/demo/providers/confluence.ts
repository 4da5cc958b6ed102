// `npm run demo -- --provider confluence`: the application link flow under /confluence with RSA-SHA1, the current user and the content list, then HMAC-SHA1 and a wrong key refused.

import type { FlowDemoStep } from '../flow-step.js';
import { applicationLinkDemoSteps } from './application-link.js';

/** Confluence's scripted session. */
export const CONFLUENCE_DEMO_STEPS: ReadonlyArray<FlowDemoStep> = applicationLinkDemoSteps('Confluence', 'user/current', 'content');
