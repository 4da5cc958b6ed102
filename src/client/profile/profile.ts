// The provider-profile contract the client works to: its shape, validation, freezing, placement and re-basing (RFC 5849 §2, §3.5).
// Concrete profiles (data) and the name registry live in src/providers/.

import { OAuthError, type OAuthErrorOptions } from '../../core/errors.js';
import type { Parameters, Placement } from '../../core/types.js';

/** Which multipart fields go into the signature base string. */
export type MultipartSigningPolicy = 'none' | 'text-fields' | 'body-hash';

/** The wire format a provider answers errors in (what the sandbox encodes, what `decodeError` reads). */
export type ProviderErrorFormat = 'problem-reporting' | 'weibo-v1' | 'twitter' | 'tencent' | 'netease' | 'sohu' | 'http';

/** A received HTTP response, as the error decoders read it. */
export interface ProviderResponse {
  /** HTTP status code. */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** Response body as text. */
  body: string;
}

/** What a provider's error response means, decoded (see `ProviderError`). */
export interface DecodedProviderError {
  /** HTTP status. */
  status: number;
  /** The provider's own code (`40107`, `32`, `21321`…), as a string, if any. */
  providerCode?: string;
  /** The OAuth Problem Reporting name (`signature_invalid`, `timestamp_refused`…) if known. */
  problem?: string;
  /** The provider's own message, verbatim (bounded). */
  message: string;
  /** Whether sending again (re-signed with a fresh nonce and timestamp) can help. */
  retryable: boolean;
  /** One line telling the user what to do next. */
  hint: string;
  /** `oauth_acceptable_timestamps` as [min, max] seconds, when the provider said it. */
  acceptableTimestamps?: readonly [number, number];
  /** Names from `oauth_parameters_absent` / `oauth_parameters_rejected`. */
  parametersAbsent?: string[];
  parametersRejected?: string[];
  /** `oauth_problem_advice`. */
  advice?: string;
  /** Which decoder understood the response (`weibo-v1`, `weibo-v2`, `twitter`, `problem-reporting`, `http`…). */
  format?: string;
  /** Estimated server clock minus local clock in ms, when the problem is a refused timestamp and it could be told. */
  clockOffsetMs?: number;
  /** `Retry-After` in seconds, when the response carried one. */
  retryAfterSeconds?: number;
  /**
   * The signature base string the provider computed, when it echoed one — Sina's
   * `oauth_signature_base_string` in `WWW-Authenticate` (unconfirmed), or an "expected signature
   * base string" in the body. Compare it with yours: `oauth1 diff`.
   */
  serverBaseString?: string;
  /** The signature the provider expected, when it echoed one (Sina's `oauth_right_signature`, unconfirmed). */
  serverSignature?: string;
}

/** An error response to send, produced by a profile's encoder (used by the sandbox provider). */
export interface EncodedProviderError {
  /** HTTP status. */
  status: number;
  /** Response headers, lower-case names (`content-type`, maybe `www-authenticate`). */
  headers: Record<string, string>;
  /** Response body. */
  body: string;
}

/** Extra Problem Reporting details an encoder may put into the error it builds. */
export interface EncodeErrorOptions {
  /** `oauth_acceptable_timestamps` as [min, max] seconds (for `timestamp_refused`). */
  acceptableTimestamps?: readonly [number, number];
  /** Names for `oauth_parameters_absent`. */
  parametersAbsent?: readonly string[];
  /** Names for `oauth_parameters_rejected`. */
  parametersRejected?: readonly string[];
  /** `oauth_problem_advice`. */
  advice?: string;
  /** Override the provider's own message text. */
  message?: string;
  /** Override the HTTP status. */
  status?: number;
}

