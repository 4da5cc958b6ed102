// Specs for the flickr profile and its emulation: the flow with perms, REST with method=, uploads that sign every field but the photo, and the unsigned-title mistake named by `oauth1 verify`.

import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { OAuth1Client } from '../../src/providers/oauth1-client.js';
import { decodeFlickrError, encodeFlickrError, flickr, flickrAuthorizeParams, getProfile } from '../../src/providers/index.js';
import { decodeProviderError } from '../../src/providers/provider-error.js';
import { createSandboxProvider, type SandboxProvider } from '../../src/tools/sandbox/index.js';
import { uploadMultipart } from '../../src/client/multipart/index.js';
import { signRequest } from '../../src/core/sign.js';
import { ensureBuilt, runCli } from '../tools/cli/helpers.js';
import { response } from './helpers.js';

// objectiveflickr issue #59: Flickr's answer to a badly signed access-token request, verbatim.
const PUBLISHED_SBS = 'GET&https%3A%2F%2Fwww.flickr.com%2Fservices%2Foauth%2Faccess_token&oauth_consumer_key%3De2134b851206e39ddf4557ca0f26f884%26oauth_nonce%3D250C6C6F%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1411473474%26oauth_token%3D72157647926673261-49fc322682ce1b7a%26oauth_verifier%3Df93c576d4c4b50a1%26oauth_version%3D1.0';

describe('flickr profile', () => {
  it('getProfile("flickr"): /services/oauth/*, HMAC-SHA1, uploads sign every text field but "photo"', () => {
    const p = getProfile('flickr');
    expect(p).to.equal(flickr);
    expect(p.endpoints).to.include({ temporaryCredentials: 'https://www.flickr.com/services/oauth/request_token', authorization: 'https://www.flickr.com/services/oauth/authorize', tokenCredentials: 'https://www.flickr.com/services/oauth/access_token' });
    expect(p.signatureMethod).to.equal('HMAC-SHA1');
    expect(p.multipart).to.deep.equal({ policy: 'text-fields', fileFields: ['photo'], textEncoding: 'raw' });
  });

  it('flickrAuthorizeParams builds perms and refuses other values with TypeError', () => {
    expect(flickrAuthorizeParams('delete')).to.deep.equal([['perms', 'delete']]);
    expect(() => flickrAuthorizeParams('admin' as never)).to.throw(TypeError, 'flickrAuthorizeParams: perms must be one of read, write, delete, got "admin"');
  });

  it('decodeFlickrError reads oauth_problem with debug_sbs (the base string Flickr signed), and the API\'s stat=fail answers', () => {
    const d = decodeFlickrError(response(401, `oauth_problem=signature_invalid&debug_sbs=${PUBLISHED_SBS}`));
    expect(d).to.include({ problem: 'signature_invalid', format: 'flickr', serverBaseString: PUBLISHED_SBS });
    // The codes of upload.api.html; the JSON shape as a Go client quotes it.
    expect(decodeFlickrError(response(200, '{"stat":"fail","code":96,"message":"Invalid signature"}'))).to.include({ providerCode: '96', problem: 'signature_invalid', message: 'Invalid signature' });
    expect(decodeFlickrError(response(200, '<?xml version="1.0" encoding="utf-8" ?>\n<rsp stat="fail">\n\t<err code="98" msg="Invalid auth token" />\n</rsp>'))).to.include({ providerCode: '98', problem: 'token_rejected' });
    expect(decodeFlickrError(response(200, '{"stat":"ok"}'))).to.equal(undefined);
    // Without a profile, the known decoders still recognise Flickr's answer.
    expect(decodeProviderError(response(401, `oauth_problem=signature_invalid&debug_sbs=${PUBLISHED_SBS}`))).to.include({ format: 'flickr' });
  });

  it('encodeFlickrError answers in the format of the path', () => {
    expect(encodeFlickrError('signature_invalid', '/services/oauth/request_token').body).to.equal('oauth_problem=signature_invalid');
    expect(encodeFlickrError('signature_invalid', '/services/rest').body).to.equal('{"stat":"fail","code":96,"message":"Invalid signature"}');
    expect(encodeFlickrError(2, '/services/upload/')).to.include({ status: 200 });
    expect(encodeFlickrError(2, '/services/upload/').body).to.contain('<err code="2" msg="No photo specified" />');
  });
});

