// Specs for src/core/authorization-header.ts: formatting and strict parsing (RFC 5849 §3.5.1).

import { expect } from 'chai';
import fc from 'fast-check';
import { formatAuthorizationHeader, parseAuthorizationHeader, HeaderError } from '../../src/index.js';
import { parseAuthorizationHeaderEncoded, parseCanonicalHeader, parseHeaderCharByChar } from '../../src/core/authorization-header.js';
import { caught } from '../helpers/errors.js';

// RFC 5849 §3.5.1 example (line breaks removed).
const RFC_3_5_1 = 'OAuth realm="Example", oauth_consumer_key="0685bd9184jfhq22", oauth_token="ad180jjd733klru7", '
  + 'oauth_signature_method="HMAC-SHA1", oauth_signature="wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D", oauth_timestamp="137131200", '
  + 'oauth_nonce="4572616e48616d6d65724c61686176", oauth_version="1.0"';
const RFC_3_5_1_PARAMS: Array<[string, string]> = [
  ['oauth_consumer_key', '0685bd9184jfhq22'],
  ['oauth_token', 'ad180jjd733klru7'],
  ['oauth_signature_method', 'HMAC-SHA1'],
  ['oauth_signature', 'wOJIO9A2W5mFwDgiDvZbTSMK/PY='],
  ['oauth_timestamp', '137131200'],
  ['oauth_nonce', '4572616e48616d6d65724c61686176'],
  ['oauth_version', '1.0'],
];

describe('formatAuthorizationHeader', () => {
  it('formatAuthorizationHeader writes realm first, then name="encoded value" pairs separated by ", " (RFC 5849 §3.5.1 example)', () => {
    expect(formatAuthorizationHeader(RFC_3_5_1_PARAMS, 'Example')).to.equal(RFC_3_5_1);
  });

  it('formatAuthorizationHeader omits realm when not given', () => {
    expect(formatAuthorizationHeader([['oauth_token', 'a b+c']])).to.equal('OAuth oauth_token="a%20b%2Bc"');
  });

  it('formatAuthorizationHeader quotes realm as an RFC 2617 quoted-string (escaping " and \\), not percent-encoded', () => {
    expect(formatAuthorizationHeader([['oauth_nonce', 'n']], 'http://sp.example.com/ "x" \\y'))
      .to.equal('OAuth realm="http://sp.example.com/ \\"x\\" \\\\y", oauth_nonce="n"');
  });

  it('formatAuthorizationHeader percent-encodes names and values, including non-ASCII', () => {
    expect(formatAuthorizationHeader([['oauth_callback', 'http://printer.example.com/ready?x=é']]))
      .to.equal('OAuth oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready%3Fx%3D%C3%A9"');
  });

  it('formatAuthorizationHeader refuses control characters in realm with a TypeError', () => {
    expect(() => formatAuthorizationHeader([], 'a\r\nX-Injected: 1')).to.throw(TypeError, 'realm must not contain control characters');
  });
});

