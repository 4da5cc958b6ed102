// No secret in any error: every exported OAuthError class, provoked with distinctive secrets over got, fetch, the flow, uploads, verification and signing.

import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { statSync } from 'node:fs';
import * as api from '../../src/index.js';
import { OAuthError } from '../../src/core/errors.js';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { rsaTestKey } from '../core/signature-methods/test-keys.js';
import { RedisNonceStore } from '../../src/server/redis.js';
import { RedisTemporaryCredentialStore } from '../../src/client/redis.js';

// Distinctive, unreserved characters only, so percent-encoding leaves them recognisable.
const CS = 'CSsecret-Q1x9Zt7v';
const TS = 'TSsecret-W8k2Lm3p';
const REDIS_PASSWORD = 'RPsecret-J4n7Vb2c';
const KEY = rsaTestKey();
// A line from the middle of the PEM body: long and unique to this key.
const KEY_LINE = KEY.privateKeyPem.split('\n')[5]!;
const SECRETS = [CS, TS, REDIS_PASSWORD, KEY_LINE];

/** Every view of an error a logger, a tracker or a person may see. */
function views(e: Error): Record<string, string> {
  return {
    message: e.message,
    stack: e.stack ?? '',
    inspect: inspect(e, { depth: Infinity }),
    'inspect (showHidden)': inspect(e, { depth: Infinity, showHidden: true }),
    json: JSON.stringify(e) ?? '',
  };
}

function leaksOf(e: Error): string[] {
  const out: string[] = [];
  for (const [where, text] of Object.entries(views(e))) {
    for (const s of SECRETS) if (text.includes(s)) out.push(`${where} contains ${s.slice(0, 12)}…`);
  }
  return out;
}

async function rejectionOf(p: Promise<unknown> | (() => unknown)): Promise<Error> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).to.be.instanceOf(Error);
    return e as Error;
  }
  throw new Error('expected an error');
}

/** The exported OAuthError classes (the base included), by name. */
const ERROR_CLASSES = Object.entries(api).filter(([, v]) => typeof v === 'function' && (v === OAuthError || (v as { prototype?: unknown }).prototype instanceof OAuthError)) as Array<[string, abstract new (...args: never[]) => OAuthError]>;

