// Forensics input readers: raw HTTP, curl, HAR, JSON, multipart bodies and responses.

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  parseCurlCommand, parseHarEntry, parseHttpRequestText, parseHttpResponseText, parseJsonRequests, parseMultipartBody, shellWords,
} from '../../src/forensics/inputs/index.js';
import { diagnoseSignature } from '../../src/forensics/diagnose.js';
import { OAuthError } from '../../src/core/errors.js';

const ROOT = resolve(import.meta.dirname, '../..');
const fixture = (name: string): string => readFileSync(resolve(ROOT, 'fixtures/forensics', name), 'utf8');
const TW_SECRETS = { consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw', tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE' };
const TW_STATUS = 'Hello Ladies + Gentlemen, a signed OAuth request!';

describe('shellWords', () => {
  it('shellWords splits on blanks and keeps single-quoted text as is', () => {
    expect(shellWords(`curl -H 'Authorization: OAuth a="b", c="d"' x`)).to.deep.equal(['curl', '-H', 'Authorization: OAuth a="b", c="d"', 'x']);
  });

  it('shellWords unescapes \\" \\\\ \\$ inside double quotes and keeps other backslashes', () => {
    expect(shellWords(String.raw`"a \"b\" \\ \$x \n"`)).to.deep.equal(['a "b" \\ $x \\n']);
  });

  it('shellWords joins backslash-newline continuations and adjacent quoted pieces', () => {
    expect(shellWords("curl \\\n  -d 'a=1'\"&b=2\" \\\r\n  u")).to.deep.equal(['curl', '-d', 'a=1&b=2', 'u']);
  });

  it('shellWords reads $\'…\' ANSI-C quoting', () => {
    expect(shellWords("$'a\\tb\\x41\\''")).to.deep.equal(["a\tbA'"]);
  });

  it('shellWords rejects an unterminated quote with ERR_OAUTH_INPUT_INVALID', () => {
    expect(() => shellWords("curl 'abc")).to.throw(OAuthError, 'unterminated single quote at offset 5').with.property('code', 'ERR_OAUTH_INPUT_INVALID');
  });
});

describe('parseCurlCommand', () => {
  it('parseCurlCommand reads Twitter\'s example as curl, which then verifies', () => {
    const req = parseCurlCommand(fixture('twitter-update.curl'));
    expect(req.method).to.equal('POST');
    expect(req.url).to.equal('https://api.twitter.com/1.1/statuses/update.json?include_entities=true');
    expect(req.form).to.deep.equal([['status', TW_STATUS]]);
    expect(diagnoseSignature(req, TW_SECRETS).valid).to.equal(true);
  });

  it('parseCurlCommand treats -G data as query, -X as the method, and skips -s -v -k and -o FILE', () => {
    const req = parseCurlCommand(`curl -sSk -v -o out.json -G -X GET -d 'a=1' --data-urlencode 'q=x y' "https://e.example/p"`);
    expect(req).to.deep.equal({ method: 'GET', url: 'https://e.example/p?a=1&q=x%20y' });
  });

  it('parseCurlCommand reads -F text fields and @file parts as multipart', () => {
    const req = parseCurlCommand(`curl -F 'status=上传 hi' -F 'pic=@/tmp/cat.jpg;type=image/jpeg' -H 'Authorization: OAuth x="y"' http://api.t.sina.com.cn/statuses/upload.json`);
    expect(req.method).to.equal('POST');
    expect(req.multipart).to.deep.equal({ fields: [['status', '上传 hi']], files: [{ name: 'pic', filename: 'cat.jpg' }] });
    expect(req.authorization).to.equal('OAuth x="y"');
  });

  it('parseCurlCommand reads -d @file through readFile and strips newlines as curl does', () => {
    const req = parseCurlCommand(`curl -d @body.txt https://e.example/`, { readFile: (p) => (p === 'body.txt' ? 'a=1\nb=2\n' : '') });
    expect(req.form).to.deep.equal([['a', '1b=2']]);
  });

  it('parseCurlCommand adds http:// to a URL without a scheme, as curl does', () => {
    expect(parseCurlCommand('curl example.com/x').url).to.equal('http://example.com/x');
  });

  it('parseCurlCommand rejects an unknown option with ERR_OAUTH_INPUT_INVALID', () => {
    expect(() => parseCurlCommand('curl --frobnicate https://e.example/')).to.throw(OAuthError, 'unsupported curl option "--frobnicate"').with.property('code', 'ERR_OAUTH_INPUT_INVALID');
  });

  it('parseCurlCommand rejects a command without a URL, and @file without a reader', () => {
    expect(() => parseCurlCommand('curl -X POST')).to.throw(OAuthError, 'the curl command has no URL');
    expect(() => parseCurlCommand('curl -d @f https://e.example/')).to.throw(OAuthError, '-d @f: reading files is not allowed here');
  });
});

