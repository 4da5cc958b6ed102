// Specs for verifyRequest on Fetch-style input: a Fetch Request, a Headers object, header names in any case.

import { expect } from 'chai';
import { verifyRequest, MemoryNonceStore, OAuthRequestRejected, type VerifyRequestOptions } from '../../src/index.js';
import { independentSign, type IndependentSignInput } from '../core/independent-signer.js';

const KEY = 'dpf43f3p2l4k3l03';
const SECRET = 'kd94hf93k423kf44';
const TOKEN = 'nnch734d00sl2jdk';
const TOKEN_SECRET = 'pfkkdhi9sl3r4s00';
const FORM = 'application/x-www-form-urlencoded';

function options(extra: Partial<VerifyRequestOptions> = {}): VerifyRequestOptions {
  return {
    lookupConsumer: (key) => (key === KEY ? { secret: SECRET } : undefined),
    lookupToken: (_key, token) => (token === TOKEN ? { secret: TOKEN_SECRET } : undefined),
    nonceStore: new MemoryNonceStore(),
    ...extra,
  };
}

function sign(input: Partial<IndependentSignInput> = {}): ReturnType<typeof independentSign> {
  return independentSign({ method: 'GET', url: 'https://api.example.com/photos?size=original', consumerKey: KEY, consumerSecret: SECRET, token: TOKEN, tokenSecret: TOKEN_SECRET, ...input });
}

async function rejection(p: Promise<unknown>): Promise<OAuthRequestRejected> {
  try { await p; } catch (e) { if (e instanceof OAuthRequestRejected) return e; throw e; }
  throw new Error('expected a rejection');
}

describe('verifyRequest on Fetch-style input', () => {
  it('verifyRequest accepts a Fetch Request signed in the Authorization header', async () => {
    const s = sign();
    const v = await verifyRequest(new Request(s.url, { headers: s.headers }), options());
    expect(v).to.include({ consumerKey: KEY, token: TOKEN, placement: 'header', method: 'GET' });
    expect(v.params).to.deep.equal([['size', 'original']]);
  });

  it('verifyRequest reads a Fetch Request form body and hands it on', async () => {
    const s = sign({ method: 'POST', form: [['status', 'Hello Ladies + Gentlemen']], placement: 'form' });
    const v = await verifyRequest(new Request(s.url, { method: 'POST', headers: { 'Content-Type': FORM }, body: s.body! }), options());
    expect(v.placement).to.equal('form');
    expect(v.form).to.deep.include.members([['status', 'Hello Ladies + Gentlemen']]);
    expect(v.body!.toString('utf8')).to.equal(s.body);
  });

  it('verifyRequest refuses a Fetch Request form body over maxFormBytes with 413 body_too_large', async () => {
    const s = sign({ method: 'POST', form: [['blob', 'x'.repeat(3000)]] });
    const e = await rejection(verifyRequest(new Request(s.url, { method: 'POST', headers: { ...s.headers, 'content-type': FORM }, body: s.body! }), options({ maxFormBytes: 1024 })));
    expect(e.problem).to.equal('body_too_large');
    expect(e.message).to.equal('the request body is larger than 1024 bytes');
  });

  it('verifyRequest with origin set checks a Fetch Request against the origin plus the URL path and query', async () => {
    const s = sign({ url: 'https://api.example.com/photos?size=original' });
    const internal = s.url.replace('https://api.example.com', 'http://10.0.0.7:8080');
    const v = await verifyRequest(new Request(internal, { headers: s.headers }), options({ origin: 'https://api.example.com' }));
    expect(v.consumerKey).to.equal(KEY);
    expect((await rejection(verifyRequest(new Request(internal, { headers: s.headers }), options()))).problem).to.equal('signature_invalid');
  });

  it('verifyRequest accepts {method, url, headers, body} whose headers are a Fetch Headers', async () => {
    const s = sign({ method: 'POST', form: [['status', 'hi']] });
    const headers = new Headers({ Authorization: s.headers.authorization!, 'Content-Type': FORM });
    const v = await verifyRequest({ method: 'POST', url: s.url, headers, body: s.body! }, options());
    expect(v).to.include({ consumerKey: KEY, placement: 'header' });
    expect(v.form).to.deep.equal([['status', 'hi']]);
  });

  it('verifyRequest reads header names in any case from a plain record (Authorization, Content-Type)', async () => {
    const s = sign({ method: 'POST', form: [['status', 'hi']] });
    const v = await verifyRequest({ method: 'POST', url: s.url, headers: { Authorization: s.headers.authorization!, 'CONTENT-TYPE': FORM }, body: s.body! }, options());
    expect(v).to.include({ consumerKey: KEY, placement: 'header' });
    expect(v.form).to.deep.equal([['status', 'hi']]);
  });

  it('verifyRequest refuses the same header under two spellings with 400 parameter_rejected', async () => {
    const s = sign();
    const e = await rejection(verifyRequest({ method: 'GET', url: s.url, headers: { authorization: s.headers.authorization!, Authorization: 'OAuth oauth_consumer_key="other"' } }, options()));
    expect(e.problem).to.equal('parameter_rejected');
    expect(e.message).to.equal('the request carries the authorization header field under 2 spellings; send exactly one');
  });
});