describe('parseAuthorizationHeader', () => {
  it('parseAuthorizationHeader reads the RFC 5849 §3.5.1 example: realm apart, values decoded, header order kept', () => {
    expect(parseAuthorizationHeader(RFC_3_5_1)).to.deep.equal({ realm: 'Example', params: RFC_3_5_1_PARAMS });
  });

  it('parseAuthorizationHeader round-trips formatAuthorizationHeader output', () => {
    const params: Array<[string, string]> = [['oauth_token', '東京 +&="'], ['oauth_verifier', ''], ['x_extra', "!*'()"]];
    expect(parseAuthorizationHeader(formatAuthorizationHeader(params, 'R "q"'))).to.deep.equal({ realm: 'R "q"', params });
  });

  it('parseAuthorizationHeader accepts the scheme in any case and spaces or tabs around "=" and ","', () => {
    expect(parseAuthorizationHeader('  oauth \t a = "1" ,\tb="2",c="" ')).to.deep.equal({ params: [['a', '1'], ['b', '2'], ['c', '']] });
    expect(parseAuthorizationHeader('OAUTH a="1"').params).to.deep.equal([['a', '1']]);
  });

  it('parseAuthorizationHeader unescapes quoted-pair characters in realm and in values', () => {
    expect(parseAuthorizationHeader('OAuth realm="a\\"b\\\\c", oauth_token="t"').realm).to.equal('a"b\\c');
    expect(parseAuthorizationHeader('OAuth a="1", b="x\\"y", c="2\\z", d="3"').params).to.deep.equal([['a', '1'], ['b', 'x"y'], ['c', '2z'], ['d', '3']]);
  });

  it('parseAuthorizationHeader rejects another scheme with ERR_OAUTH_HEADER_NOT_OAUTH', () => {
    const e = caught(() => parseAuthorizationHeader('Basic dXNlcjpwYXNz'), HeaderError);
    expect(e.code).to.equal('ERR_OAUTH_HEADER_NOT_OAUTH');
    expect(e.position).to.equal(0);
    expect(e.message).to.equal('Authorization header scheme must be "OAuth", got "Basic"');
    expect(caught(() => parseAuthorizationHeader('OAuthx a="1"'), HeaderError).code).to.equal('ERR_OAUTH_HEADER_NOT_OAUTH');
  });

  const malformed: Array<[string, string, number, string]> = [
    ['no parameters', 'OAuth ', 6, 'Authorization header has the OAuth scheme but no parameters'],
    ['an unquoted value', 'OAuth a=b', 8, 'value of parameter "a" must be a quoted string (offset 8, found "b")'],
    ['a missing "="', 'OAuth a "b"', 8, 'expected "=" after parameter "a" at offset 8, found "\\"b\\""'],
    ['an unterminated quoted value', 'OAuth a="b', 8, 'unterminated quoted value of parameter "a" starting at offset 8'],
    ['a missing ","', 'OAuth a="1" b="2"', 12, 'expected "," between parameters at offset 12, found "b=\\"2\\""'],
    ['a trailing ","', 'OAuth a="1",', 11, 'trailing "," at the end of the Authorization header (offset 11)'],
    ['an empty element', 'OAuth a="1",,b="2"', 12, 'expected a parameter name at offset 12, found ",b=\\"2\\""'],
    ['a ";" separator', 'OAuth a="1"; b="2"', 11, 'expected "," between parameters at offset 11, found "; b=\\"2\\""'],
    ['a value with a broken escape', 'OAuth a="%zz"', 9, 'bad percent-encoding in the Authorization header: malformed percent-encoding at offset 9: "%" must be followed by two hex digits, found "%zz"'],
  ];
  for (const [what, header, position, message] of malformed) {
    it(`parseAuthorizationHeader rejects ${what} with ERR_OAUTH_HEADER_MALFORMED at offset ${position}`, () => {
      const e = caught(() => parseAuthorizationHeader(header), HeaderError);
      expect(e.code).to.equal('ERR_OAUTH_HEADER_MALFORMED');
      expect(e.position).to.equal(position);
      expect(e.message).to.equal(message);
    });
  }

  it('parseAuthorizationHeader rejects a repeated parameter with ERR_OAUTH_HEADER_DUPLICATE_PARAMETER at the second one', () => {
    const e = caught(() => parseAuthorizationHeader('OAuth a="1", a="2"'), HeaderError);
    expect(e.code).to.equal('ERR_OAUTH_HEADER_DUPLICATE_PARAMETER');
    expect(e.position).to.equal(13);
    expect(e.message).to.equal('parameter "a" appears twice in the Authorization header (second at offset 13)');
  });

  it('parseAuthorizationHeader compares names after decoding and treats a second realm as a duplicate', () => {
    expect(caught(() => parseAuthorizationHeader('OAuth oauth_token="1", oauth%5Ftoken="2"'), HeaderError).code).to.equal('ERR_OAUTH_HEADER_DUPLICATE_PARAMETER');
    expect(caught(() => parseAuthorizationHeader('OAuth realm="a", realm="b"'), HeaderError).position).to.equal(17);
  });

  it('parseAuthorizationHeader throws a TypeError for a non-string', () => {
    expect(() => parseAuthorizationHeader(null as unknown as string)).to.throw(TypeError, 'authorization header must be a string, got object');
  });
});