describe('parseHttpRequestText', () => {
  it('parseHttpRequestText reads the RFC 5849 §1.2 request with its folded Authorization header', () => {
    const req = parseHttpRequestText(fixture('rfc5849-1-2-photos.http'), { scheme: 'http' });
    expect(req.method).to.equal('GET');
    expect(req.url).to.equal('http://photos.example.net/photos?file=vacation.jpg&size=original');
    expect(req.authorization).to.match(/^OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token=/);
    expect(diagnoseSignature(req, { consumerSecret: 'kd94hf93k423kf44', tokenSecret: 'pfkkdhi9sl3r4s00' }).valid).to.equal(true);
  });

  it('parseHttpRequestText defaults to https, and to http when the Host names port 80', () => {
    expect(parseHttpRequestText('GET /a HTTP/1.1\nHost: x.example\n\n').url).to.equal('https://x.example/a');
    expect(parseHttpRequestText('GET /a HTTP/1.1\nHost: x.example:80\n\n').url).to.equal('http://x.example:80/a');
  });

  it('parseHttpRequestText takes host and scheme from HTTP/2 pseudo-headers as browsers print them', () => {
    expect(parseHttpRequestText('GET /a?b=1 HTTP/2\n:authority: x.example\n:scheme: http\n:path: /a?b=1\n\n').url).to.equal('http://x.example/a?b=1');
  });

  it('parseHttpRequestText reads Twitter\'s raw request (CRLF, form body with lower-case hex) and it verifies', () => {
    const auth = fixture('twitter-update.curl').match(/Authorization: ([^']*)'/)![1]!;
    const raw = `POST /1.1/statuses/update.json?include_entities=true HTTP/1.1\r\nHost: api.twitter.com\r\nAuthorization: ${auth}\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nstatus=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21`;
    const req = parseHttpRequestText(raw);
    expect(req.form).to.deep.equal([['status', TW_STATUS]]);
    expect(diagnoseSignature(req, TW_SECRETS).valid).to.equal(true);
  });

  it('parseHttpRequestText reads a multipart body into text fields and file descriptions', () => {
    const body = '--XyZ\r\nContent-Disposition: form-data; name="status"\r\n\r\nhello world\r\n--XyZ\r\nContent-Disposition: form-data; name="pic"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\u00ff\u00d8abc\r\n--XyZ--\r\n';
    const req = parseHttpRequestText(`POST /statuses/upload.json HTTP/1.1\r\nHost: api.t.sina.com.cn:80\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n\r\n${body}`);
    expect(req.multipart).to.deep.equal({ fields: [['status', 'hello world']], files: [{ name: 'pic', filename: 'a.jpg', size: 5 }] });
  });

  it('parseHttpRequestText rejects a missing Host with ERR_OAUTH_INPUT_INVALID', () => {
    expect(() => parseHttpRequestText('GET / HTTP/1.1\n\n')).to.throw(OAuthError, 'the request has an origin-form target and no Host header').with.property('code', 'ERR_OAUTH_INPUT_INVALID');
    expect(() => parseHttpRequestText('hello')).to.throw(OAuthError, 'not an HTTP request: its first line must be a request line such as "GET /path HTTP/1.1" (method, then a path or an absolute URL), got "hello"');
  });
});

describe('parseMultipartBody', () => {
  it('parseMultipartBody accepts LF line ends and quoted names with escapes', () => {
    expect(parseMultipartBody('--b\nContent-Disposition: form-data; name="a\\"b"\n\nv\n--b--\n', 'b')).to.deep.equal({ fields: [['a"b', 'v']], files: [] });
  });

  it('parseMultipartBody rejects a body without its boundary', () => {
    expect(() => parseMultipartBody('nothing', 'zz')).to.throw(OAuthError, 'multipart body does not contain its boundary "zz"');
  });
});

describe('parseHarEntry', () => {
  it('parseHarEntry reads entry 1 of the Twitter HAR, which verifies', () => {
    const req = parseHarEntry(fixture('twitter-update.har'), 1);
    expect(req.method).to.equal('POST');
    expect(req.form).to.deep.equal([['status', TW_STATUS]]);
    expect(diagnoseSignature(req, TW_SECRETS).valid).to.equal(true);
  });

  it('parseHarEntry reads multipart params with fileName as files', () => {
    const har = JSON.stringify({ log: { entries: [{ request: { method: 'POST', url: 'https://u.example/up', headers: [{ name: 'Content-Type', value: 'multipart/form-data; boundary=q' }], postData: { mimeType: 'multipart/form-data; boundary=q', params: [{ name: 'status', value: 'hi' }, { name: 'media[]', fileName: 'p.png' }] } } }] } });
    expect(parseHarEntry(har, 0).multipart).to.deep.equal({ fields: [['status', 'hi']], files: [{ name: 'media[]', filename: 'p.png' }] });
  });

  it('parseHarEntry rejects an entry that does not exist, naming the count', () => {
    expect(() => parseHarEntry(fixture('twitter-update.har'), 5)).to.throw(OAuthError, 'HAR entry 5 does not exist (the file has 2, numbered from 0)');
    expect(() => parseHarEntry('{', 0)).to.throw(OAuthError, /^HAR file is not JSON/);
  });
});

describe('parseJsonRequests', () => {
  it('parseJsonRequests reads one object with authorization, multipart, provider and id', () => {
    const [req] = parseJsonRequests(JSON.stringify({ id: 7, method: 'POST', url: 'http://a.example/u', authorization: 'OAuth a="b"', provider: 'weibo-v1', multipart: { fields: [['status', 'x']], files: [{ name: 'pic', filename: 'a.jpg', size: 1 }] } }));
    expect(req).to.deep.equal({ id: '7', method: 'POST', url: 'http://a.example/u', authorization: 'OAuth a="b"', provider: 'weibo-v1', multipart: { fields: [['status', 'x']], files: [{ name: 'pic', filename: 'a.jpg', size: 1 }] } });
  });

  it('parseJsonRequests reads JSON lines and an array, skipping blank lines', () => {
    expect(parseJsonRequests('{"method":"GET","url":"https://a/"}\n\n{"method":"PUT","url":"https://b/"}\n').map((r) => r.method)).to.deep.equal(['GET', 'PUT']);
    expect(parseJsonRequests('[{"method":"GET","url":"https://a/"}]')).to.have.length(1);
  });

  it('parseJsonRequests names the line of a bad request', () => {
    expect(() => parseJsonRequests('{"method":"GET","url":"https://a/"}\n{"method":1,"url":"x"}')).to.throw(OAuthError, 'line 2: "method" and "url" must be strings');
    expect(() => parseJsonRequests('{"method":"GET","url":"https://a/","form":[["a"]]}')).to.throw(OAuthError, 'the object: "form" must be an array of [name, value] string pairs');
  });
});

describe('parseHttpResponseText', () => {
  it('parseHttpResponseText reads a status line, headers and body', () => {
    expect(parseHttpResponseText('HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n\r\n{"error_code":21321}')).to.deep.equal({ status: 403, headers: { 'content-type': 'application/json' }, body: '{"error_code":21321}' });
  });

  it('parseHttpResponseText reads `oauth1 request` output, its --json output and a bare body', () => {
    expect(parseHttpResponseText('401\n{"a":1}\n')).to.deep.equal({ status: 401, headers: {}, body: '{"a":1}\n' });
    expect(parseHttpResponseText('{"status":401,"headers":{"WWW-Authenticate":"OAuth x"},"body":{"a":1}}')).to.deep.equal({ status: 401, headers: { 'www-authenticate': 'OAuth x' }, body: '{"a":1}' });
    expect(parseHttpResponseText('oops')).to.deep.equal({ status: 0, headers: {}, body: 'oops' });
  });
});
