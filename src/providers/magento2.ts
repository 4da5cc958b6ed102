// Magento 2 / Adobe Commerce integrations: HMAC-SHA256 in the header, /oauth/token/* with the activation verifier, oauth_problem and {"message"} errors — see docs/providers/magento2.md.

import { hintForProblem, isRetryableProblem, problemReportOf, withReport } from '../client/profile/problem-reporting.js';
import { freezeProfile, withBaseUrl, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { boundText, MESSAGE_LIMIT, parseFormLoosely, parseJsonObject, scalarText } from '../client/profile/wire.js';

/** One Magento OAuth refusal on `/oauth/token/*`: status, message and the OAuth problem it stands for. */
export interface Magento2Error {
  readonly problem: string;
  /** 401 for `Magento\Framework\Oauth\Exception`, 400 for `OauthInputException`. */
  readonly status: number;
  /** The phrase, verbatim from Magento's source (`%1` filled in by the encoder). */
  readonly message: string;
  /** Only in the emulation's table, not quoted from Magento's source. */
  readonly unconfirmed?: boolean;
}

/** Magento 2's OAuth refusals (lib/internal/Magento/Framework/Oauth/Oauth.php unless marked unconfirmed). */
export const MAGENTO2_ERRORS: ReadonlyArray<Magento2Error> = Object.freeze([
  { problem: 'signature_invalid', status: 401, message: 'The signature is invalid. Verify and try again.' },
  { problem: 'signature_method_rejected', status: 400, message: 'Signature method %1 is not supported' },
  { problem: 'version_rejected', status: 400, message: 'The "%1" Oauth version isn\'t supported.' },
  { problem: 'parameter_absent', status: 400, message: '"%1" is required. Enter and try again.' },
  { problem: 'token_rejected', status: 401, message: 'The token length is invalid. Check the length and try again.', unconfirmed: true },
  { problem: 'consumer_key_unknown', status: 401, message: 'A consumer with the specified key does not exist.', unconfirmed: true },
  { problem: 'nonce_used', status: 401, message: 'The nonce is already being used by the consumer.', unconfirmed: true },
  { problem: 'timestamp_refused', status: 401, message: 'The timestamp is out of range.', unconfirmed: true },
  { problem: 'verifier_fail', status: 401, message: 'The verifier is invalid.', unconfirmed: true },
  { problem: 'token_used', status: 401, message: 'The token is no longer valid.', unconfirmed: true },
].map((e) => Object.freeze(e)));

/** What Magento's REST layer answers when OAuth fails (the request falls back to an anonymous one). */
export const MAGENTO2_UNAUTHORIZED = 'The consumer isn\'t authorized to access %resources.';

const HINT_SIGNATURE = 'Magento 2.4 signs with HMAC-SHA256 by default and verifies over the URL as requested (scheme, host, path, query); check the signature method and the base string with `oauth1 verify`';

/**
 * Decodes Magento's answers: `oauth_problem=…` (form-encoded, the `/oauth/token/*` endpoints)
 * and `{"message","parameters"}` (REST). Undefined for other bodies.
 *
 * @example decodeMagento2Error({ status: 401, headers: {}, body: 'oauth_problem=The+signature+is+invalid.+Verify+and+try+again.' })?.problem // 'signature_invalid'
 */
export function decodeMagento2Error(response: ProviderResponse): DecodedProviderError | undefined {
  const report = problemReportOf(response);
  let message: string | undefined;
  let problem: string | undefined;
  const json = parseJsonObject(response.body);
  if (json) {
    message = scalarText(json['message']);
    if (message === undefined || !('parameters' in json || Object.keys(json).length === 1)) return undefined;
    const resources = json['parameters'] !== null && typeof json['parameters'] === 'object' ? scalarText((json['parameters'] as Record<string, unknown>)['resources']) : undefined;
    if (resources !== undefined) message = message.replace('%resources', resources);
  } else {
    const form = parseFormLoosely(response.body);
    message = form?.get('oauth_problem');
    if (message === undefined) return undefined;
    const entry = MAGENTO2_ERRORS.find((e) => {
      const [head, tail] = e.message.split('%1');
      return tail === undefined ? e.message === message : message!.startsWith(head!) && message!.endsWith(tail);
    });
    problem = entry?.problem;
  }
  problem ??= report?.problem;
  const decoded: DecodedProviderError = {
    status: response.status,
    message: boundText(message, MESSAGE_LIMIT),
    retryable: isRetryableProblem(problem),
    hint: problem === 'signature_invalid' || problem === 'signature_method_rejected' ? HINT_SIGNATURE
      : (problem !== undefined ? hintForProblem(problem) : undefined)
        ?? 'Magento did not authorise the request: check the integration\'s access token and secret and the resources granted to it (System → Integrations)',
    format: 'magento2',
    ...(problem !== undefined ? { problem } : {}),
  };
  return withReport(decoded, report);
}

/**
 * Builds Magento's answer for an OAuth problem: on `/oauth/token/*` the form-encoded
 * `oauth_problem=<message>` with 400 or 401; on REST paths 401
 * `{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"…"}}`.
 * `options.message` replaces the text (e.g. with the method name filled in).
 *
 * @example encodeMagento2Error('signature_invalid', '/oauth/token/request').body // 'oauth_problem=The+signature+is+invalid.+Verify+and+try+again.'
 */
export function encodeMagento2Error(problemOrCode: string | number, requestPath = '/', options: EncodeErrorOptions = {}): EncodedProviderError {
  if (!requestPath.startsWith('/oauth/')) {
    return {
      status: options.status ?? 401,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ message: MAGENTO2_UNAUTHORIZED, parameters: { resources: requestPath.includes('/products') ? 'Magento_Catalog::products' : 'Magento_Backend::store' } }),
    };
  }
  const entry = MAGENTO2_ERRORS.find((e) => e.problem === String(problemOrCode));
  let message = options.message ?? entry?.message ?? String(problemOrCode);
  if (message.includes('%1')) message = message.replace('%1', options.parametersAbsent?.[0] ?? options.parametersRejected?.[0] ?? '');
  return {
    status: options.status ?? entry?.status ?? 401,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ oauth_problem: message }).toString(),
  };
}

