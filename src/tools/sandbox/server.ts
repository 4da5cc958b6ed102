// The sandbox provider: a real node:http server on 127.0.0.1 playing Sina Weibo v1, Twitter or an emulation from providers/index.ts (RFC 5849 §2, §3).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseFormEncoded } from '../../core/encoding.js';
import { isFormContentType } from '../../core/base-string.js';
import type { Parameters } from '../../core/types.js';
import type { EncodedProviderError, EncodeErrorOptions, ProviderProfile } from '../../client/profile/profile.js';
import { getProfile, withBaseUrl } from '../../providers/index.js';
import { encodeProblemReportError, problemReportHeader } from '../../client/profile/problem-reporting.js';
import { authenticateRequest, observeProtocolParameters, type AuthenticationKind } from './authenticate.js';
import type { NonceStore } from '../../server/nonce-store/store.js';
import { SandboxState, type SandboxAccessToken, type SandboxRequestRecord } from './state.js';
import { SANDBOX_EMULATIONS } from './providers/index.js';
import { defaultRoutes, jsonReply, type SandboxAuthOutcome, type SandboxProviderName, type SandboxReply, type SandboxRoute, type SandboxRouteContext, type SandboxServices } from './routes.js';

/** Largest form body the sandbox reads. */
const FORM_LIMIT = 1024 * 1024;

/** Test-only fault: answer the next matching request(s) with `status` after authenticating them. */
export interface SandboxFault {
  /** Path to match exactly. */
  path: string;
  /** Method to match. @default any */
  method?: string;
  /** Status to answer. @default 503 */
  status?: number;
  /** How many requests to fail. @default 1 */
  times?: number;
}

/** Test-only redirect route. */
export interface SandboxRedirect {
  /** Path the redirect answers on (any method). */
  path: string;
  /** `Location`: a path on this sandbox or an absolute URL (another origin). */
  to: string;
  /** Redirect status. @default 307 (method and body kept) */
  status?: 301 | 302 | 303 | 307 | 308;
}

/** Options of {@link createSandboxProvider}. */
export interface SandboxOptions {
  /** Which provider to play. @default 'weibo-v1' */
  provider?: SandboxProviderName;
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number;
  /** The client credentials the sandbox accepts. @default 'sandbox-consumer-key' */
  consumerKey?: string;
  /** @default 'sandbox-consumer-secret' */
  consumerSecret?: string;
  /**
   * The consumer's RSA public key (PEM public key or X.509 certificate, e.g. `oauth1 keygen`'s
   * public.pem or cert.pem), for the emulations that verify RSA-SHA1 with it (`jira`,
   * `confluence`). When such an emulation is given none, a 2048-bit key pair is generated and its
   * private half is exposed as {@link SandboxProvider.consumerPrivateKey}.
   */
  consumerPublicKey?: string;
  /** Pre-registered access tokens (for scripts that skip the flow). */
  tokens?: SandboxAccessToken[];
  /** Approve authorisation at once (redirect or PIN page) instead of showing Allow/Deny. @default false */
  autoApprove?: boolean;
  /** Accepted `oauth_timestamp` distance from the sandbox clock, seconds. @default 300 */
  timestampWindow?: number;
  /** Where accepted nonces are remembered (e.g. a `RedisNonceStore` shared by several sandboxes). @default in memory, on the sandbox clock */
  nonceStore?: NonceStore;
  /** `oauth_version` values accepted besides its absence, e.g. `['1.0', '1.0A']` for node-oauth clients. @default ['1.0'] */
  acceptVersions?: readonly string[];
  /** Sandbox clock, ms (also sent as the `Date` header). @default Date.now */
  now?: () => number;
  /** Extra routes (e.g. the upload endpoints); a route with the same method and path replaces a default one. */
  routes?: SandboxRoute[];
  /** For tests: faults to inject. */
  failNext?: SandboxFault[];
  /** For tests: redirect routes (same-origin paths or cross-origin absolute URLs). */
  redirects?: SandboxRedirect[];
  /** For tests: leave `oauth_callback_confirmed` out (an OAuth 1.0 provider). @default false */
  omitCallbackConfirmed?: boolean;
  /** For tests: answer credentials as JSON instead of form encoding. @default 'form' */
  tokenResponseFormat?: 'form' | 'json';
}

