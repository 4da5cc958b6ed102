// Trello: three-legged OAuth 1.0a on /1/OAuthGetRequestToken, /1/OAuthAuthorizeToken (scope, expiration, name), /1/OAuthGetAccessToken — see docs/providers/trello.md.

import { hintForProblem, isRetryableProblem, problemReportOf, withReport } from '../client/profile/problem-reporting.js';
import { freezeProfile, type DecodedProviderError, type EncodeErrorOptions, type EncodedProviderError, type ProviderProfile, type ProviderResponse } from '../client/profile/profile.js';
import { boundText, MESSAGE_LIMIT } from '../client/profile/wire.js';
import type { Parameters } from '../core/types.js';

/** Trello's token scopes. */
export const TRELLO_SCOPES = Object.freeze(['read', 'write', 'account'] as const);
/** Trello's token lifetimes. */
export const TRELLO_EXPIRATIONS = Object.freeze(['1hour', '1day', '30days', 'never'] as const);

/** What the authorise URL asks for. */
export interface TrelloAuthorizeOptions {
  /** Permissions. @default ['read'] (Trello's default) */
  scope?: ReadonlyArray<(typeof TRELLO_SCOPES)[number]>;
  /** Lifetime of the token. @default '30days' (Trello's default) */
  expiration?: (typeof TRELLO_EXPIRATIONS)[number];
  /** Application name shown on the page (else "An unknown application"). */
  name?: string;
}

/**
 * The extra query parameters of Trello's authorise URL — pass them to
 * `client.authorizationUrl(temp, trelloAuthorizeParams({…}))`. They belong on the authorise URL,
 * **not** on the (signed) request-token call.
 *
 * @throws {TypeError} an unknown scope or expiration, or a name that is not a string.
 * @example trelloAuthorizeParams({ scope: ['read', 'write'], expiration: 'never', name: 'My App' })
 * // [['scope', 'read,write'], ['expiration', 'never'], ['name', 'My App']]
 */
export function trelloAuthorizeParams(options: TrelloAuthorizeOptions = {}): Parameters {
  const out: Array<readonly [string, string]> = [];
  if (options.scope !== undefined) {
    for (const s of options.scope) if (!(TRELLO_SCOPES as readonly string[]).includes(s)) throw new TypeError(`trelloAuthorizeParams: scope must be among ${TRELLO_SCOPES.join(', ')}, got ${JSON.stringify(s)}`);
    out.push(['scope', options.scope.join(',')]);
  }
  if (options.expiration !== undefined) {
    if (!(TRELLO_EXPIRATIONS as readonly string[]).includes(options.expiration)) throw new TypeError(`trelloAuthorizeParams: expiration must be one of ${TRELLO_EXPIRATIONS.join(', ')}, got ${JSON.stringify(options.expiration)}`);
    out.push(['expiration', options.expiration]);
  }
  if (options.name !== undefined) {
    if (typeof options.name !== 'string') throw new TypeError(`trelloAuthorizeParams: name must be a string, got ${typeof options.name}`);
    out.push(['name', options.name]);
  }
  return out;
}

const TRELLO_TEXTS: Readonly<Record<string, string>> = {
  signature_invalid: 'invalid signature',
  token_rejected: 'invalid token',
  consumer_key_unknown: 'invalid key',
  timestamp_refused: 'invalid timestamp',
  nonce_used: 'invalid nonce',
};

/**
 * Decodes Trello's plain-text refusals (`invalid signature`, `invalid token`, `invalid key`…;
 * unconfirmed wording). Undefined for anything that is not a short text/plain line.
 *
 * @example decodeTrelloError({ status: 401, headers: { 'content-type': 'text/plain' }, body: 'invalid token' })?.problem // 'token_rejected'
 */
export function decodeTrelloError(response: ProviderResponse): DecodedProviderError | undefined {
  const type = response.headers['content-type'];
  const text = response.body.trim();
  if (typeof type !== 'string' || !type.startsWith('text/plain') || text === '' || text.includes('\n') || text.length > 200) return undefined;
  const report = problemReportOf(response);
  const problem = Object.entries(TRELLO_TEXTS).find(([, t]) => t === text.toLowerCase())?.[0] ?? report?.problem;
  const decoded: DecodedProviderError = {
    status: response.status, message: boundText(text, MESSAGE_LIMIT), retryable: isRetryableProblem(problem),
    hint: (problem !== undefined ? hintForProblem(problem) : undefined) ?? 'Trello refused the request: check the key, the token and its scope (read/write/account) and expiration',
    format: 'trello', ...(problem !== undefined ? { problem } : {}),
  };
  return withReport(decoded, report);
}

/**
 * Builds Trello's plain-text refusal (401 `invalid signature` …; wording unconfirmed).
 *
 * @example encodeTrelloError('signature_invalid').body // 'invalid signature'
 */
export function encodeTrelloError(problemOrCode: string | number, _requestPath = '/', options: EncodeErrorOptions = {}): EncodedProviderError {
  const text = options.message ?? TRELLO_TEXTS[String(problemOrCode)] ?? String(problemOrCode).replace(/_/g, ' ');
  return { status: options.status ?? 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

/** Trello: HMAC-SHA1, header, `oauth_callback_confirmed=true`, scope/expiration/name on the authorise URL. */
export const trello: ProviderProfile = freezeProfile({
  name: 'trello',
  displayName: 'Trello',
  endpoints: {
    temporaryCredentials: 'https://trello.com/1/OAuthGetRequestToken',
    authorization: 'https://trello.com/1/OAuthAuthorizeToken',
    tokenCredentials: 'https://trello.com/1/OAuthGetAccessToken',
    apiBase: 'https://api.trello.com/1/',
  },
  methods: { temporaryCredentials: 'POST', tokenCredentials: 'POST' },
  placement: 'header',
  signatureMethod: 'HMAC-SHA1',
  version: '1.0',
  defaultCallback: 'oob',
  requireCallbackConfirmed: true,
  multipart: { policy: 'none', fileFields: [], textEncoding: 'raw' },
  decodeError: decodeTrelloError,
  encodeError: encodeTrelloError,
} satisfies ProviderProfile);