describe('parseAuthorizationHeaderEncoded fast path', () => {
  // The usual header is parsed by one regular-expression test and indexOf; anything unusual goes
  // to the character-by-character parser. Both must give the same answer, errors included.
  const outcome = (parse: () => unknown): unknown => {
    try {
      return { ok: parse() };
    } catch (e) {
      return e instanceof HeaderError ? { code: e.code, message: e.message, position: e.position } : { other: String(e) };
    }
  };
  const name = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('oauth_consumer_key', 'oauth_nonce', 'oauth_signature', 'oauth_token', 'realm', 'a', 'b') },
    { weight: 1, arbitrary: fc.constantFrom('x%5Fy', 'na me', 'n"', '') },
  );
  const valuePiece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('abc', 'A-._~9', '%2F', '%3D', '%E5%BE%AE', '') },
    { weight: 1, arbitrary: fc.constantFrom('%2f', '%41', '%FF', '%', '%2', '+', ' ', '\\"', '\\\\', 'é', '"') },
  );
  const value = fc.array(valuePiece, { maxLength: 5 }).map((xs) => xs.join(''));
  const separator = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(', ', ',', ' , ', '\t,\t') }, { weight: 1, arbitrary: fc.constantFrom(',,', ' ', '') });
  const scheme = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('OAuth ', 'oauth ', 'OAUTH\t', ' OAuth  ') }, { weight: 1, arbitrary: fc.constantFrom('OAuth', 'Bearer ', 'OAuthx ', '') });
  const header = fc.tuple(scheme, fc.array(fc.tuple(name, value, separator), { minLength: 0, maxLength: 7 }), fc.constantFrom('', ' ', ',', '\t'))
    .map(([s, pairs, tail]) => s + pairs.map(([n, v, sep], k) => (k === 0 ? '' : sep) + `${n}="${v}"`).join('') + tail);

  it('parseAuthorizationHeaderEncoded answers exactly as the character-by-character parser on generated headers', () => {
    let fast = 0;
    fc.assert(fc.property(header, (h) => {
      const expected = outcome(() => parseHeaderCharByChar(h));
      expect(outcome(() => parseAuthorizationHeaderEncoded(h))).to.deep.equal(expected);
      const canonical = parseCanonicalHeader(h);
      if (canonical !== undefined) {
        fast++;
        expect({ ok: canonical }).to.deep.equal(expected);
      }
    }), { numRuns: 10_000 });
    // The generator reaches the fast path's inputs, not only the fallbacks.
    expect(fast).to.be.greaterThan(500);
  });

  it('parseAuthorizationHeaderEncoded gives the RFC 5849 §3.5.1 example the same pairs either way', () => {
    expect(parseAuthorizationHeaderEncoded(RFC_3_5_1)).to.deep.equal(parseHeaderCharByChar(RFC_3_5_1));
    expect(parseAuthorizationHeaderEncoded(RFC_3_5_1).params).to.deep.equal(RFC_3_5_1_PARAMS);
  });

  it('parseAuthorizationHeaderEncoded still rejects a repeated name, in a short or a long header', () => {
    const long = 'OAuth ' + Array.from({ length: 40 }, (_, k) => `p${k}="v"`).join(', ') + ', p3="w"';
    for (const h of ['OAuth a="1", a="2"', 'OAuth realm="x", realm="y"', long]) {
      const e = caught(() => parseAuthorizationHeaderEncoded(h), HeaderError);
      expect(e.code).to.equal('ERR_OAUTH_HEADER_DUPLICATE_PARAMETER');
    }
  });
});
