// The provider registry: built-in profiles by name, user-defined profiles, and re-basing onto another origin.

import { decodeNeteaseError, netease } from './netease.js';
import { generic } from './generic.js';
import { freezeProfile, normalizeBaseUrl, ProfileError, type DecodedProviderError, type ProviderProfile, type ProviderResponse } from './profile.js';
import { decodeSohuError, sohu } from './sohu.js';
import { decodeTencentError, tencent } from './tencent.js';
import { decodeTwitterError, twitter } from './twitter.js';
import { decodeWeiboError, weiboV1 } from './weibo-v1.js';

export * from './profile.js';
export * from './codes.js';
export * from './problem-reporting.js';
export { boundText, headerValues, EXCERPT_LIMIT, MESSAGE_LIMIT } from './wire.js';
export * from './weibo-v1.js';
export * from './twitter.js';
export * from './tencent.js';
export * from './netease.js';
export * from './sohu.js';
export * from './generic.js';
export * from './netsuite.js';
export * from './jira.js';

/** The built-in, ready-to-use profiles by name. `netsuite` and `jira` are templates: see {@link netsuiteProfile}, {@link jiraProfile}. */
export const PROVIDERS: Readonly<Record<string, ProviderProfile>> = Object.freeze({
  'weibo-v1': weiboV1,
  twitter,
  tencent,
  netease,
  sohu,
  generic,
});

/** Profiles that need options, with how to build them (for error messages and `--provider` help). */
export const PROFILE_TEMPLATES: Readonly<Record<string, string>> = Object.freeze({
  netsuite: 'netsuiteProfile({ accountId })',
  jira: 'jiraProfile({ baseUrl })',
});

