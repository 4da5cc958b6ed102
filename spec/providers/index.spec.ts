// Specs for src/providers/index.ts (registry, defineProfile, withBaseUrl) and the generic, netsuite and jira profiles.

import { expect } from 'chai';
import {
  PROVIDERS, getProfile, defineProfile, withBaseUrl, validateProfile, generic, netsuiteProfile, jiraProfile, weiboV1, twitter,
  ProfileError, decodeWeiboError, tencent, netease, WEIBO_V1_CODES, TWITTER_CODES, TENCENT_AUTH_CODES, NETEASE_CODES,
  type ProviderProfile, type ProviderCodeTable,
} from '../../src/providers/index.js';
import { caught } from '../helpers/errors.js';

const acmeEndpoints = {
  temporaryCredentials: 'https://api.acme.test/oauth/request_token',
  authorization: 'https://api.acme.test/oauth/authorize',
  tokenCredentials: 'https://api.acme.test/oauth/access_token',
};

describe('getProfile', () => {
  it('getProfile finds every built-in profile by name, case-insensitively', () => {
    expect(Object.keys(PROVIDERS)).to.deep.equal(['weibo-v1', 'twitter', 'tencent', 'netease', 'sohu', 'generic', 'woocommerce', 'magento2', 'discogs', 'trello', 'flickr', 'tumblr', 'garmin', 'jira', 'confluence']);
    for (const name of Object.keys(PROVIDERS)) expect(getProfile(name).name).to.equal(name);
    expect(getProfile(' Weibo-V1 ')).to.equal(weiboV1);
  });

  it('getProfile rejects an unknown name listing the known ones', () => {
    const e = caught(() => getProfile('myspace'), ProfileError);
    expect(e.code).to.equal('ERR_OAUTH_PROVIDER_UNKNOWN');
    expect(e.message).to.equal('unknown provider "myspace"; known providers: weibo-v1, twitter, tencent, netease, sohu, generic, woocommerce, magento2, discogs, trello, flickr, tumblr, garmin, jira, confluence; templates: netsuite');
  });

  it('getProfile explains that netsuite is a template', () => {
    const e = caught(() => getProfile('netsuite'), ProfileError);
    expect(e.code).to.equal('ERR_OAUTH_PROVIDER_UNKNOWN');
    expect(e.message).to.match(/^provider "netsuite" is a template: build it with netsuiteProfile\(\{ accountId \}\)/);
  });

  it('getProfile does not return Object.prototype members', () => {
    expect(caught(() => getProfile('constructor'), ProfileError).code).to.equal('ERR_OAUTH_PROVIDER_UNKNOWN');
  });

  it('getProfile throws TypeError for a non-string name', () => {
    expect(() => getProfile(42 as unknown as string)).to.throw(TypeError, 'getProfile: name must be a string, got number');
  });

  it('built-in profiles are frozen down to their nested groups', () => {
    for (const p of Object.values(PROVIDERS)) {
      expect(Object.isFrozen(p) && Object.isFrozen(p.endpoints) && Object.isFrozen(p.methods) && Object.isFrozen(p.multipart) && Object.isFrozen(p.multipart.fileFields), p.name).to.equal(true);
    }
    expect(() => { (twitter.endpoints as { temporaryCredentials: string }).temporaryCredentials = 'http://evil.test/'; }).to.throw(TypeError);
  });

  it('every built-in profile passes validateProfile', () => {
    for (const p of Object.values(PROVIDERS)) expect(validateProfile(p)).to.equal(p);
  });
});

describe('generic profile', () => {
  it('generic carries the RFC 5849 defaults and decodes Problem Reporting', () => {
    expect(generic).to.include({ placement: 'header', signatureMethod: 'HMAC-SHA1', version: '1.0', defaultCallback: 'oob', requireCallbackConfirmed: true });
    expect(generic.methods).to.deep.equal({ temporaryCredentials: 'POST', tokenCredentials: 'POST' });
    expect(generic.multipart.policy).to.equal('none');
    expect(generic.decodeError({ status: 401, headers: {}, body: 'oauth_problem=token_expired' })?.problem).to.equal('token_expired');
  });
});

