// The error family as a union: every code the source throws is registered, and AnyOAuthError narrows by code.

import { expect } from 'chai';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isOAuthError, KeyError, OAuthError, type AnyOAuthError, type OAuthErrorCode } from '../../src/index.js';
import { ProviderError, TransportError } from '../../src/index.js';

// `satisfies` makes this list exactly the union: a code missing here or unknown to the union is a type error.
const ALL_CODES = {
  ERR_OAUTH_PERCENT_ENCODING_MALFORMED: true, ERR_OAUTH_ENCODING_INVALID_UTF8: true, ERR_OAUTH_ENCODING_LONE_SURROGATE: true,
  ERR_OAUTH_URL_INVALID: true, ERR_OAUTH_HEADER_MALFORMED: true, ERR_OAUTH_HEADER_DUPLICATE_PARAMETER: true, ERR_OAUTH_HEADER_NOT_OAUTH: true,
  ERR_OAUTH_SIGNATURE_METHOD_UNSUPPORTED: true, ERR_OAUTH_KEY_MISSING: true, ERR_OAUTH_KEY_INVALID: true, ERR_OAUTH_SECRET_MISSING: true,
  ERR_OAUTH_TOKEN_MISSING: true, ERR_OAUTH_KEY_NOT_PRIVATE: true, ERR_OAUTH_KEY_NOT_RSA: true, ERR_OAUTH_KEY_PASSPHRASE_MISSING: true,
  ERR_OAUTH_KEY_PASSPHRASE_WRONG: true, ERR_OAUTH_KEY_ENCRYPTED_UNSUPPORTED: true, ERR_OAUTH_REQUEST_INVALID: true, ERR_OAUTH_METHOD_INVALID: true, ERR_OAUTH_PLACEMENT_INVALID: true,
  ERR_OAUTH_PARAMETER_MISSING: true, ERR_OAUTH_PARAMETER_DUPLICATE: true, ERR_OAUTH_TIMESTAMP_INVALID: true, ERR_OAUTH_NONCE_INVALID: true,
  ERR_OAUTH_BODY_HASH_FORM: true, ERR_OAUTH_MULTIPART_POLICY_INVALID: true, ERR_OAUTH_MULTIPART_SIGNED_FIELDS: true, ERR_OAUTH_INPUT_INVALID: true,
  ERR_OAUTH_BODY_READ_FAILED: true, ERR_OAUTH_SANDBOX_PAGE: true,
  ERR_OAUTH_TOKEN_RESPONSE_INVALID: true, ERR_OAUTH_CALLBACK_NOT_CONFIRMED: true, ERR_OAUTH_CALLBACK_INVALID: true,
  ERR_OAUTH_CALLBACK_TOKEN_MISMATCH: true, ERR_OAUTH_AUTHORIZATION_DENIED: true,
  ERR_OAUTH_UPLOAD_FILE_MISSING: true, ERR_OAUTH_UPLOAD_FILE_UNREADABLE: true, ERR_OAUTH_UPLOAD_FILE_CHANGED: true,
  ERR_OAUTH_UPLOAD_STREAM_LENGTH: true, ERR_OAUTH_UPLOAD_NOT_REPLAYABLE: true,
  ERR_OAUTH_PROVIDER_UNKNOWN: true, ERR_OAUTH_PROFILE_INVALID: true, ERR_OAUTH_PROVIDER_CODE_UNKNOWN: true, ERR_OAUTH_PROVIDER: true,
  ERR_OAUTH_TRANSPORT: true, ERR_OAUTH_TRANSPORT_TIMEOUT: true, ERR_OAUTH_TRANSPORT_REDIRECTS: true,
  ERR_OAUTH_NONCE_STORE_FULL: true, ERR_OAUTH_NONCE_STORE_UNAVAILABLE: true, ERR_OAUTH_REQUEST_REJECTED: true, ERR_OAUTH_FIXTURE_INVALID: true,
  ERR_OAUTH_SYNC_CRYPTO_UNAVAILABLE: true, ERR_OAUTH_WEBCRYPTO_UNAVAILABLE: true,
  ERR_OAUTH_CHUNKED_RESPONSE_INVALID: true, ERR_OAUTH_CHUNKED_SEGMENT_FAILED: true, ERR_OAUTH_CHUNKED_SESSION_MISMATCH: true,
  ERR_OAUTH_CHUNKED_SESSION_EXPIRED: true, ERR_OAUTH_CHUNKED_PROCESSING_FAILED: true,
  ERR_OAUTH_TEMPORARY_CREDENTIAL_STORE_UNAVAILABLE: true,
  ERR_OAUTH_POSTMAN_COLLECTION_INVALID: true, ERR_OAUTH_POSTMAN_REQUEST_UNKNOWN: true, ERR_OAUTH_POSTMAN_REQUEST_AMBIGUOUS: true, ERR_OAUTH_POSTMAN_NO_OAUTH1: true,
} as const satisfies Record<OAuthErrorCode, true>;
type Exhaustive = Exclude<OAuthErrorCode, keyof typeof ALL_CODES> extends never ? true : never;
const exhaustive: Exhaustive = true;

/** What a caller writes: the switch narrows to the class, so its fields are typed. */
function describeError(e: AnyOAuthError): string {
  switch (e.code) {
    case 'ERR_OAUTH_PROVIDER': return `provider: ${e.hint}`;
    case 'ERR_OAUTH_TRANSPORT_TIMEOUT': return `timeout: ${e.method} ${e.url}`;
    case 'ERR_OAUTH_HEADER_MALFORMED': return `header at ${e.position}`;
    default: return e.code;
  }
}

describe('OAuthErrorCode and AnyOAuthError', () => {
  it('every ERR_OAUTH_ code thrown in src/ is in the OAuthErrorCode union (the CLI exit-line codes ERR_OAUTH_CLI_* aside)', () => {
    expect(exhaustive).to.equal(true);
    const files = execSync('git ls-files --cached --others --exclude-standard src', { encoding: 'utf8' }).trim().split('\n').filter((f) => f.endsWith('.ts') && existsSync(f));
    const used = new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'(ERR_OAUTH_[A-Z0-9_]+)'/g)].map((m) => m[1]!)));
    for (const c of used) if (c.startsWith('ERR_OAUTH_CLI_')) used.delete(c);
    expect([...used].filter((c) => !(c in ALL_CODES))).to.deep.equal([]);
  });

  it('AnyOAuthError is discriminated by code: a switch reaches the class fields', () => {
    const provider = new ProviderError({ status: 401, message: 'm', retryable: false, hint: 'run oauth1 verify' });
    const timeout = new TransportError('ERR_OAUTH_TRANSPORT_TIMEOUT', 'GET http://127.0.0.1/ timed out', 'GET', 'http://127.0.0.1/');
    const key = new KeyError('ERR_OAUTH_TOKEN_MISSING', 'tokenSecret was given without token');
    expect([provider, timeout, key].map((e) => isOAuthError(e) ? describeError(e) : 'no')).to.deep.equal(
      ['provider: run oauth1 verify', 'timeout: GET http://127.0.0.1/', 'ERR_OAUTH_TOKEN_MISSING']);
  });

  it('isOAuthError accepts the family and refuses other errors', () => {
    expect(isOAuthError(new OAuthError('ERR_OAUTH_SANDBOX_PAGE', 'x'))).to.equal(true);
    expect(isOAuthError(new TypeError('x'))).to.equal(false);
    expect(isOAuthError({ code: 'ERR_OAUTH_PROVIDER' })).to.equal(false);
  });
});
