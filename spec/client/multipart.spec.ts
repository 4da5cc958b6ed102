// Specs for src/multipart: bodies of known length, file errors, signing policies, explain output, and signRequest's extraSignedParams.

import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { signRequest } from '../../src/core/sign.js';
import { OAuthError } from '../../src/core/errors.js';
import {
  createMultipartBody, multipartBodyHash, planMultipartSigning, explainMultipart, resolveMultipartPolicy,
  prepareMultipart, signMultipart, UploadError, type MultipartBody,
} from '../../src/client/multipart/index.js';

// Twitter, "Creating a signature" (developer.twitter.com/en/docs/authentication/oauth-1-0a/creating-a-signature).
const TWITTER = {
  method: 'POST', url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog', consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', timestamp: 1318622958,
};
const TWITTER_STATUS = 'Hello Ladies + Gentlemen, a signed OAuth request!';
const TWITTER_SIGNATURE = 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=';

const WEIBO_PROFILE = { name: 'weibo-v1', multipart: { policy: 'text-fields' as const, fileFields: ['pic'], textEncoding: 'raw' as const } };

interface Parsed { fields: Array<[string, string]>; files: Array<{ name: string; filename: string; mimeType: string; sha1: string; size: number }> }

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a multipart body with busboy (an independent parser). */
function parse(bytes: Buffer, contentType: string): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const out: Parsed = { fields: [], files: [] };
    const bb = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8' });
    bb.on('field', (name, value) => out.fields.push([name, value]));
    bb.on('file', (name, stream, info) => {
      const h = createHash('sha1');
      let size = 0;
      stream.on('data', (c: Buffer) => { h.update(c); size += c.length; });
      stream.on('end', () => out.files.push({ name, filename: info.filename ?? '', mimeType: info.mimeType, sha1: h.digest('hex'), size }));
    });
    bb.on('close', () => resolve(out));
    bb.on('error', reject);
    bb.end(bytes);
  });
}

async function expectUploadError(promise: Promise<unknown>, code: string, message: RegExp | string): Promise<UploadError> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(UploadError);
    expect(e).to.be.instanceOf(OAuthError);
    expect((e as UploadError).code).to.equal(code);
    if (typeof message === 'string') expect((e as Error).message).to.equal(message);
    else expect((e as Error).message).to.match(message);
    return e as UploadError;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