describe('defineProfile', () => {
  it('defineProfile merges endpoints onto the generic base and keeps the rest', () => {
    const p = defineProfile({ name: 'acme', endpoints: acmeEndpoints });
    expect(p.endpoints).to.deep.equal(acmeEndpoints);
    expect(p).to.include({ name: 'acme', displayName: 'acme', signatureMethod: 'HMAC-SHA1', placement: 'header' });
    expect(Object.isFrozen(p)).to.equal(true);
  });

  it('defineProfile on a provider base keeps that provider\'s decoder and merges nested groups field by field', () => {
    const p = defineProfile({ name: 'weibo-staging', methods: { tokenCredentials: 'GET' }, multipart: { policy: 'none' } }, weiboV1);
    expect(p.decodeError).to.equal(decodeWeiboError);
    expect(p.methods).to.deep.equal({ temporaryCredentials: 'GET', tokenCredentials: 'GET' });
    expect(p.multipart).to.deep.equal({ policy: 'none', fileFields: ['pic'], textEncoding: 'raw' });
  });

  const bad: Array<[string, Partial<ProviderProfile> & { name: string }, RegExp]> = [
    ['a relative endpoint', { name: 'x', endpoints: { ...acmeEndpoints, tokenCredentials: '/oauth/access_token' } }, /^profile endpoints\.tokenCredentials must be an absolute http\(s\) URL, got "\/oauth\/access_token"$/],
    ['an ftp endpoint', { name: 'x', endpoints: { ...acmeEndpoints, authorization: 'ftp://a.test/x' } }, /^profile endpoints\.authorization must use http or https, got "ftp:"$/],
    ['credentials in a URL', { name: 'x', endpoints: { ...acmeEndpoints, authorization: 'https://u:p@a.test/x' } }, /^profile endpoints\.authorization must not carry user credentials$/],
    ['a bad method', { name: 'x', methods: { temporaryCredentials: 'PUT' as 'GET', tokenCredentials: 'POST' } }, /^profile methods\.temporaryCredentials must be one of "GET", "POST", got "PUT"$/],
    ['a bad placement', { name: 'x', placement: 'cookie' as 'header' }, /^profile placement must be one of "header", "query", "form", got "cookie"$/],
    ['a bad multipart policy', { name: 'x', multipart: { policy: 'all' as 'none', fileFields: [], textEncoding: 'raw' } }, /^profile multipart\.policy must be one of "none", "text-fields", "body-hash", got "all"$/],
    ['a name with spaces', { name: 'my provider' }, /^profile name must be letters, digits/],
    ['a callback with a space', { name: 'x', defaultCallback: 'http://a.test/ cb' }, /^profile defaultCallback must be "oob", "null" or a URL without spaces/],
  ];
  for (const [what, overrides, message] of bad) {
    it(`defineProfile rejects ${what} with ERR_OAUTH_PROFILE_INVALID`, () => {
      const e = caught(() => defineProfile(overrides as never), ProfileError);
      expect(e.code).to.equal('ERR_OAUTH_PROFILE_INVALID');
      expect(e.message).to.match(message);
    });
  }

  it('defineProfile throws TypeError for fields of the wrong type', () => {
    expect(() => defineProfile({ name: 'x', requireCallbackConfirmed: 'yes' as unknown as boolean })).to.throw(TypeError, 'profile requireCallbackConfirmed must be a boolean, got string');
    expect(() => defineProfile({ name: 'x', decodeError: null as never })).to.throw(TypeError, 'profile decodeError must be a function, got null');
    expect(() => defineProfile(undefined as never)).to.throw(TypeError, 'defineProfile: overrides must be an object, got undefined');
  });
});

describe('withBaseUrl', () => {
  it('withBaseUrl moves weibo-v1 onto the sandbox origin with the same paths', () => {
    const p = withBaseUrl(weiboV1, 'http://127.0.0.1:40123');
    expect(p.endpoints).to.deep.equal({
      temporaryCredentials: 'http://127.0.0.1:40123/oauth/request_token',
      authorization: 'http://127.0.0.1:40123/oauth/authorize',
      tokenCredentials: 'http://127.0.0.1:40123/oauth/access_token',
      apiBase: 'http://127.0.0.1:40123/',
    });
    expect(p.name).to.equal('weibo-v1');
    expect(weiboV1.endpoints.temporaryCredentials).to.equal('http://api.t.sina.com.cn/oauth/request_token');
  });

  it('withBaseUrl keeps twitter\'s /1.1/ API base and accepts a trailing slash', () => {
    expect(withBaseUrl(twitter, 'http://127.0.0.1:8080/').endpoints.apiBase).to.equal('http://127.0.0.1:8080/1.1/');
  });

  it('withBaseUrl puts a base path in front', () => {
    expect(withBaseUrl(twitter, 'http://127.0.0.1:8080/proxy').endpoints.temporaryCredentials).to.equal('http://127.0.0.1:8080/proxy/oauth/request_token');
  });

  it('withBaseUrl rejects a relative base, a query, and credentials without echoing them', () => {
    expect(caught(() => withBaseUrl(twitter, '127.0.0.1:8080'), ProfileError).message).to.equal('withBaseUrl: baseUrl must be an absolute http(s) URL, got "127.0.0.1:8080"');
    expect(caught(() => withBaseUrl(twitter, 'localhost:8080'), ProfileError).message).to.equal('withBaseUrl: baseUrl must use http or https, got "localhost:"');
    expect(caught(() => withBaseUrl(twitter, 'localhost'), ProfileError).message).to.equal('withBaseUrl: baseUrl must be an absolute http(s) URL, got "localhost"');
    expect(caught(() => withBaseUrl(twitter, 'http://a.test/?x=1'), ProfileError).message).to.equal('withBaseUrl: baseUrl must not carry a query or fragment, got "http://a.test/?x=1"');
    const e = caught(() => withBaseUrl(twitter, 'http://user:hunter2@a.test/'), ProfileError);
    expect(e.code).to.equal('ERR_OAUTH_PROFILE_INVALID');
    expect(e.message).to.not.contain('hunter2');
  });
});

