// The provider registry: built-in profiles by name, user-defined profiles, and re-basing onto another origin.

import { decodeNeteaseError, netease } from './netease.js';
import { generic } from './generic.js';
import { freezeProfile, ProfileError, validateProfile, type DecodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { decodeSohuError, sohu } from './sohu.js';
import { decodeTencentError, tencent } from './tencent.js';
import { decodeTwitterError, twitter } from './twitter.js';
import { decodeWeiboError, weiboV1 } from './weibo-v1.js';
import { decodeWooCommerceError, woocommerce } from './woocommerce.js';
import { discogs } from './discogs.js';
import { magento2 } from './magento2.js';
import { trello } from './trello.js';
import { decodeFlickrError, flickr } from './flickr.js';
import { decodeTumblrError, tumblr } from './tumblr.js';
import { garmin } from './garmin.js';
import { jira } from './jira.js';
import { confluence } from './confluence.js';

// The profile contract and its machinery are defined in the client layer; re-exported here as the providers API.
export * from '../client/profile/profile.js';
export * from '../client/profile/codes.js';
export * from '../client/profile/problem-reporting.js';
export { boundText, headerValues, EXCERPT_LIMIT, MESSAGE_LIMIT } from '../client/profile/wire.js';
export * from './weibo-v1.js';
export * from './twitter.js';
export * from './tencent.js';
export * from './netease.js';
export * from './sohu.js';
export * from './generic.js';
export * from './netsuite.js';
export * from './jira.js';
export * from './confluence.js';
export * from './woocommerce.js';
export * from './discogs.js';
export * from './magento2.js';
export * from './trello.js';
export * from './flickr.js';
export * from './tumblr.js';
export * from './garmin.js';

/**
 * The built-in, ready-to-use profiles by name. `jira` and `confluence` sit on a placeholder host:
 * re-base them onto your server (`withBaseUrl`) or build them with {@link jiraProfile} /
 * {@link confluenceProfile}. `netsuite` is a template: see {@link netsuiteProfile}.
 */
export const PROVIDERS: Readonly<Record<string, ProviderProfile>> = Object.freeze({
  'weibo-v1': weiboV1,
  twitter,
  tencent,
  netease,
  sohu,
  generic,
  woocommerce,
  magento2,
  discogs,
  trello,
  flickr,
  tumblr,
  garmin,
  jira,
  confluence,
});

/** Profiles that need options, with how to build them (for error messages and `--provider` help). */
export const PROFILE_TEMPLATES: Readonly<Record<string, string>> = Object.freeze({
  netsuite: 'netsuiteProfile({ accountId })',
});

/** Every provider-specific error decoder, tried in this order when the profile's own does not match. */
export const KNOWN_DECODERS: ReadonlyArray<{ readonly name: string; readonly decode: (response: ProviderResponse) => DecodedProviderError | undefined }> = Object.freeze([
  { name: 'weibo', decode: decodeWeiboError },
  // Before Twitter's: Tumblr's {"meta","response","errors"} also has an "errors" array.
  { name: 'tumblr', decode: decodeTumblrError },
  { name: 'twitter', decode: decodeTwitterError },
  { name: 'tencent', decode: decodeTencentError },
  { name: 'netease', decode: decodeNeteaseError },
  { name: 'sohu', decode: decodeSohuError },
  { name: 'woocommerce', decode: decodeWooCommerceError },
  // Only Flickr's own shapes: a bare `oauth_problem=` form is plain Problem Reporting, decoded after these.
  { name: 'flickr', decode: (r) => (/debug_sbs=|"stat"\s*:\s*"fail"|<rsp\s+stat="fail"/.test(r.body) ? decodeFlickrError(r) : undefined) },
]);

/**
 * A built-in profile by name (case-insensitive).
 *
 * @throws {TypeError} when `name` is not a string.
 * @throws {ProfileError} `ERR_OAUTH_PROVIDER_UNKNOWN`, listing the known names (and templates).
 * @example getProfile('weibo-v1').endpoints.temporaryCredentials // 'http://api.t.sina.com.cn/oauth/request_token'
 */
export function getProfile(name: string): ProviderProfile {
  if (typeof name !== 'string') throw new TypeError(`getProfile: name must be a string, got ${typeof name}`);
  const key = name.trim().toLowerCase();
  const profile = Object.prototype.hasOwnProperty.call(PROVIDERS, key) ? PROVIDERS[key] : undefined;
  if (profile) return profile;
  const known = Object.keys(PROVIDERS).join(', ');
  const template = Object.prototype.hasOwnProperty.call(PROFILE_TEMPLATES, key) ? PROFILE_TEMPLATES[key] : undefined;
  if (template) {
    throw new ProfileError('ERR_OAUTH_PROVIDER_UNKNOWN', `provider "${key}" is a template: build it with ${template} (ready-made providers: ${known})`);
  }
  throw new ProfileError('ERR_OAUTH_PROVIDER_UNKNOWN', `unknown provider ${JSON.stringify(name.slice(0, 60))}; known providers: ${known}; templates: ${Object.keys(PROFILE_TEMPLATES).join(', ')}`);
}

/** What {@link defineProfile} takes: a name plus any fields to change; nested groups may be partial. */
export type ProfileDefinition = Partial<Omit<ProviderProfile, 'endpoints' | 'methods' | 'multipart'>> & {
  name: string;
  endpoints?: Partial<ProviderProfile['endpoints']>;
  methods?: Partial<ProviderProfile['methods']>;
  multipart?: Partial<ProviderProfile['multipart']>;
};

/**
 * Defines your own profile: `overrides` on top of `base` (the RFC defaults unless given), nested
 * `endpoints`, `methods` and `multipart` merged field by field, then validated. The base's error
 * decoder is kept unless you pass `decodeError`.
 *
 * @throws {TypeError} a field of the wrong type. {@link ProfileError} `ERR_OAUTH_PROFILE_INVALID` a bad value (e.g. a relative endpoint URL).
 * @example
 * const acme = defineProfile({ name: 'acme', endpoints: {
 *   temporaryCredentials: 'https://api.acme.test/oauth/request_token',
 *   authorization: 'https://api.acme.test/oauth/authorize',
 *   tokenCredentials: 'https://api.acme.test/oauth/access_token' } });
 */
export function defineProfile(overrides: ProfileDefinition, base: ProviderProfile = generic): ProviderProfile {
  if (overrides === null || typeof overrides !== 'object') throw new TypeError(`defineProfile: overrides must be an object, got ${overrides === null ? 'null' : typeof overrides}`);
  if (typeof overrides.name !== 'string') throw new TypeError(`profile name must be a string, got ${overrides.name === null ? 'null' : typeof overrides.name}`);
  const profile: ProviderProfile = {
    ...base,
    ...overrides,
    displayName: overrides.displayName ?? (overrides.name === base.name ? base.displayName : overrides.name),
    endpoints: { ...base.endpoints, ...overrides.endpoints },
    methods: { ...base.methods, ...overrides.methods },
    multipart: { ...base.multipart, ...overrides.multipart, fileFields: [...(overrides.multipart?.fileFields ?? base.multipart.fileFields)] },
  };
  return freezeProfile(validateProfile(profile));
}

