// Jira Data Center / Server application links: RSA-SHA1, three-legged, /plugins/servlet/oauth/* under the base URL — see docs/providers/jira.md.

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

/** The three OAuth servlet endpoints of an Atlassian application link under `base` (Jira and Confluence alike). */
export function atlassianOAuthEndpoints(base: string): { temporaryCredentials: string; authorization: string; tokenCredentials: string } {
  const servlet = `${base}/plugins/servlet/oauth`;
  return { temporaryCredentials: `${servlet}/request-token`, authorization: `${servlet}/authorize`, tokenCredentials: `${servlet}/access-token` };
}

/**
 * A Jira Data Center (or Server) profile for your server: RSA-SHA1 with the application link's
 * private key (no consumer secret), POST token steps under
 * `${baseUrl}/plugins/servlet/oauth/{request-token,authorize,access-token}`, REST API under
 * `${baseUrl}/rest/api/2/`, errors as OAuth Problem Reporting (`oauth_problem=…`).
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
  return freezeProfile({
    ...generic,
    name: 'jira',
    displayName: options.displayName ?? 'Jira',
    endpoints: { ...atlassianOAuthEndpoints(base), apiBase: `${base}/rest/api/2/` },
    methods: { temporaryCredentials: 'POST', tokenCredentials: 'POST' },
    signatureMethod: options.signatureMethod ?? 'RSA-SHA1',
    multipart: { policy: 'none', fileFields: ['file'], textEncoding: 'raw' },
  });
}

/**
 * `getProfile('jira')`: {@link jiraProfile} on the placeholder `https://jira.example.com` — re-base
 * it onto your server with `withBaseUrl(jira, 'https://jira.mycorp.com')` (a context path such as
 * `/jira` is kept), or `--provider jira --base-url URL` on the command line.
 */
export const jira: ProviderProfile = jiraProfile({ baseUrl: 'https://jira.example.com' });