describe('oauth1 serve --provider flickr (emulation over real HTTP)', function () {
  this.timeout(120_000);
  let sandbox: SandboxProvider;
  const photo = Buffer.alloc(300 * 1024);
  for (let i = 0; i < photo.length; i++) photo[i] = (i * 31 + (i >> 9)) & 0xff;
  beforeEach(async () => { sandbox = await createSandboxProvider({ provider: 'flickr', autoApprove: true }); });
  afterEach(async () => { await sandbox.close(); });

  async function authorised(perms: 'read' | 'write' | 'delete'): Promise<OAuth1Client> {
    const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret });
    const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/cb' });
    const page = await fetch(client.authorizationUrl(temp, flickrAuthorizeParams(perms)), { redirect: 'manual' });
    const { verifier } = client.parseAuthorizationCallback(page.headers.get('location')!, temp);
    await client.requestTokenCredentials(temp, verifier);
    return client;
  }

  it('the profile\'s client runs the flow with perms=write, calls flickr.test.login and uploads a photo with its title and description signed', async () => {
    const client = await authorised('write');
    const login = await client.request({ method: 'GET', url: 'rest?method=flickr.test.login&format=json&nojsoncallback=1' });
    expect(login.status).to.equal(200);
    expect(JSON.parse(login.body)).to.deep.include({ stat: 'ok' });
    const { response: up, explain } = await uploadMultipart(client.transport, {
      url: `${sandbox.url}/services/upload/`, fields: [['title', 'A sandbox cat'], ['description', 'Taken & signed'], ['tags', 'cat sandbox']], files: [{ name: 'photo', buffer: photo, filename: 'cat.jpg' }],
    });
    expect(up.status).to.equal(200);
    const id = /<photoid>(\d+)<\/photoid>/.exec(up.body)?.[1];
    expect(id).to.be.a('string');
    expect(explain).to.deep.include({ signedFields: ['title', 'description', 'tags'], unsignedFields: [] });
    const [stored] = await (await fetch(`${sandbox.url}/services/sandbox/photos`)).json() as Array<{ id: string; title: string; sha1: string; size: number }>;
    expect(stored).to.include({ id, title: 'A sandbox cat', size: photo.length, sha1: createHash('sha1').update(photo).digest('hex') });
    const info = await client.request({ method: 'GET', url: `rest?method=flickr.photos.getInfo&photo_id=${id}&format=json&nojsoncallback=1` });
    expect(JSON.parse(info.body).photo.title._content).to.equal('A sandbox cat');
  });

  it('the authorise page needs perms; a read token cannot upload (code 99)', async () => {
    const client = new OAuth1Client({ profile: sandbox.profile, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret });
    const temp = await client.requestTemporaryCredentials({ callback: 'http://127.0.0.1:9/cb' });
    const page = await fetch(client.authorizationUrl(temp), { redirect: 'manual' });
    expect(page.status).to.equal(400);
    expect(await page.text()).to.contain('Oops! Flickr doesn\'t recognise the permission set.');
    const reader = await authorised('read');
    const { response: up } = await uploadMultipart(reader.transport, { url: `${sandbox.url}/services/upload/`, fields: [['title', 'x']], files: [{ name: 'photo', buffer: photo }] }).catch((e: { response: { status: number; body: string } }) => ({ response: e.response }));
    expect(up.body).to.contain('<err code="99" msg="Insufficient permissions" />');
  });

  it('a bad signature on /services/oauth/request_token gets oauth_problem with debug_sbs: the base string the client signed', async () => {
    const url = `${sandbox.url}/services/oauth/request_token`;
    const wrong = signRequest({ method: 'GET', url, consumerKey: sandbox.consumerKey, consumerSecret: 'not-the-secret', callback: 'oob' });
    const r = await fetch(url, { headers: { authorization: wrong.headers.authorization! } });
    expect(r.status).to.equal(401);
    expect(r.headers.get('www-authenticate')).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_invalid"`);
    const body = await r.text();
    expect(body).to.equal(`oauth_problem=signature_invalid&debug_sbs=${wrong.baseString}`);
    expect(decodeFlickrError(response(401, body))?.serverBaseString).to.equal(wrong.baseString);
  });

  it('the photo put into the signature (DPZFlickr#11: photo=@/tmp/…) is refused with code 96', async () => {
    sandbox.addAccessToken({ token: 'tk', tokenSecret: 'ts' });
    const url = `${sandbox.url}/services/upload/`;
    const b = 'flickr-spec-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="title"\r\n\r\ntatoo\r\n--${b}\r\nContent-Disposition: form-data; name="photo"; filename="cat.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      photo, Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const headers = (signedFields: Array<[string, string]>): Record<string, string> => ({
      authorization: signRequest({ method: 'POST', url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, token: 'tk', tokenSecret: 'ts', form: signedFields }).headers.authorization!,
      'content-type': `multipart/form-data; boundary=${b}`,
    });
    const wrong = await fetch(url, { method: 'POST', headers: headers([['title', 'tatoo'], ['photo', '@/tmp/php6A8M5M']]), body });
    expect(wrong.status).to.equal(401);
    expect(await wrong.text()).to.contain('<err code="96" msg="Invalid signature" />');
    const right = await fetch(url, { method: 'POST', headers: headers([['title', 'tatoo']]), body });
    expect(await right.text()).to.match(/<photoid>\d+<\/photoid>/);
  });

  it('the classic mistake — title and description left unsigned on the upload — is refused, and `oauth1 verify` names it', async () => {
    ensureBuilt();
    const client = await authorised('write');
    const fields: Array<[string, string]> = [['title', 'A sandbox cat'], ['description', 'unsigned']];
    const failed = await uploadMultipart(client.transport, { url: `${sandbox.url}/services/upload/`, fields, files: [{ name: 'photo', buffer: photo, filename: 'cat.jpg' }], policy: 'none' }).then(() => undefined, (e: { response?: { status: number; headers: Record<string, string | string[] | undefined>; body: string } }) => e);
    expect(failed?.response?.status).to.equal(401);
    expect(failed?.response?.headers['www-authenticate']).to.equal(`OAuth realm="${sandbox.url}", oauth_problem="signature_invalid"`);
    expect(failed?.response?.body).to.contain('<err code="96" msg="Invalid signature" />');
    const logged = sandbox.requests.filter((r) => r.path === '/services/upload/').at(-1)!;
    expect(logged.problem).to.equal('signature_invalid');
    // The Authorization header as sent, rebuilt from the sandbox's log of the protocol parameters.
    const authorization = `OAuth ${Object.entries(logged.oauth).map(([n, v]) => `${n}="${encodeURIComponent(v)}"`).join(', ')}`;
    const { tokenSecret } = client.transport.credentials;
    const v = runCli(['verify', '--request', '-', '--consumer-secret', sandbox.consumerSecret, '--token-secret', tokenSecret!, '--provider', 'flickr'], {
      stdin: JSON.stringify({ method: 'POST', url: `${sandbox.url}/services/upload/`, authorization, multipart: { fields, files: [{ name: 'photo', filename: 'cat.jpg', size: photo.length }] } }),
    });
    expect(v.stdout, v.stderr).to.include('1. multipart-fields-unsigned');
  });
});

describe('npm run demo -- --provider flickr', function () {
  this.timeout(60_000);
  it('runFlowDemo with the flickr steps runs the flow and shows the classic mistake refused', async () => {
    const { runFlowDemo } = await import('../../src/tools/demo/demo.js');
    const { PROVIDER_DEMOS } = await import('../../src/tools/demo/providers/index.js');
    let text = '';
    const code = await runFlowDemo(PROVIDER_DEMOS['flickr']!, { write: (t: string) => { text += t; } }, { provider: 'flickr' });
    expect(code, text).to.equal(0);
    expect(text).to.include('-> HTTP 401');
    expect(text).to.include('<err code="96" msg="Invalid signature" />');
  });
});
