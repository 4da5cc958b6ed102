// Specs for src/core/base-string.ts: base string URI, parameter sources, normalisation, base string (RFC 5849 §3.4.1).

import { expect } from 'chai';
import {
  baseStringUri, parseRequestUrl, collectParameters, normalizeParameters, composeBaseString,
  signatureBaseString, isFormContentType, normalizeMethod, OAuthError, UrlError, RequestError, EncodingError,
} from '../../src/index.js';
import { caught } from '../helpers/errors.js';

// RFC 5849 §3.4.1.1 / §3.4.1.3.1 example request (the Authorization header value, unfolded).
const RFC_HEADER = 'OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7", '
  + 'oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a", oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"';
const RFC_REQUEST = {
  method: 'POST',
  url: 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b',
  authorization: RFC_HEADER,
  body: 'c2&a3=2+q',
  contentType: 'application/x-www-form-urlencoded',
};

describe('baseStringUri', () => {
  it('baseStringUri lower-cases scheme and host and drops :80 for http (RFC 5849 §3.4.1.2 example 1)', () => {
    expect(baseStringUri('HTTP://EXAMPLE.COM:80/r%20v/X?id=123')).to.equal('http://example.com/r%20v/X');
  });

  it('baseStringUri keeps a non-default port and gives an empty path as "/" (RFC 5849 §3.4.1.2 example 2)', () => {
    expect(baseStringUri('https://www.example.net:8080/?q=1')).to.equal('https://www.example.net:8080/');
    expect(baseStringUri('https://www.example.net:8080?q=1')).to.equal('https://www.example.net:8080/');
    expect(baseStringUri('http://example.com')).to.equal('http://example.com/');
  });

  it('baseStringUri drops :443 only for https', () => {
    expect(baseStringUri('https://example.com:443/a')).to.equal('https://example.com/a');
    expect(baseStringUri('http://example.com:443/a')).to.equal('http://example.com:443/a');
  });

  it('baseStringUri drops :80 only for http', () => {
    expect(baseStringUri('http://example.com:80/a')).to.equal('http://example.com/a');
    expect(baseStringUri('https://example.com:80/a')).to.equal('https://example.com:80/a');
  });

  it('baseStringUri keeps every other port', () => {
    expect(baseStringUri('http://example.com:8080/a')).to.equal('http://example.com:8080/a');
    expect(baseStringUri('https://example.com:8443/a')).to.equal('https://example.com:8443/a');
    expect(baseStringUri('http://127.0.0.1:3000/x')).to.equal('http://127.0.0.1:3000/x');
  });

  it('baseStringUri drops userinfo, query and fragment', () => {
    expect(baseStringUri('https://user:pa55@Example.com/p?x=1#frag')).to.equal('https://example.com/p');
    expect(baseStringUri('http://example.com/a#b?c')).to.equal('http://example.com/a');
  });

  it('baseStringUri keeps IPv6 literals in brackets, lower-cased, with the same port rules', () => {
    expect(baseStringUri('http://[2001:DB8::1]:8080/x')).to.equal('http://[2001:db8::1]:8080/x');
    expect(baseStringUri('https://[::1]:443/')).to.equal('https://[::1]/');
    expect(baseStringUri('http://[::1]/')).to.equal('http://[::1]/');
  });

  it('baseStringUri keeps the path exactly as sent: case, dot segments, escapes and empty segments', () => {
    expect(baseStringUri('HTTP://Example.COM/A/../b/./C%7e%2f//d')).to.equal('http://example.com/A/../b/./C%7e%2f//d');
  });

  it('baseStringUri keeps a path with sub-delims as sent (they are encoded later, in the base string)', () => {
    expect(baseStringUri("http://example.com/a(b)!*'")).to.equal("http://example.com/a(b)!*'");
  });

  const relative = ['/request?a=1', 'example.com/request', '//example.com/request', '', 'request', 'mailto:a@example.com'];
  for (const url of relative) {
    it(`baseStringUri rejects the relative URL ${JSON.stringify(url)} with ERR_OAUTH_URL_INVALID`, () => {
      const e = caught(() => baseStringUri(url), UrlError);
      expect(e.code).to.equal('ERR_OAUTH_URL_INVALID');
      expect(e.message).to.equal(`url must be absolute (scheme://host/path), got ${JSON.stringify(url)}; a relative URL cannot be signed because the base string needs the scheme and host`);
    });
  }

  it('baseStringUri rejects a URL with a space or non-ASCII character instead of guessing its wire form', () => {
    const e = caught(() => baseStringUri('http://example.com/a b'), UrlError);
    expect(e.code).to.equal('ERR_OAUTH_URL_INVALID');
    expect(e.message).to.equal('url contains a space, control or non-ASCII character; percent-encode it exactly as it is sent on the wire (got "http://example.com/a b")');
    expect(caught(() => baseStringUri('http://example.com/café'), UrlError).code).to.equal('ERR_OAUTH_URL_INVALID');
  });

  it('baseStringUri rejects a missing host, a bad port and a broken IPv6 literal', () => {
    expect(caught(() => baseStringUri('http:///path'), UrlError).message).to.equal('url has no host: "http:///path"');
    expect(caught(() => baseStringUri('http://example.com:99999/'), UrlError).message).to.equal('url has an invalid port "99999"');
    expect(caught(() => baseStringUri('http://example.com:8o/'), UrlError).message).to.equal('url has an invalid port "8o"');
    expect(caught(() => baseStringUri('http://[::1/'), UrlError).message).to.equal('url has an unterminated IPv6 literal in "http://[::1/"');
  });

  it('baseStringUri errors never quote a password from the userinfo', () => {
    const e = caught(() => baseStringUri('http://user:hunter2@example.com/a b'), UrlError);
    expect(e.message).not.to.include('hunter2');
    expect(e.message).to.include('http://***@example.com/a b');
  });

  it('baseStringUri throws a TypeError for a non-string', () => {
    expect(() => baseStringUri(undefined as unknown as string)).to.throw(TypeError, 'url must be a string, got undefined');
  });
});

