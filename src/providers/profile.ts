// The shape of a provider profile: endpoints, transport rules, multipart rule and error codec — data only.

import { OAuthError, type OAuthErrorOptions } from '../core/errors.js';
import type { Parameters, Placement } from '../core/types.js';

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
   * Builds an error response in this provider's format from an OAuth problem name
   * (`signature_invalid`) or a provider code (`40107`, `32`), for a request to `requestPath`.
   * Used by the sandbox so it answers exactly as the provider did.
   */
  encodeError?(problemOrCode: string | number, requestPath: string, options?: EncodeErrorOptions): EncodedProviderError;
}

/** A profile lookup or definition failed: unknown name, a field with a bad value, or a code an encoder does not know. */
export class ProfileError extends OAuthError {
  constructor(code: 'ERR_OAUTH_PROVIDER_UNKNOWN' | 'ERR_OAUTH_PROFILE_INVALID' | 'ERR_OAUTH_PROVIDER_CODE_UNKNOWN', message: string, options?: OAuthErrorOptions) {
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
