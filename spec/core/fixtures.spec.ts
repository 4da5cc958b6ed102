// Runs every golden vector of every fixtures/*.json file through the signing core (table-driven).

import { expect } from 'chai';
import { loadFixtures, runVector, runFixtures, FIXTURE_KINDS, type FixtureVector } from '../../src/tools/selftest.js';

const files = loadFixtures();

describe('golden fixtures', () => {
  it('loadFixtures finds fixture files with vectors in the shipped fixtures/ folder', () => {
    expect(files.length).to.be.greaterThan(0);
    expect(files.reduce((n, f) => n + f.vectors.length, 0)).to.be.greaterThan(0);
  });

  it('every vector id is unique across all fixture files', () => {
    const seen = new Map<string, string>();
    for (const f of files) {
      for (const v of f.vectors) {
        expect(seen.has(v.id), `${v.id} in ${f.file} also in ${seen.get(v.id)}`).to.equal(false);
        seen.set(v.id, f.file ?? '');
      }
    }
  });

  for (const file of files) {
    describe(`${file.file} (${file.source.slice(0, 60)}…)`, () => {
      it('has at least one vector, each citing its source and using a known kind', () => {
        expect(file.vectors.length).to.be.greaterThan(0);
        for (const v of file.vectors) {
          expect(v.source, v.id).to.be.a('string').and.not.equal('');
          expect(FIXTURE_KINDS as readonly string[], v.id).to.include(v.kind);
        }
      });
      for (const vector of file.vectors) {
        it(`${vector.kind} ${vector.id} matches ${vector.source.slice(0, 80)}`, () => {
          const r = runVector(vector, file.file);
          expect(r.error, JSON.stringify(r.error)).to.equal(undefined);
          expect(r.actual).to.deep.equal(vector.expected);
          expect(r.ok).to.equal(true);
        });
      }
    });
  }
});

describe('runVector', () => {
  const base = { id: 't', source: 'RFC 5849 §3.6' };

  it('runVector reports a wrong expected value as a failure with the actual value', () => {
    const r = runVector({ ...base, kind: 'percent-encode', input: 'a b', expected: 'a+b' });
    expect(r).to.deep.include({ ok: false, actual: 'a%20b', expected: 'a+b' });
    expect(r.error).to.equal(undefined);
  });

  it('runVector reports an unknown kind as a failure, not a skip', () => {
    const r = runVector({ ...base, kind: 'percent-decode', input: 'a%20b', expected: 'a b' });
    expect(r.ok).to.equal(false);
    expect(r.error?.code).to.equal('ERR_OAUTH_FIXTURE_INVALID');
    expect(r.error?.message).to.equal('unknown vector kind "percent-decode"; known: percent-encode, normalize-parameters, base-string-uri, base-string, sign, signature, body-hash');
  });

  it('runVector reports an error thrown by the core with its code and message', () => {
    const r = runVector({ ...base, kind: 'base-string-uri', input: '/relative', expected: 'x' });
    expect(r.ok).to.equal(false);
    expect(r.error?.code).to.equal('ERR_OAUTH_URL_INVALID');
    expect(r.error?.message).to.match(/^url must be absolute/);
  });

  it('runVector rejects a vector without a source citation', () => {
    const r = runVector({ id: 'x', kind: 'percent-encode', input: 'a', expected: 'a' } as FixtureVector);
    expect(r.ok).to.equal(false);
    expect(r.error).to.deep.equal({ code: 'ERR_OAUTH_FIXTURE_INVALID', message: 'vector x needs a source citation' });
  });

  it('runVector fails a sign vector whose expected names a field SignedRequest does not have', () => {
    const r = runVector({ ...base, kind: 'sign', input: { method: 'GET', url: 'http://a.example/', consumerKey: 'k', consumerSecret: 's' }, expected: { sig: 'x' } });
    expect(r.ok).to.equal(false);
    expect(r.error).to.deep.equal({ code: 'ERR_OAUTH_FIXTURE_INVALID', message: 'expected.sig is not a SignedRequest field' });
  });

  it('runVector base-string combines the URL query with the given parameters (RFC 5849 §3.4.1.3.1)', () => {
    const r = runVector({ ...base, kind: 'base-string', input: { method: 'get', url: 'http://A.example:80/p?b=2+x', params: [['a', '1'], ['oauth_signature', 'dropped']] }, expected: 'GET&http%3A%2F%2Fa.example%2Fp&a%3D1%26b%3D2%2520x' });
    expect(r.error).to.equal(undefined);
    expect(r.ok).to.equal(true);
  });

  it('runFixtures accepts a bare list of vectors and keeps their order', () => {
    const results = runFixtures([
      { ...base, id: 'one', kind: 'percent-encode', input: '~', expected: '~' },
      { ...base, id: 'two', kind: 'body-hash', input: { body: '', algorithm: 'sha1' }, expected: '2jmj7l5rSw0yVb/vlWAYkK/YBwk=' },
    ]);
    expect(results.map((r) => [r.id, r.ok])).to.deep.equal([['one', true], ['two', true]]);
  });
});
