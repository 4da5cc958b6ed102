// Specs for src/core/encoding.ts: percent-encoding (RFC 5849 §3.6) and form decoding (§3.4.1.3.1).

import { expect } from 'chai';
import fc from 'fast-check';
import { percentEncode, percentDecode, parseFormEncoded, formEncode, EncodingError } from '../../src/index.js';
import { caught } from '../helpers/errors.js';

describe('percentEncode', () => {
  it('percentEncode leaves the unreserved set ALPHA DIGIT - . _ ~ as it is', () => {
    const unreserved = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
    expect(percentEncode(unreserved)).to.equal(unreserved);
    expect(percentEncode('')).to.equal('');
  });

  // Published vectors: OAuth 1.0 test cases (wiki.oauth.net/TestCases, "Parameter Encoding").
  const published: Array<[string, string]> = [
    ['abcABC123', 'abcABC123'],
    ['-._~', '-._~'],
    ['%', '%25'],
    ['+', '%2B'],
    ['&=*', '%26%3D%2A'],
    ['\u000A', '%0A'],
    ['\u0020', '%20'],
    ['\u007F', '%7F'],
    ['\u0080', '%C2%80'],
    ['\u3001', '%E3%80%81'],
  ];
  for (const [input, expected] of published) {
    it(`percentEncode encodes ${JSON.stringify(input)} as ${expected} (OAuth test cases)`, () => {
      expect(percentEncode(input)).to.equal(expected);
    });
  }

  it("percentEncode escapes the sub-delims encodeURIComponent leaves alone: ! ' ( ) *", () => {
    expect(percentEncode("!'()*")).to.equal('%21%27%28%29%2A');
    expect(percentEncode("it's (fine)!")).to.equal('it%27s%20%28fine%29%21');
  });

  it('percentEncode escapes every reserved and other ASCII character outside the unreserved set', () => {
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      const expected = /[A-Za-z0-9\-._~]/.test(ch) ? ch : '%' + c.toString(16).toUpperCase().padStart(2, '0');
      expect(percentEncode(ch), `code ${c}`).to.equal(expected);
    }
  });

  it('percentEncode writes UTF-8 octets with upper-case hex digits', () => {
    expect(percentEncode('é')).to.equal('%C3%A9');
    expect(percentEncode('微博')).to.equal('%E5%BE%AE%E5%8D%9A');
    expect(percentEncode('Ω ß')).to.equal('%CE%A9%20%C3%9F');
    expect(percentEncode('é')).not.to.match(/%[0-9A-F]?[a-f]/);
  });

  it('percentEncode encodes astral characters (surrogate pairs) as four UTF-8 octets', () => {
    expect(percentEncode('😀')).to.equal('%F0%9F%98%80');
    expect(percentEncode('a😀b𝄞')).to.equal('a%F0%9F%98%80b%F0%9D%84%9E');
  });

  it('percentEncode keeps ASCII runs between non-ASCII runs in order', () => {
    expect(percentEncode('caféé-x~y 東京!')).to.equal('caf%C3%A9%C3%A9-x~y%20%E6%9D%B1%E4%BA%AC%21');
  });

  it('percentEncode rejects a lone surrogate with ERR_OAUTH_ENCODING_LONE_SURROGATE and its offset', () => {
    const e = caught(() => percentEncode('ab\uD800c'), EncodingError);
    expect(e.code).to.equal('ERR_OAUTH_ENCODING_LONE_SURROGATE');
    expect(e.position).to.equal(2);
    expect(e.message).to.equal('cannot percent-encode: lone UTF-16 surrogate at offset 2');
    const low = caught(() => percentEncode('😀\uDC00'), EncodingError);
    expect(low.position).to.equal(2);
  });

  it('percentEncode throws a TypeError for a non-string', () => {
    expect(() => percentEncode(42 as unknown as string)).to.throw(TypeError, 'percentEncode expects a string, got number');
  });
});

