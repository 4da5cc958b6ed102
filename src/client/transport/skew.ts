// Clock-skew repair: recognise `timestamp_refused` and compute the offset to re-sign with (RFC 5849 §3.3, Problem Reporting).

import { clockOffsetFromError, isClockProblem, providerErrorOf, type ProviderError } from '../profile/provider-error.js';
import type { ProviderProfile } from '../profile/profile.js';
import type { OAuthHttpResponse } from './options.js';

/**
 * Whether a response is a success: a 2xx status, and — for a profile that answers errors with
 * 2xx (Tencent) — a body its error decoder does not recognise. Nothing a provider calls an error
 * is reported as success.
 *
 * @example isSuccessResponse({ status: 200, headers: {}, body: '{"ret":3,"errcode":9}' }, getProfile('tencent')) // false
 */
export function isSuccessResponse(res: Pick<OAuthHttpResponse, 'status' | 'headers' | 'body'>, profile: ProviderProfile | undefined): boolean {
  if (res.status < 200 || res.status >= 300) return false;
  if (profile?.errorsWith2xx !== true) return true;
  return profile.decodeError({ status: res.status, headers: res.headers, body: res.body }) === undefined;
}

/**
 * Decodes an error transport response into a {@link ProviderError} with the profile's own
 * decoder (then Problem Reporting, then the status): the transport needs no list of providers.
 *
 * @example providerErrorFor({ status: 401, headers: {}, body: '{"errors":[{"code":32}]}', url, attempts: [] }, getProfile('twitter')).providerCode // '32'
 */
export function providerErrorFor(res: Pick<OAuthHttpResponse, 'status' | 'headers' | 'body'>, profile: ProviderProfile | undefined, now?: () => number): ProviderError {
  return providerErrorOf({ status: res.status, headers: res.headers, body: res.body }, profile, now !== undefined ? { now } : {});
}

/**
 * Whether a decoded error says the timestamp was refused: the `timestamp_refused` problem, or one
 * of the profile's `timestampRefusedCodes` (Sina 40104, Twitter 135).
 *
 * @example isTimestampRefused(error, getProfile('twitter')) // true for {"errors":[{"code":135}]}
 */
export function isTimestampRefused(error: ProviderError, profile?: Pick<ProviderProfile, 'timestampRefusedCodes'>): boolean {
  return isClockProblem(error, profile);
}

/**
 * The clock offset (ms, server minus ours) to re-sign with after a `timestamp_refused` answer,
 * taken from `oauth_acceptable_timestamps` or else the `Date` header; undefined when the answer is
 * not a timestamp refusal or carries no usable time.
 *
 * @example skewOffsetFor(error, res, Date.now(), profile) // 600000 when our clock is ten minutes slow
 */
export function skewOffsetFor(error: ProviderError, res: Pick<OAuthHttpResponse, 'status' | 'headers' | 'body'>, nowMs: number, profile?: Pick<ProviderProfile, 'timestampRefusedCodes'>): number | undefined {
  if (!isTimestampRefused(error, profile)) return undefined;
  const offset = clockOffsetFromError(error, { status: res.status, headers: res.headers, body: res.body }, nowMs, profile);
  if (offset === undefined || !Number.isFinite(offset) || offset === 0) return undefined;
  return offset;
}
