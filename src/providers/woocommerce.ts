// WooCommerce REST API over plain http: one-legged OAuth 1.0a, parameters in the query, WP_Error bodies — see docs/providers/woocommerce.md.

import { hintForProblem, isRetryableProblem, problemReportOf, withReport } from '../client/profile/problem-reporting.js';
import { freezeProfile, ProfileError, withBaseUrl, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { boundText, MESSAGE_LIMIT, parseJsonObject, scalarText } from '../client/profile/wire.js';

/** One WooCommerce authentication error: its WP_Error code, message and the OAuth problem it stands for. */
export interface WooCommerceError {
  /** The WP_Error code in the body's `code`. */
  readonly code: string;
  /** `data.status`, also the HTTP status. */
  readonly status: number;
  /** The OAuth Problem Reporting name it stands for. */
  readonly problem: string;
  /** The message, verbatim from class-wc-rest-authentication.php (a `%s` is replaced by parameter names). */
  readonly message: string;
}

/**
 * WooCommerce's OAuth 1.0a refusals, verbatim from `WC_REST_Authentication`
 * (plugins/woocommerce/includes/class-wc-rest-authentication.php). WooCommerce answers every one
 * with HTTP 401 and no `WWW-Authenticate`.
 */
export const WOOCOMMERCE_ERRORS: ReadonlyArray<WooCommerceError> = Object.freeze([
  { code: 'woocommerce_rest_authentication_error', status: 401, problem: 'signature_invalid', message: 'Invalid signature - provided signature does not match.' },
  { code: 'woocommerce_rest_authentication_error', status: 401, problem: 'signature_method_rejected', message: 'Invalid signature - signature method is invalid.' },
  { code: 'woocommerce_rest_authentication_error', status: 401, problem: 'consumer_key_unknown', message: 'Consumer key is invalid.' },
  { code: 'woocommerce_rest_authentication_error', status: 401, problem: 'timestamp_refused', message: 'Invalid timestamp.' },
  { code: 'woocommerce_rest_authentication_error', status: 401, problem: 'nonce_used', message: 'Invalid nonce - nonce has already been used.' },
  { code: 'woocommerce_rest_authentication_missing_parameter', status: 401, problem: 'parameter_absent', message: 'Missing OAuth parameter %s' },
].map((e) => Object.freeze(e)));

/** Hints that know WooCommerce's own causes. */
const HINTS: Readonly<Record<string, string>> = {
  signature_invalid: 'WooCommerce signs over its home URL with the scheme the request came in on (http), the path, and the query/form parameters, keyed with "consumer_secret&": check the base string URI (http, not https; no /index.php) with `oauth1 verify`',
  timestamp_refused: 'WooCommerce accepts oauth_timestamp within 15 minutes of the store\'s clock: fix the local clock',
  nonce_used: 'WooCommerce remembers each nonce for 15 minutes: send a fresh oauth_nonce on every request',
  signature_method_rejected: 'WooCommerce accepts only HMAC-SHA1 and HMAC-SHA256',
  consumer_key_unknown: 'no REST API key with this consumer key (ck_…): create one under WooCommerce → Settings → Advanced → REST API',
};

/**
 * Decodes WooCommerce's WP_Error body `{"code","message","data":{"status"}}` for the
 * `woocommerce_rest_authentication_*` codes and other `woocommerce_rest_*` refusals. Undefined
 * for any other body.
 *
 * @example decodeWooCommerceError({ status: 401, headers: {}, body: '{"code":"woocommerce_rest_authentication_error","message":"Invalid timestamp.","data":{"status":401}}' })?.problem
 * // 'timestamp_refused'
 */
export function decodeWooCommerceError(response: ProviderResponse): DecodedProviderError | undefined {
  const json = parseJsonObject(response.body);
  const code = json ? scalarText(json['code']) : undefined;
  if (!json || code === undefined || !/^woocommerce_rest_/.test(code)) return undefined;
  const message = boundText(scalarText(json['message']) ?? '', MESSAGE_LIMIT);
  const entry = WOOCOMMERCE_ERRORS.find((e) => e.code === code && (e.message === message || (e.message.endsWith('%s') && message.startsWith(e.message.slice(0, -2)))));
  const problem = entry?.problem;
  const decoded: DecodedProviderError = {
    status: response.status,
    providerCode: code,
    message,
    retryable: isRetryableProblem(problem),
    hint: (problem !== undefined ? HINTS[problem] ?? hintForProblem(problem) : undefined)
      ?? 'WooCommerce refused the request: check that the REST API key has the permission (read/write) this call needs',
    format: 'woocommerce',
    ...(problem !== undefined ? { problem } : {}),
  };
  if (problem === 'parameter_absent') decoded.parametersAbsent = message.replace(/^Missing OAuth parameters? /, '').split(/,\s*/);
  return withReport(decoded, problemReportOf(response));
}

/**
 * Builds WooCommerce's error answer for an OAuth problem (or its WP_Error code):
 * `{"code":"woocommerce_rest_authentication_error","message":"…","data":{"status":401}}`.
 * A problem WooCommerce has no message for (it checks less than RFC 5849 allows) is answered with
 * `woocommerce_rest_authentication_error` and the advice as message.
 *
 * @throws {ProfileError} `ERR_OAUTH_PROVIDER_CODE_UNKNOWN` for a number (WooCommerce has no numeric codes).
 * @example JSON.parse(encodeWooCommerceError('signature_invalid').body).message // 'Invalid signature - provided signature does not match.'
 */
export function encodeWooCommerceError(problemOrCode: string | number, _requestPath = '/', options: EncodeErrorOptions = {}): EncodedProviderError {
  if (typeof problemOrCode === 'number' || /^\s*\d+\s*$/.test(problemOrCode)) {
    throw new ProfileError('ERR_OAUTH_PROVIDER_CODE_UNKNOWN', `woocommerce has no numeric error code ${JSON.stringify(String(problemOrCode))}; known: ${WOOCOMMERCE_ERRORS.map((e) => e.problem).join(', ')}`);
  }
  const entry = WOOCOMMERCE_ERRORS.find((e) => e.problem === problemOrCode || e.code === problemOrCode);
  const status = options.status ?? entry?.status ?? 401;
  let message = options.message ?? entry?.message ?? `Invalid request - ${options.advice ?? problemOrCode.replace(/_/g, ' ')}.`;
  if (message.endsWith('%s')) {
    const names = options.parametersAbsent ?? ['oauth_signature'];
    message = (names.length > 1 ? 'Missing OAuth parameters ' : 'Missing OAuth parameter ') + names.join(', ');
  }
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: JSON.stringify({ code: entry?.code ?? 'woocommerce_rest_authentication_error', message, data: { status } }),
  };
}

