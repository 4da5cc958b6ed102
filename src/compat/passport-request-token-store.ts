// passport-oauth1's `requestTokenStore` over a TemporaryCredentialStore: the request token leaves the process's session.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TemporaryCredentialStore } from '../client/temporary-credential-store/store.js';

/** Options of {@link passportRequestTokenStore}. */
export interface PassportRequestTokenStoreOptions {
  /** Cookie that carries the store's reference. @default 'oauth1_tmp' */
  cookieName?: string;
  /** Attributes of that cookie. @default 'Path=/; HttpOnly; SameSite=Lax' (add `Secure` behind HTTPS) */
  cookieAttributes?: string;
}

type Callback = (err: Error | null, tokenSecret?: string | false) => void;
type Req = IncomingMessage & { res?: ServerResponse };

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i !== -1 && part.slice(0, i).trim() === name) {
      try { return decodeURIComponent(part.slice(i + 1).trim()); } catch { return undefined; }
    }
  }
  return undefined;
}

/**
 * A `requestTokenStore` for passport-oauth1 (`new OAuthStrategy({ …, requestTokenStore })`) that
 * keeps the temporary credentials in `store` and its reference in a cookie, so the callback may
 * reach another process or server than the login — the fix for "Failed to find request token in
 * session". With the sealed store nothing is kept server-side at all.
 *
 * @example
 * const store = new SealedTemporaryCredentialStore({ keys: [{ id: 'k1', key }] });
 * new TwitterStrategy({ …, requestTokenStore: passportRequestTokenStore(store) }, verify);
 */
export function passportRequestTokenStore(store: TemporaryCredentialStore, options: PassportRequestTokenStoreOptions = {}): {
  get(req: Req, token: string, meta: unknown, cb: Callback): void;
  set(req: Req, token: string, tokenSecret: string, meta: unknown, cb: (err?: Error | null) => void): void;
  destroy(req: Req, token: string, meta: unknown, cb: (err?: Error | null) => void): void;
} {
  const name = options.cookieName ?? 'oauth1_tmp';
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new TypeError('cookieName must be a cookie token');
  const attributes = options.cookieAttributes ?? 'Path=/; HttpOnly; SameSite=Lax';
  const setCookie = (req: Req, value: string, extra: string): void => {
    req.res?.appendHeader('Set-Cookie', `${name}=${encodeURIComponent(value)}; ${attributes}${extra}`);
  };
  return {
    get(req, token, _meta, cb) {
      store.take(String(token ?? ''), readCookie(req, name)).then(
        (found) => cb(null, found === undefined ? false : found.tokenSecret),
        (err: Error) => cb(err),
      );
    },
    set(req, token, tokenSecret, _meta, cb) {
      store.save({ token, tokenSecret }).then((reference) => { setCookie(req, reference, ''); cb(); }, (err: Error) => cb(err));
    },
    destroy(req, _token, _meta, cb) {
      // take() already forgot the credentials; only the cookie is left.
      setCookie(req, '', '; Max-Age=0');
      cb();
    },
  };
}
