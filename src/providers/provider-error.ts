// Decoding a provider error with every known provider's decoder, for callers that may hold the wrong profile or none.

import { decodeProviderResponse, ProviderError, type DecodeProviderErrorOptions } from '../client/profile/provider-error.js';
import type { DecodedProviderError, ProviderProfile, ProviderResponse } from '../client/profile/profile.js';
import { KNOWN_DECODERS } from './index.js';

export {
  ProviderError, decodeHttpError, clockOffsetFromError, isClockProblem, decodeProviderResponse, providerErrorOf,
  parseProblemReport, problemReportOf, OAUTH_PROBLEMS, hintForProblem, isRetryableProblem,
  type ProblemReport, type DecodeProviderErrorOptions, type ProviderErrorOptions, type ProviderErrorDecoder,
} from '../client/profile/provider-error.js';

/** Every known provider's decoder, in {@link KNOWN_DECODERS} order, plus what the caller adds. */
function withKnownDecoders(options: DecodeProviderErrorOptions): DecodeProviderErrorOptions {
  return { ...options, decoders: [...(options.decoders ?? []), ...KNOWN_DECODERS.map((d) => d.decode)] };
}

/**
 * Decodes an error response: the profile's own decoder first, then every known provider
 * decoder (Weibo, Twitter, Tencent, NetEase, Sohu — so a body is understood even with the wrong
 * profile or none), then plain OAuth Problem Reporting, then the HTTP status alone — so it
 * always answers. The transports decode with their profile's decoder only
 * (`decodeProviderResponse`); this is the one for logs, the CLI and captured responses.
 *
 * @throws {TypeError} when `response` is not `{status: number, headers, body: string}`.
 * @example decodeProviderError({ status: 401, headers: {}, body: '{"request":"/statuses/update.json","error_code":"401","error":"40107:Oauth Error: signature_invalid!"}' }, getProfile('weibo-v1'))
 * // { status: 401, providerCode: '40107', problem: 'signature_invalid', retryable: false, hint: 'the signature does not match … run `oauth1 verify` …', … }
 */
export function decodeProviderError(response: ProviderResponse, profile?: ProviderProfile, options: DecodeProviderErrorOptions = {}): DecodedProviderError {
  return decodeProviderResponse(response, profile, withKnownDecoders(options));
}

/**
 * Decodes a response (see {@link decodeProviderError}) straight into a throwable {@link ProviderError}.
 *
 * @example throw providerErrorFromResponse({ status: 401, headers, body }, getProfile('twitter'))
 */
export function providerErrorFromResponse(response: ProviderResponse, profile?: ProviderProfile, options: DecodeProviderErrorOptions = {}): ProviderError {
  return new ProviderError(decodeProviderError(response, profile, options), { response, ...(profile ? { provider: profile.name } : {}) });
}