describe('parseRequestUrl', () => {
  it('parseRequestUrl returns the raw query without "?" and without the fragment', () => {
    expect(parseRequestUrl('https://a.example/p?x=1+2&y#f')).to.deep.equal({ baseStringUri: 'https://a.example/p', query: 'x=1+2&y' });
    expect(parseRequestUrl('https://a.example/p')).to.deep.equal({ baseStringUri: 'https://a.example/p', query: '' });
  });
});

describe('isFormContentType', () => {
  it('isFormContentType matches application/x-www-form-urlencoded in any case, with parameters', () => {
    expect(isFormContentType('application/x-www-form-urlencoded')).to.equal(true);
    expect(isFormContentType('Application/X-WWW-Form-URLEncoded')).to.equal(true);
    expect(isFormContentType('application/x-www-form-urlencoded; charset=UTF-8')).to.equal(true);
    expect(isFormContentType(' application/x-www-form-urlencoded ;charset=utf-8')).to.equal(true);
  });

  it('isFormContentType rejects every other type, multipart included', () => {
    expect(isFormContentType(undefined)).to.equal(false);
    expect(isFormContentType('multipart/form-data; boundary=x')).to.equal(false);
    expect(isFormContentType('application/json')).to.equal(false);
    expect(isFormContentType('text/plain')).to.equal(false);
    expect(isFormContentType('application/x-www-form-urlencoded-extra')).to.equal(false);
  });
});