describe('netsuiteProfile and jiraProfile', () => {
  it('netsuiteProfile signs with HMAC-SHA256 and sends the account id as realm', () => {
    const p = netsuiteProfile({ accountId: '1234567_sb1' });
    expect(p).to.include({ name: 'netsuite', signatureMethod: 'HMAC-SHA256', realm: '1234567_SB1' });
    expect(p.endpoints.temporaryCredentials).to.equal('https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken');
    expect(validateProfile(p)).to.equal(p);
  });

  it('netsuiteProfile rejects an account id that would change the host', () => {
    const e = caught(() => netsuiteProfile({ accountId: 'evil.test/x' }), ProfileError);
    expect(e.code).to.equal('ERR_OAUTH_PROFILE_INVALID');
    expect(e.message).to.match(/^netsuiteProfile: accountId "evil\.test\/x" must be letters, digits/);
    expect(() => netsuiteProfile({} as never)).to.throw(TypeError, 'netsuiteProfile: accountId must be a string, got undefined');
  });

  it('jiraProfile puts the OAuth servlet under the base URL and signs with RSA-SHA1', () => {
    const p = jiraProfile({ baseUrl: 'https://example.com/jira/' });
    expect(p.endpoints).to.deep.equal({
      temporaryCredentials: 'https://example.com/jira/plugins/servlet/oauth/request-token',
      authorization: 'https://example.com/jira/plugins/servlet/oauth/authorize',
      tokenCredentials: 'https://example.com/jira/plugins/servlet/oauth/access-token',
      apiBase: 'https://example.com/jira/rest/api/2/',
    });
    expect(p).to.include({ name: 'jira', signatureMethod: 'RSA-SHA1' });
    expect(p.methods).to.deep.equal({ temporaryCredentials: 'POST', tokenCredentials: 'POST' });
  });

  it('jiraProfile rejects a base URL that is not http(s)', () => {
    const e = caught(() => jiraProfile({ baseUrl: 'file:///etc' }), ProfileError);
    expect(e.message).to.equal('jiraProfile: baseUrl must use http or https, got "file:"');
  });
});

describe('encoders and decoders of every profile', () => {
  const tables: Array<[ProviderProfile, ProviderCodeTable, (code: number) => string]> = [
    [weiboV1, WEIBO_V1_CODES, String],
    [twitter, TWITTER_CODES, String],
    [tencent, TENCENT_AUTH_CODES, (c) => `3/${c}`],
    [netease, NETEASE_CODES, String],
  ];
  for (const [profile, table, expected] of tables) {
    it(`${profile.name}.encodeError answers every code of its table in a form its decodeError reads back`, () => {
      for (const entry of table) {
        const e = profile.encodeError!(entry.code, '/statuses/update.json');
        const d = profile.decodeError({ status: e.status, headers: e.headers, body: e.body });
        expect(d?.providerCode, `${profile.name} ${entry.code}`).to.equal(expected(entry.code));
        expect(d?.problem, `${profile.name} ${entry.code}`).to.equal(entry.problem);
        expect(e.status, `${profile.name} ${entry.code}`).to.equal(entry.status);
      }
    });
  }
});

describe('docs/errors.md', () => {
  it('docs/errors.md lists every code of every exported table and every OAuth problem', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const { WEIBO_V2_CODES, TENCENT_RET_CODES, OAUTH_PROBLEMS } = await import('../../src/providers/index.js');
    for (const table of [WEIBO_V1_CODES, WEIBO_V2_CODES, TWITTER_CODES, TENCENT_AUTH_CODES, TENCENT_RET_CODES, NETEASE_CODES]) {
      for (const e of table) expect(doc, String(e.code)).to.match(new RegExp(`^\\| ${e.code}( ¹)? \\| ${e.status} \\|`, 'm'));
    }
    for (const name of Object.keys(OAUTH_PROBLEMS)) expect(doc).to.contain(`| \`${name}\` |`);
  });
});
