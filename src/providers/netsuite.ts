// NetSuite token-based authentication as a configurable template (HMAC-SHA256, realm = account id) — see docs/providers/netsuite.md.

import { generic } from './generic.js';
import { percentEncode } from '../core/encoding.js';
import { generateNonce, timestampSeconds } from '../core/nonce.js';
import { HMAC_SHA1, HMAC_SHA256 } from '../core/signature-methods/index.js';
import { freezeProfile, ProfileError, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { hintForProblem, isRetryableProblem, problemReportOf, withReport } from '../client/profile/problem-reporting.js';
import { boundText, MESSAGE_LIMIT, parseJsonObject, scalarText } from '../client/profile/wire.js';

/** NetSuite's detail text for every failed TBA login (REST web services), verbatim as users quoted it. */
export const NETSUITE_INVALID_LOGIN = 'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.';

/**
 * Builds NetSuite REST web services' refusal: HTTP 401 with `o:errorDetails` `INVALID_LOGIN` —
 * NetSuite gives the same answer for a bad signature, a wrong realm or an unknown token.
 *
 * @example JSON.parse(encodeNetsuiteError('signature_invalid').body)['o:errorDetails'][0]['o:errorCode'] // 'INVALID_LOGIN'
 */
export function encodeNetsuiteError(_problemOrCode: string | number, _requestPath = '/', options: EncodeErrorOptions = {}): EncodedProviderError {
  const status = options.status ?? 401;
  return {
    status,
    headers: { 'content-type': 'application/vnd.oracle.resource+json; type=error; charset=UTF-8' },
    body: JSON.stringify({ type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2', title: 'Unauthorized', status, 'o:errorDetails': [{ detail: options.message ?? NETSUITE_INVALID_LOGIN, 'o:errorCode': 'INVALID_LOGIN' }] }),
  };
}

/**
 * Decodes NetSuite's `{"title","status","o:errorDetails":[{"detail","o:errorCode"}]}` answers.
 * `INVALID_LOGIN` names no OAuth problem: the Problem Reporting header (the emulation sends one)
 * is read when present; the hint lists NetSuite's usual causes.
 *
 * @example decodeNetsuiteError({ status: 401, headers: {}, body: '{"title":"Unauthorized","status":401,"o:errorDetails":[{"detail":"Invalid login attempt.","o:errorCode":"INVALID_LOGIN"}]}' })?.providerCode // 'INVALID_LOGIN'
 */
export function decodeNetsuiteError(response: ProviderResponse): DecodedProviderError | undefined {
  const json = parseJsonObject(response.body);
  const details = json?.['o:errorDetails'];
  if (!Array.isArray(details) || details.length === 0 || details[0] === null || typeof details[0] !== 'object') return undefined;
  const first = details[0] as Record<string, unknown>;
  const code = scalarText(first['o:errorCode']);
  const report = problemReportOf(response);
  const problem = report?.problem;
  const decoded: DecodedProviderError = {
    status: response.status,
    ...(code !== undefined ? { providerCode: code } : {}),
    message: boundText(scalarText(first['detail']) ?? '', MESSAGE_LIMIT),
    retryable: isRetryableProblem(problem),
    hint: code === 'INVALID_LOGIN'
      ? 'NetSuite refused the TBA login: check realm = the account id in upper case with its suffix (1234567_SB1, not 1234567_sb1), realm not signed, HMAC-SHA256, the token and both secrets; the Login Audit Trail names the cause'
      : (problem !== undefined ? hintForProblem(problem) : undefined) ?? 'NetSuite refused the request',
    format: 'netsuite',
    ...(problem !== undefined ? { problem } : {}),
  };
  return withReport(decoded, report);
}

/** Options of {@link netsuiteProfile}. */
export interface NetsuiteProfileOptions {
  /** The NetSuite account id (`1234567`, sandbox `1234567_SB1`). */
  accountId: string;
}

/**
 * A NetSuite profile for one account: HMAC-SHA256, `realm` = the account id (upper case, `_`
 * kept), endpoints on the account's own hosts (id lower-cased, `_` → `-`). Errors are decoded
 * with OAuth Problem Reporting and the generic HTTP fallback.
 *
 * @throws {TypeError} when `accountId` is not a string.
 * @throws {ProfileError} `ERR_OAUTH_PROFILE_INVALID` for an account id with characters other than letters, digits, `_` and `-`.
 * @example netsuiteProfile({ accountId: '1234567_SB1' }).realm // '1234567_SB1'
 */
export function netsuiteProfile(options: NetsuiteProfileOptions): ProviderProfile {
  const accountId: unknown = options?.accountId;
  if (typeof accountId !== 'string') throw new TypeError(`netsuiteProfile: accountId must be a string, got ${typeof accountId}`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(accountId)) {
    throw new ProfileError('ERR_OAUTH_PROFILE_INVALID', `netsuiteProfile: accountId ${JSON.stringify(accountId.slice(0, 40))} must be letters, digits, "_" or "-" (e.g. "1234567_SB1")`);
  }
  const host = accountId.toLowerCase().replace(/_/g, '-');
  return freezeProfile({
    ...generic,
    name: 'netsuite',
    displayName: `NetSuite (account ${accountId.toUpperCase()})`,
    endpoints: {
      temporaryCredentials: `https://${host}.restlets.api.netsuite.com/rest/requesttoken`,
      authorization: `https://${host}.app.netsuite.com/app/login/secure/authorizetoken.nl`,
      tokenCredentials: `https://${host}.restlets.api.netsuite.com/rest/accesstoken`,
      apiBase: `https://${host}.suitetalk.api.netsuite.com/services/rest/`,
    },
    methods: { temporaryCredentials: 'POST', tokenCredentials: 'POST' },
    signatureMethod: 'HMAC-SHA256',
    realm: accountId.toUpperCase(),
    multipart: { policy: 'none', fileFields: [], textEncoding: 'raw' },
    decodeError: decodeNetsuiteError,
    encodeError: encodeNetsuiteError,
  });
}

/** What {@link netsuiteTokenPassport} signs with. */
export interface NetsuiteTokenPassportInput {
  /** The NetSuite account id as NetSuite shows it (`1234567`, sandbox `1234567_SB1`). */
  account: string;
  consumerKey: string;
  consumerSecret: string;
  /** The token id (a.k.a. token key). */
  token: string;
  tokenSecret: string;
  /** 6–64 alphanumerics, unique per request. @default a fresh random nonce (20 characters) */
  nonce?: string;
  /** Unix seconds. @default now */
  timestamp?: number | string;
  /** @default 'HMAC-SHA256' (NetSuite ended HMAC-SHA1 support in 2023.1) */
  algorithm?: 'HMAC-SHA256' | 'HMAC-SHA1';
  /** Clock, ms, for the default timestamp. @default Date.now */
  now?: () => number;
}

/** A SOAP `TokenPassport`: its fields, the base string signed and the `TokenPassportSignature`. */
export interface NetsuiteTokenPassport {
  account: string;
  consumerKey: string;
  token: string;
  nonce: string;
  timestamp: string;
  /** `account&consumerKey&token&nonce&timestamp`, each value percent-encoded (RFC 5849 §3.6). */
  baseString: string;
  /** Base64 HMAC of the base string keyed with `consumerSecret&tokenSecret` (the `TokenPassportSignature` text). */
  signature: string;
  /** The `algorithm` attribute of `TokenPassportSignature`: `HMAC-SHA256` or `HMAC-SHA1`. */
  algorithm: 'HMAC-SHA256' | 'HMAC-SHA1';
}

/**
 * Builds a NetSuite SOAP web services `TokenPassport`: the signature is an HMAC over
 * `account&consumerKey&token&nonce&timestamp` (not an OAuth base string: no method, URL or
 * `oauth_*` names) keyed with `consumerSecret&tokenSecret`, Base64-encoded. Each value is
 * percent-encoded as RFC 5849 §3.6 says (NetSuite's ids are hex and `_`, so this rarely shows).
 * Deterministic given `nonce` and `timestamp`; no I/O. The result holds no secret.
 *
 * @throws {TypeError} a field that is not a string (timestamp: string or number), or an unknown algorithm.
 * @example
 * const p = netsuiteTokenPassport({ account: '1234567', consumerKey, consumerSecret, token, tokenSecret });
 * // <tokenPassport><account>{p.account}</account>…<signature algorithm="HMAC-SHA256">{p.signature}</signature></tokenPassport>
 */
export function netsuiteTokenPassport(input: NetsuiteTokenPassportInput): NetsuiteTokenPassport {
  if (input === null || typeof input !== 'object') throw new TypeError('netsuiteTokenPassport needs an input object');
  for (const field of ['account', 'consumerKey', 'consumerSecret', 'token', 'tokenSecret'] as const) {
    if (typeof input[field] !== 'string') throw new TypeError(`netsuiteTokenPassport: ${field} must be a string, got ${typeof input[field]}`);
  }
  const algorithm = input.algorithm ?? 'HMAC-SHA256';
  if (algorithm !== 'HMAC-SHA256' && algorithm !== 'HMAC-SHA1') throw new TypeError(`netsuiteTokenPassport: algorithm must be "HMAC-SHA256" or "HMAC-SHA1", got ${JSON.stringify(String(algorithm))}`);
  const nonce = input.nonce ?? generateNonce(20);
  if (typeof nonce !== 'string') throw new TypeError(`netsuiteTokenPassport: nonce must be a string, got ${typeof nonce}`);
  const ts = input.timestamp ?? timestampSeconds((input.now ?? Date.now)());
  if (typeof ts !== 'string' && typeof ts !== 'number') throw new TypeError(`netsuiteTokenPassport: timestamp must be a string or number, got ${typeof ts}`);
  const timestamp = String(ts);
  const baseString = [input.account, input.consumerKey, input.token, nonce, timestamp].map(percentEncode).join('&');
  const method = algorithm === 'HMAC-SHA256' ? HMAC_SHA256 : HMAC_SHA1;
  // The key is the OAuth HMAC key (§3.4.2): encoded consumer secret "&" encoded token secret.
  const signature = method.sign(baseString, { consumerSecret: input.consumerSecret, tokenSecret: input.tokenSecret });
  return { account: input.account, consumerKey: input.consumerKey, token: input.token, nonce, timestamp, baseString, signature, algorithm };
}
