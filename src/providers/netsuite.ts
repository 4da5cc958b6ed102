// NetSuite token-based authentication as a configurable template (HMAC-SHA256, realm = account id) — see docs/providers/netsuite.md.

import { generic } from './generic.js';
import { freezeProfile, ProfileError, type ProviderProfile } from '../client/profile/profile.js';

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
  });
}