/** A running sandbox provider. */
export interface SandboxProvider {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** The port listened on. */
  readonly port: number;
  /** Which provider it plays. */
  readonly provider: SandboxProviderName;
  /** The provider's profile pointed at this sandbox (`withBaseUrl(getProfile(provider), url)`). */
  readonly profile: ProviderProfile;
  /** The client credentials it accepts. */
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** The RSA public key the sandbox verifies the consumer's signatures with (RSA emulations). */
  readonly consumerPublicKey?: string;
  /** The private key (PKCS#8 PEM) the sandbox generated for the consumer, when it was given no public key (RSA emulations). */
  readonly consumerPrivateKey?: string;
  /** Tokens, statuses and the log. */
  readonly state: SandboxState;
  /** Every request received, in order (protocol parameters, status, problem; no secrets). */
  readonly requests: SandboxRequestRecord[];
  /** Adds or replaces a route. */
  registerRoute(route: SandboxRoute): void;
  /** For tests: queue a fault. */
  failNext(fault: SandboxFault): void;
  /** Registers an access token. */
  addAccessToken(token: SandboxAccessToken): void;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

function methodsOf(route: SandboxRoute): string[] {
  return (typeof route.method === 'string' ? [route.method] : [...route.method]).map((m) => m.toUpperCase());
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) { req.pause(); resolve(undefined); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The 503 "try later" answer in the provider's shape (not an OAuth problem, so no profile code). */
function unavailable(provider: SandboxProviderName, path: string, status: number): SandboxReply {
  if (provider === 'twitter') return jsonReply(status, { errors: [{ message: 'Over capacity', code: 130 }] });
  return jsonReply(status, { request: path, error_code: String(status), error: `${status}:Service temporarily unavailable` });
}

/**
 * The OAuth Problem Reporting name of a refusal: the problem the caller named, or — for a provider
 * code — the problem the profile's own decoder reads from the reply (Weibo 40104 → `timestamp_refused`).
 * Undefined for refusals that are not OAuth problems (an empty status, a duplicate).
 */
function problemOf(problemOrCode: string | number, reply: EncodedProviderError, decode?: ProviderProfile['decodeError']): string | undefined {
  if (typeof problemOrCode === 'string' && /^[a-z_]+$/.test(problemOrCode)) return problemOrCode;
  if (decode === undefined) return undefined;
  try { return decode({ status: reply.status, headers: reply.headers, body: reply.body })?.problem; } catch { return undefined; }
}

/**
 * Starts a sandbox OAuth 1.0a provider on 127.0.0.1 that plays Sina Weibo v1, Twitter or one of
 * the emulated providers in `SANDBOX_EMULATIONS` (providers/index.ts): temporary credentials, an
 * authorisation page with Allow and Deny (a PIN for `oob`), token credentials and protected
 * resources, with signatures checked by our verifier, a timestamp window, replayed nonces refused
 * and errors answered in the provider's own format.
 *
 * @example
 * const sandbox = await createSandboxProvider({ provider: 'twitter', autoApprove: true });
 * const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret });
 * …
 * await sandbox.close();
 */
export async function createSandboxProvider(options: SandboxOptions = {}): Promise<SandboxProvider> {
  const provider: SandboxProviderName = options.provider ?? 'weibo-v1';
  const emulation = Object.prototype.hasOwnProperty.call(SANDBOX_EMULATIONS, provider) ? SANDBOX_EMULATIONS[provider as keyof typeof SANDBOX_EMULATIONS] : undefined;
  if (provider !== 'weibo-v1' && provider !== 'twitter' && emulation === undefined) {
    throw new TypeError(`provider must be one of ${['weibo-v1', 'twitter', ...Object.keys(SANDBOX_EMULATIONS)].join(', ')}, got ${JSON.stringify(provider)}`);
  }
  const consumerKey = options.consumerKey ?? 'sandbox-consumer-key';
  const consumerSecret = options.consumerSecret ?? 'sandbox-consumer-secret';
  const now = options.now ?? Date.now;
  const window = options.timestampWindow ?? emulation?.timestampWindow ?? 300;
  const baseProfile = emulation?.profile?.() ?? getProfile(provider);
  const state = new SandboxState(consumerKey, consumerSecret);
  for (const t of options.tokens ?? []) state.addAccessToken(t);
  let consumerPublicKey = options.consumerPublicKey;
  let consumerPrivateKey: string | undefined;
  if (emulation?.rsaConsumer === true && consumerPublicKey === undefined) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    consumerPrivateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    consumerPublicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  }
  if (consumerPublicKey !== undefined) state.publicKeys.set(consumerKey, consumerPublicKey);
  const faults: SandboxFault[] = [...(options.failNext ?? [])].map((f) => ({ ...f }));
  const routes = new Map<string, SandboxRoute>();
  const register = (route: SandboxRoute): void => { for (const m of methodsOf(route)) routes.set(`${m} ${route.path}`, route); };
  for (const r of emulation !== undefined ? emulation.routes() : defaultRoutes(provider)) register(r);
  for (const r of options.redirects ?? []) {
    register({ method: '*', path: r.path, handle: () => ({ status: r.status ?? 307, headers: { location: r.to }, body: '' }) });
  }
  for (const r of options.routes ?? []) register(r);

  const services: SandboxServices = {
    provider, profile: baseProfile, state, now,
    autoApprove: options.autoApprove ?? false,
    omitCallbackConfirmed: options.omitCallbackConfirmed ?? false,
    tokenResponseFormat: options.tokenResponseFormat ?? 'form',
    error(problemOrCode: string | number, path: string, opts: EncodeErrorOptions = {}): SandboxReply {
      let reply: EncodedProviderError | undefined;
      if (baseProfile.encodeError !== undefined) {
        try { reply = baseProfile.encodeError(problemOrCode, path, opts); } catch { /* not in the provider's table: plain Problem Reporting below */ }
      }
      reply ??= encodeProblemReportError(typeof problemOrCode === 'string' ? problemOrCode : 'parameter_rejected', opts);
      const problem = problemOf(problemOrCode, reply, baseProfile.decodeError.bind(baseProfile));
      if (problem === undefined) return reply;
      // The body stays the provider's own; the reason rides beside it so an opaque code (Twitter's 32) can be told apart.
      // Details (acceptable timestamps, parameter lists) only where the provider itself reported them: a Twitter
      // client must still learn the clock from `Date`, as it did against Twitter.
      const details = reply.headers['www-authenticate'] !== undefined ? opts : {};
      return { ...reply, headers: { ...reply.headers, 'www-authenticate': problemReportHeader(problem, details, url) } };
    },
  };

  const takeFault = (method: string, path: string): SandboxFault | undefined => {
    const i = faults.findIndex((f) => f.path === path && (f.method === undefined || f.method.toUpperCase() === method));
    if (i === -1) return undefined;
    const f = faults[i]!;
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) faults.splice(i, 1);
    return f;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const host = req.headers.host ?? `127.0.0.1:${port}`;
    const url = `http://${host}${req.url ?? '/'}`;
    const parsed = new URL(url);
    const path = parsed.pathname;
    const record: SandboxRequestRecord = { method, path, authorization: req.headers.authorization !== undefined, oauth: {}, oauthIn: 'none' };
    state.requests.push(record);
    const send = (reply: SandboxReply): void => {
      record.status = reply.status;
      const headers = { date: new Date(now()).toUTCString(), ...(reply.headers ?? {}) };
      const body = reply.body ?? '';
      res.writeHead(reply.status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
    };
    const route = routes.get(`${method} ${path}`) ?? routes.get(`* ${path}`);
    if (route === undefined) {
      const known = [...routes.values()].some((r) => r.path === path);
      req.resume();
      send(known ? jsonReply(405, { error: `${method} is not allowed on ${path}` }) : jsonReply(404, { error: `no such resource: ${path}` }));
      return;
    }
    let form: Parameters | undefined;
    let formIsBody = false;
    if (route.body !== 'raw') {
      const raw = await readBody(req, FORM_LIMIT);
      if (raw === undefined) { send(jsonReply(413, { error: 'request body too large' })); return; }
      if (raw.length > 0 && isFormContentType(req.headers['content-type'])) {
        try { form = parseFormEncoded(raw.toString('utf8')); formIsBody = true; } catch {
          send(services.error('parameter_rejected', path, { advice: 'the form body is not valid percent-encoding' }));
          return;
        }
      }
    }
    if (route.auth === undefined) {
      observeProtocolParameters({
        method, url, ...(req.headers.authorization !== undefined ? { authorization: req.headers.authorization } : {}),
        ...(form !== undefined ? { form } : {}), formIsBody,
      }, record);
    }
    let faultApplied = false;
    const authenticate = async (kind: AuthenticationKind, signedForm?: Parameters): Promise<SandboxAuthOutcome> => {
      const f = signedForm ?? form;
      const result = await authenticateRequest({
        method, url,
        ...(req.headers.authorization !== undefined ? { authorization: req.headers.authorization } : {}),
        ...(f !== undefined ? { form: f } : {}),
        formIsBody: signedForm === undefined && formIsBody,
      }, kind, state, { now, timestampWindow: window, signatureMethods: emulation?.signatureMethods ?? [baseProfile.signatureMethod], ...(options.nonceStore ? { nonceStore: options.nonceStore } : {}), ...(options.acceptVersions ? { acceptVersions: options.acceptVersions } : {}) }, record);
      if (!result.ok) {
        record.problem = result.problem;
        return { ok: false, problem: result.problem, reply: services.error(result.problem, path, result.details) };
      }
      const fault = faultApplied ? undefined : takeFault(method, path);
      faultApplied = true;
      if (fault !== undefined) return { ok: false, problem: 'fault_injected', reply: unavailable(provider, path, fault.status ?? 503) };
      return result;
    };
    const ctx: SandboxRouteContext = { req, method, path, url, query: parsed.searchParams, record, sandbox: services, authenticate };
    if (form !== undefined) ctx.form = form;
    if (route.auth !== undefined) {
      const outcome = await authenticate(route.auth);
      if (!outcome.ok) { send(outcome.reply); return; }
      ctx.auth = outcome;
    } else if (route.body !== 'raw') {
      const fault = takeFault(method, path);
      faultApplied = true;
      if (fault !== undefined) { send(unavailable(provider, path, fault.status ?? 503)); return; }
    }
    send(await route.handle(ctx));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: 'sandbox internal error', detail: e instanceof Error ? e.message : String(e) }));
      } else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const profile = withBaseUrl(baseProfile, url);
  return {
    url, port, provider, profile, consumerKey, consumerSecret, state, requests: state.requests,
    ...(consumerPublicKey !== undefined ? { consumerPublicKey } : {}),
    ...(consumerPrivateKey !== undefined ? { consumerPrivateKey } : {}),
    registerRoute: register,
    failNext: (fault) => { faults.push({ ...fault }); },
    addAccessToken: (t) => { state.addAccessToken(t); },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