describe('multipart', () => {
  let dir: string;
  let file: string;
  let fileBytes: Buffer;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'oauth1-multipart-spec-'));
    file = join(dir, 'photo.png');
    fileBytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < fileBytes.length; i++) fileBytes[i] = (i * 31 + (i >> 9)) & 0xff;
    writeFileSync(file, fileBytes);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('signRequest extraSignedParams', () => {
    it('signRequest with extraSignedParams gives the published Twitter signature without making a form body', () => {
      const signed = signRequest({ ...TWITTER, extraSignedParams: [['status', TWITTER_STATUS]] });
      expect(signed.signature).to.equal(TWITTER_SIGNATURE);
      expect(signed.body).to.equal(undefined);
      expect(signed.form).to.equal(undefined);
      expect(signed.headers['content-type']).to.equal(undefined);
      expect(signed.parameters.filter((p) => p.source === 'multipart')).to.deep.equal([{ name: 'status', value: TWITTER_STATUS, source: 'multipart' }]);
    });

    it('signRequest rejects an extraSignedParams name that repeats a protocol parameter', () => {
      expect(() => signRequest({ ...TWITTER, extraSignedParams: [['oauth_nonce', 'x']] })).to.throw(OAuthError, 'protocol parameter oauth_nonce is already in the multipart body; it would be sent twice')
        .with.property('code', 'ERR_OAUTH_PARAMETER_DUPLICATE');
    });

    it('signRequest rejects extraSignedParams that are not string pairs with a TypeError', () => {
      expect(() => signRequest({ ...TWITTER, extraSignedParams: [['a', 1 as unknown as string]] })).to.throw(TypeError, 'extraSignedParams must be [name, value] string pairs');
    });
  });

  describe('createMultipartBody', () => {
    it('createMultipartBody knows its exact Content-Length before streaming, and busboy reads back every part', async () => {
      const body = await createMultipartBody([['status', '微博 🐱 upload'], ['lat', '39.9']], [{ name: 'pic', path: file }, { name: 'note', buffer: Buffer.from('hi'), filename: 'n.txt', contentType: 'text/plain' }]);
      const bytes = await collect(body.open());
      expect(bytes.length).to.equal(body.contentLength);
      expect(body.contentType).to.equal(`multipart/form-data; boundary=${body.boundary}`);
      const parsed = await parse(bytes, body.contentType);
      expect(parsed.fields).to.deep.equal([['status', '微博 🐱 upload'], ['lat', '39.9']]);
      expect(parsed.files).to.deep.equal([
        { name: 'pic', filename: 'photo.png', mimeType: 'image/png', sha1: createHash('sha1').update(fileBytes).digest('hex'), size: fileBytes.length },
        { name: 'note', filename: 'n.txt', mimeType: 'text/plain', sha1: createHash('sha1').update('hi').digest('hex'), size: 2 },
      ]);
    });

    it('createMultipartBody sends status text as raw UTF-8 bytes by default', async () => {
      const body = await createMultipartBody([['status', '微博']], [], { boundary: 'B' });
      const bytes = await collect(body.open());
      // RFC 7578 §4.2 part layout; 微博 is E5 BE AE E5 8D 9A in UTF-8.
      expect(bytes.equals(Buffer.concat([
        Buffer.from('--B\r\nContent-Disposition: form-data; name="status"\r\n\r\n'), Buffer.from([0xe5, 0xbe, 0xae, 0xe5, 0x8d, 0x9a]), Buffer.from('\r\n--B--\r\n'),
      ]))).to.equal(true);
    });

    it('createMultipartBody with textEncoding percent puts the percent-encoded value into the part', async () => {
      const body = await createMultipartBody([['status', '微博 ok']], [], { boundary: 'B', textEncoding: 'percent' });
      expect((await collect(body.open())).toString('latin1')).to.equal('--B\r\nContent-Disposition: form-data; name="status"\r\n\r\n%E5%BE%AE%E5%8D%9A%20ok\r\n--B--\r\n');
      expect(body.fields).to.deep.equal([['status', '%E5%BE%AE%E5%8D%9A%20ok']]);
      expect(body.rawFields).to.deep.equal([['status', '微博 ok']]);
    });

    it('createMultipartBody re-reads the file on every open and produces identical bytes', async () => {
      const body = await createMultipartBody([['a', 'b']], [{ name: 'pic', path: file }]);
      const one = await collect(body.open());
      const two = await collect(body.open());
      expect(one.equals(two)).to.equal(true);
      expect(body.replayable).to.equal(true);
    });

    it('createMultipartBody reports progress up to the Content-Length', async () => {
      const body = await createMultipartBody([], [{ name: 'pic', path: file }]);
      const seen: number[] = [];
      await collect(body.open((p) => { expect(p.total).to.equal(body.contentLength); seen.push(p.bytesSent); }));
      expect(seen.length).to.be.greaterThan(1);
      expect(seen.at(-1)).to.equal(body.contentLength);
      expect(seen.every((v, i) => i === 0 || v > seen[i - 1]!)).to.equal(true);
    });

    it('createMultipartBody handles an empty file', async () => {
      const empty = join(dir, 'empty.gif');
      writeFileSync(empty, '');
      const body = await createMultipartBody([], [{ name: 'pic', path: empty }]);
      const bytes = await collect(body.open());
      expect(bytes.length).to.equal(body.contentLength);
      expect((await parse(bytes, body.contentType)).files).to.deep.equal([{ name: 'pic', filename: 'empty.gif', mimeType: 'image/gif', sha1: createHash('sha1').digest('hex'), size: 0 }]);
    });

    it('createMultipartBody fails with ERR_OAUTH_UPLOAD_FILE_MISSING for a missing file', async () => {
      const missing = join(dir, 'nope.jpg');
      const e = await expectUploadError(createMultipartBody([], [{ name: 'pic', path: missing }]), 'ERR_OAUTH_UPLOAD_FILE_MISSING', `file for field "pic" does not exist: ${missing}`);
      expect(e.field).to.equal('pic');
      expect(e.path).to.equal(missing);
    });

    it('createMultipartBody fails with ERR_OAUTH_UPLOAD_FILE_UNREADABLE for a directory', async () => {
      await expectUploadError(createMultipartBody([], [{ name: 'pic', path: dir }]), 'ERR_OAUTH_UPLOAD_FILE_UNREADABLE', `file for field "pic" cannot be read: ${dir} is a directory (EISDIR)`);
    });

    it('createMultipartBody fails with ERR_OAUTH_UPLOAD_FILE_UNREADABLE for a Unix socket (open gives ENXIO, even for root)', async () => {
      const sock = join(dir, 'upload.sock');
      const server: Server = createServer();
      await new Promise<void>((r) => server.listen(sock, r));
      try {
        await expectUploadError(createMultipartBody([], [{ name: 'media[]', path: sock }]), 'ERR_OAUTH_UPLOAD_FILE_UNREADABLE', `file for field "media[]" cannot be read (ENXIO): ${sock}`);
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    });

    it('createMultipartBody fails with ERR_OAUTH_UPLOAD_FILE_UNREADABLE for a FIFO without a writer, without blocking', async () => {
      const fifo = join(dir, 'upload.fifo');
      execFileSync('mkfifo', [fifo]);
      await expectUploadError(createMultipartBody([], [{ name: 'pic', path: fifo }]), 'ERR_OAUTH_UPLOAD_FILE_UNREADABLE', `file for field "pic" cannot be read: ${fifo} is a FIFO, not a regular file`);
    });

    it('createMultipartBody errors with ERR_OAUTH_UPLOAD_FILE_CHANGED before the last byte when the file grows while it is read', async () => {
      const growing = join(dir, 'growing.jpg');
      writeFileSync(growing, fileBytes);
      const body = await createMultipartBody([['status', 's']], [{ name: 'pic', path: growing }]);
      const stream = body.open();
      let received = 0;
      const drain = (async () => {
        for await (const c of stream) {
          if (received === 0) appendFileSync(growing, Buffer.alloc(1000, 1));
          received += (c as Buffer).length;
        }
      })();
      await expectUploadError(drain, 'ERR_OAUTH_UPLOAD_FILE_CHANGED', `file for field "pic" changed size during the upload (expected ${fileBytes.length} bytes, read more than ${fileBytes.length}): ${growing}`);
      expect(received).to.be.lessThan(body.contentLength);
    });

    it('createMultipartBody errors with ERR_OAUTH_UPLOAD_FILE_CHANGED when the file shrinks while it is read', async () => {
      const shrinking = join(dir, 'shrinking.jpg');
      writeFileSync(shrinking, fileBytes);
      const body = await createMultipartBody([], [{ name: 'pic', path: shrinking }]);
      const stream = body.open();
      let received = 0;
      const drain = (async () => {
        for await (const c of stream) {
          if (received === 0) truncateSync(shrinking, 1024 * 1024);
          received += (c as Buffer).length;
        }
      })();
      await expectUploadError(drain, 'ERR_OAUTH_UPLOAD_FILE_CHANGED', `file for field "pic" changed size during the upload (expected ${fileBytes.length} bytes, read 1048576): ${shrinking}`);
      expect(received).to.be.lessThan(body.contentLength);
    });

    it('createMultipartBody errors with ERR_OAUTH_UPLOAD_FILE_MISSING when the file is deleted before a later pass', async () => {
      const vanishing = join(dir, 'vanishing.jpg');
      writeFileSync(vanishing, 'abc');
      const body = await createMultipartBody([], [{ name: 'pic', path: vanishing }]);
      rmSync(vanishing);
      await expectUploadError(collect(body.open()), 'ERR_OAUTH_UPLOAD_FILE_MISSING', `file for field "pic" does not exist: ${vanishing}`);
    });

    it('createMultipartBody closes every file of a pass that is destroyed early', async () => {
      const second = join(dir, 'second.jpg');
      writeFileSync(second, fileBytes);
      const body = await createMultipartBody([], [{ name: 'a', path: file }, { name: 'b', path: second }]);
      const fds = (): number => readdirSync('/proc/self/fd').length;
      const before = fds();
      const stream = body.open();
      await new Promise<void>((resolve) => stream.once('data', () => resolve()));
      stream.destroy();
      await new Promise((r) => setTimeout(r, 50));
      expect(fds()).to.equal(before);
    });

    it('createMultipartBody checks a stream against its knownLength (ERR_OAUTH_UPLOAD_STREAM_LENGTH)', async () => {
      const body = await createMultipartBody([], [{ name: 'pic', stream: () => Readable.from([Buffer.from('abcd')]), knownLength: 5 }]);
      await expectUploadError(collect(body.open()), 'ERR_OAUTH_UPLOAD_STREAM_LENGTH', 'stream for field "pic" delivered 4 bytes, knownLength is 5');
    });

    it('createMultipartBody reads a one-shot stream once and refuses a second pass (ERR_OAUTH_UPLOAD_NOT_REPLAYABLE)', async () => {
      const body = await createMultipartBody([], [{ name: 'pic', stream: Readable.from([Buffer.from('abcd')]), knownLength: 4 }]);
      expect(body.replayable).to.equal(false);
      const parsed = await parse(await collect(body.open()), body.contentType);
      expect(parsed.files[0]!.size).to.equal(4);
      expect(() => body.open()).to.throw(UploadError, 'stream for field "pic" was already read; pass a function returning a fresh stream to allow retries and body-hash');
    });

    it('createMultipartBody rejects a stream without knownLength with a TypeError', async () => {
      try {
        await createMultipartBody([], [{ name: 'pic', stream: Readable.from([]) }]);
        expect.fail('no error');
      } catch (e) {
        expect(e).to.be.instanceOf(TypeError);
        expect((e as Error).message).to.equal('file part "pic": a stream needs knownLength, a whole number of bytes');
      }
    });
  });

  describe('multipartBodyHash', () => {
    it('multipartBodyHash is the Base64 SHA-1 of exactly the bytes open() sends', async () => {
      const body = await createMultipartBody([['status', '微博']], [{ name: 'pic', path: file }]);
      const bytes = await collect(body.open());
      expect(await multipartBodyHash(body)).to.equal(createHash('sha1').update(bytes).digest('base64'));
      expect(await multipartBodyHash(body, 'sha256')).to.equal(createHash('sha256').update(bytes).digest('base64'));
    });

    it('multipartBodyHash refuses a body with a one-shot stream', async () => {
      const body = await createMultipartBody([], [{ name: 'pic', stream: Readable.from([Buffer.from('x')]), knownLength: 1 }]);
      await expectUploadError(multipartBodyHash(body), 'ERR_OAUTH_UPLOAD_NOT_REPLAYABLE', 'body-hash reads the body twice; the stream for field "pic" can be read once (pass a function returning a fresh stream)');
    });
  });

  describe('planMultipartSigning', () => {
    let body: MultipartBody;
    before(async () => { body = await createMultipartBody([['status', '微博'], ['lat', '1'], ['long', '2']], [{ name: 'pic', path: file }]); });

    it('resolveMultipartPolicy prefers the request, then the profile, then none', () => {
      expect(resolveMultipartPolicy({ policy: 'none', profile: WEIBO_PROFILE })).to.deep.equal({ policy: 'none', source: 'request' });
      expect(resolveMultipartPolicy({ profile: WEIBO_PROFILE })).to.deep.equal({ policy: 'text-fields', source: 'profile' });
      expect(resolveMultipartPolicy({})).to.deep.equal({ policy: 'none', source: 'default' });
    });

    it('resolveMultipartPolicy rejects an unknown policy', () => {
      expect(() => resolveMultipartPolicy({ policy: 'all' as 'none' })).to.throw(OAuthError, 'the multipart signing policy must be none, text-fields or body-hash, got "all"')
        .with.property('code', 'ERR_OAUTH_MULTIPART_POLICY_INVALID');
    });

    it('planMultipartSigning none signs no field', async () => {
      const plan = await planMultipartSigning(body, { policy: 'none' });
      expect(plan.signedParameters).to.deep.equal([]);
      expect(plan.unsignedFields).to.deep.equal(['status', 'lat', 'long']);
      expect(plan.fileFields).to.deep.equal(['pic']);
      expect(plan.bodyHash).to.equal(undefined);
    });

    it('planMultipartSigning text-fields signs every text field and never the file', async () => {
      const plan = await planMultipartSigning(body, { profile: WEIBO_PROFILE });
      expect(plan.policy).to.equal('text-fields');
      expect(plan.policySource).to.equal('profile');
      expect(plan.signedParameters).to.deep.equal([['status', '微博'], ['lat', '1'], ['long', '2']]);
      expect(plan.fileFields).to.deep.equal(['pic']);
    });

    it('planMultipartSigning text-fields with signedFields signs only the named fields', async () => {
      const plan = await planMultipartSigning(body, { policy: 'text-fields', signedFields: ['status'] });
      expect(plan.signedParameters).to.deep.equal([['status', '微博']]);
      expect(plan.unsignedFields).to.deep.equal(['lat', 'long']);
    });

    it('planMultipartSigning rejects signedFields naming a file part or an absent field, and signedFields with another policy', async () => {
      for (const [options, message] of [
        [{ policy: 'text-fields' as const, signedFields: ['pic'] }, 'signedFields names "pic", a file part; file parts are never signed'],
        [{ policy: 'text-fields' as const, signedFields: ['source'] }, 'signedFields names "source", which is not a text field of this body'],
        [{ policy: 'none' as const, signedFields: ['status'] }, 'signedFields applies to the text-fields policy only, not none'],
      ] as const) {
        try {
          await planMultipartSigning(body, options);
          expect.fail('no error');
        } catch (e) {
          expect((e as OAuthError).code).to.equal('ERR_OAUTH_MULTIPART_SIGNED_FIELDS');
          expect((e as Error).message).to.equal(message);
        }
      }
    });

    it('planMultipartSigning body-hash hashes the whole body by streaming it', async () => {
      const plan = await planMultipartSigning(body, { policy: 'body-hash' });
      expect(plan.bodyHash).to.equal(createHash('sha1').update(await collect(body.open())).digest('base64'));
      expect(plan.signedParameters).to.deep.equal([]);
    });
  });

  describe('explainMultipart and signMultipart', () => {
    const creds = { consumerKey: TWITTER.consumerKey, consumerSecret: TWITTER.consumerSecret, token: TWITTER.token, tokenSecret: TWITTER.tokenSecret, nonce: TWITTER.nonce, timestamp: TWITTER.timestamp };

    it('signMultipart under text-fields signs the status like a form parameter: the published Twitter signature', async () => {
      const prepared = await prepareMultipart({ url: TWITTER.url, fields: [['status', TWITTER_STATUS]], files: [{ name: 'pic', path: file }], policy: 'text-fields' });
      const signed = signMultipart(prepared, creds);
      expect(signed.signature).to.equal(TWITTER_SIGNATURE);
      const explain = explainMultipart(prepared.body, prepared.plan, signed);
      expect(explain.signedFields).to.deep.equal(['status']);
      expect(explain.files).to.deep.equal([{ name: 'pic', filename: 'photo.png', size: fileBytes.length }]);
      expect(explain.baseString).to.contain('status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521');
    });

    it('signMultipart under none signs only the query and oauth_* parameters', async () => {
      const prepared = await prepareMultipart({ url: TWITTER.url, fields: [['status', TWITTER_STATUS]], files: [{ name: 'media[]', path: file }] });
      const signed = signMultipart(prepared, creds);
      expect(signed.parameters.map((p) => p.name)).to.deep.equal(['include_entities', 'oauth_consumer_key', 'oauth_token', 'oauth_signature_method', 'oauth_timestamp', 'oauth_nonce', 'oauth_version']);
      expect(signed.signature).to.not.equal(TWITTER_SIGNATURE);
    });

    it('signMultipart under body-hash signs oauth_body_hash', async () => {
      const prepared = await prepareMultipart({ url: TWITTER.url, fields: [['status', 's']], files: [{ name: 'pic', path: file }], policy: 'body-hash' });
      const signed = signMultipart(prepared, creds);
      expect(signed.oauthParams.find(([n]) => n === 'oauth_body_hash')?.[1]).to.equal(prepared.plan.bodyHash);
      expect(explainMultipart(prepared.body, prepared.plan, signed).bodyHash).to.equal(prepared.plan.bodyHash);
    });

    it('explainMultipart shows a percent-encoded status encoded again in the normalised parameters and the base string', async () => {
      const prepared = await prepareMultipart({ url: 'http://api.t.sina.com.cn/statuses/upload.json', fields: [['status', '微博']], files: [{ name: 'pic', path: file }], profile: WEIBO_PROFILE, textEncoding: 'percent' });
      const signed = signMultipart(prepared, creds);
      const explain = explainMultipart(prepared.body, prepared.plan, signed);
      expect(explain.textEncoding).to.equal('percent');
      expect(explain.encodedTwice).to.deep.equal([{
        field: 'status', value: '微博', inPart: '%E5%BE%AE%E5%8D%9A', inNormalizedParameters: '%25E5%25BE%25AE%25E5%258D%259A', inBaseString: '%2525E5%2525BE%2525AE%2525E5%25258D%25259A',
      }]);
      expect(explain.normalizedParameters).to.contain('status=%25E5%25BE%25AE%25E5%258D%259A');
      expect(explain.baseString).to.contain('status%3D%2525E5%2525BE%2525AE%2525E5%25258D%25259A');
    });

    it('prepareMultipart adds the profile\'s extra parameters (Sina source) as signed text fields', async () => {
      const profile = { ...WEIBO_PROFILE, extraParams: (key: string) => [['source', key]] as const };
      const prepared = await prepareMultipart({ url: 'http://api.t.sina.com.cn/statuses/upload.json', fields: [['status', 'x']], files: [], profile: profile as never }, 'appkey');
      expect(prepared.body.fields).to.deep.equal([['source', 'appkey'], ['status', 'x']]);
      expect(prepared.plan.signedFields).to.deep.equal(['source', 'status']);
    });
  });
});
