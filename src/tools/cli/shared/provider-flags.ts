// Flag parsing shared by the commands that send requests (request, upload, flow): name=value pairs, provider profile, API URL.

import type { Parameter } from '../../../core/types.js';
import { OAuthError } from '../../../core/errors.js';
import type { ProviderProfile } from '../../../providers/profile.js';
import { getProfile, withBaseUrl } from '../../../providers/index.js';
import { UsageError } from './io.js';

/**
 * Parses repeatable `name=value` flags into pairs.
 *
 * @example pairsFromFlags(['status=hi=there'], '--form') // [['status', 'hi=there']]
 */
export function pairsFromFlags(values: string[] | undefined, flag: string): Parameter[] {
  return (values ?? []).map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} expects name=value, got ${JSON.stringify(v)}`);
    return [v.slice(0, eq), v.slice(eq + 1)] as const;
  });
}

/**
 * Resolves `--provider` and `--base-url` to a profile (undefined when neither is given).
 *
 * @example profileFromFlags('twitter', 'http://127.0.0.1:8765')?.endpoints.temporaryCredentials // 'http://127.0.0.1:8765/oauth/request_token'
 */
export function profileFromFlags(provider: string | undefined, baseUrl: string | undefined): ProviderProfile | undefined {
  if (provider === undefined && baseUrl === undefined) return undefined;
  let profile = getProfile(provider ?? 'generic');
  if (baseUrl !== undefined) {
    try { new URL(baseUrl); } catch { throw new UsageError(`--base-url must be an absolute URL, got ${JSON.stringify(baseUrl)}`); }
    profile = withBaseUrl(profile, baseUrl);
  }
  return profile;
}

/**
 * The request URL from the command line: an absolute URL as given, a relative one resolved against
 * the profile's API base (`--provider` / `--base-url`); a relative URL without an API base is a usage error.
 *
 * @example resolveApiUrl('/statuses/update.json', getProfile('twitter')) // 'https://api.twitter.com/1.1/statuses/update.json'
 */
export function resolveApiUrl(url: string, profile: ProviderProfile | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  const base = profile?.endpoints.apiBase;
  if (base === undefined) throw new UsageError('URL must be absolute unless --provider gives an API base');
  return new URL(url.replace(/^\//, ''), base.endsWith('/') ? base : base + '/').href;
}

/** A provider profile by name; an unknown name on the command line is a usage error. */
export function profileOrUsage(name: string): ProviderProfile {
  try {
    return getProfile(name);
  } catch (e) {
    if (e instanceof OAuthError) throw new UsageError(`--provider: ${e.message}`);
    throw e;
  }
}
