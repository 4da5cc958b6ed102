// Specs for src/tools/sandbox/upload.ts and uploadMultipart over real HTTP: the sandbox on 127.0.0.1, signing rules, retries, file errors.

import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { uploadRoute } from '../../../src/tools/sandbox/upload.js';
import { createOAuthGot } from '../../../src/client/transport/got.js';
import { uploadMultipart, UploadError } from '../../../src/client/multipart/index.js';
import type { MultipartSigningPolicy } from '../../../src/client/profile/profile.js';
import { OAuthError } from '../../../src/core/errors.js';
import { signRequest } from '../../../src/core/sign.js';
import { createMultipartBody } from '../../../src/client/multipart/index.js';

const TOKEN = { token: 'upload-spec-token', tokenSecret: 'upload-spec-token-secret' };
const sha1hex = (b: Buffer): string => createHash('sha1').update(b).digest('hex');

interface ErrorLike { code?: string; message: string; status?: number; problem?: string; providerCode?: string }

async function rejection(p: Promise<unknown>): Promise<ErrorLike> {
  try {
    await p;
  } catch (e) {
    return e as ErrorLike;
  }
  throw new Error('expected a rejection');
}

describe('sandbox upload endpoints', () => {
  let dir: string;
  let image: string;
  let imageBytes: Buffer;
  let weibo: SandboxProvider;
  let twitter: SandboxProvider;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oauth1-upload-spec-'));
    image = join(dir, 'cat.jpg');
    imageBytes = Buffer.alloc(2 * 1024 * 1024 + 123);
    for (let i = 0; i < imageBytes.length; i++) imageBytes[i] = (i * 7 + (i >> 11)) & 0xff;
    writeFileSync(image, imageBytes);
    weibo = await createSandboxProvider({ provider: 'weibo-v1', tokens: [TOKEN] });
    twitter = await createSandboxProvider({ provider: 'twitter', tokens: [TOKEN] });
  });
  after(async () => {
    await weibo?.close();
    await twitter?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const transportFor = (sandbox: SandboxProvider, retry?: { limit: number }) => createOAuthGot(
    { consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, ...TOKEN },
    { profile: sandbox.profile, retry: retry === undefined ? false : { ...retry, delayMs: 1 } },
  );
  const weiboUrl = () => `${weibo.url}/statuses/upload.json`;
  const twitterUrl = () => `${twitter.url}/1.1/statuses/update_with_media.json`;

  describe('weibo-v1 POST /statuses/upload.json', () => {
    it('accepts an upload signed under its profile rule (text-fields) and answers the SHA-1 of the file', async () => {
      const { response, explain } = await uploadMultipart(transportFor(weibo), { url: weiboUrl(), fields: [['status', 'a cat picture']], files: [{ name: 'pic', path: image }] });
      expect(response.status).to.equal(200);
      const answer = JSON.parse(response.body) as Record<string, unknown>;
      expect(answer).to.include({ text: 'a cat picture', pic_sha1: sha1hex(imageBytes), size: imageBytes.length });
      expect(answer.id).to.be.a('number');
      expect(explain!.policy).to.equal('text-fields');
      expect(explain!.policySource).to.equal('profile');
      // The profile adds Sina's `source=<app key>` as a signed text field.
      expect(explain!.signedFields).to.deep.equal(['source', 'status']);
      expect(explain!.parameters.filter((p) => p.source === 'multipart').map((p) => p.name)).to.deep.equal(['source', 'status']);
      expect(explain!.baseString).to.contain('status%3Da%2520cat%2520picture');
    });

    it('rejects an upload signed under the RFC rule (no field signed) with Weibo 40107 signature_invalid', async () => {
      const e = await rejection(uploadMultipart(transportFor(weibo), { url: weiboUrl(), fields: [['status', 'unsigned text']], files: [{ name: 'pic', path: image }], policy: 'none' }));
      expect(e.code).to.equal('ERR_OAUTH_PROVIDER');
      expect(e.status).to.equal(401);
      expect(e.providerCode).to.equal('40107');
      expect(e.problem).to.equal('signature_invalid');
      expect(e.message).to.contain('40107:Oauth Error: signature_invalid!');
    });

    it('rejects an upload that signs only some text fields (signedFields) with signature_invalid', async () => {
      const e = await rejection(uploadMultipart(transportFor(weibo), { url: weiboUrl(), fields: [['status', 'partly signed'], ['lat', '39.9']], files: [{ name: 'pic', path: image }], policy: 'text-fields', signedFields: ['status'] }));
      expect(e.problem).to.equal('signature_invalid');
      expect(e.providerCode).to.equal('40107');
    });

    it('round-trips non-ASCII status text (微博, emoji) byte-exact as raw UTF-8', async () => {
      const text = '微博上传测试 🐱🚀 naïve — ok';
      const { response } = await uploadMultipart(transportFor(weibo), { url: weiboUrl(), fields: [['status', text]], files: [{ name: 'pic', path: image }] });
      const answer = JSON.parse(response.body) as { text: string };
      expect(Buffer.from(answer.text, 'utf8').equals(Buffer.from(text, 'utf8'))).to.equal(true);
      expect(weibo.state.statuses.at(-1)!.text).to.equal(text);
    });

    it('accepts a percent-encoded status (the part carries it encoded, the base string encodes it twice more)', async () => {
      const text = '微博 🐱';
      const { response, explain } = await uploadMultipart(transportFor(weibo), { url: weiboUrl(), fields: [['status', text]], files: [{ name: 'pic', path: image }], textEncoding: 'percent' });
      expect((JSON.parse(response.body) as { text: string }).text).to.equal('%E5%BE%AE%E5%8D%9A%20%F0%9F%90%B1');
      expect(explain!.encodedTwice.find((f) => f.field === 'status')).to.deep.equal({
        field: 'status', value: text, inPart: '%E5%BE%AE%E5%8D%9A%20%F0%9F%90%B1',
        inNormalizedParameters: '%25E5%25BE%25AE%25E5%258D%259A%2520%25F0%259F%2590%25B1',
        inBaseString: '%2525E5%2525BE%2525AE%2525E5%25258D%25259A%252520%2525F0%25259F%252590%2525B1',
      });
    });

    it('retries after a 503 by re-reading the file and signing again with a new nonce', async () => {
      weibo.failNext({ path: '/statuses/upload.json', status: 503 });
      const progress: Array<{ attempt: number; bytesSent: number }> = [];
      const { response, attempts } = await uploadMultipart(transportFor(weibo, { limit: 2 }), { url: weiboUrl(), fields: [['status', 'after a 503']], files: [{ name: 'pic', path: image }] }, {
        retry: true, onProgress: (p) => progress.push({ attempt: p.attempt, bytesSent: p.bytesSent }),
      });
      expect(response.status).to.equal(200);
      expect(attempts).to.equal(2);
      expect((JSON.parse(response.body) as { pic_sha1: string }).pic_sha1).to.equal(sha1hex(imageBytes));
      const signed = response.attempts.map((a) => a.signed!.oauthParams.find(([n]) => n === 'oauth_nonce')![1]);
      expect(signed).to.have.length(2);
      expect(signed[0]).to.not.equal(signed[1]);
      // Both attempts streamed the whole body from byte 0: the file was opened twice.
      const total = progress.filter((p) => p.attempt === 0).at(-1)!.bytesSent;
      expect(progress.filter((p) => p.attempt === 1).at(-1)!.bytesSent).to.equal(total);
      expect(progress.find((p) => p.attempt === 1)!.bytesSent).to.be.lessThan(total);
      const log = weibo.requests.filter((r) => r.path === '/statuses/upload.json').slice(-2);
      expect(log.map((r) => r.status)).to.deep.equal([503, 200]);
      expect(log[0]!.oauth.oauth_nonce).to.equal(signed[0]);
      expect(log[1]!.oauth.oauth_nonce).to.equal(signed[1]);
    });

    it('answers 40009 to a request that is not multipart', async () => {
      const transport = transportFor(weibo);
      const e = await rejection(transport.request({ method: 'POST', url: weiboUrl(), form: [['status', 'no picture']] }));
      expect(e.providerCode).to.equal('40009');
      expect(e.message).to.contain('40009:Error: image is not multipart!');
    });
  });

  describe('twitter POST /1.1/statuses/update_with_media.json', () => {
    it('accepts an upload signed under its profile rule (none) and answers the SHA-1 of the file', async () => {
      const { response, explain } = await uploadMultipart(transportFor(twitter), { url: twitterUrl(), fields: [['status', 'media upload']], files: [{ name: 'media[]', path: image }] });
      expect(JSON.parse(response.body)).to.include({ text: 'media upload', media_sha1: sha1hex(imageBytes), size: imageBytes.length });
      expect(explain!.policy).to.equal('none');
      expect(explain!.signedFields).to.deep.equal([]);
      expect(explain!.parameters.every((p) => p.source === 'oauth' || p.source === 'query')).to.equal(true);
    });

    it('rejects an upload whose text fields were signed (the Weibo rule) with Twitter code 32', async () => {
      const e = await rejection(uploadMultipart(transportFor(twitter), { url: twitterUrl(), fields: [['status', 'signed text']], files: [{ name: 'media[]', path: image }], policy: 'text-fields' }));
      expect(e.code).to.equal('ERR_OAUTH_PROVIDER');
      expect(e.status).to.equal(401);
      expect(e.providerCode).to.equal('32');
      expect(e.problem).to.equal('signature_invalid');
      expect(e.message).to.contain('Could not authenticate you');
    });

    it('accepts the body-hash policy: oauth_body_hash over the exact multipart bytes verifies', async () => {
      const { response, explain } = await uploadMultipart(transportFor(twitter), { url: twitterUrl(), fields: [['status', 'hashed body 微博']], files: [{ name: 'media[]', path: image }], policy: 'body-hash' });
      expect(JSON.parse(response.body)).to.include({ text: 'hashed body 微博', media_sha1: sha1hex(imageBytes), size: imageBytes.length });
      expect(explain!.bodyHash).to.match(/^[A-Za-z0-9+/]{27}=$/);
      expect(twitter.requests.at(-1)!.oauth.oauth_body_hash).to.equal(explain!.bodyHash);
    });

    it('rejects an oauth_body_hash that does not match the bytes sent with signature_invalid', async () => {
      // A correctly signed request whose body differs from the hashed one (another boundary, same parts).
      const hashed = await createMultipartBody([['status', 'one body']], [{ name: 'media[]', path: image }], { boundary: 'boundary-one' });
      const sent = await createMultipartBody([['status', 'one body']], [{ name: 'media[]', path: image }], { boundary: 'boundary-two' });
      const { multipartBodyHash } = await import('../../../src/client/multipart/index.js');
      const signed = signRequest({ method: 'POST', url: twitterUrl(), consumerKey: twitter.consumerKey, consumerSecret: twitter.consumerSecret, ...TOKEN, bodyHash: await multipartBodyHash(hashed) });
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(twitterUrl(), { method: 'POST', headers: { authorization: signed.authorization, 'content-type': sent.contentType, 'content-length': sent.contentLength } }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => { text += c; }).on('end', () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        sent.open().pipe(req);
      });
      expect(status).to.equal(401);
      expect(JSON.parse(body)).to.deep.equal({ errors: [{ message: 'Could not authenticate you', code: 32 }] });
      expect(twitter.requests.at(-1)!.problem).to.equal('signature_invalid');
    });

    for (const policy of ['none', 'body-hash'] as MultipartSigningPolicy[]) {
      it(`sends ${policy} uploads with Content-Length and no chunked encoding`, async () => {
        let seen: Record<string, unknown> = {};
        const server: Server = createServer((req, res) => {
          seen = { length: req.headers['content-length'], te: req.headers['transfer-encoding'] };
          let n = 0;
          req.on('data', (c: Buffer) => { n += c.length; });
          req.on('end', () => { seen.received = n; res.writeHead(200, { 'content-type': 'application/json' }).end('{}'); });
        });
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        try {
          const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
          const { body } = await uploadMultipart(createOAuthGot({ consumerKey: 'k', consumerSecret: 's' }, { retry: false }), { url, fields: [['status', 'x']], files: [{ name: 'pic', path: image }], policy });
          expect(seen).to.deep.equal({ length: String(body.contentLength), te: undefined, received: body.contentLength });
        } finally {
          await new Promise<void>((r) => server.close(() => r()));
        }
      });
    }
  });

  describe('uploadRoute with a policy', () => {
    it('uploadRoute(twitter, { policy: body-hash }) requires oauth_body_hash and accepts a body-hash upload', async () => {
      const strict = await createSandboxProvider({ provider: 'twitter', tokens: [TOKEN], routes: [uploadRoute('twitter', { policy: 'body-hash' })] });
      try {
        const url = `${strict.url}/1.1/statuses/update_with_media.json`;
        const e = await rejection(uploadMultipart(transportFor(strict), { url, fields: [['status', 'no hash']], files: [{ name: 'media[]', path: image }], policy: 'none' }));
        expect(e.status).to.equal(400);
        expect(e.providerCode).to.equal('215');
        expect(e.problem).to.equal('parameter_absent');
        expect(strict.requests.at(-1)!.problem).to.equal('parameter_absent');
        const { response } = await uploadMultipart(transportFor(strict), { url, fields: [['status', 'hashed']], files: [{ name: 'media[]', path: image }], policy: 'body-hash' });
        expect(JSON.parse(response.body)).to.include({ media_sha1: sha1hex(imageBytes) });
      } finally {
        await strict.close();
      }
    });
  });

  describe('file errors', () => {
    it('a missing file fails with ERR_OAUTH_UPLOAD_FILE_MISSING before anything is sent', async () => {
      const before = weibo.requests.length;
      const missing = join(dir, 'missing.jpg');
      const e = await rejection(uploadMultipart(transportFor(weibo), { url: weiboUrl(), fields: [['status', 'x']], files: [{ name: 'pic', path: missing }] }));
      expect(e).to.be.instanceOf(UploadError);
      expect(e.code).to.equal('ERR_OAUTH_UPLOAD_FILE_MISSING');
      expect(e.message).to.equal(`file for field "pic" does not exist: ${missing}`);
      expect(weibo.requests.length).to.equal(before);
    });

    it('an unreadable file (a directory) fails with ERR_OAUTH_UPLOAD_FILE_UNREADABLE', async () => {
      const e = await rejection(uploadMultipart(transportFor(weibo), { url: weiboUrl(), fields: [['status', 'x']], files: [{ name: 'pic', path: dir }] }));
      expect(e).to.be.instanceOf(OAuthError);
      expect(e.code).to.equal('ERR_OAUTH_UPLOAD_FILE_UNREADABLE');
      expect(e.message).to.equal(`file for field "pic" cannot be read: ${dir} is a directory (EISDIR)`);
    });

    it('a file that grows during the upload fails with ERR_OAUTH_UPLOAD_FILE_CHANGED and the sandbox records no upload', async () => {
      const growing = join(dir, 'growing.jpg');
      writeFileSync(growing, Buffer.alloc(8 * 1024 * 1024, 7));
      const statusesBefore = weibo.state.statuses.length;
      let appended = false;
      const e = await rejection(uploadMultipart(transportFor(weibo), { url: weiboUrl(), fields: [['status', 'growing file']], files: [{ name: 'pic', path: growing }] }, {
        onProgress: () => { if (!appended) { appended = true; appendFileSync(growing, Buffer.alloc(4096, 1)); } },
      }));
      expect(e).to.be.instanceOf(UploadError);
      expect(e.code).to.equal('ERR_OAUTH_UPLOAD_FILE_CHANGED');
      expect(e.message).to.equal(`file for field "pic" changed size during the upload (expected ${8 * 1024 * 1024} bytes, read more than ${8 * 1024 * 1024}): ${growing}`);
      // Give the sandbox a moment to see the aborted connection; no status may be stored.
      await new Promise((r) => setTimeout(r, 50));
      expect(weibo.state.statuses.length).to.equal(statusesBefore);
    });
  });
});
