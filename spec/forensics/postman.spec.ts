// Postman collections: the v2.1 parser (inheritance, variables, environment, typed errors) and the emulation of postman-runtime's OAuth 1.0 signing, held to the real postman-runtime 7.x.

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parsePostmanCollection, selectPostmanRequest, PostmanCollectionError, type PostmanOAuth1Settings } from '../../src/forensics/inputs/postman.js';
import { postmanSign, comparePostmanRequest } from '../../src/forensics/postman.js';
import { realPostmanSign } from './postman-runtime.js';
import { prng } from '../helpers/prng.js';

const COLLECTION = readFileSync(new URL('../../fixtures/postman/example-api.postman_collection.json', import.meta.url), 'utf8');
const ENVIRONMENT = readFileSync(new URL('../../fixtures/postman/sandbox.postman_environment.json', import.meta.url), 'utf8');
// Twitter's "Creating a signature" example credentials, as the fixture's variables hold them.
const CS = 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw';
const TS = 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE';

function settings(over: Partial<PostmanOAuth1Settings> = {}): PostmanOAuth1Settings {
  return {
    signatureMethod: 'HMAC-SHA1', consumerKey: 'ck', consumerSecret: 'cs', token: 'tok', tokenSecret: 'ts', privateKey: '', realm: '', callback: '', verifier: '',
    timestamp: '1700000000', nonce: 'n0nce', version: '1.0', addParamsToHeader: true, addEmptyParamsToSign: false, disableHeaderEncoding: false, includeBodyHash: false, ...over,
  };
}

function asPostmanList(s: PostmanOAuth1Settings): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined && k !== 'privateKey') out[k] = v;
  return out;
}