describe('secrets never appear in errors (issue 11 §2.1)', function () {
  const provoked: Array<{ scenario: string; error: Error }> = [];
  const sandboxes: SandboxProvider[] = [];
  const servers: Array<Server | TcpServer> = [];
  const sockets: Socket[] = [];
  let closedPort = 0;
  let silentUrl = '';
  let loopUrl = '';
  const creds = { consumerKey: 'secrets-spec-key', consumerSecret: CS, token: 'secrets-spec-token', tokenSecret: TS };
  const PLAIN = { signatureMethod: 'PLAINTEXT', retry: false } as const;

  const scenario = async (name: string, run: Promise<unknown> | (() => unknown)): Promise<Error> => {
    const error = await rejectionOf(run);
    provoked.push({ scenario: name, error });
    return error;
  };

  before(async () => {
    // A port that was just closed on loopback: connection refused.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    // A server that accepts and never answers: a timeout.
    const silent = createTcpServer((s) => { sockets.push(s); });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/slow`;
    // A server that redirects to itself forever.
    const loop = createServer((req, res) => { res.writeHead(302, { location: req.url ?? '/' }); res.end(); });
    await new Promise<void>((r) => loop.listen(0, '127.0.0.1', r));
    loopUrl = `http://127.0.0.1:${(loop.address() as AddressInfo).port}/loop`;
    servers.push(silent, loop);
  });

  after(async () => {
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await Promise.all(sandboxes.map((s) => s.close()));
  });

  const sandbox = async (options: Parameters<typeof createSandboxProvider>[0] = {}): Promise<SandboxProvider> => {
    const s = await createSandboxProvider({ consumerKey: creds.consumerKey, tokens: [{ token: creds.token, tokenSecret: 'another-secret' }], ...options });
    sandboxes.push(s);
    return s;
  };

  it('got transport: connection refused, timeout, redirect loop (PLAINTEXT, header and query placement)', async () => {
    const refused = `http://127.0.0.1:${closedPort}/r`;
    for (const placement of ['header', 'query'] as const) {
      const e = await scenario(`got refused (${placement})`, api.createOAuthGot(creds, { ...PLAIN, placement }).request({ url: refused }));
      expect((e as api.TransportError).code).to.equal('ERR_OAUTH_TRANSPORT');
      expect(e.message).to.equal(`GET ${refused} failed: ECONNREFUSED`);
    }
    const timedOut = await scenario('got timeout', api.createOAuthGot(creds, { ...PLAIN, timeout: { request: 150 } }).request({ url: silentUrl }));
    expect((timedOut as api.TransportError).code).to.equal('ERR_OAUTH_TRANSPORT_TIMEOUT');
    const loop = await scenario('got redirects', api.createOAuthGot(creds, { ...PLAIN, maxRedirects: 2 }).request({ url: loopUrl }));
    expect((loop as api.TransportError).code).to.equal('ERR_OAUTH_TRANSPORT_REDIRECTS');
  });

  it('got transport errors keep no credentials in the cause (no got options, request or response)', async () => {
    const e = await rejectionOf(api.createOAuthGot(creds, PLAIN).request({ url: `http://127.0.0.1:${closedPort}/r` }));
    const cause = e.cause as Error & Record<string, unknown>;
    expect(cause).to.be.instanceOf(Error);
    expect(cause.code).to.equal('ECONNREFUSED');
    expect(Object.keys(cause).sort()).to.include.members(['code']).and.not.include.members(['options', 'request', 'response', 'timings']);
  });

  it('a direct transport.got call rejects with a TransportError too, and got options hold only an opaque handle', async () => {
    const t = api.createOAuthGot(creds, PLAIN);
    const url = `http://127.0.0.1:${closedPort}/r`;
    const context = t.callContext({ url });
    expect(inspect(context, { depth: Infinity })).to.equal('{ oauth1: OAuthCallHandle {} }');
    const e = await scenario('transport.got direct', t.got(url, { context, retry: { limit: 0 } }));
    expect(e).to.be.instanceOf(api.TransportError);
    expect((e as api.TransportError).code).to.equal('ERR_OAUTH_TRANSPORT');
    expect(e.message).to.equal(`GET ${url} failed: ECONNREFUSED`);
  });

  it('fetch transport: connection refused, timeout, redirect loop', async () => {
    const refused = await scenario('fetch refused', api.createOAuthFetch(creds, PLAIN)(`http://127.0.0.1:${closedPort}/r`));
    expect((refused as api.TransportError).code).to.equal('ERR_OAUTH_TRANSPORT');
    const query = await scenario('fetch refused (query)', api.createOAuthFetch(creds, { ...PLAIN, placement: 'query' })(`http://127.0.0.1:${closedPort}/r`));
    expect((query as api.TransportError).code).to.equal('ERR_OAUTH_TRANSPORT');
    const timedOut = await scenario('fetch timeout', api.createOAuthFetch(creds, { ...PLAIN, timeout: 150 })(silentUrl));
    expect((timedOut as api.TransportError).code).to.equal('ERR_OAUTH_TRANSPORT_TIMEOUT');
    const loop = await scenario('fetch redirects', api.createOAuthFetch(creds, { ...PLAIN, maxRedirects: 2 })(loopUrl));
    expect((loop as api.TransportError).code).to.equal('ERR_OAUTH_TRANSPORT_REDIRECTS');
  });

  it('provider error bodies over got, fetch (PLAINTEXT) and OAuth1Client', async () => {
    for (const provider of ['weibo-v1', 'twitter'] as const) {
      const sb = await sandbox({ provider });
      const api1 = provider === 'twitter' ? '/1.1' : '';
      const url = `${sb.url}${api1}/account/verify_credentials.json`;
      const bad = await scenario(`got provider ${provider}`, api.createOAuthGot(creds, { profile: sb.profile, retry: false }).request({ url }));
      expect((bad as api.ProviderError).problem).to.equal('signature_invalid');
      const plain = await scenario(`fetch provider ${provider}`, api.createOAuthFetch(creds, { profile: sb.profile, ...PLAIN })(url));
      expect(plain).to.be.instanceOf(api.ProviderError);
      const client = new api.OAuth1Client({ profile: sb.profile, ...creds, retry: false });
      expect(await scenario(`client provider ${provider}`, client.request({ url }))).to.be.instanceOf(api.ProviderError);
    }
  });

  it('token response errors, callback not confirmed, callback errors, sandbox page errors', async () => {
    const sb = await sandbox({ omitCallbackConfirmed: true });
    const flowCreds = { consumerKey: creds.consumerKey, consumerSecret: sb.consumerSecret };
    const unconfirmed = await scenario('callback not confirmed', new api.OAuth1Client({ profile: sb.profile, ...flowCreds }).requestTemporaryCredentials({ callback: 'oob' }));
    expect(unconfirmed).to.be.instanceOf(api.CallbackNotConfirmedError);
    // Token responses that carry a secret but are broken: the excerpt must redact it.
    const broken = await sandbox();
    broken.registerRoute({ method: ['GET', 'POST'], path: '/oauth/request_token', handle: () => ({ status: 200, body: `oauth_token_secret=${TS}&user_id=1` }) });
    const noToken = await scenario('token response without oauth_token', new api.OAuth1Client({ profile: broken.profile, ...flowCreds }).requestTemporaryCredentials({ callback: 'oob' }));
    expect((noToken as api.TokenResponseError).code).to.equal('ERR_OAUTH_TOKEN_RESPONSE_INVALID');
    broken.registerRoute({ method: ['GET', 'POST'], path: '/oauth/access_token', handle: () => ({ status: 200, body: `oauth_token=t&oauth_token_secret=${TS}%zz` }) });
    const malformed = await scenario('token response malformed', api.requestTokenCredentials(api.createOAuthGot(flowCreds, { profile: broken.profile }), { token: 'x', tokenSecret: TS }, 'v'));
    expect(malformed).to.be.instanceOf(api.TokenResponseError);
    expect(await scenario('callback error', () => api.parseAuthorizationCallback(`http://127.0.0.1/cb?oauth_token=other&oauth_verifier=${TS}`, 'expected'))).to.be.instanceOf(api.CallbackError);
    broken.registerRoute({ method: 'GET', path: '/oauth/authorize', handle: () => ({ status: 500, body: '' }) });
    expect(await scenario('sandbox page', api.submitAuthorization(`${broken.url}/oauth/authorize?oauth_token=${TS}`, 'allow'))).to.be.instanceOf(OAuthError);
  });

  it('upload errors (missing file) through a signing transport', async () => {
    const sb = await sandbox();
    const e = await scenario('upload missing file', api.uploadMultipart(api.createOAuthGot(creds, { profile: sb.profile }), {
      url: `${sb.url}/statuses/upload.json`, fields: [['status', 'x']], files: [{ name: 'pic', path: `/nonexistent/${TS}.jpg`.replace(TS, 'no-such') }],
    }));
    expect((e as api.UploadError).code).to.equal('ERR_OAUTH_UPLOAD_FILE_MISSING');
  });

  it('chunked upload errors: a refused APPEND (cause: the provider error) through a signing transport', async () => {
    const sb = await sandbox({ provider: 'twitter' });
    const st = statSync('package.json');
    const resume: api.ChunkedUploadSession = {
      version: 1, url: `${sb.url}/1.1/media/upload.json`, mediaId: '1600000000000000000', path: 'package.json', size: st.size, mtimeMs: st.mtimeMs,
      mediaType: 'application/json', segmentSize: 1024 * 1024, segmentCount: 1, nextSegment: 0,
    };
    const e = await scenario('chunked APPEND refused', api.uploadMediaChunked(api.createOAuthGot(creds, { profile: sb.profile }), { path: 'package.json', mediaType: 'application/json', resume, retry: false }));
    expect((e as api.ChunkedUploadError).code).to.equal('ERR_OAUTH_CHUNKED_SEGMENT_FAILED');
  });

  it('verification errors: forged PLAINTEXT and HMAC signatures, a nonce store that cannot be reached', async () => {
    for (const signatureMethod of ['PLAINTEXT', 'HMAC-SHA1']) {
      const signed = api.signRequest({ method: 'GET', url: 'http://127.0.0.1/r', ...creds, signatureMethod });
      const e = await scenario(`verify ${signatureMethod}`, api.verifyRequest({ method: 'GET', url: signed.url, headers: { authorization: signed.authorization } }, {
        lookupConsumer: () => ({ secret: `${CS}-other` }), lookupToken: () => ({ secret: TS }),
        signatureMethods: ['PLAINTEXT', 'HMAC-SHA1'],
      }));
      expect((e as api.OAuthRequestRejected).problem).to.equal('signature_invalid');
    }
    const store = new RedisNonceStore({ url: `redis://:${REDIS_PASSWORD}@127.0.0.1:${closedPort}`, connectTimeoutMs: 500 });
    try {
      const e = await scenario('redis unreachable', store.checkAndStore('k', 1, 60));
      expect(e).to.be.instanceOf(api.NonceStoreError);
    } finally {
      await store.close?.().catch(() => undefined);
    }
    const tmpStore = new RedisTemporaryCredentialStore({ url: `redis://:${REDIS_PASSWORD}@127.0.0.1:${closedPort}` });
    try {
      const e = await scenario('redis temporary credential store unreachable', tmpStore.save({ token: creds.token, tokenSecret: TS }));
      expect(e).to.be.instanceOf(api.TemporaryCredentialStoreError);
    } finally {
      await tmpStore.close().catch(() => undefined);
    }
  });

  it('signing errors: bad URL, unknown method, bad key, token missing, bad timestamp, bad encoding, bad header', async () => {
    const base = { method: 'GET', url: 'http://127.0.0.1/r', ...creds };
    await scenario('sign bad url', () => api.signRequest({ ...base, url: '/relative?x=1' }));
    await scenario('sign unknown method', () => api.signRequest({ ...base, signatureMethod: 'HMAC-MD5' }));
    await scenario('sign bad key', () => api.signRequest({ ...base, signatureMethod: 'RSA-SHA1', privateKey: KEY.privateKeyPem.replace('-----END', 'garbage-----END') }));
    await scenario('sign token missing', () => api.signRequest({ ...base, token: undefined }));
    await scenario('sign bad timestamp', () => api.signRequest({ ...base, timestamp: '12a' as unknown as number }));
    await scenario('sign bad form body', () => api.signRequest({ ...base, method: 'POST', body: `a=${TS}%zz`, contentType: 'application/x-www-form-urlencoded' }));
    const header = api.signRequest({ ...base, signatureMethod: 'PLAINTEXT' }).authorization;
    await scenario('parse bad header', () => api.parseAuthorizationHeader(`${header}, broken="`));
    await scenario('profile invalid', () => api.defineProfile({ name: 'x', endpoints: { temporaryCredentials: `https://u:${CS}@127.0.0.1/t` } }));
    await scenario('fixtures missing', () => api.loadFixtures(`/nonexistent-${TS}`.replace(TS, 'dir')));
    await scenario('postman collection invalid', () => api.parsePostmanCollection(`{"info":{"name":"x"},"item":[{"name":"r","request":{"url":"https://x.example/","auth":{"type":"oauth1","oauth1":{"consumerSecret":"${CS}"}}}}]}`));
    await scenario('postman environment invalid', () => api.parsePostmanCollection('{"info":{"name":"x"},"item":[]}', `{"values":[{"value":"${TS}"}]}`));
    await scenario('postman request unknown', () => api.selectPostmanRequest(api.parsePostmanCollection(`{"info":{"name":"x"},"item":[{"name":"r","request":{"url":"https://x.example/?s=${CS}"}}]}`), `no-${TS}`.replace(TS, 'such')));
    // Raised only where the runtime has no node:crypto (the runtime suite meets it in workerd and Chromium); its message takes no input.
    await scenario('sync crypto unavailable', () => { throw new api.SyncCryptoUnavailableError('signRequest'); });
  });

  it('no provoked error shows a secret in message, stack, util.inspect (any depth, hidden too) or JSON', () => {
    const leaks = provoked.flatMap(({ scenario: s, error }) => leaksOf(error).map((l) => `${s}: ${l}`));
    expect(leaks).to.deep.equal([]);
    expect(provoked.length).to.be.above(30);
  });

  it('every exported OAuthError class was provoked at least once', () => {
    expect(ERROR_CLASSES.length).to.be.above(15);
    const missing = ERROR_CLASSES.filter(([, C]) => !provoked.some(({ error }) => error.constructor === C)).map(([n]) => n);
    expect(missing).to.deep.equal([]);
  });
});
