// passport-oauth1, unchanged, runs the whole three-legged flow on compat/oauth in place of node-oauth, against the sandbox.

import { expect } from 'chai';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import * as compat from '../../../src/compat/oauth.js';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';

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

/** Starts an express app with passport-oauth1 on compat/oauth against `sandbox`. */
export async function startApp(sandbox: SandboxProvider, strategyOptions: object = {}): Promise<{ url: string; server: Server; strategy: PassportStrategy }> {
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

describe('compat/oauth under passport-oauth1', () => {
  let sandbox: SandboxProvider;
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeEach(async () => {
    sandbox = await createSandboxProvider({ provider: 'twitter', autoApprove: true });
    app = await startApp(sandbox);
  });
  afterEach(async () => {
    await new Promise((r) => { app.server.close(r); app.server.closeAllConnections(); });
    await sandbox.close();
  });

  it('completes login → authorize → callback → profile, and the token signs further requests', async () => {
    const browser = new Browser();
    const login = await browser.get(`${app.url}/auth/login`);
    expect(login.status).to.equal(302);
    const authorize = login.headers.get('location')!;
    expect(authorize).to.match(new RegExp(`^${sandbox.url}/oauth/authorize\\?oauth_token=`));
    const approved = await browser.get(authorize);
    expect(approved.status).to.equal(302);
    const callback = approved.headers.get('location')!;
    expect(callback).to.match(new RegExp(`^${app.url}/auth/callback\\?oauth_token=.+&oauth_verifier=`));
    const done = await browser.get(callback);
    expect(done.status, await done.clone().text()).to.equal(302);
    expect(done.headers.get('location')).to.equal('/me');
    const me = await (await browser.get(`${app.url}/me`)).json() as { token: string; tokenSecret: string; profile: { screen_name: string } };
    expect(me.profile.screen_name).to.be.a('string').and.not.equal('');
    expect(sandbox.requests.map((r) => r.status)).to.deep.equal([200, 302, 200, 200]);

    // The strategy's OAuth signs a form body given as an object and as a string (node-oauth leaves the string unsigned).
    const oa = app.strategy._oauth;
    const post = (body: string | Record<string, string>): Promise<{ err: unknown; data?: string }> => new Promise((resolve) => {
      oa.post(`${sandbox.url}/1.1/statuses/update.json`, me.token, me.tokenSecret, body, 'application/x-www-form-urlencoded', (err, data) => resolve({ err, data }));
    });
    const asObject = await post({ status: 'hello (object) & more' });
    expect(asObject.err).to.equal(null);
    expect(JSON.parse(asObject.data!)).to.include({ text: 'hello (object) & more' });
    const asString = await post('status=hello%20%28string%29%21');
    expect(asString.err).to.equal(null);
    expect(JSON.parse(asString.data!)).to.include({ text: 'hello (string)!' });
  });

  it('passes node-oauth\'s { statusCode, data } error to passport when the provider refuses', async () => {
    await new Promise((r) => { app.server.close(r); app.server.closeAllConnections(); });
    app = await startApp(sandbox, { consumerSecret: 'wrong-secret' });
    const res = await new Browser().get(`${app.url}/auth/login`);
    expect(res.status).to.equal(500);
    const body = await res.json() as { message: string; oauthError: { statusCode: number; data: string } };
    expect(body.message).to.equal('Failed to obtain request token');
    expect(body.oauthError.statusCode).to.equal(401);
    expect(JSON.parse(body.oauthError.data)).to.deep.equal({ errors: [{ message: 'Could not authenticate you', code: 32 }] });
  });
});