describe('collectParameters', () => {
  it('collectParameters gathers query, header (without realm and oauth_signature) and form body in that order (RFC 5849 §3.4.1.3.1 table)', () => {
    const got = collectParameters(RFC_REQUEST).map((p) => [p.name, p.value, p.source]);
    expect(got).to.deep.equal([
      ['b5', '=%3D', 'query'],
      ['a3', 'a', 'query'],
      ['c@', '', 'query'],
      ['a2', 'r b', 'query'],
      ['oauth_consumer_key', '9djdj82h48djs9d2', 'authorization'],
      ['oauth_token', 'kkk9d7dh3k39sjv7', 'authorization'],
      ['oauth_signature_method', 'HMAC-SHA1', 'authorization'],
      ['oauth_timestamp', '137131201', 'authorization'],
      ['oauth_nonce', '7d8f3e4a', 'authorization'],
      ['c2', '', 'form'],
      ['a3', '2 q', 'form'],
    ]);
  });

  it('collectParameters decodes "+" in the query as a space', () => {
    expect(collectParameters({ method: 'GET', url: 'https://a.example/?q=a+b%2Bc' })).to.deep.equal([{ name: 'q', value: 'a b+c', source: 'query' }]);
  });

  it('collectParameters excludes oauth_signature from the query, the header and the form body', () => {
    const got = collectParameters({
      method: 'POST',
      url: 'https://a.example/?oauth_signature=q&a=1',
      authorization: 'OAuth oauth_signature="h", oauth_nonce="n"',
      form: [['oauth_signature', 'f'], ['b', '2']],
    });
    expect(got.map((p) => p.name)).to.deep.equal(['a', 'oauth_nonce', 'b']);
  });

  it('collectParameters never includes realm from the header', () => {
    const got = collectParameters({ method: 'GET', url: 'https://a.example/', authorization: 'OAuth realm="http://sp.example.com/", oauth_token="t"' });
    expect(got).to.deep.equal([{ name: 'oauth_token', value: 't', source: 'authorization' }]);
  });

  it('collectParameters reads a raw body only when its content type is form-encoded (any case, with charset)', () => {
    const base = { method: 'POST', url: 'https://a.example/', body: 'a=1&b' };
    expect(collectParameters({ ...base, contentType: 'APPLICATION/X-WWW-FORM-URLENCODED; charset=utf-8' }).map((p) => [p.name, p.value]))
      .to.deep.equal([['a', '1'], ['b', '']]);
    expect(collectParameters({ ...base, contentType: 'text/plain' })).to.deep.equal([]);
    expect(collectParameters({ ...base, contentType: 'multipart/form-data; boundary=x' })).to.deep.equal([]);
    expect(collectParameters(base)).to.deep.equal([]);
  });

  it('collectParameters decodes a Uint8Array form body as UTF-8', () => {
    const got = collectParameters({ method: 'POST', url: 'https://a.example/', body: new TextEncoder().encode('k=caf%C3%A9+x'), contentType: 'application/x-www-form-urlencoded' });
    expect(got).to.deep.equal([{ name: 'k', value: 'café x', source: 'form' }]);
  });

  it('collectParameters keeps repeated names, empty values and names without "=" from every source', () => {
    const got = collectParameters({ method: 'POST', url: 'https://a.example/?a=1&a=&a', form: [['a', '1'], ['e', '']] });
    expect(got.map((p) => [p.name, p.value, p.source])).to.deep.equal([
      ['a', '1', 'query'], ['a', '', 'query'], ['a', '', 'query'], ['a', '1', 'form'], ['e', '', 'form'],
    ]);
  });

  it('collectParameters refuses both form pairs and a raw body with ERR_OAUTH_REQUEST_INVALID', () => {
    const e = caught(() => collectParameters({ method: 'POST', url: 'https://a.example/', form: [], body: 'a=1', contentType: 'application/x-www-form-urlencoded' }), RequestError);
    expect(e.code).to.equal('ERR_OAUTH_REQUEST_INVALID');
    expect(e.message).to.equal('give either form (decoded pairs) or body (raw), not both');
  });

  it('collectParameters reports a broken escape in the query with its offset in the query', () => {
    const e = caught(() => collectParameters({ method: 'GET', url: 'https://a.example/?a=1&b=%4' }), EncodingError);
    expect(e.code).to.equal('ERR_OAUTH_PERCENT_ENCODING_MALFORMED');
    expect(e.position).to.equal(6);
  });
});

