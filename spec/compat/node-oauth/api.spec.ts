// compat/oauth beyond the ported cases: secrets hidden, CSPRNG nonces, node-oauth's constructor checks.

import { expect } from 'chai';
import { inspect } from 'node:util';
import { OAuth, OAuthEcho } from '../../../src/compat/oauth.js';

describe('compat/oauth API', () => {
  it('keeps the consumer secret out of util.inspect, JSON and Object.keys', () => {
    const oa = new OAuth('http://127.0.0.1:1/r', 'http://127.0.0.1:1/a', 'ck', 'very-secret-value', '1.0', null, 'HMAC-SHA1');
    expect(inspect(oa, { depth: 10 })).to.not.include('very-secret');
    expect(JSON.stringify(oa)).to.not.include('very-secret');
    expect(Object.keys(oa)).to.not.include('_consumerSecret');
    expect(oa._consumerSecret, 'still readable as node-oauth code expects').to.equal('very-secret-value');
  });

  it('draws nonces from the CSPRNG, never Math.random', () => {
    const oa = new OAuth('', '', 'ck', 'cs', '1.0', null, 'HMAC-SHA1', 40);
    const random = Math.random;
    Math.random = () => { throw new Error('Math.random used'); };
    try {
      expect(oa._getNonce(40)).to.match(/^[A-Za-z0-9]{40}$/);
      expect(oa.authHeader('http://127.0.0.1/x')).to.match(/oauth_nonce="[A-Za-z0-9]{40}"/);
    } finally {
      Math.random = random;
    }
  });

  it('refuses an unknown signature method with node-oauth\'s message', () => {
    expect(() => new OAuth('', '', 'ck', 'cs', '1.0', null, 'HMAC-MD5')).to.throw(Error, 'Un-supported signature method: HMAC-MD5');
    expect(() => new OAuthEcho('r', 'http://127.0.0.1/v', 'ck', 'cs', '1.0', 'HMAC-MD5')).to.throw(Error, 'Un-supported signature method: HMAC-MD5');
  });

  it('signs a repeated query key as repeated (node-oauth: a[0], a[1]) and leaves oauth_version out when no version is given', () => {
    const oa = new OAuth('', '', 'ck', 'cs', undefined as unknown as string, null, 'PLAINTEXT');
    const ordered = oa._prepareParameters(null, null, 'GET', 'http://127.0.0.1/x?a=1&a=2', {});
    expect(ordered.filter(([n]) => n.startsWith('a'))).to.deep.equal([['a', '1'], ['a', '2']]);
    expect(ordered.map(([n]) => n)).to.not.include('oauth_version');
  });
});
