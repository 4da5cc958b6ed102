// Clock-skew repair: recognise `timestamp_refused` and compute the offset to re-sign with (RFC 5849 §3.3, Problem Reporting).

import { providerErrorFromResponse, clockOffsetFromError, type ProviderError } from '../../providers/provider-error.js';
import type { ProviderProfile } from '../../providers/profile.js';
import type { OAuthHttpResponse } from './options.js';

/** Provider codes that mean "your timestamp is outside my window" (Sina 40104, Twitter 135). */
const TIMESTAMP_CODES = new Set(['40104', '135']);

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
 * Decodes an error transport response into a {@link ProviderError} with the profile's decoder.
 *
 * @example providerErrorFor({ status: 401, headers: {}, body: '{"errors":[{"code":32}]}', url, attempts: [] }, getProfile('twitter')).providerCode // '32'
 */
export function providerErrorFor(res: Pick<OAuthHttpResponse, 'status' | 'headers' | 'body'>, profile: ProviderProfile | undefined, now?: () => number): ProviderError {
  return providerErrorFromResponse({ status: res.status, headers: res.headers, body: res.body }, profile, now !== undefined ? { now } : {});
}

/**
 * Whether a decoded error says the timestamp was refused (`timestamp_refused`, Sina 40104, Twitter 135).
 *
 * @example isTimestampRefused(error) // true for {"errors":[{"code":135}]}
 */
export function isTimestampRefused(error: ProviderError): boolean {
  return error.problem === 'timestamp_refused' || (error.providerCode !== undefined && TIMESTAMP_CODES.has(error.providerCode));
}

/**
 * The clock offset (ms, server minus ours) to re-sign with after a `timestamp_refused` answer,
 * taken from `oauth_acceptable_timestamps` or else the `Date` header; undefined when the answer is
 * not a timestamp refusal or carries no usable time.
 *
 * @example skewOffsetFor(error, res, Date.now()) // 600000 when our clock is ten minutes slow
 */
export function skewOffsetFor(error: ProviderError, res: Pick<OAuthHttpResponse, 'status' | 'headers' | 'body'>, nowMs: number): number | undefined {
  if (!isTimestampRefused(error)) return undefined;
  const offset = clockOffsetFromError(error, { status: res.status, headers: res.headers, body: res.body }, nowMs);
  if (offset === undefined || !Number.isFinite(offset) || offset === 0) return undefined;
  return offset;
}
