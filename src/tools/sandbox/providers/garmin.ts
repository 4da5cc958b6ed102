// The sandbox's Garmin emulation: POST request/access token under /oauth-service/oauth/, the /oauthConfirm consent page, and a few /wellness-api/rest resources.

import { defaultRoutes, jsonReply } from '../routes.js';
import type { SandboxRoute } from '../route.js';
import type { SandboxEmulation } from './emulation.js';

/** The longest pull window the emulation serves, seconds (Garmin's documented 24-hour limit; unconfirmed). */
export const GARMIN_MAX_PULL_SECONDS = 86_400;

function garminRoutes(): SandboxRoute[] {
  const flow = defaultRoutes('garmin');
  const find = (method: string, path: string): SandboxRoute => flow.find((r) => r.path === path && (typeof r.method === 'string' ? [r.method] : r.method).includes(method))!;
  return [
    // Garmin's token steps are POST only ("URL (POST)").
    { ...find('POST', '/oauth/request_token'), method: 'POST', path: '/oauth-service/oauth/request_token' },
    { ...find('GET', '/oauth/authorize'), path: '/oauthConfirm' },
    find('POST', '/oauth/authorize'),
    { ...find('POST', '/oauth/access_token'), method: 'POST', path: '/oauth-service/oauth/access_token' },
    {
      method: 'GET', path: '/wellness-api/rest/user/id', auth: 'resource',
      handle: (ctx) => jsonReply(200, { userId: `sandbox-${ctx.auth!.access!.userId}` }),
    },
    {
      // A pull: the summaries uploaded between two times (both query parameters, so both signed).
      method: 'GET', path: '/wellness-api/rest/dailies', auth: 'resource',
      handle(ctx) {
        const start = Number(ctx.query.get('uploadStartTimeInSeconds'));
        const end = Number(ctx.query.get('uploadEndTimeInSeconds'));
        if (!Number.isInteger(start) || !Number.isInteger(end) || ctx.query.get('uploadStartTimeInSeconds') === null || ctx.query.get('uploadEndTimeInSeconds') === null) {
          return jsonReply(400, { errorMessage: 'uploadStartTimeInSeconds and uploadEndTimeInSeconds are required' });
        }
        if (end <= start || end - start > GARMIN_MAX_PULL_SECONDS) {
          return jsonReply(400, { errorMessage: `the time range must be positive and at most ${GARMIN_MAX_PULL_SECONDS} seconds` });
        }
        const day = new Date(start * 1000).toISOString().slice(0, 10);
        return jsonReply(200, [{
          summaryId: `sandbox-${start}`, calendarDate: day, startTimeInSeconds: start, durationInSeconds: 86_400,
          steps: 8_421, distanceInMeters: 6_310.0, activeKilocalories: 412, restingHeartRateInBeatsPerMinute: 58,
        }]);
      },
    },
  ];
}

/** Garmin Connect (Health API): HMAC-SHA1, POST token steps, Problem Reporting errors (Garmin's own bodies are not public). */
export const garminEmulation: SandboxEmulation = {
  displayName: 'Garmin Connect',
  summary: 'Garmin Connect Health API: three-legged, HMAC-SHA1, OAuth 1.0a until 2026-12-31',
  endpoints: [
    'temporary credentials: POST /oauth-service/oauth/request_token', 'authorization: GET /oauthConfirm', 'token credentials: POST /oauth-service/oauth/access_token',
    'user id: GET /wellness-api/rest/user/id', 'dailies (pull): GET /wellness-api/rest/dailies?uploadStartTimeInSeconds=…&uploadEndTimeInSeconds=…',
  ],
  signatureMethods: ['HMAC-SHA1'],
  routes: garminRoutes,
};
