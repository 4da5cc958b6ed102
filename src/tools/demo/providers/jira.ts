// `npm run demo -- --provider jira`: the application link flow with RSA-SHA1, /rest/api/2/myself and an issue, then HMAC-SHA1 and a wrong key refused.

import type { FlowDemoStep } from '../flow-step.js';
import { applicationLinkDemoSteps } from './application-link.js';

/** Jira's scripted session. */
export const JIRA_DEMO_STEPS: ReadonlyArray<FlowDemoStep> = applicationLinkDemoSteps('Jira', 'myself', 'issue/DEMO-1');
