// Specs for verifyRequest against a real node:http server on 127.0.0.1, signed by an independent signer.

import { expect } from 'chai';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import {
  verifyRequest, OAuthRequestRejected, sendOAuthRejection, MemoryNonceStore, HMAC_SHA1, oauthMiddleware, koaOAuth,
  wwwAuthenticate, type VerifyRequestOptions, type SignatureMethod, type KoaLikeContext, type OAuthVerifiedIncomingMessage,
} from '../../src/index.js';
import { RedisNonceStore } from '../../src/server/redis.js';
import { independentSign, type IndependentSignInput } from '../core/independent-signer.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped CommonJS peer
const OAuth1a: any = require('oauth-1.0a');

const CONSUMERS = new Map([
  ['dpf43f3p2l4k3l03', { secret: 'kd94hf93k423kf44' }],
  ['xvz1evFS4wEEPTGEFPHBog', { secret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw' }],
]);
const TOKENS = new Map([['nnch734d00sl2jdk', { secret: 'pfkkdhi9sl3r4s00' }]]);
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
CONSUMERS.set('rsa-consumer', { publicKey: rsa.publicKey } as never);

const KEY = 'dpf43f3p2l4k3l03';
const SECRET = 'kd94hf93k423kf44';
const TOKEN = 'nnch734d00sl2jdk';
const TOKEN_SECRET = 'pfkkdhi9sl3r4s00';

function baseOptions(extra: Partial<VerifyRequestOptions> = {}): VerifyRequestOptions {
  return {
    lookupConsumer: async (key) => CONSUMERS.get(key),
    lookupToken: async (_key, token) => TOKENS.get(token),
    nonceStore: new MemoryNonceStore(),
    realm: 'Example',
    ...extra,
  };
}

interface Reply { status: number; www: string | null; text: string; json?: Record<string, unknown> }

/** Reads one Problem Reporting parameter from a WWW-Authenticate value (independent of src/). */
function problemParam(www: string | null, name: string): string | undefined {
  const m = new RegExp(`${name}="([^"]*)"`).exec(www ?? '');
  return m ? decodeURIComponent(m[1]!) : undefined;
}

describe('verifyRequest over node:http', () => {
  let server: Server;
  let origin: string;
  let options: VerifyRequestOptions;
  let lastError: unknown;

  before(async () => {
    server = createServer((req, res) => {
      verifyRequest(req, options).then(
        (v) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ consumerKey: v.consumerKey, token: v.token ?? null, params: v.params, placement: v.placement, body: v.body?.toString('utf8') ?? null, form: v.form ?? null }));
        },
        (e: unknown) => {
          lastError = e;
          if (e instanceof OAuthRequestRejected) { sendOAuthRejection(res, e, { realm: options.realm ?? '' }); return; }
          res.writeHead(500); res.end(String(e));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => { await new Promise((resolve) => server.close(resolve)); });
  beforeEach(() => { options = baseOptions(); lastError = undefined; });

  async function send(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
    const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, www: res.headers.get('www-authenticate'), text, ...(res.status === 200 ? { json: JSON.parse(text) as Record<string, unknown> } : {}) };
  }
  function sign(input: Partial<IndependentSignInput> & { url?: string } = {}): ReturnType<typeof independentSign> {
    return independentSign({ method: 'GET', url: `${origin}/photos?file=vacation.jpg&size=original`, consumerKey: KEY, consumerSecret: SECRET, token: TOKEN, tokenSecret: TOKEN_SECRET, ...input });
  }
  async function sendSigned(s: ReturnType<typeof independentSign>, method = 'GET'): Promise<Reply> {
    return send(method, s.url, s.headers, s.body);
  }
  function expectRejected(r: Reply, status: number, problem: string): void {
    expect(r.status, r.text).to.equal(status);
    expect(problemParam(r.www, 'oauth_problem')).to.equal(problem);
    expect(r.www).to.match(/^OAuth realm="Example", oauth_problem="/);
    expect(new URLSearchParams(r.text).get('oauth_problem')).to.equal(problem);
  }

  it('verifyRequest accepts a header-signed GET from an independent RFC 5849 signer', async () => {
    const r = await sendSigned(sign({ realm: 'Photos' }));
    expect(r.status, r.text).to.equal(200);
    expect(r.json).to.include({ consumerKey: KEY, token: TOKEN, placement: 'header' });
    expect(r.json!.params).to.deep.equal([['file', 'vacation.jpg'], ['size', 'original']]);
  });

  it('verifyRequest accepts protocol parameters in the query', async () => {
    const r = await sendSigned(sign({ placement: 'query' }));
    expect(r.status, r.text).to.equal(200);
    expect(r.json).to.include({ placement: 'query' });
    expect(r.json!.params).to.deep.equal([['file', 'vacation.jpg'], ['size', 'original']]);
  });

  it('verifyRequest accepts a form POST with the parameters in the body and hands the body on', async () => {
    const s = sign({ method: 'POST', url: `${origin}/1.1/statuses/update.json?include_entities=true`, form: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']], placement: 'form' });
    const r = await sendSigned(s, 'POST');
    expect(r.status, r.text).to.equal(200);
    expect(r.json).to.include({ placement: 'form', body: s.body });
    expect(r.json!.params).to.deep.equal([['include_entities', 'true'], ['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']]);
  });

  it('verifyRequest accepts a header-signed form POST (Twitter-shaped) and keeps the form', async () => {
    const s = sign({ method: 'POST', url: `${origin}/1.1/statuses/update.json?include_entities=true`, form: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']] });
    const r = await sendSigned(s, 'POST');
    expect(r.status, r.text).to.equal(200);
    expect(r.json!.form).to.deep.equal([['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']]);
  });

  it('verifyRequest accepts a request signed by oauth-1.0a (HMAC-SHA1, header)', async () => {
    const { createHmac } = await import('node:crypto');
    const oauth = new OAuth1a({
      consumer: { key: KEY, secret: SECRET },
      signature_method: 'HMAC-SHA1',
      hash_function: (base: string, key: string) => createHmac('sha1', key).update(base).digest('base64'),
    });
    const url = `${origin}/photos?size=original`;
    const header = oauth.toHeader(oauth.authorize({ url, method: 'GET' }, { key: TOKEN, secret: TOKEN_SECRET })) as { Authorization: string };
    const r = await send('GET', url, { authorization: header.Authorization });
    expect(r.status, r.text).to.equal(200);
  });

  it('verifyRequest accepts RSA-SHA1 against the consumer public key', async () => {
    const r = await sendSigned(sign({ consumerKey: 'rsa-consumer', token: undefined, signatureMethod: 'RSA-SHA1', privateKey: rsa.privateKey }));
    expect(r.status, r.text).to.equal(200);
  });

  it('verifyRequest rejects a replayed nonce with 401 nonce_used', async () => {
    const s = sign();
    expect((await sendSigned(s)).status).to.equal(200);
    expectRejected(await sendSigned(s), 401, 'nonce_used');
  });

  it('verifyRequest does not spend the nonce of a request whose signature is invalid', async () => {
    const good = sign({ nonce: 'sharedNonce123' });
    const forged = sign({ nonce: 'sharedNonce123', tokenSecret: 'wrong-secret' });
    expectRejected(await sendSigned(forged), 401, 'signature_invalid');
    expect((await sendSigned(good)).status).to.equal(200);
  });

  it('verifyRequest rejects a timestamp outside the window with 401 timestamp_refused and oauth_acceptable_timestamps', async () => {
    const now = Math.floor(Date.now() / 1000);
    const r = await sendSigned(sign({ timestamp: now - 301 - 5 }));
    expectRejected(r, 401, 'timestamp_refused');
    const [lo, hi] = problemParam(r.www, 'oauth_acceptable_timestamps')!.split('-').map(Number);
    expect(lo).to.be.within(now - 302, now - 298);
    expect(hi! - lo!).to.equal(600);
    expect(lastError).to.be.instanceOf(OAuthRequestRejected);
    expect((lastError as OAuthRequestRejected).code).to.equal('ERR_OAUTH_REQUEST_REJECTED');
    expect((lastError as OAuthRequestRejected).message).to.match(/^oauth_timestamp \d+ is more than 300 s from the server clock \d+$/);
  });

  it('verifyRequest rejects a tampered query parameter with 401 signature_invalid', async () => {
    const s = sign();
    expectRejected(await send('GET', s.url.replace('size=original', 'size=small'), s.headers), 401, 'signature_invalid');
  });

  it('verifyRequest rejects a tampered form body with 401 signature_invalid', async () => {
    const s = sign({ method: 'POST', form: [['amount', '10']] });
    expectRejected(await send('POST', s.url, s.headers, s.body!.replace('10', '1000')), 401, 'signature_invalid');
  });

  it('verifyRequest rejects a duplicated protocol parameter in the query with 400 parameter_rejected', async () => {
    const s = sign({ placement: 'query' });
    const r = await send('GET', s.url + '&oauth_nonce=another', s.headers);
    expectRejected(r, 400, 'parameter_rejected');
    expect(problemParam(r.www, 'oauth_parameters_rejected')).to.equal('oauth_nonce');
  });

  it('verifyRequest rejects a duplicated protocol parameter in the header with 400 parameter_rejected', async () => {
    const s = sign();
    const r = await send('GET', s.url, { authorization: s.headers.authorization + ', oauth_nonce="again"' });
    expectRejected(r, 400, 'parameter_rejected');
    expect((lastError as OAuthRequestRejected).message).to.match(/^malformed Authorization header: parameter "oauth_nonce" appears twice/);
  });

  it('verifyRequest rejects protocol parameters in two places with 400 parameter_rejected', async () => {
    const s = sign();
    const r = await send('GET', s.url + '&oauth_token=' + TOKEN, s.headers);
    expectRejected(r, 400, 'parameter_rejected');
    expect((lastError as OAuthRequestRejected).message).to.equal('protocol parameters were sent in the Authorization header and the query; send them in exactly one place');
  });

  it('verifyRequest rejects a missing oauth_nonce with 400 parameter_absent and oauth_parameters_absent', async () => {
    const s = sign();
    const header = s.headers.authorization!.replace(/, oauth_nonce="[^"]*"/, '');
    const r = await send('GET', s.url, { authorization: header });
    expectRejected(r, 400, 'parameter_absent');
    expect(problemParam(r.www, 'oauth_parameters_absent')).to.equal('oauth_nonce');
  });

  it('verifyRequest rejects a request with no OAuth parameters with 400 parameter_absent', async () => {
    const r = await send('GET', `${origin}/photos`);
    expectRejected(r, 400, 'parameter_absent');
    expect(problemParam(r.www, 'oauth_parameters_absent')).to.equal('oauth_consumer_key&oauth_signature_method&oauth_signature&oauth_timestamp&oauth_nonce');
  });

  it('verifyRequest rejects an unknown consumer key with 401 consumer_key_unknown after computing a signature', async () => {
    let verifications = 0;
    const counting: SignatureMethod = { ...HMAC_SHA1, verify: (b, s, k) => { verifications++; return HMAC_SHA1.verify(b, s, k); } };
    options = baseOptions({ signatureMethods: [counting] });
    expectRejected(await sendSigned(sign({ consumerKey: 'nobody' })), 401, 'consumer_key_unknown');
    expect(verifications).to.equal(1);
    expect((lastError as OAuthRequestRejected).details.consumerKey).to.equal('nobody');
  });

  it('verifyRequest rejects an unknown token with 401 token_rejected', async () => {
    expectRejected(await sendSigned(sign({ token: 'unknown-token' })), 401, 'token_rejected');
  });

  it('verifyRequest rejects a signature method outside the allow-list with 400 signature_method_rejected', async () => {
    const r = await sendSigned(sign({ signatureMethod: 'HMAC-SHA256' }));
    expect(r.status).to.equal(200);
    options = baseOptions({ signatureMethods: ['HMAC-SHA1'] });
    expectRejected(await sendSigned(sign({ signatureMethod: 'HMAC-SHA256' })), 400, 'signature_method_rejected');
    expect((lastError as OAuthRequestRejected).message).to.equal('signature method "HMAC-SHA256" is not accepted here; accepted: HMAC-SHA1');
  });

  it('verifyRequest refuses PLAINTEXT by default and accepts it when listed', async () => {
    expectRejected(await sendSigned(sign({ signatureMethod: 'PLAINTEXT' })), 400, 'signature_method_rejected');
    options = baseOptions({ signatureMethods: ['PLAINTEXT'] });
    expect((await sendSigned(sign({ signatureMethod: 'PLAINTEXT' }))).status).to.equal(200);
  });

  it('verifyRequest rejects oauth_version other than 1.0 with 400 version_rejected', async () => {
    const r = await sendSigned(sign({ version: '2.0' }));
    expectRejected(r, 400, 'version_rejected');
    expect(problemParam(r.www, 'oauth_acceptable_versions')).to.equal('1.0-1.0');
    expect((await sendSigned(sign({ version: null }))).status).to.equal(200);
  });

  it('verifyRequest refuses oauth_version="1.0A" by default and accepts it when acceptVersions lists it', async () => {
    const r = await sendSigned(sign({ version: '1.0A' }));
    expectRejected(r, 400, 'version_rejected');
    expect((lastError as OAuthRequestRejected).message).to.equal('oauth_version must be absent or "1.0", got "1.0A" (node-oauth sends "1.0A"; the server may accept it with acceptVersions)');
    options = baseOptions({ acceptVersions: ['1.0', '1.0A'] });
    expect((await sendSigned(sign({ version: '1.0A' }))).status).to.equal(200);
    expect((await sendSigned(sign({ version: '1.0' }))).status).to.equal(200);
    const other = await sendSigned(sign({ version: '2.0' }));
    expectRejected(other, 400, 'version_rejected');
    expect(problemParam(other.www, 'oauth_acceptable_versions')).to.equal('1.0-1.0A');
  });

  it('verifyRequest refuses more than maxParameters parameters with 400 parameter_rejected, before decoding them', async () => {
    const form: Array<[string, string]> = Array.from({ length: 995 }, (_, i) => [`p${i}`, 'v']);
    // 995 form + 2 query + 7 protocol parameters in the header = 1004 > 1000.
    const r = await sendSigned(sign({ method: 'POST', form }), 'POST');
    expectRejected(r, 400, 'parameter_rejected');
    expect((lastError as OAuthRequestRejected).message).to.equal('the request carries 1004 parameters (query, form body and Authorization header); at most 1000 are accepted');
    options = baseOptions({ maxParameters: 1004 });
    expect((await sendSigned(sign({ method: 'POST', form }), 'POST')).status).to.equal(200);
  });

  it('verifyRequest limits form bodies to maxFormBytes (64 KiB by default) and other bodies to maxBodyBytes', async () => {
    const s = sign({ method: 'POST', form: [['blob', 'x'.repeat(70_000)]] });
    const r = await sendSigned(s, 'POST');
    expectRejected(r, 413, 'body_too_large');
    expect((lastError as OAuthRequestRejected).message).to.equal('the request body is larger than 65536 bytes');
    options = baseOptions({ maxFormBytes: 100_000 });
    expect((await sendSigned(sign({ method: 'POST', form: [['blob', 'x'.repeat(70_000)]] }), 'POST')).status).to.equal(200);
  });

  it('verifyRequest refuses a 1 MiB "a&a&…" form body with 413 before parsing it', async () => {
    const s = sign({ method: 'POST' });
    const r = await send('POST', s.url, { ...s.headers, 'content-type': 'application/x-www-form-urlencoded' }, 'a&'.repeat(512 * 1024));
    expectRejected(r, 413, 'body_too_large');
  });

  it('verifyRequest: one consumer key flooding the memory store gets 503 nonce_store_full, another key still passes', async () => {
    options = baseOptions({ nonceStore: new MemoryNonceStore({ maxEntries: 100, maxEntriesPerConsumer: 3 }) });
    for (let i = 0; i < 3; i++) expect((await sendSigned(sign())).status).to.equal(200);
    const r = await sendSigned(sign());
    expectRejected(r, 503, 'nonce_store_full');
    const other = sign({ consumerKey: 'xvz1evFS4wEEPTGEFPHBog', consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw', token: undefined, tokenSecret: undefined });
    expect((await sendSigned(other)).status).to.equal(200);
  });

  it('verifyRequest rejects an over-long or non-ASCII nonce with 400 parameter_rejected', async () => {
    expectRejected(await sendSigned(sign({ nonce: 'n'.repeat(129) })), 400, 'parameter_rejected');
    expectRejected(await sendSigned(sign({ nonce: 'nonce with space' })), 400, 'parameter_rejected');
    expectRejected(await sendSigned(sign({ nonce: 'nöncé' })), 400, 'parameter_rejected');
  });

  it('verifyRequest rejects a body over maxBodyBytes with 413 body_too_large (declared length)', async () => {
    options = baseOptions({ maxBodyBytes: 1024 });
    const s = sign({ method: 'POST', form: [['blob', 'x'.repeat(2000)]] });
    const r = await sendSigned(s, 'POST');
    expectRejected(r, 413, 'body_too_large');
    expect((lastError as OAuthRequestRejected).message).to.equal('the request body is larger than 1024 bytes');
  });

  it('verifyRequest rejects a chunked body over maxBodyBytes with 413 body_too_large without buffering it', async () => {
    options = baseOptions({ maxBodyBytes: 1024 });
    const s = sign({ method: 'POST', form: [['blob', 'x'.repeat(10)]] });
    const status = await new Promise<number>((resolve, rejectP) => {
      const req = httpRequest(s.url, { method: 'POST', headers: { ...s.headers, 'transfer-encoding': 'chunked' } }, (res) => { res.resume(); resolve(res.statusCode!); });
      req.on('error', rejectP);
      for (let i = 0; i < 8; i++) req.write('blob=' + 'y'.repeat(500));
      req.end();
    });
    expect(status).to.equal(413);
    expect((lastError as OAuthRequestRejected).problem).to.equal('body_too_large');
  });

  it('verifyRequest requires oauth_token when requireToken is set', async () => {
    options = baseOptions({ requireToken: true });
    const r = await sendSigned(sign({ token: undefined }));
    expectRejected(r, 400, 'parameter_absent');
    expect(problemParam(r.www, 'oauth_parameters_absent')).to.equal('oauth_token');
  });

  it('verifyRequest fails closed with 503 when the Redis nonce store is unreachable', async () => {
    const store = new RedisNonceStore({ url: 'redis://:hunter2@127.0.0.1:1', connectTimeoutMs: 300 });
    options = baseOptions({ nonceStore: store });
    const r = await sendSigned(sign());
    expectRejected(r, 503, 'nonce_store_unavailable');
    const e = lastError as OAuthRequestRejected;
    expect(e.code).to.equal('ERR_OAUTH_REQUEST_REJECTED');
    expect(e.message).to.match(/^the nonce could not be recorded: Redis nonce store at redis:\/\/:\*\*\*@127\.0\.0\.1:1: cannot connect/);
    expect(JSON.stringify(e.toJSON())).not.to.include('hunter2');
    await store.close();
  });

  it('verifyRequest rejections carry no secrets in message, toJSON or the response', async () => {
    const r = await sendSigned(sign({ tokenSecret: 'wrong' }));
    expectRejected(r, 401, 'signature_invalid');
    const logged = JSON.stringify((lastError as OAuthRequestRejected).toJSON()) + (lastError as Error).message + r.text + r.www;
    for (const secret of [SECRET, TOKEN_SECRET]) expect(logged).not.to.include(secret);
    expect((lastError as OAuthRequestRejected).toJSON()).to.deep.equal({
      code: 'ERR_OAUTH_REQUEST_REJECTED', message: 'the HMAC-SHA1 signature does not match the request', problem: 'signature_invalid', status: 401, consumerKey: KEY,
    });
  });
});

describe('verifyRequest on in-memory requests', () => {
  const url = 'https://api.example.com/1.1/statuses/update.json?include_entities=true';

  it('verifyRequest verifies a PlainHttpRequest (Twitter-sized, fixed clock)', async () => {
    const ts = 1318622958;
    const s = independentSign({ method: 'POST', url, consumerKey: 'xvz1evFS4wEEPTGEFPHBog', consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw', token: TOKEN, tokenSecret: TOKEN_SECRET, nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', timestamp: ts, form: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']] });
    const v = await verifyRequest({ method: 'POST', url: s.url, headers: s.headers, body: s.body! }, baseOptions({ now: () => ts * 1000 + 999 }));
    expect(v).to.include({ consumerKey: 'xvz1evFS4wEEPTGEFPHBog', token: TOKEN, signatureMethod: 'HMAC-SHA1', timestamp: ts, nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', method: 'POST' });
    expect(v.oauthParams.map((p) => p[0])).not.to.include('oauth_signature');
  });

  it('independentSign reproduces the published Twitter base string signature (hCtSmYh+iHYCEqBWrE7C7hYmtUk=)', () => {
    const s = independentSign({ method: 'POST', url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true', consumerKey: 'xvz1evFS4wEEPTGEFPHBog', consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw', token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE', nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', timestamp: 1318622958, form: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']] });
    expect(s.oauth.find((p) => p[0] === 'oauth_signature')![1]).to.equal('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('verifyRequest rejects two Authorization fields with 400 parameter_rejected', async () => {
    const s = independentSign({ method: 'GET', url, consumerKey: KEY, consumerSecret: SECRET });
    const err = await verifyRequest({ method: 'GET', url: s.url, headers: { authorization: [s.headers.authorization!, s.headers.authorization!] } }, baseOptions()).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(OAuthRequestRejected);
    expect((err as OAuthRequestRejected).problem).to.equal('parameter_rejected');
    expect((err as OAuthRequestRejected).message).to.equal('the request carries 2 authorization header fields; send exactly one');
  });

  it('verifyRequest rejects a malformed percent-encoding in the query with 400 parameter_rejected', async () => {
    const err = await verifyRequest({ method: 'GET', url: url + '&x=%zz', headers: {} }, baseOptions()).then(() => undefined, (e: unknown) => e) as OAuthRequestRejected;
    expect(err.status).to.equal(400);
    expect(err.message).to.match(/^malformed query: malformed percent-encoding at offset \d+/);
  });

  it('verifyRequest throws TypeError for options without lookupConsumer', async () => {
    const err = await verifyRequest({ method: 'GET', url, headers: {} }, {} as VerifyRequestOptions).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(TypeError);
    expect((err as Error).message).to.equal('options.lookupConsumer must be a function (consumerKey) => {secret} | {publicKey} | undefined');
  });

  it('verifyRequest checks oauth_body_hash against a non-form body', async () => {
    const { createHash } = await import('node:crypto');
    const body = '{"a":1}';
    const hash = createHash('sha1').update(body).digest('base64');
    const s = independentSign({ method: 'PUT', url, consumerKey: KEY, consumerSecret: SECRET, extra: [['oauth_body_hash', hash]] });
    const headers = { ...s.headers, 'content-type': 'application/json' };
    const v = await verifyRequest({ method: 'PUT', url: s.url, headers, body }, baseOptions());
    expect(v.body?.toString()).to.equal(body);
    const err = await verifyRequest({ method: 'PUT', url: s.url, headers, body: '{"a":2}' }, baseOptions()).then(() => undefined, (e: unknown) => e) as OAuthRequestRejected;
    expect(err.problem).to.equal('signature_invalid');
    expect(err.message).to.equal('oauth_body_hash does not match the body');
  });

  it('verifyRequest enforces requiredParameters with parameter_absent (oauth_callback on a temporary-credentials endpoint)', async () => {
    const s = independentSign({ method: 'POST', url, consumerKey: KEY, consumerSecret: SECRET });
    const err = await verifyRequest({ method: 'POST', url: s.url, headers: s.headers }, baseOptions({ requiredParameters: ['oauth_callback'] })).then(() => undefined, (e: unknown) => e) as OAuthRequestRejected;
    expect(err.problem).to.equal('parameter_absent');
    expect(err.details.parametersAbsent).to.deep.equal(['oauth_callback']);
    expect(err.message).to.equal('missing protocol parameter oauth_callback');
    const ok = independentSign({ method: 'POST', url, consumerKey: KEY, consumerSecret: SECRET, extra: [['oauth_callback', 'oob']] });
    const v = await verifyRequest({ method: 'POST', url: ok.url, headers: ok.headers }, baseOptions({ requiredParameters: ['oauth_callback'] }));
    expect(new Map(v.oauthParams).get('oauth_callback')).to.equal('oob');
  });

  it('verifyRequest signs extraSignedParams like form parameters (multipart text fields)', async () => {
    const fields: Array<[string, string]> = [['status', 'hello multipart']];
    const s = independentSign({ method: 'POST', url, consumerKey: KEY, consumerSecret: SECRET, form: fields });
    const headers = { authorization: s.headers.authorization!, 'content-type': 'multipart/form-data; boundary=x' };
    const v = await verifyRequest({ method: 'POST', url: s.url, headers, extraSignedParams: fields }, baseOptions());
    expect(v.consumerKey).to.equal(KEY);
    const err = await verifyRequest({ method: 'POST', url: s.url, headers, extraSignedParams: [['status', 'changed']] }, baseOptions()).then(() => undefined, (e: unknown) => e) as OAuthRequestRejected;
    expect(err.problem).to.equal('signature_invalid');
  });

  it('verifyRequest treats an empty oauth_token as no token (signed as sent), and requireToken refuses it', async () => {
    const s = independentSign({ method: 'GET', url, consumerKey: KEY, consumerSecret: SECRET, extra: [['oauth_token', '']] });
    const v = await verifyRequest({ method: 'GET', url: s.url, headers: s.headers }, baseOptions());
    expect(v.token).to.equal(undefined);
    expect(new Map(v.oauthParams).get('oauth_token')).to.equal('');
    const err = await verifyRequest({ method: 'GET', url: s.url, headers: s.headers }, baseOptions({ requireToken: true })).then(() => undefined, (e: unknown) => e) as OAuthRequestRejected;
    expect(err.problem).to.equal('parameter_absent');
    expect(err.details.parametersAbsent).to.deep.equal(['oauth_token']);
  });

  it('wwwAuthenticate escapes the realm and percent-encodes values', () => {
    const e = new OAuthRequestRejected('parameter_absent', 'x', { parametersAbsent: ['oauth_nonce', 'oauth_timestamp'] });
    expect(wwwAuthenticate(e, 'a "quoted" realm')).to.equal('OAuth realm="a \\"quoted\\" realm", oauth_problem="parameter_absent", oauth_parameters_absent="oauth_nonce%26oauth_timestamp"');
  });
});

describe('oauthMiddleware and koaOAuth', () => {
  let server: Server;
  let origin: string;
  const seen: string[] = [];
  const opts = baseOptions();
  const mw = oauthMiddleware(opts);
  const koa = koaOAuth(baseOptions());

  before(async () => {
    server = createServer((req, res) => {
      if (req.url!.startsWith('/koa')) {
        const headers: Record<string, string> = {};
        const ctx: KoaLikeContext = { req, state: {}, status: 404, body: undefined, set: (f, v) => { headers[f] = v; } };
        koa(ctx, async () => { ctx.status = 200; ctx.body = `koa ${(ctx.state.oauth as { consumerKey: string }).consumerKey}`; }).then(() => {
          res.writeHead(ctx.status, headers); res.end(String(ctx.body));
        }, () => { res.writeHead(500); res.end(); });
        return;
      }
      // Express rewrites req.url under a mount point and keeps the original in req.originalUrl.
      (req as { originalUrl?: string }).originalUrl = req.url;
      req.url = '/';
      mw(req, res, (err) => {
        if (err) { res.writeHead(500); res.end(); return; }
        seen.push((req as OAuthVerifiedIncomingMessage).oauth.consumerKey);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => { await new Promise((resolve) => server.close(resolve)); });

  it('oauthMiddleware puts the verified request on req.oauth and calls next, using originalUrl', async () => {
    const s = independentSign({ method: 'GET', url: `${origin}/mounted/path?x=1`, consumerKey: KEY, consumerSecret: SECRET });
    const res = await fetch(s.url, { headers: s.headers });
    expect(res.status).to.equal(200);
    expect(seen).to.deep.equal([KEY]);
  });

  it('oauthMiddleware answers a rejection itself with 401 and WWW-Authenticate', async () => {
    const s = independentSign({ method: 'GET', url: `${origin}/x`, consumerKey: KEY, consumerSecret: 'wrong' });
    const res = await fetch(s.url, { headers: s.headers });
    expect(res.status).to.equal(401);
    expect(res.headers.get('www-authenticate')).to.equal('OAuth realm="Example", oauth_problem="signature_invalid"');
  });

  it('koaOAuth sets ctx.state.oauth or answers the rejection', async () => {
    const s = independentSign({ method: 'GET', url: `${origin}/koa`, consumerKey: KEY, consumerSecret: SECRET });
    const ok = await fetch(s.url, { headers: s.headers });
    expect(await ok.text()).to.equal(`koa ${KEY}`);
    const replay = await fetch(s.url, { headers: s.headers });
    expect(replay.status).to.equal(401);
    expect(replay.headers.get('www-authenticate')).to.equal('OAuth realm="Example", oauth_problem="nonce_used"');
  });
});

describe('verifyRequest and the NonceStore contract', () => {
  function signed(nonce: string): { method: string; url: string; headers: Record<string, string> } {
    const s = independentSign({ method: 'GET', url: 'https://api.example.com/x?a=1', consumerKey: KEY, consumerSecret: SECRET, nonce });
    return { method: 'GET', url: s.url, headers: s.headers };
  }

  it('verifyRequest calls a store\'s optional checkAndStorePartsSync instead of checkAndStore, with the nonce key\'s parts', async () => {
    const calls: unknown[][] = [];
    const store = {
      checkAndStore: (): Promise<boolean> => { throw new Error('checkAndStore must not be called when the synchronous method exists'); },
      checkAndStorePartsSync: (...args: unknown[]): boolean => { calls.push(args); return calls.length === 1; },
    };
    const req = signed('sync-nonce');
    const v = await verifyRequest(req, baseOptions({ nonceStore: store }));
    expect(calls).to.deep.equal([[KEY, undefined, 'sync-nonce', String(v.timestamp), v.timestamp, 300]]);
    let error: unknown;
    try { await verifyRequest(req, baseOptions({ nonceStore: store })); } catch (e) { error = e; }
    expect((error as OAuthRequestRejected).problem).to.equal('nonce_used');
  });

  it('verifyRequest uses checkAndStore(nonceKey(…)) on a store without the synchronous method', async () => {
    const keys: string[] = [];
    const store = { checkAndStore: async (key: string): Promise<boolean> => { keys.push(key); return true; } };
    const v = await verifyRequest(signed('async-nonce'), baseOptions({ nonceStore: store }));
    expect(keys).to.deep.equal([`16:${KEY}|0:|11:async-nonce|${v.timestamp}`]);
  });
});
