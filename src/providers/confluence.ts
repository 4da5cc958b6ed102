// Confluence Data Center / Server application links: RSA-SHA1, three-legged, /plugins/servlet/oauth/* under the base URL (often a /confluence context path) — see docs/providers/confluence.md.

import { generic } from './generic.js';
import { atlassianOAuthEndpoints } from './jira.js';
import { freezeProfile, normalizeBaseUrl, type ProviderProfile } from '../client/profile/profile.js';

/** Options of {@link confluenceProfile}. */
export interface ConfluenceProfileOptions {
  /** Confluence's base URL, context path included: `https://wiki.example.com` or `https://example.com/confluence`. */
  baseUrl: string;
  /** Signature method of the application link. @default 'RSA-SHA1' */
  signatureMethod?: 'RSA-SHA1' | 'RSA-SHA256';
  /** Name shown in messages. @default 'Confluence' */
  displayName?: string;
}

/**
 * A Confluence Data Center (or Server) profile for your server: the same application-link OAuth
 * as Jira (RSA-SHA1, no consumer secret, `${baseUrl}/plugins/servlet/oauth/…`), REST API under
 * `${baseUrl}/rest/api/`.
 *
 * @throws {TypeError} when `baseUrl` is not a string.
 * @throws {ProfileError} `ERR_OAUTH_PROFILE_INVALID` when `baseUrl` is not an absolute http(s) URL without query or fragment.
 * @example confluenceProfile({ baseUrl: 'https://example.com/confluence' }).endpoints.authorization
 * // 'https://example.com/confluence/plugins/servlet/oauth/authorize'
 */
export function confluenceProfile(options: ConfluenceProfileOptions): ProviderProfile {
  const baseUrl: unknown = options?.baseUrl;
  if (typeof baseUrl !== 'string') throw new TypeError(`confluenceProfile: baseUrl must be a string, got ${typeof baseUrl}`);
  const base = normalizeBaseUrl(baseUrl, 'confluenceProfile: baseUrl');
  return freezeProfile({
    ...generic,
    name: 'confluence',
    displayName: options.displayName ?? 'Confluence',
    endpoints: { ...atlassianOAuthEndpoints(base), apiBase: `${base}/rest/api/` },
    methods: { temporaryCredentials: 'POST', tokenCredentials: 'POST' },
    signatureMethod: options.signatureMethod ?? 'RSA-SHA1',
    multipart: { policy: 'none', fileFields: ['file'], textEncoding: 'raw' },
  });
}

/**
 * `getProfile('confluence')`: {@link confluenceProfile} on the placeholder
 * `https://confluence.example.com` — re-base it with `withBaseUrl(confluence, 'https://example.com/confluence')`
 * or `--provider confluence --base-url URL`.
 */
export const confluence: ProviderProfile = confluenceProfile({ baseUrl: 'https://confluence.example.com' });