describe('percentDecode', () => {
  it('percentDecode decodes UTF-8 octets, upper- or lower-case hex', () => {
    expect(percentDecode('%E5%BE%AE%E5%8D%9A')).to.equal('微博');
    expect(percentDecode('caf%c3%a9')).to.equal('café');
    expect(percentDecode('%F0%9F%98%80')).to.equal('😀');
  });

  it('percentDecode leaves "+" alone (it is a space only in form encoding)', () => {
    expect(percentDecode('a+b%20c')).to.equal('a+b c');
  });

  it('percentDecode returns a string without "%" unchanged', () => {
    expect(percentDecode('plain-text_~')).to.equal('plain-text_~');
  });

  it('percentDecode answers exactly as decodeURIComponent on strings of escapes, hex digits and text', () => {
    // ASCII escapes are decoded in JavaScript, the rest by the engine: both paths must agree with
    // the reference, and fail exactly where it fails.
    const piece = fc.oneof(
      fc.constantFrom('%', '%2', '%7F', '%7f', '%80', '%C3%A9', '%E5%BE%AE', '%F0%9F%98%80', '%ZZ', '%2g', '+', 'é', '~'),
      fc.integer({ min: 0, max: 255 }).map((b) => '%' + b.toString(16).padStart(2, '0')),
      fc.integer({ min: 0, max: 255 }).map((b) => '%' + b.toString(16).padStart(2, '0').toUpperCase()),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }).map((xs) => xs.join('')), (input) => {
      let expected: string | undefined;
      try { expected = decodeURIComponent(input); } catch { expected = undefined; }
      if (expected === undefined) expect(() => percentDecode(input)).to.throw(EncodingError);
      else expect(percentDecode(input)).to.equal(expected);
    }), { numRuns: 5000 });
  });

  const malformed: Array<[string, number, string]> = [
    ['abc%2', 3, '"%2"'],
    ['%zz', 0, '"%zz"'],
    ['a%', 1, '"%"'],
    ['ok%41%4g', 5, '"%4g"'],
  ];
  for (const [input, position, found] of malformed) {
    it(`percentDecode rejects the malformed escape in ${JSON.stringify(input)} at offset ${position}`, () => {
      const e = caught(() => percentDecode(input), EncodingError);
      expect(e.code).to.equal('ERR_OAUTH_PERCENT_ENCODING_MALFORMED');
      expect(e.position).to.equal(position);
      expect(e.message).to.equal(`malformed percent-encoding at offset ${position}: "%" must be followed by two hex digits, found ${found}`);
    });
  }

  const invalidUtf8: Array<[string, number, string]> = [
    ['x%C3%28', 1, 'a lead byte followed by a non-continuation'],
    ['%80', 0, 'a lone continuation byte'],
    ['ab%C0%AF', 2, 'an overlong encoding of "/"'],
    ['%ED%A0%80', 0, 'an encoded UTF-16 surrogate'],
    ['%F4%90%80%80', 0, 'a code point above U+10FFFF'],
    ['%C3%A9%FF', 6, 'a valid sequence then 0xFF'],
    ['%E6%9D', 0, 'a truncated three-octet sequence'],
  ];
  for (const [input, position, what] of invalidUtf8) {
    it(`percentDecode rejects invalid UTF-8 (${what}) at offset ${position}`, () => {
      const e = caught(() => percentDecode(input), EncodingError);
      expect(e.code).to.equal('ERR_OAUTH_ENCODING_INVALID_UTF8');
      expect(e.position).to.equal(position);
      expect(e.message).to.match(new RegExp(`^percent-encoded octets at offset ${position} are not valid UTF-8 \\("%`));
    });
  }

  it('percentDecode throws a TypeError for a non-string', () => {
    expect(() => percentDecode(undefined as unknown as string)).to.throw(TypeError, 'percentDecode expects a string, got undefined');
  });
});

describe('parseFormEncoded', () => {
  it('parseFormEncoded pairs each "=" with its own piece when pieces without "=" come before it', () => {
    // The next "=" is searched once and remembered; it must not be taken for an earlier piece's.
    expect(parseFormEncoded('a&b=1&c&d=2=3&&e=&=f&g')).to.deep.equal([['a', ''], ['b', '1'], ['c', ''], ['d', '2=3'], ['e', ''], ['', 'f'], ['g', '']]);
    const many = parseFormEncoded('a&'.repeat(10_000) + 'z=1');
    expect(many).to.have.length(10_001);
    expect(many[9_999]).to.deep.equal(['a', '']);
    expect(many[10_000]).to.deep.equal(['z', '1']);
  });

  it('parseFormEncoded decodes "+" as a space and percent-escapes as UTF-8', () => {
    expect(parseFormEncoded('q=caf%C3%A9+cr%C3%A8me&x=1%2B1')).to.deep.equal([['q', 'café crème'], ['x', '1+1']]);
  });

  it('parseFormEncoded keeps repeated names in order, empty values and names without "="', () => {
    expect(parseFormEncoded('a=1&b&a=2&c=&a=1')).to.deep.equal([['a', '1'], ['b', ''], ['a', '2'], ['c', ''], ['a', '1']]);
  });

  it('parseFormEncoded skips empty pieces and splits on the first "=" only', () => {
    expect(parseFormEncoded('a=1&&b=x=y&')).to.deep.equal([['a', '1'], ['b', 'x=y']]);
    expect(parseFormEncoded('=v')).to.deep.equal([['', 'v']]);
    expect(parseFormEncoded('')).to.deep.equal([]);
  });

  it('parseFormEncoded decodes names too (RFC 5849 §3.4.1.3.1 "c%40" is "c@")', () => {
    expect(parseFormEncoded('c%40=&a2=r%20b')).to.deep.equal([['c@', ''], ['a2', 'r b']]);
  });

  it('parseFormEncoded names the offset of a malformed escape in the whole input', () => {
    const e = caught(() => parseFormEncoded('a=1&b=%G1'), EncodingError);
    expect(e.code).to.equal('ERR_OAUTH_PERCENT_ENCODING_MALFORMED');
    expect(e.position).to.equal(6);
    expect(e.message).to.equal('malformed percent-encoding at offset 6: "%" must be followed by two hex digits, found "%G1"');
  });

  it('parseFormEncoded names the offset of invalid UTF-8 in the whole input', () => {
    const e = caught(() => parseFormEncoded('name=ok&v%FF=1'), EncodingError);
    expect(e.code).to.equal('ERR_OAUTH_ENCODING_INVALID_UTF8');
    expect(e.position).to.equal(9);
    expect(e.message).to.equal('percent-encoded octets at offset 9 are not valid UTF-8 ("%FF")');
  });
});

describe('formEncode', () => {
  it('formEncode joins percent-encoded pairs with "&", spaces as %20 and "+" as %2B', () => {
    expect(formEncode([['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']]))
      .to.equal('status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21');
    expect(formEncode([['a', ''], ['a', 'x&y=z']])).to.equal('a=&a=x%26y%3Dz');
    expect(formEncode([])).to.equal('');
  });

  it('formEncode output parses back to the same pairs', () => {
    const pairs: Array<[string, string]> = [['c@', ''], ['a b', '1+1=2'], ['東京', '😀'], ['a', 'x']];
    expect(parseFormEncoded(formEncode(pairs))).to.deep.equal(pairs);
  });
});
