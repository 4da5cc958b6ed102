// Jira / Confluence Server application links as a configurable template (RSA-SHA1, base URL given) — see docs/providers/jira.md.

import { generic } from './generic.js';
import { freezeProfile, normalizeBaseUrl, type ProviderProfile } from '../client/profile/profile.js';

/** Options of {@link jiraProfile}. */
export interface JiraProfileOptions {
  /** Where the server lives, e.g. `https://jira.example.com` or `https://example.com/jira`. */
  baseUrl: string;
  /** Signature method of the application link. @default 'RSA-SHA1' */
  signatureMethod?: 'RSA-SHA1' | 'RSA-SHA256';
  /** Name shown in messages. @default 'Jira' */
  displayName?: string;
}

/**
 * A Jira (or Confluence) Server profile: RSA-SHA1 with the application link's private key, POST
 * token steps under `${baseUrl}/plugins/servlet/oauth/{request-token,authorize,access-token}`.
 *
 * @throws {TypeError} when `baseUrl` is not a string.
 * @throws {ProfileError} `ERR_OAUTH_PROFILE_INVALID` when `baseUrl` is not an absolute http(s) URL without query or fragment.
 * @example jiraProfile({ baseUrl: 'https://jira.example.com/' }).endpoints.temporaryCredentials
 * // 'https://jira.example.com/plugins/servlet/oauth/request-token'
 */
export function jiraProfile(options: JiraProfileOptions): ProviderProfile {
  const baseUrl: unknown = options?.baseUrl;
  if (typeof baseUrl !== 'string') throw new TypeError(`jiraProfile: baseUrl must be a string, got ${typeof baseUrl}`);
  const base = normalizeBaseUrl(baseUrl, 'jiraProfile: baseUrl');
  const servlet = `${base}/plugins/servlet/oauth`;
  return freezeProfile({
    ...generic,
    name: 'jira',
    displayName: options.displayName ?? 'Jira',
    endpoints: {
      temporaryCredentials: `${servlet}/request-token`,
      authorization: `${servlet}/authorize`,
      tokenCredentials: `${servlet}/access-token`,
      apiBase: `${base}/rest/api/2/`,
    },
    methods: { temporaryCredentials: 'POST', tokenCredentials: 'POST' },
    signatureMethod: options.signatureMethod ?? 'RSA-SHA1',
    multipart: { policy: 'none', fileFields: ['file'], textEncoding: 'raw' },
  });
}
