// compat/oauth-1.0a beyond the ported suite: no mutation, CSPRNG nonces, core defaults, RFC 5849 parsing of odd inputs.

import { expect } from 'chai';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { execFileSync } from 'node:child_process';
import OAuth from '../../../src/compat/oauth-1.0a.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const consumer = { key: 'ck', secret: 'c&s' };

describe('compat/oauth-1.0a API', () => {
  it("require() of the built entry returns the constructor itself, as require('oauth-1.0a') does", () => {
    const script = `const OAuth = require(${JSON.stringify(join(process.cwd(), 'dist/src/compat/oauth-1.0a.js'))});
      const o = new OAuth({ consumer: { key: 'ck', secret: 'cs' }, signature_method: 'HMAC-SHA1' });
      console.log(typeof OAuth, typeof o.authorize, o.toHeader(o.authorize({ url: 'http://x.test/a', method: 'GET' })).Authorization.startsWith('OAuth '));`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim()).to.equal('function function true');
  });

  it('authorize changes none of its arguments (frozen request, data, token and options sign fine)', () => {
    const options = deepFreeze({ consumer: { ...consumer }, signature_method: 'HMAC-SHA1' });
    const request = deepFreeze({ url: 'https://api.example.com/r?a=1&a=2', method: 'POST', data: { b: ['x', 'y'], c: 'z' } });
    const token = deepFreeze({ key: 'tk', secret: 'ts' });
    const oauth = new OAuth(options);
    const result = oauth.authorize(request, token) as unknown as Record<string, unknown>;
    expect(result).to.include({ c: 'z', oauth_token: 'tk' });
    expect(result.b).to.deep.equal(['x', 'y']);
    expect(result.b, 'a copy, not the caller\'s array').to.not.equal(request.data.b);
    expect(() => oauth.authorize({ url: 'https://api.example.com/', method: 'GET' })).to.not.throw();
  });

  it('mergeObject returns a new object and leaves both arguments as they were', () => {
    const a = deepFreeze({ x: 1 });
    const b = deepFreeze({ y: 2, x: 3 });
    expect(new OAuth({ consumer }).mergeObject(a, b)).to.deep.equal({ x: 3, y: 2 });
  });

  it('getNonce draws from the CSPRNG, never Math.random, in nonce_length letters and digits', () => {
    const oauth = new OAuth({ consumer, nonce_length: 40 });
    const random = Math.random;
    Math.random = () => { throw new Error('Math.random used'); };
    try {
      const a = oauth.getNonce();
      const b = oauth.getNonce();
      expect(a).to.match(/^[A-Za-z0-9]{40}$/);
      expect(a).to.not.equal(b);
    } finally {
      Math.random = random;
    }
  });

  for (const [method, digest] of [['HMAC-SHA1', 'sha1'], ['HMAC-SHA256', 'sha256'], ['HMAC-SHA512', 'sha512']] as const) {
    it(`without hash_function, ${method} is HMAC-${digest.toUpperCase()} of getBaseString under getSigningKey`, () => {
      const oauth = new OAuth({ consumer, signature_method: method });
      const request = { url: 'https://api.example.com/r?q=a+b', method: 'GET' };
      const data = { oauth_consumer_key: 'ck', oauth_nonce: 'n', oauth_signature_method: method, oauth_timestamp: 1, oauth_version: '1.0', oauth_token: 't' };
      const expected = createHmac(digest, 'c%26s&t%20s').update(oauth.getBaseString(request, data)).digest('base64');
      expect(oauth.getSignature(request, 't s', data)).to.equal(expected);
    });
  }

  it('a hash_function given is called with (base string, signing key) and its result is the signature', () => {
    const calls: string[][] = [];
    const oauth = new OAuth({ consumer, signature_method: 'RSA-SHA1', hash_function: (base, key) => { calls.push([base, key]); return 'sig'; } });
    oauth.getNonce = () => 'n';
    oauth.getTimeStamp = () => 7;
    expect(oauth.authorize({ url: 'http://Example.com:80', method: 'get' }).oauth_signature).to.equal('sig');
    expect(calls).to.deep.equal([['GET&http%3A%2F%2Fexample.com%2F&oauth_consumer_key%3Dck%26oauth_nonce%3Dn%26oauth_signature_method%3DRSA-SHA1%26oauth_timestamp%3D7%26oauth_version%3D1.0', 'c%26s&']]);
  });

  it('without body_hash_function, oauth_body_hash is the unkeyed digest of the body (SHA-256 for HMAC-SHA256)', () => {
    const body = { text: 'hello' };
    const oauth = new OAuth({ consumer, signature_method: 'HMAC-SHA256' });
    expect(oauth.authorize({ url: 'https://a.example/', method: 'POST', data: body, includeBodyHash: true }).oauth_body_hash)
      .to.equal(createHash('sha256').update(JSON.stringify(body)).digest('base64'));
  });

  it('PLAINTEXT without body_hash_function never puts the signing key in oauth_body_hash', () => {
    const oauth = new OAuth({ consumer });
    const hash = oauth.authorize({ url: 'https://a.example/', method: 'POST', data: 'raw', includeBodyHash: true }).oauth_body_hash;
    expect(hash).to.equal(createHash('sha1').update('raw').digest('base64'));
    expect(hash).to.not.include('c%26s');
  });

  it('a string data is a form-encoded body; a nested object in data is a TypeError naming the member', () => {
    const oauth = new OAuth({ consumer });
    expect(oauth.getParameterString({ url: 'https://a.example/', method: 'POST', data: 'b=x+y&a=1' }, {} as never)).to.equal('a=1&b=x%20y');
    expect(() => oauth.getParameterString({ url: 'https://a.example/', method: 'POST', data: { user: { id: 1 } } }, {} as never))
      .to.throw(TypeError, 'request.data.user is an object');
  });

  it('deParam decodes form-style: + is a space, names decoded, every repeat kept, first = splits, __proto__ is a plain member', () => {
    const parsed = new OAuth({ consumer }).deParam('a=&a=1&f%5Bx%5D=y+z&e=a=b&&__proto__=p');
    expect(JSON.stringify(parsed)).to.equal('{"a":["","1"],"f[x]":"y z","e":"a=b","__proto__":"p"}');
    expect(Object.getPrototypeOf(parsed)).to.equal(Object.prototype);
  });

  it('getBaseUrl lower-cases scheme and host, drops default ports, userinfo and fragment, and gives / for an empty path', () => {
    const oauth = new OAuth({ consumer });
    expect(oauth.getBaseUrl('HTTPS://u:p@Api.Example.COM:443?x=1#f')).to.equal('https://api.example.com/');
    expect(oauth.getBaseUrl('http://api.example.com:8080/A/b?x')).to.equal('http://api.example.com:8080/A/b');
    expect(oauth.getBaseUrl('https://api.example.com/a b')).to.equal('https://api.example.com/a%20b');
  });

  it('toHeader quotes the realm as an RFC 2617 quoted-string and leaves out undefined members', () => {
    const oauth = new OAuth({ consumer, realm: 'say "hi"' });
    const header = oauth.toHeader({ oauth_consumer_key: 'ck', oauth_token: undefined, oauth_signature: 'a/b=' } as never).Authorization;
    expect(header).to.equal('OAuth realm="say \\"hi\\"", oauth_consumer_key="ck", oauth_signature="a%2Fb%3D"');
  });

  it('util.inspect (any depth) and JSON.stringify of an instance never show the consumer secret', () => {
    const oauth = new OAuth({ consumer: { key: 'ck', secret: 'TOP-SECRET-42' }, signature_method: 'HMAC-SHA1' });
    for (const text of [inspect(oauth, { depth: Infinity, showHidden: true }), JSON.stringify(oauth), `${JSON.stringify({ nested: { oauth } })}`]) {
      expect(text).to.include('ck');
      expect(text).to.not.include('TOP-SECRET-42');
    }
    expect(oauth.consumer.secret).to.equal('TOP-SECRET-42');
  });

  it('is callable with and without new, and instances are instanceof OAuth', () => {
    expect(OAuth({ consumer })).to.be.instanceOf(OAuth);
    expect(new OAuth({ consumer })).to.be.instanceOf(OAuth);
  });

  it('imports only from src/core (the compat layer sits on the core alone)', () => {
    const source = readFileSync(join(import.meta.dirname, '../../../src/compat/oauth-1.0a.ts'), 'utf8');
    const imports = [...source.matchAll(/^import[^;]*from '([^']+)'/gm)].map((m) => m[1]!);
    expect(imports.length).to.be.greaterThan(0);
    for (const i of imports) expect(i, i).to.match(/^\.\.\/core\//);
  });
});
