// Helpers: an express app with passport-oauth1 whose require('oauth') is compat/oauth, and a cookie-keeping fetch.

import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import * as compat from '../../../src/compat/oauth.js';

const require = createRequire(import.meta.url);

/**
 * Loads passport-oauth1 with `require('oauth')` answered by compat/oauth — what an npm
 * `overrides: { "oauth": … }` entry does for an installed app (docs/migrating.md).
 */
export function loadPassportOAuth1WithCompat(): { Strategy: new (options: object, verify: (...args: unknown[]) => void) => PassportStrategy } {
  const fromPassport = createRequire(require.resolve('passport-oauth1'));
  const oauthPath = fromPassport.resolve('oauth');
  const strategyPath = fromPassport.resolve('./strategy.js');
  const saved = require.cache[oauthPath];
  const savedStrategy = require.cache[strategyPath];
  const savedIndex = require.cache[require.resolve('passport-oauth1')];
  delete require.cache[strategyPath];
  delete require.cache[require.resolve('passport-oauth1')];
  require.cache[oauthPath] = { id: oauthPath, filename: oauthPath, loaded: true, exports: compat, children: [], paths: [] } as unknown as NodeJS.Module;
  try {
    return require('passport-oauth1') as ReturnType<typeof loadPassportOAuth1WithCompat>;
  } finally {
    if (saved) require.cache[oauthPath] = saved; else delete require.cache[oauthPath];
    if (savedStrategy) require.cache[strategyPath] = savedStrategy; else delete require.cache[strategyPath];
    if (savedIndex) require.cache[require.resolve('passport-oauth1')] = savedIndex; else delete require.cache[require.resolve('passport-oauth1')];
  }
}

/** The parts of passport-oauth1's strategy the spec touches. */
export interface PassportStrategy {
  name: string;
  _oauth: compat.OAuth;
  userProfile(token: string, tokenSecret: string, params: object, done: (err: unknown, profile?: object) => void): void;
}

/** The parts of passport's API the spec uses (the spec does without @types/passport). */
interface MiniPassport {
  initialize(): import('express').RequestHandler;
  session(): import('express').RequestHandler;
  authenticate(name: string, options?: object): import('express').RequestHandler;
  use(strategy: object): void;
  serializeUser(fn: (user: object, done: (e: null, u: object) => void) => void): void;
  deserializeUser(fn: (user: object, done: (e: null, u: object) => void) => void): void;
}

/** A tiny cookie jar for fetch. */
export class Browser {
  cookies = new Map<string, string>();
  async get(url: string): Promise<Response> {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  }
}

/** Where the provider is and the client credentials it accepts. */
export interface ProviderEndpoints { url: string; consumerKey: string; consumerSecret: string }

/** Starts an express app with passport-oauth1 on compat/oauth against `sandbox`. */
export async function startApp(sandbox: ProviderEndpoints, strategyOptions: object = {}): Promise<{ url: string; server: Server; strategy: PassportStrategy }> {
  const express = require('express') as typeof import('express');
  const session = require('express-session') as typeof import('express-session');
  const { Passport } = require('passport') as { Passport: new () => MiniPassport };
  const { Strategy } = loadPassportOAuth1WithCompat();
  const passport = new Passport();
  const app = express();
  app.use(session({ secret: 'spec-session-secret', resave: false, saveUninitialized: true }));
  app.use(passport.initialize());
  app.use(passport.session());
  passport.serializeUser((user: object, done: (e: null, u: object) => void) => done(null, user));
  passport.deserializeUser((user: object, done: (e: null, u: object) => void) => done(null, user));
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const strategy = new Strategy({
    requestTokenURL: `${sandbox.url}/oauth/request_token`,
    accessTokenURL: `${sandbox.url}/oauth/access_token`,
    userAuthorizationURL: `${sandbox.url}/oauth/authorize`,
    consumerKey: sandbox.consumerKey,
    consumerSecret: sandbox.consumerSecret,
    callbackURL: `${url}/auth/callback`,
    ...strategyOptions,
  }, (token: unknown, tokenSecret: unknown, profile: unknown, done: unknown) => {
    (done as (e: null, u: object) => void)(null, { token, tokenSecret, profile });
  });
  strategy.userProfile = function (token, tokenSecret, _params, done) {
    this._oauth.get(`${sandbox.url}/1.1/account/verify_credentials.json`, token, tokenSecret, (err, body) => {
      if (err) { done(err); return; }
      done(null, JSON.parse(body!) as object);
    });
  };
  passport.use(strategy);
  app.get('/auth/login', passport.authenticate('oauth'));
  app.get('/auth/callback', passport.authenticate('oauth', { failureRedirect: '/failed' }), (_req, res) => { res.redirect('/me'); });
  app.get('/me', (req, res) => { res.json((req as unknown as { user?: object }).user ?? null); });
  app.use((err: Error & { oauthError?: unknown }, _req: import('express').Request, res: import('express').Response, _next: import('express').NextFunction) => {
    res.status(500).json({ message: err.message, oauthError: err.oauthError });
  });
  return { url, server, strategy };
}