/**
 * Magento 2 / Adobe Commerce integrations (the ready profile points at `http://magento.example`;
 * use {@link magento2Profile} for your store): POST `/oauth/token/request` and
 * `/oauth/token/access` (the `oauth_verifier` is the one Magento posts to your endpoint when the
 * integration is activated), Authorization header, HMAC-SHA256, `oauth_version="1.0"`. There is
 * no authorisation page: the `authorization` endpoint is the admin's integrations page.
 */
export const magento2: ProviderProfile = freezeProfile({
  name: 'magento2',
  displayName: 'Magento 2 / Adobe Commerce (integration)',
  endpoints: {
    temporaryCredentials: 'http://magento.example/oauth/token/request',
    authorization: 'http://magento.example/admin/admin/integration/',
    tokenCredentials: 'http://magento.example/oauth/token/access',
    apiBase: 'http://magento.example/rest/V1/',
  },
  methods: { temporaryCredentials: 'POST', tokenCredentials: 'POST' },
  placement: 'header',
  signatureMethod: 'HMAC-SHA256',
  version: '1.0',
  defaultCallback: 'oob',
  // Magento answers the request token with oauth_token and oauth_token_secret only.
  requireCallbackConfirmed: false,
  multipart: { policy: 'none', fileFields: [], textEncoding: 'raw' },
  decodeError: decodeMagento2Error,
  encodeError: encodeMagento2Error,
} satisfies ProviderProfile);

/**
 * The {@link magento2} profile for one store's base URL.
 *
 * @throws {ProfileError} `ERR_OAUTH_PROFILE_INVALID` when `baseUrl` is not an absolute http(s) URL without query.
 * @example magento2Profile({ baseUrl: 'https://shop.example' }).endpoints.tokenCredentials // 'https://shop.example/oauth/token/access'
 */
export function magento2Profile(options: { baseUrl: string }): ProviderProfile {
  const baseUrl: unknown = options?.baseUrl;
  if (typeof baseUrl !== 'string') throw new TypeError(`magento2Profile: baseUrl must be a string, got ${typeof baseUrl}`);
  return withBaseUrl(magento2, baseUrl);
}
