// The CLI renderer: shell quoting (checked by a real /bin/sh), curl commands, sort positions, redaction.

import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import fc from 'fast-check';
import { shellQuote, curlCommand, sortPositions, redactSignedRequest, renderSigningKey, renderTable, REDACTED } from '../../../src/tools/cli/shared/render.js';
import { signRequest } from '../../../src/core/sign.js';

/** Runs `sh -c 'printf %s "$1"' sh <quoted word>` so the shell itself parses the quoting. */
function throughShell(quoted: string): string {
  return execFileSync('/bin/sh', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' });
}

describe('cli/render', () => {
  it('shellQuote leaves safe words alone and single-quotes the rest', () => {
    expect(shellQuote('https://a.example/p')).to.equal('https://a.example/p');
    expect(shellQuote('a&b')).to.equal("'a&b'");
    expect(shellQuote("it's")).to.equal("'it'\\''s'");
    expect(shellQuote('')).to.equal("''");
  });

  it('shellQuote output is read back by /bin/sh as the original string', () => {
    const samples = ["it's", 'a b', '$HOME `id` $(id) "q" \\ !x', 'OAuth oauth_signature="a%2Fb"', 'x\ny', '*?[a]', '~/x', '#c', ''];
    for (const s of samples) expect(throughShell(shellQuote(s)), JSON.stringify(s)).to.equal(s);
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).filter((s) => !s.includes('\0')), (s) => throughShell(shellQuote(s)) === s), { numRuns: 60 });
  });

  it('curlCommand infers GET/POST, adds -X otherwise, and strips curl\'s form content type from a raw body', () => {
    expect(curlCommand({ method: 'GET', url: 'https://a.example/?q=1&r=2', headers: { authorization: 'OAuth x="1"' } }))
      .to.equal("curl 'https://a.example/?q=1&r=2' \\\n  -H 'Authorization: OAuth x=\"1\"'");
    expect(curlCommand({ method: 'PUT', url: 'https://a.example/', headers: {}, body: '{}' }))
      .to.equal("curl -X PUT \\\n  https://a.example/ \\\n  -H Content-Type: \\\n  --data-raw '{}'");
    expect(curlCommand({ method: 'POST', url: 'https://a.example/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' }))
      .to.equal('curl https://a.example/ \\\n  -H \'Content-Type: application/x-www-form-urlencoded\' \\\n  --data-raw a=1');
    expect(curlCommand({ method: 'HEAD', url: 'https://a.example/', headers: {} })).to.equal('curl --head \\\n  https://a.example/');
  });

  it('sortPositions ranks by encoded name then value, repeated pairs keep collection order (RFC 5849 §3.4.1.3.2)', () => {
    const parameters = [
      { name: 'b', value: '1', source: 'query' }, { name: 'a', value: 'x y', source: 'query' },
      { name: 'a', value: 'x!y', source: 'form' }, { name: 'b', value: '1', source: 'form' }, { name: 'A', value: '', source: 'form' },
    ] as const;
    // Encoded: a=x%20y < a=x%21y, 'A' (0x41) sorts before 'a' (0x61).
    expect(sortPositions({ parameters })).to.deep.equal([4, 2, 3, 5, 1]);
  });

  it('renderSigningKey redacts each non-empty secret, keeps the "&", and shows encoded secrets on request', () => {
    expect(renderSigningKey('HMAC-SHA1', { consumerSecret: 'c s', tokenSecret: '', hasPrivateKey: false, showSecrets: false }))
      .to.equal('<consumer secret>&   (secrets redacted; --show-secrets prints them)');
    expect(renderSigningKey('HMAC-SHA1', { consumerSecret: 'c s', tokenSecret: 't&', hasPrivateKey: false, showSecrets: true })).to.equal('c%20s&t%26');
    expect(renderSigningKey('RSA-SHA256', { hasPrivateKey: true, showSecrets: true })).to.equal('the RSA private key given (never printed)');
  });

  it('redactSignedRequest hides a PLAINTEXT signature in every place it is sent and leaves HMAC alone', () => {
    const base = { method: 'POST', url: 'https://a.example/p?x=1', consumerKey: 'k', consumerSecret: 'se cret', tokenSecret: 't/s', token: 't', signatureMethod: 'PLAINTEXT', nonce: null, timestamp: null };
    for (const placement of ['header', 'query', 'form'] as const) {
      const signed = signRequest({ ...base, placement, form: [['f', 'v']] });
      const shown = redactSignedRequest(signed, false);
      const text = JSON.stringify(shown);
      expect(text, placement).not.to.include('cret');
      expect(text, placement).not.to.include('t%252Fs');
      expect(text, placement).not.to.include('t%2Fs');
      expect(shown.signature).to.equal(REDACTED);
      expect(shown.oauthParams.at(-1)).to.deep.equal(['oauth_signature', REDACTED]);
      expect(redactSignedRequest(signed, true)).to.equal(signed);
    }
    const hmac = signRequest({ ...base, signatureMethod: 'HMAC-SHA1', nonce: 'n', timestamp: 1 });
    expect(redactSignedRequest(hmac, false)).to.equal(hmac);
  });

  it('renderTable pads every column but the last and right-aligns the ones asked for', () => {
    expect(renderTable([['1', 'ab', 'x'], ['10', 'c', 'yy']], [0])).to.deep.equal([' 1  ab  x', '10  c   yy']);
  });
});