/** Options of {@link woocommerceProfile}. */
export interface WooCommerceProfileOptions {
  /** The store's home URL (`http://shop.example`, or with a sub-directory `http://example.com/shop`). */
  storeUrl: string;
}

/**
 * WooCommerce REST API v3 over plain http (the ready profile points at `http://store.example`;
 * build one for your store with {@link woocommerceProfile}): one-legged (consumer key `ck_…`
 * and secret `cs_…`, no token, so no flow), OAuth parameters in the query string, HMAC-SHA256
 * (HMAC-SHA1 also accepted), no `oauth_version` needed. The flow endpoints point at the key
 * page `/wc-auth/v1/authorize`, which is not an OAuth endpoint. Over https WooCommerce wants
 * HTTP Basic auth instead, not OAuth.
 */
export const woocommerce: ProviderProfile = freezeProfile({
  name: 'woocommerce',
  displayName: 'WooCommerce REST API (http, one-legged)',
  endpoints: {
    temporaryCredentials: 'http://store.example/wc-auth/v1/authorize',
    authorization: 'http://store.example/wc-auth/v1/authorize',
    tokenCredentials: 'http://store.example/wc-auth/v1/authorize',
    apiBase: 'http://store.example/wp-json/wc/v3/',
  },
  methods: { temporaryCredentials: 'GET', tokenCredentials: 'GET' },
  placement: 'query',
  signatureMethod: 'HMAC-SHA256',
  version: null,
  defaultCallback: 'oob',
  requireCallbackConfirmed: true,
  multipart: { policy: 'none', fileFields: [], textEncoding: 'raw' },
  decodeError: decodeWooCommerceError,
  encodeError: encodeWooCommerceError,
} satisfies ProviderProfile);

/**
 * The {@link woocommerce} profile for one store.
 *
 * @throws {TypeError} when `storeUrl` is not a string.
 * @throws {ProfileError} `ERR_OAUTH_PROFILE_INVALID` when it is not an absolute http(s) URL without query.
 * @example woocommerceProfile({ storeUrl: 'http://shop.example' }).endpoints.apiBase // 'http://shop.example/wp-json/wc/v3/'
 */
export function woocommerceProfile(options: WooCommerceProfileOptions): ProviderProfile {
  const storeUrl: unknown = options?.storeUrl;
  if (typeof storeUrl !== 'string') throw new TypeError(`woocommerceProfile: storeUrl must be a string, got ${typeof storeUrl}`);
  return withBaseUrl(woocommerce, storeUrl);
}