/** Every provider-specific error decoder, tried in this order when the profile's own does not match. */
export const KNOWN_DECODERS: ReadonlyArray<{ readonly name: string; readonly decode: (response: ProviderResponse) => DecodedProviderError | undefined }> = Object.freeze([
  { name: 'weibo', decode: decodeWeiboError },
  { name: 'twitter', decode: decodeTwitterError },
  { name: 'tencent', decode: decodeTencentError },
  { name: 'netease', decode: decodeNeteaseError },
  { name: 'sohu', decode: decodeSohuError },
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

const invalid = (message: string): ProfileError => new ProfileError('ERR_OAUTH_PROFILE_INVALID', message);

function checkType(value: unknown, type: 'string' | 'boolean' | 'function', field: string, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== type) throw new TypeError(`profile ${field} must be a ${type}, got ${value === null ? 'null' : typeof value}`);
}

function checkOneOf(value: unknown, allowed: readonly string[], field: string, optional = false): void {
  if (optional && value === undefined) return;
  checkType(value, 'string', field);
  if (!allowed.includes(value as string)) throw invalid(`profile ${field} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${JSON.stringify(value)}`);
}

function checkEndpoint(value: unknown, field: string, optional = false): void {
  if (optional && value === undefined) return;
  checkType(value, 'string', field);
  let url: URL;
  try {
    url = new URL(value as string);
  } catch (cause) {
    throw new ProfileError('ERR_OAUTH_PROFILE_INVALID', `profile ${field} must be an absolute http(s) URL, got ${JSON.stringify((value as string).slice(0, 100))}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(`profile ${field} must use http or https, got ${JSON.stringify(url.protocol)}`);
  if (url.username !== '' || url.password !== '') throw invalid(`profile ${field} must not carry user credentials`);
  if (url.hash !== '') throw invalid(`profile ${field} must not carry a fragment`);
}

/**
 * Checks every field of a profile: wrong types are `TypeError`s, bad values `ProfileError`s
 * naming the field. Returns the profile unchanged.
 *
 * @throws {TypeError} a field of the wrong type. {@link ProfileError} `ERR_OAUTH_PROFILE_INVALID` a bad value.
 * @example validateProfile(getProfile('twitter')) // the twitter profile
 */
export function validateProfile(profile: ProviderProfile): ProviderProfile {
  if (profile === null || typeof profile !== 'object') throw new TypeError(`profile must be an object, got ${profile === null ? 'null' : typeof profile}`);
  checkType(profile.name, 'string', 'name');
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(profile.name)) throw invalid(`profile name must be letters, digits, ".", "_" or "-", got ${JSON.stringify(profile.name.slice(0, 60))}`);
  checkType(profile.displayName, 'string', 'displayName');
  if (profile.endpoints === null || typeof profile.endpoints !== 'object') throw new TypeError('profile endpoints must be an object');
  checkEndpoint(profile.endpoints.temporaryCredentials, 'endpoints.temporaryCredentials');
  checkEndpoint(profile.endpoints.authorization, 'endpoints.authorization');
  checkEndpoint(profile.endpoints.tokenCredentials, 'endpoints.tokenCredentials');
  checkEndpoint(profile.endpoints.apiBase, 'endpoints.apiBase', true);
  if (profile.methods === null || typeof profile.methods !== 'object') throw new TypeError('profile methods must be an object');
  checkOneOf(profile.methods.temporaryCredentials, ['GET', 'POST'], 'methods.temporaryCredentials');
  checkOneOf(profile.methods.tokenCredentials, ['GET', 'POST'], 'methods.tokenCredentials');
  checkOneOf(profile.placement, ['header', 'query', 'form'], 'placement');
  checkOneOf(profile.bodyPlacement, ['header', 'query', 'form'], 'bodyPlacement', true);
  checkType(profile.signatureMethod, 'string', 'signatureMethod');
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(profile.signatureMethod)) throw invalid(`profile signatureMethod must be a method name like "HMAC-SHA1", got ${JSON.stringify(profile.signatureMethod.slice(0, 40))}`);
  if (profile.version !== null) {
    checkType(profile.version, 'string', 'version');
    if (!/^[!-~]+$/.test(profile.version)) throw invalid(`profile version must be printable ASCII without spaces (or null to omit it), got ${JSON.stringify(profile.version.slice(0, 20))}`);
  }
  checkType(profile.realm, 'string', 'realm', true);
  if (profile.realm !== undefined && /[\x00-\x1f\x7f]/.test(profile.realm)) throw invalid('profile realm must not contain control characters');
  checkType(profile.defaultCallback, 'string', 'defaultCallback');
  if (profile.defaultCallback === '' || /[\s\x00-\x1f\x7f]/.test(profile.defaultCallback)) throw invalid(`profile defaultCallback must be "oob", "null" or a URL without spaces, got ${JSON.stringify(profile.defaultCallback.slice(0, 100))}`);
  checkType(profile.requireCallbackConfirmed, 'boolean', 'requireCallbackConfirmed');
  checkType(profile.extraParams, 'function', 'extraParams', true);
  if (profile.multipart === null || typeof profile.multipart !== 'object') throw new TypeError('profile multipart must be an object');
  checkOneOf(profile.multipart.policy, ['none', 'text-fields', 'body-hash'], 'multipart.policy');
  if (!Array.isArray(profile.multipart.fileFields)) throw new TypeError('profile multipart.fileFields must be an array of strings');
  profile.multipart.fileFields.forEach((f, i) => {
    checkType(f, 'string', `multipart.fileFields[${i}]`);
    if (f === '') throw invalid(`profile multipart.fileFields[${i}] must not be empty`);
  });
  checkOneOf(profile.multipart.textEncoding, ['raw', 'percent'], 'multipart.textEncoding');
  checkOneOf(profile.errorFormat, ['problem-reporting', 'weibo-v1', 'twitter', 'tencent', 'netease', 'sohu', 'http'], 'errorFormat', true);
  checkType(profile.decodeError, 'function', 'decodeError');
  checkType(profile.encodeError, 'function', 'encodeError', true);
  return profile;
}

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
  checkType(overrides.name, 'string', 'name');
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

/**
 * The same profile with every endpoint (and the API base) moved onto another origin, keeping
 * paths and queries — e.g. onto the local sandbox. A path in `baseUrl` is put in front.
 *
 * @throws {ProfileError} `ERR_OAUTH_PROFILE_INVALID` when `baseUrl` is not an absolute http(s) URL without query or fragment.
 * @example withBaseUrl(getProfile('twitter'), 'http://127.0.0.1:8080').endpoints.tokenCredentials
 * // 'http://127.0.0.1:8080/oauth/access_token'
 */
export function withBaseUrl(profile: ProviderProfile, baseUrl: string): ProviderProfile {
  if (typeof baseUrl !== 'string') throw new TypeError(`withBaseUrl: baseUrl must be a string, got ${typeof baseUrl}`);
  const base = normalizeBaseUrl(baseUrl, 'withBaseUrl: baseUrl');
  const rebase = (endpoint: string): string => {
    const u = new URL(endpoint);
    return base + u.pathname + u.search;
  };
  const endpoints: ProviderProfile['endpoints'] = {
    temporaryCredentials: rebase(profile.endpoints.temporaryCredentials),
    authorization: rebase(profile.endpoints.authorization),
    tokenCredentials: rebase(profile.endpoints.tokenCredentials),
  };
  if (profile.endpoints.apiBase !== undefined) endpoints.apiBase = rebase(profile.endpoints.apiBase);
  return freezeProfile({ ...profile, endpoints, methods: { ...profile.methods }, multipart: { ...profile.multipart, fileFields: [...profile.multipart.fileFields] } });
}
