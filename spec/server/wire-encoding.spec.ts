// Specs for the verifier's encoding shortcuts: parameters keep the encoding read off the wire only
// when it is exactly what RFC 5849 §3.6 would produce, and the results never differ from
// decoding and encoding afresh.

import { expect } from 'chai';
import fc from 'fast-check';
import { parseAuthorizationHeaderEncoded } from '../../src/core/authorization-header.js';
import { parseFormEncodedForSigning, percentEncode } from '../../src/core/encoding.js';
import { parseRequestUrl, UrlError } from '../../src/index.js';
import { caught } from '../helpers/errors.js';

// One character of a value, written the canonical way or one of the other ways a client may send it.
const spelling = fc.oneof(
  fc.constantFrom('a', 'Z', '0', '-', '.', '_', '~'),
  fc.constantFrom('%2F', '%3D', '%2B', '%20', '%25', '%C3%A9', '%E5%BE%AE'),
  fc.constantFrom('%2f', '%3d', '%c3%a9'),
  fc.constantFrom('%41', '%7E', '%2D', '%30'),
  fc.constantFrom('+', '!', '*', "'", '(', ')', ':', '/', '@', '$'),
);
const rawValue = fc.array(spelling, { maxLength: 12 }).map((parts) => parts.join(''));

describe('parseAuthorizationHeaderEncoded', () => {
  it('parseAuthorizationHeaderEncoded gives each value the RFC 5849 §3.6 encoding of its decoded form, however it was written', () => {
    fc.assert(fc.property(fc.array(rawValue, { minLength: 1, maxLength: 8 }), (values) => {
      const header = 'OAuth ' + values.map((v, i) => `oauth_p${i}="${v}"`).join(', ');
      const parsed = parseAuthorizationHeaderEncoded(header);
      expect(parsed.encoded).to.deep.equal(parsed.params.map(([n, v]) => [percentEncode(n), percentEncode(v)]));
      expect(parsed.params.map((p) => p[1])).to.deep.equal(values.map((v) => decodeURIComponent(v)));
    }));
  });

  it('parseAuthorizationHeaderEncoded reuses a canonical value as is and re-encodes lower-case hex, escaped unreserved characters and "+"', () => {
    const parsed = parseAuthorizationHeaderEncoded('OAuth a="x%2Fy", b="x%2fy", c="%41b", d="a+b", e="q\\"r"');
    expect(parsed.params).to.deep.equal([['a', 'x/y'], ['b', 'x/y'], ['c', 'Ab'], ['d', 'a+b'], ['e', 'q"r']]);
    expect(parsed.encoded).to.deep.equal([['a', 'x%2Fy'], ['b', 'x%2Fy'], ['c', 'Ab'], ['d', 'a%2Bb'], ['e', 'q%22r']]);
  });
});

describe('parseFormEncodedForSigning', () => {
  it('parseFormEncodedForSigning gives each name and value the RFC 5849 §3.6 encoding of its decoded form', () => {
    fc.assert(fc.property(fc.array(fc.tuple(rawValue, rawValue), { maxLength: 6 }), (pairs) => {
      const parsed = parseFormEncodedForSigning(pairs.map(([n, v]) => `${n}=${v}`).join('&'));
      expect(parsed.encoded).to.deep.equal(parsed.decoded.map(([n, v]) => [percentEncode(n), percentEncode(v)]));
    }));
  });
});

describe('parseRequestUrl (remembered paths)', () => {
  it('parseRequestUrl answers the same for a path seen before, whatever its new query', () => {
    fc.assert(fc.property(fc.constantFrom('HTTPS://Api.Example.com:443/a', 'http://h.example:8080/p/q', 'https://x.example'), rawValue, (prefix, query) => {
      const first = parseRequestUrl(`${prefix}?warm=1`);
      const again = parseRequestUrl(`${prefix}?${query}`);
      expect(again).to.deep.equal({ baseStringUri: first.baseStringUri, query });
    }));
  });

  it('parseRequestUrl still refuses a bad query after its path was remembered', () => {
    parseRequestUrl('https://api.example.com/remembered?a=1');
    const e = caught(() => parseRequestUrl('https://api.example.com/remembered?a=1 2'), UrlError);
    expect(e.code).to.equal('ERR_OAUTH_URL_INVALID');
    expect(e.message).to.match(/space, control or non-ASCII/);
  });

  it('parseRequestUrl drops a fragment from a remembered path', () => {
    parseRequestUrl('https://api.example.com/frag?a=1');
    expect(parseRequestUrl('https://api.example.com/frag?b=2#top')).to.deep.equal({ baseStringUri: 'https://api.example.com/frag', query: 'b=2' });
  });
});