/** A provider: everything that differs between OAuth 1.0a services, as data. */
export interface ProviderProfile {
  /** Stable id: `weibo-v1`, `twitter`, `tencent`, `netease`, `generic`, `netsuite`, `jira`… */
  name: string;
  /** Human name for messages and docs. */
  displayName: string;
  /** RFC 5849 §2 endpoints. */
  endpoints: {
    /** Temporary credentials (a.k.a. request token) URL. */
    temporaryCredentials: string;
    /** Resource-owner authorisation URL (the browser goes here). */
    authorization: string;
    /** Token credentials (a.k.a. access token) URL. */
    tokenCredentials: string;
    /** Base URL of the API, for relative resource paths. */
    apiBase?: string;
  };
  /** HTTP method per step. */
  methods: { temporaryCredentials: 'GET' | 'POST'; tokenCredentials: 'GET' | 'POST' };
  /** Where protocol parameters travel (for requests without a body, and by default). */
  placement: Placement;
  /**
   * Where protocol parameters travel on requests that carry a form body (POST/PUT), when that
   * differs from `placement` — Tencent: `query` for GET, `form` for POST. Read it via {@link placementFor}.
   * @default placement
   */
  bodyPlacement?: Placement;
  /** Signature method the provider expects. */
  signatureMethod: string;
  /** `oauth_version` value to send, or `null` to omit it. */
  version: string | null;
  /** `realm` to send in the Authorization header (NetSuite: the account id; NetEase: `""`). Never signed. */
  realm?: string;
  /** Callback used when the caller gives none (`oob`, or Tencent's literal `null`). */
  defaultCallback: string;
  /** Refuse temporary credentials without `oauth_callback_confirmed=true` (false only for pre-1.0a providers). */
  requireCallbackConfirmed: boolean;
  /** Extra ordinary parameters the provider wants on every call (Sina: `source=<app key>`); signed like any other. */
  extraParams?: (consumerKey: string) => Parameters;
  /** Multipart upload rule. */
  multipart: {
    policy: MultipartSigningPolicy;
    /** Names of file fields on the upload endpoint (`pic`, `media[]`). */
    fileFields: string[];
    /** How the status text is put into the part: raw UTF-8 (default) or percent-encoded. */
    textEncoding: 'raw' | 'percent';
  };
  /** The wire format of this provider's error answers. @default 'problem-reporting' */
  errorFormat?: ProviderErrorFormat;
  /**
   * The provider answers some errors with a 2xx status (Tencent: HTTP 200 with `ret` ≠ 0), so a
   * 2xx body that {@link ProviderProfile.decodeError} recognises is an error too. @default false
   */
  errorsWith2xx?: boolean;
  /** Decodes an error response, or returns undefined when the body is not this provider's format. */
  decodeError(response: ProviderResponse): DecodedProviderError | undefined;
  /**
   * The provider's own codes that mean "your timestamp is outside my window" (Weibo `40104`,
   * Twitter `135`), so clock-skew repair recognises them even when a decoder names no problem.
   * @default none: only the `timestamp_refused` problem counts
   */
  timestampRefusedCodes?: readonly string[];
  /**
   * Builds an error response in this provider's format from an OAuth problem name
   * (`signature_invalid`) or a provider code (`40107`, `32`), for a request to `requestPath`.
   * Used by the sandbox so it answers exactly as the provider did.
   */
  encodeError?(problemOrCode: string | number, requestPath: string, options?: EncodeErrorOptions): EncodedProviderError;
}

/** Codes of {@link ProfileError}. */
export type ProfileErrorCode = 'ERR_OAUTH_PROVIDER_UNKNOWN' | 'ERR_OAUTH_PROFILE_INVALID' | 'ERR_OAUTH_PROVIDER_CODE_UNKNOWN';

/** A profile lookup or definition failed: unknown name, a field with a bad value, or a code an encoder does not know. */
export class ProfileError extends OAuthError {
  declare readonly code: ProfileErrorCode;
  constructor(code: ProfileErrorCode, message: string, options?: OAuthErrorOptions) {
    super(code, message, options);
  }
}

/**
 * Freezes a profile and its nested groups (endpoints, methods, multipart and its file list), so a
 * shared built-in profile cannot be changed under other users. Returns the same object.
 *
 * @example freezeProfile({ ...twitter, name: 'mine' }).endpoints // frozen
 */
export function freezeProfile<T extends ProviderProfile>(profile: T): T {
  Object.freeze(profile.endpoints);
  Object.freeze(profile.methods);
  Object.freeze(profile.multipart.fileFields);
  Object.freeze(profile.multipart);
  if (profile.timestampRefusedCodes !== undefined) Object.freeze(profile.timestampRefusedCodes);
  return Object.freeze(profile);
}

/**
 * Where the protocol parameters go for a request with this method: `bodyPlacement` for
 * requests that carry a form body (POST, PUT, PATCH), `placement` otherwise.
 *
 * @example placementFor(tencent, 'POST') // 'form'
 */
export function placementFor(profile: ProviderProfile, method: string): Placement {
  const m = method.toUpperCase();
  return (m === 'POST' || m === 'PUT' || m === 'PATCH') && profile.bodyPlacement !== undefined ? profile.bodyPlacement : profile.placement;
}

/**
 * Checks a base URL (absolute http/https, no query or fragment, no credentials) and returns it without a trailing slash.
 *
 * @throws {ProfileError} `ERR_OAUTH_PROFILE_INVALID` naming `what`.
 * @example normalizeBaseUrl('http://127.0.0.1:8080/', 'baseUrl') // 'http://127.0.0.1:8080'
 */
export function normalizeBaseUrl(value: string, what: string): string {
  const shown = JSON.stringify(value.replace(/\/\/[^/?#]*@/, '//…@').slice(0, 100));
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new ProfileError('ERR_OAUTH_PROFILE_INVALID', `${what} must be an absolute http(s) URL, got ${shown}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProfileError('ERR_OAUTH_PROFILE_INVALID', `${what} must use http or https, got ${JSON.stringify(url.protocol)}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ProfileError('ERR_OAUTH_PROFILE_INVALID', `${what} must not carry user credentials`);
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(value)) {
    throw new ProfileError('ERR_OAUTH_PROFILE_INVALID', `${what} must not carry a query or fragment, got ${shown}`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

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
  if (profile.timestampRefusedCodes !== undefined) {
    if (!Array.isArray(profile.timestampRefusedCodes)) throw new TypeError('profile timestampRefusedCodes must be an array of strings');
    profile.timestampRefusedCodes.forEach((c, i) => checkType(c, 'string', `timestampRefusedCodes[${i}]`));
  }
  return profile;
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

// Registers this module's codes in the error family's union (see OAuthErrorRegistry).
declare module '../../core/errors.js' {
  interface OAuthErrorRegistry {
    ERR_OAUTH_PROVIDER_UNKNOWN: ProfileError;
    ERR_OAUTH_PROFILE_INVALID: ProfileError;
    ERR_OAUTH_PROVIDER_CODE_UNKNOWN: ProfileError;
  }
}
