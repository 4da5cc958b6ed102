// The RFC 5849 defaults as a profile (POST, header, HMAC-SHA1, oob, Problem Reporting errors) — the base of user profiles.

import { decodeProblemReporting, encodeProblemReportError } from '../client/profile/problem-reporting.js';
import { freezeProfile, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile } from '../client/profile/profile.js';

/**
 * RFC 5849 defaults. Its endpoints are the RFC's own example (photos.example.net, §1.2): re-base
 * them with `withBaseUrl` or replace them with `defineProfile`.
 */
export const generic: ProviderProfile = freezeProfile({
  name: 'generic',
  displayName: 'Generic OAuth 1.0a (RFC 5849 defaults)',
  endpoints: {
    temporaryCredentials: 'https://photos.example.net/initiate',
    authorization: 'https://photos.example.net/authorize',
    tokenCredentials: 'https://photos.example.net/token',
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
