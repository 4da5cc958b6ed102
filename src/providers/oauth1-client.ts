// OAuth1Client as the root package exports it: the client layer's class, with built-in profiles resolved by name.

import { OAuth1Client as ProfileOAuth1Client, type ProfileOAuth1ClientOptions } from '../client/flow/client.js';
import type { ProviderProfile } from '../client/profile/profile.js';
import { getProfile } from './index.js';

/** Options of {@link OAuth1Client}. */
export interface OAuth1ClientOptions extends Omit<ProfileOAuth1ClientOptions, 'profile'> {
  /** A profile object or a built-in profile name (`weibo-v1`, `twitter`…). @default 'generic' */
  profile?: ProviderProfile | string;
}

/**
 * The three-legged flow as four calls (see the client layer's class for every method), taking
 * a built-in profile by name as well as a profile object: `new OAuth1Client({ profile: 'twitter',
 * consumerKey, consumerSecret })`. Without a profile it uses `generic` (RFC 5849 defaults).
 *
 * @throws {ProfileError} `ERR_OAUTH_PROVIDER_UNKNOWN` for a name no built-in profile has.
 * @example
 * const client = new OAuth1Client({ profile: 'twitter', consumerKey, consumerSecret });
 * const temp = await client.requestTemporaryCredentials({ callback: 'oob' });
 */
export class OAuth1Client extends ProfileOAuth1Client {
  constructor(options: OAuth1ClientOptions) {
    if (options === null || typeof options !== 'object') throw new TypeError('OAuth1Client needs an options object');
    const profile = typeof options.profile === 'string' ? getProfile(options.profile) : options.profile ?? getProfile('generic');
    super({ ...options, profile });
  }
}
