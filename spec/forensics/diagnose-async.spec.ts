// diagnoseSignatureAsync (WebCrypto, the browser path) gives the same answer as diagnoseSignature (node:crypto) over the whole corpus.

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnoseSignature, diagnoseSignatureAsync } from '../../src/forensics/diagnose.js';
import { parseJsonRequests } from '../../src/forensics/inputs/index.js';
import { getProfile } from '../../src/providers/index.js';
import { CORPUS_DIR, CORPUS_FILE } from './corpus-signer.js';

describe('diagnoseSignatureAsync (WebCrypto)', () => {
  const requests = parseJsonRequests(readFileSync(CORPUS_FILE, 'utf8'));
  const publicKey = readFileSync(resolve(CORPUS_DIR, 'test-rsa-public.pem'), 'utf8');

  it('gives the same verdict, first mistake and base strings as the node:crypto path on every corpus request', async () => {
    expect(requests.length).to.be.at.least(100);
    let explained = 0;
    for (const r of requests) {
      const policy = r.provider === undefined ? undefined : getProfile(r.provider).multipart.policy;
      const options = policy === undefined ? {} : { multipartPolicy: policy };
      const secrets = { consumerSecret: r.consumerSecret, tokenSecret: r.tokenSecret, publicKey };
      const sync = diagnoseSignature(r, secrets, options);
      const async = await diagnoseSignatureAsync(r, secrets, options);
      expect(async.valid, r.id).to.equal(sync.valid);
      expect(async.explanations[0]?.mistakes, r.id).to.deep.equal(sync.explanations[0]?.mistakes);
      expect(async, r.id).to.deep.equal(sync);
      if (sync.explanations.length > 0) explained++;
    }
    expect(explained).to.be.at.least(50);
  });

  it('rejects an unreadable RSA public key with ERR_OAUTH_KEY_INVALID, as the sync path does', async () => {
    const rsa = requests.find((r) => /RSA-SHA/.test(r.authorization ?? ''))!;
    expect(rsa, 'corpus has an RSA request').to.not.equal(undefined);
    let err: unknown;
    try { await diagnoseSignatureAsync(rsa, { publicKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' }); } catch (e) { err = e; }
    expect((err as { code?: string }).code).to.equal('ERR_OAUTH_KEY_INVALID');
  });
});
