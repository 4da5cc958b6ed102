// Garmin Connect Developer Program (Health / Activity API): three-legged OAuth 1.0a, HMAC-SHA1, retiring on 2026-12-31 — see docs/providers/garmin.md.

import { decodeProblemReporting, encodeProblemReportError } from '../client/profile/problem-reporting.js';
import { freezeProfile, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile } from '../client/profile/profile.js';

/**
 * The day Garmin retires OAuth 1.0a for its Connect Developer Program APIs ("OAuth 1 will be
 * retired on 12/31/2026", Garmin's migration notice to partners, as quoted in public trackers);
 * after it, OAuth 2.0 with PKCE. Existing OAuth 1 tokens can be exchanged for OAuth 2 tokens.
 */
export const GARMIN_OAUTH1_RETIREMENT = '2026-12-31';

/**
 * Garmin Connect / Health API: POST request token on connectapi.garmin.com, the consent page
 * `connect.garmin.com/oauthConfirm`, POST access token with `oauth_verifier`, HMAC-SHA1 in the
 * Authorization header; the resources (`/wellness-api/rest/…`) on apis.garmin.com. Garmin's own
 * error bodies are not public: errors are decoded and emulated as OAuth Problem Reporting.
 */
export const garmin: ProviderProfile = freezeProfile({
  name: 'garmin',
  displayName: 'Garmin Connect (Health API)',
  endpoints: {
    temporaryCredentials: 'https://connectapi.garmin.com/oauth-service/oauth/request_token',
    authorization: 'https://connect.garmin.com/oauthConfirm',
    tokenCredentials: 'https://connectapi.garmin.com/oauth-service/oauth/access_token',
    apiBase: 'https://apis.garmin.com/wellness-api/rest/',
  },
  methods: { temporaryCredentials: 'POST', tokenCredentials: 'POST' },
  placement: 'header',
  signatureMethod: 'HMAC-SHA1',
  version: '1.0',
  defaultCallback: 'oob',
  requireCallbackConfirmed: true,
  multipart: { policy: 'none', fileFields: [], textEncoding: 'raw' },
  errorFormat: 'problem-reporting',
  decodeError: decodeProblemReporting,
  encodeError: (problem: string | number, _requestPath: string, options?: EncodeErrorOptions): EncodedProviderError =>
    encodeProblemReportError(String(problem), options),
} satisfies ProviderProfile);