describe('Postman collections: parsePostmanCollection / selectPostmanRequest', () => {
  it('reads every request with the auth in force: collection, folder, own noauth; variables from the collection', () => {
    const c = parsePostmanCollection(COLLECTION);
    expect(c.name).to.equal('Example API (OAuth 1.0a)');
    expect(c.requests.map((r) => [...r.folders, r.name].join('/'))).to.deep.equal(['Statuses/Home timeline', 'Statuses/Update status', 'Statuses/Create draft (JSON)', 'OAuth/Request token', 'Health']);
    const [home, update, draft, token, health] = c.requests;
    expect(home!.url).to.equal('https://api.example.com/1.1/statuses/home_timeline.json?count=5&include_entities=true');
    expect(home!.authFrom).to.equal('collection');
    expect(home!.oauth1).to.include({ consumerKey: 'xvz1evFS4wEEPTGEFPHBog', consumerSecret: CS, token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', tokenSecret: TS, addParamsToHeader: true, addEmptyParamsToSign: false, version: '1.0' });
    expect(update!.form).to.deep.equal([['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']]);
    expect(draft!.raw).to.deep.equal({ text: '{"text": "draft from Postman", "visible": false}', contentType: 'application/json' });
    expect(token!.authFrom).to.equal('folder "OAuth"');
    expect(token!.oauth1).to.include({ addEmptyParamsToSign: true, token: '', callback: 'http://localhost:3000/callback?next=%2Fhome' });
    expect(health!.oauth1).to.equal(undefined);
  });

  it('an environment overrides the collection variables; disabled values are ignored', () => {
    const c = parsePostmanCollection(COLLECTION, ENVIRONMENT);
    expect(c.requests[0]!.url).to.equal('http://127.0.0.1:8765/1.1/statuses/home_timeline.json?count=5&include_entities=true');
    expect(c.requests[3]!.oauth1!.callback).to.equal('oob');
  });

  it('selects by name or folder path; without a name and several requests it lists them; unknown, ambiguous and non-OAuth requests are typed errors', () => {
    const c = parsePostmanCollection(COLLECTION);
    expect(selectPostmanRequest(c, 'Update status').name).to.equal('Update status');
    expect(selectPostmanRequest(c, 'OAuth/Request token').name).to.equal('Request token');
    const err = (f: () => unknown): PostmanCollectionError => {
      try { f(); } catch (e) { expect(e).to.be.instanceOf(PostmanCollectionError); return e as PostmanCollectionError; }
      throw new Error('no error');
    };
    const none = err(() => selectPostmanRequest(c));
    expect(none.code).to.equal('ERR_OAUTH_POSTMAN_REQUEST_AMBIGUOUS');
    expect(none.message).to.include('"Statuses/Update status"').and.include('--request NAME');
    expect(err(() => selectPostmanRequest(c, 'Nope')).code).to.equal('ERR_OAUTH_POSTMAN_REQUEST_UNKNOWN');
    expect(err(() => selectPostmanRequest(c, 'Health')).code).to.equal('ERR_OAUTH_POSTMAN_NO_OAUTH1');
  });

  it('refuses what is not a v2.1 collection with ERR_OAUTH_POSTMAN_COLLECTION_INVALID, never echoing a secret', () => {
    const secretText = COLLECTION.replace('"info"', '"inf"');
    for (const text of ['{', '[]', '{"info":{}}', secretText, COLLECTION.replace('v2.1.0/collection.json', 'v1.0.0/collection.json'), `{"info":{"name":"x"},"item":[{"name":"r","request":{"url":"https://x/","auth":{"type":"oauth1","oauth1":{"consumerSecret":"${CS}"}}}}]}`]) {
      try {
        parsePostmanCollection(text);
        expect.fail(`accepted ${text.slice(0, 30)}`);
      } catch (e) {
        expect((e as PostmanCollectionError).code, text.slice(0, 30)).to.equal('ERR_OAUTH_POSTMAN_COLLECTION_INVALID');
        expect((e as Error).message).to.not.include(CS);
      }
    }
    try { parsePostmanCollection(COLLECTION, `{"values": 3, "x": "${TS}"}`); expect.fail('accepted'); } catch (e) {
      expect((e as PostmanCollectionError).code).to.equal('ERR_OAUTH_POSTMAN_COLLECTION_INVALID');
      expect((e as Error).message).to.not.include(TS);
    }
  });
});

describe('postmanSign: the emulation agrees with the real postman-runtime 7.56', () => {
  it('same oauth_signature and the same Authorization header on 300 generated requests and settings', async () => {
    const r = prng(0x9057);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      const s = settings({
        signatureMethod: pick(['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT']), token: pick(['tok', '', 'a b%2F']), tokenSecret: pick(['ts', '']),
        realm: pick(['', 'Photos', 'a b']), callback: pick(['', 'oob', 'http://localhost/cb?x=%20y']), verifier: pick(['', 'v3r']), version: pick(['1.0', '', '1.0A']),
        nonce: `n${i}`, timestamp: String(1_700_000_000 + i), addParamsToHeader: r() < 0.7, addEmptyParamsToSign: r() < 0.4,
        disableHeaderEncoding: r() < 0.3, includeBodyHash: r() < 0.3,
      });
      const body = pick(['none', 'form', 'raw'] as const);
      const method = pick(['GET', 'POST', 'PUT', 'DELETE']);
      const url = `https://API.example.com:${pick(['443', '8443'])}/v1/items?q=${encodeURIComponent(pick(['a b', 'x', 'é!']))}${r() < 0.3 ? '&q=2' : ''}`;
      const form: Array<[string, string]> = [['status', pick(['hi there', 'a+b', '日本'])], ['n', String(i)]];
      const raw = JSON.stringify({ text: pick(['hello', 'a b']), i });
      const real = await realPostmanSign({ method, url, ...(body === 'form' ? { body: { mode: 'urlencoded', urlencoded: form.map(([key, value]) => ({ key, value })) } } : body === 'raw' ? { body: { mode: 'raw', raw } } : {}) }, asPostmanList(s));
      const ours = postmanSign({ method, url, ...(body === 'form' ? { form } : body === 'raw' ? { raw } : {}) }, s);
      if (ours.placement === 'header') {
        expect(ours.authorization, `#${i}`).to.equal(real.authorization);
      } else {
        const where = ours.placement === 'query' ? new URL(real.url).searchParams : new URLSearchParams(real.body);
        expect(where.get('oauth_signature'), `#${i}`).to.equal(ours.signature);
      }
      compared++;
    }
    expect(compared).to.equal(300);
  });
});

describe('comparePostmanRequest', () => {
  const c = parsePostmanCollection(COLLECTION);

  it('agrees with what Postman sent for the same request and settings', async () => {
    const req = selectPostmanRequest(c, 'Update status');
    const sent = await realPostmanSign({ method: 'POST', url: req.url, body: { mode: 'urlencoded', urlencoded: req.form!.map(([key, value]) => ({ key, value })) } }, { ...asPostmanList(req.oauth1!), timestamp: '1318622958', nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg' });
    const cmp = comparePostmanRequest(req, sent);
    expect(cmp.agree).to.equal(true);
    expect(cmp.differences).to.deep.equal([]);
    expect(cmp.postmanRfc?.valid).to.equal(true);
  });

  it('names addEmptyParamsToSign when the failing request was signed with it on and the collection has it off', async () => {
    const req = selectPostmanRequest(c, 'Home timeline');
    const s = { ...asPostmanList(req.oauth1!), token: '', tokenSecret: '', addEmptyParamsToSign: true, timestamp: '1700000100', nonce: 'abc' };
    const sent = await realPostmanSign({ method: 'GET', url: req.url }, s);
    const cmp = comparePostmanRequest({ ...req, oauth1: { ...req.oauth1!, token: '', tokenSecret: '' } }, sent);
    expect(cmp.agree).to.equal(false);
    expect(cmp.reproducedBy).to.deep.equal(['addEmptyParamsToSign: on']);
    expect(cmp.differences.at(-1)!.what).to.equal('oauth_signature');
  });

  it('the folder\'s addEmptyParamsToSign makes Postman itself wrong: postmanRfc names empty-token-mismatch', async () => {
    const req = selectPostmanRequest(c, 'Request token');
    const sent = await realPostmanSign({ method: 'POST', url: req.url }, { ...asPostmanList(req.oauth1!), timestamp: '1700000200', nonce: 'xyz' });
    const cmp = comparePostmanRequest(req, sent);
    expect(cmp.agree).to.equal(true);
    expect(cmp.postmanRfc?.valid).to.equal(false);
    expect(cmp.postmanRfc?.explanations[0]?.mistakes).to.deep.equal(['empty-token-mismatch']);
    expect(cmp.notableSettings.join(' ')).to.include('addEmptyParamsToSign: on');
  });

  it('fixtures/postman/request-token-failing.http is what the real postman-runtime sends for "OAuth/Request token"', async () => {
    const req = selectPostmanRequest(c, 'OAuth/Request token');
    const sent = await realPostmanSign({ method: 'POST', url: req.url }, { ...asPostmanList(req.oauth1!), timestamp: '1764928800', nonce: 'Kq3vX9bT2mL' });
    const file = readFileSync(new URL('../../fixtures/postman/request-token-failing.http', import.meta.url), 'utf8');
    expect(file).to.include(`\r\nAuthorization: ${sent.authorization}\r\n`);
  });

  it('a different token and a different body are named as differences', async () => {
    const req = selectPostmanRequest(c, 'Update status');
    const sent = await realPostmanSign({ method: 'POST', url: req.url, body: { mode: 'urlencoded', urlencoded: [{ key: 'status', value: 'something else' }] } }, { ...asPostmanList(req.oauth1!), token: 'other-token', timestamp: '1700000300', nonce: 'n' });
    const cmp = comparePostmanRequest(req, sent);
    expect(cmp.agree).to.equal(false);
    expect(cmp.differences.map((d) => d.what)).to.include.members(['form body parameters', 'oauth_token', 'oauth_signature']);
    expect(cmp.differences.find((d) => d.what === 'oauth_token')!.settings).to.deep.equal(['token']);
  });
});
