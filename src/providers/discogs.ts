// Discogs API: three-legged OAuth 1.0a with PLAINTEXT over https, a required User-Agent, `{"message"}` errors — see docs/providers/discogs.md.

import { hintForProblem, isRetryableProblem, problemReportOf, withReport } from '../client/profile/problem-reporting.js';
import { freezeProfile, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { boundText, MESSAGE_LIMIT, parseJsonObject, scalarText } from '../client/profile/wire.js';

/** Discogs's answer to a request it cannot authenticate (HTTP 401), verbatim as users quoted it. */
export const DISCOGS_UNAUTHENTICATED = 'You must authenticate to access this resource.';
/** Discogs's answer to an authenticated user without access (HTTP 403), verbatim as one user quoted it (unconfirmed). */
export const DISCOGS_FORBIDDEN = 'You are not allowed to view this resource. Please authenticate as the owner to view this content.';

/**
 * Decodes Discogs's `{"message": "…"}` error body. Discogs names no OAuth problem; a
 * Problem Reporting `WWW-Authenticate` (the emulation sends one) is read when present.
 * Undefined for a body that is not a JSON object whose only text field is `message`.
 *
 * @example decodeDiscogsError({ status: 401, headers: {}, body: '{"message": "You must authenticate to access this resource."}' })?.hint
 */
export function decodeDiscogsError(response: ProviderResponse): DecodedProviderError | undefined {
  const json = parseJsonObject(response.body);
  const message = json ? scalarText(json['message']) : undefined;
  if (!json || message === undefined || Object.keys(json).some((k) => k !== 'message')) return undefined;
  const report = problemReportOf(response);
  const problem = report?.problem;
  const decoded: DecodedProviderError = {
    status: response.status,
    message: boundText(message, MESSAGE_LIMIT),
    retryable: isRetryableProblem(problem),
    hint: response.status === 403 && problem === undefined
      ? 'Discogs refused the request: send a User-Agent that names your application (e.g. "MyApp/1.0 +https://myapp.example"), or authenticate as the resource\'s owner'
      : (problem !== undefined ? hintForProblem(problem) : undefined)
        ?? 'Discogs could not authenticate the request: with PLAINTEXT the signature is "consumer_secret&token_secret" percent-encoded, over https; check both secrets and the token',
    format: 'discogs',
    ...(problem !== undefined ? { problem } : {}),
  };
  return withReport(decoded, report);
}

/**
 * Builds Discogs's error answer: HTTP 401 `{"message": "You must authenticate to access this resource."}`
 * for every OAuth problem (Discogs says no more), or the given status and message.
 *
 * @example encodeDiscogsError('signature_invalid').body // '{"message": "You must authenticate to access this resource."}'
 */
export function encodeDiscogsError(_problemOrCode: string | number, _requestPath = '/', options: EncodeErrorOptions = {}): EncodedProviderError {
  const status = options.status ?? 401;
  // Discogs's bodies have a space after the colon (Python's json.dumps), as users quoted them.
  return { status, headers: { 'content-type': 'application/json' }, body: `{"message": ${JSON.stringify(options.message ?? (status === 403 ? DISCOGS_FORBIDDEN : DISCOGS_UNAUTHENTICATED))}}` };
}

/**
 * Discogs: GET request token, browser authorisation on www.discogs.com, POST access token,
 * Authorization header, **PLAINTEXT** (the signature is `consumer_secret&token_secret`; only
 * safe over https), and every request must carry a User-Agent naming the application.
 */
export const discogs: ProviderProfile = freezeProfile({
  name: 'discogs',
  displayName: 'Discogs API',
  endpoints: {
    temporaryCredentials: 'https://api.discogs.com/oauth/request_token',
    authorization: 'https://www.discogs.com/oauth/authorize',
    tokenCredentials: 'https://api.discogs.com/oauth/access_token',
    apiBase: 'https://api.discogs.com/',
  },
  methods: { temporaryCredentials: 'GET', tokenCredentials: 'POST' },
  placement: 'header',
  signatureMethod: 'PLAINTEXT',
  version: '1.0',
  defaultCallback: 'oob',
  requireCallbackConfirmed: true,
  multipart: { policy: 'none', fileFields: [], textEncoding: 'raw' },
  decodeError: decodeDiscogsError,
  encodeError: encodeDiscogsError,
} satisfies ProviderProfile);