describe('normalizeParameters', () => {
  it('normalizeParameters reproduces the RFC 5849 §3.4.1.3.2 example (a3 twice, sorted by value)', () => {
    expect(normalizeParameters(collectParameters(RFC_REQUEST))).to.equal(
      'a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a'
      + '&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7');
  });

  it('normalizeParameters sorts by the encoded bytes, not the decoded characters', () => {
    // Decoded, "~" (0x7E) sorts before "é" (0xE9); encoded, "%C3%A9" (0x25…) sorts before "~".
    expect(normalizeParameters([['~', '1'], ['é', '2']])).to.equal('%C3%A9=2&~=1');
    expect(normalizeParameters([['a', '~'], ['a', 'é']])).to.equal('a=%C3%A9&a=~');
  });

  it('normalizeParameters sorts upper case before lower case (byte order) and keeps "=" for empty values', () => {
    expect(normalizeParameters([['a', ''], ['B', '1'], ['a1', 'x'], ['Z', '']])).to.equal('B=1&Z=&a=&a1=x');
  });

  it('normalizeParameters accepts [name, value] pairs and sourced parameters alike', () => {
    expect(normalizeParameters([{ name: 'b', value: 'x y', source: 'query' }])).to.equal(normalizeParameters([['b', 'x y']]));
    expect(normalizeParameters([])).to.equal('');
  });
});

describe('composeBaseString and normalizeMethod', () => {
  it('composeBaseString upper-cases the method and encodes URI and parameters', () => {
    expect(composeBaseString('get', 'http://example.com/', 'a=1&b=x%20y')).to.equal('GET&http%3A%2F%2Fexample.com%2F&a%3D1%26b%3Dx%2520y');
  });

  it('normalizeMethod rejects a method that is not an HTTP token with ERR_OAUTH_METHOD_INVALID', () => {
    const e = caught(() => normalizeMethod('GE T'), RequestError);
    expect(e.code).to.equal('ERR_OAUTH_METHOD_INVALID');
    expect(e.message).to.equal('HTTP method "GE T" is not a valid token');
    expect(caught(() => normalizeMethod(''), OAuthError).code).to.equal('ERR_OAUTH_METHOD_INVALID');
  });
});

describe('signatureBaseString', () => {
  it('signatureBaseString reproduces the RFC 5849 §3.4.1.1 example', () => {
    expect(signatureBaseString(RFC_REQUEST)).to.equal(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_'
      + 'key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk'
      + '9d7dh3k39sjv7');
  });

  it('signatureBaseString reproduces OAuth Core 1.0 Appendix A.5.1 (protocol parameters in the header, realm ignored)', () => {
    const base = signatureBaseString({
      method: 'GET',
      url: 'http://photos.example.net/photos?file=vacation.jpg&size=original',
      authorization: 'OAuth realm="http://photos.example.net/", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", '
        + 'oauth_signature_method="HMAC-SHA1", oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D", oauth_timestamp="1191242096", '
        + 'oauth_nonce="kllo9940pd9333jh", oauth_version="1.0"',
    });
    expect(base).to.equal('GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03'
      + '%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk'
      + '%26oauth_version%3D1.0%26size%3Doriginal');
  });

  it('signatureBaseString equals composeBaseString over the normalised parameters', () => {
    const req = { method: 'put', url: "https://Ex.example:8443/a(b)?x=%E6%9D%B1+1&y=!*'", form: [['z', '1 + 1'] as const] };
    expect(signatureBaseString(req)).to.equal(composeBaseString('put', baseStringUri(req.url), normalizeParameters(collectParameters(req))));
    expect(signatureBaseString(req)).to.equal('PUT&https%3A%2F%2Fex.example%3A8443%2Fa%28b%29&x%3D%25E6%259D%25B1%25201%26y%3D%2521%252A%2527%26z%3D1%2520%252B%25201');
  });
});
