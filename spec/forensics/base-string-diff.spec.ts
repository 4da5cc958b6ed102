// Base string parsing and comparison (RFC 5849 §3.4.1.1 taken apart).

import { expect } from 'chai';
import { diffBaseStrings, extractBaseString, parseBaseString } from '../../src/forensics/base-string-diff.js';

// Twitter's published base string ("Creating a signature").
const TW = 'POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521';

describe('parseBaseString', () => {
  it('parseBaseString splits Twitter\'s base string into method, URI and 8 decoded parameters', () => {
    const p = parseBaseString(TW);
    expect(p.method).to.equal('POST');
    expect(p.uri).to.equal('https://api.twitter.com/1.1/statuses/update.json');
    expect(p.parameters.map((x) => x.name)).to.deep.equal(['include_entities', 'oauth_consumer_key', 'oauth_nonce', 'oauth_signature_method', 'oauth_timestamp', 'oauth_token', 'oauth_version', 'status']);
    expect(p.parameters[7]).to.deep.equal({ encodedName: 'status', encodedValue: 'Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21', name: 'status', value: 'Hello Ladies + Gentlemen, a signed OAuth request!' });
    expect(p.warnings).to.deep.equal([]);
  });

  it('parseBaseString warns about a lower-case method and an unencoded parameter string', () => {
    const p = parseBaseString('get&http%3A%2F%2Fa%2F&a=1&b=2');
    expect(p.warnings).to.deep.equal(['found 4 "&"-separated parts instead of 3: the URI or the parameter string was not percent-encoded', 'method "get" is not upper case']);
    expect(p.parameters.map((x) => x.name)).to.deep.equal(['a', 'b']);
  });
});

describe('diffBaseStrings', () => {
  it('diffBaseStrings says identical for the same string', () => {
    const d = diffBaseStrings(TW, TW);
    expect(d.identical).to.equal(true);
    expect(d.parameters).to.deep.equal([]);
    expect(d.firstDifference).to.equal(null);
  });

  it('diffBaseStrings finds a missing query parameter (query-omitted)', () => {
    const b = TW.replace('include_entities%3Dtrue%26', '');
    const d = diffBaseStrings(TW, b);
    expect(d.parameters).to.deep.equal([{ kind: 'missing', name: 'include_entities', a: 'true' }]);
    expect(d.method.same && d.uri.same).to.equal(true);
  });

  it('diffBaseStrings names "+" for spaces as an encoding difference', () => {
    const b = TW.replace(/%2520/g, '%2B');
    const d = diffBaseStrings(TW, b);
    expect(d.parameters).to.have.length(1);
    expect(d.parameters[0]).to.include({ kind: 'encoding', name: 'status', note: 'space as "+" versus "%20"' });
  });

  it('diffBaseStrings names lower-case hex as an encoding difference', () => {
    const b = TW.replace('%252C', '%252c');
    expect(diffBaseStrings(TW, b).parameters[0]).to.include({ kind: 'encoding', note: 'hex digit case (RFC 5849 §3.6 wants upper case)' });
  });

  it('diffBaseStrings names a double-encoded value', () => {
    const b = TW.replace('%252C', '%25252C');
    expect(diffBaseStrings(TW, b).parameters[0]).to.include({ kind: 'value', name: 'status', note: 'encoded twice on one side' });
  });

  it('diffBaseStrings explains URI differences: port, scheme, host case, trailing slash', () => {
    const d = diffBaseStrings('GET&https%3A%2F%2Fa.example%2Fx&', 'GET&http%3A%2F%2FA.example%3A443%2Fx%2F&');
    expect(d.uri.notes).to.deep.equal([
      'scheme: https versus http',
      'host case: a.example versus A.example (must be lower case)',
      'port: (none) versus 443 (default ports 80/443 must be left out, others kept)',
      'trailing slash: /x versus /x/',
    ]);
  });

  it('diffBaseStrings finds extra parameters and unsorted order', () => {
    const d = diffBaseStrings('GET&http%3A%2F%2Fa%2F&a%3D1%26b%3D2', 'GET&http%3A%2F%2Fa%2F&b%3D2%26a%3D1%26realm%3DPhotos');
    expect(d.parameters).to.deep.equal([{ kind: 'extra', name: 'realm', b: 'Photos' }]);
    expect(d.order).to.deep.equal(['B is not sorted: b=2 comes before a=1']);
    expect(d.firstDifference).to.equal('GET&http%3A%2F%2Fa%2F&'.length);
  });
});

describe('extractBaseString', () => {
  it('extractBaseString reads oauth_signature_base_string from a WWW-Authenticate header, encoded once more or not', () => {
    const bs = 'GET&http%3A%2F%2Fa%2F&a%3D1';
    expect(extractBaseString(`WWW-Authenticate: OAuth oauth_problem="signature_invalid", oauth_signature_base_string="${bs}"`)).to.equal(bs);
    expect(extractBaseString(`oauth_problem=signature_invalid&oauth_signature_base_string=${encodeURIComponent(bs)}&oauth_right_signature=x`)).to.equal(bs);
  });

  it('extractBaseString finds a base string on an "expected signature base string" line', () => {
    expect(extractBaseString('Invalid signature. Expected signature base string: POST&https%3A%2F%2Fa%2F&x%3D1\n')).to.equal('POST&https%3A%2F%2Fa%2F&x%3D1');
  });
});
