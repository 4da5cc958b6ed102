// Specs for src/providers/tencent.ts: {"ret","errcode","msg"} decoding and query/form placement.

import { expect } from 'chai';
import { decodeTencentError, encodeTencentError, placementFor, tencent, weiboV1 } from '../../src/providers/index.js';
import { decodeProviderError } from '../../src/providers/provider-error.js';
import { response } from './helpers.js';

// providers.md "Tencent Weibo": ret 3 = authentication failed, and these errcodes.
const ERRCODES: Array<[number, string]> = [[1, 'token_rejected'], [2, 'nonce_used'], [4, 'token_expired'], [6, 'signature_method_rejected'], [9, 'signature_invalid']];

describe('decodeTencentError', () => {
  for (const [errcode, problem] of ERRCODES) {
    it(`decodeTencentError maps ret 3 errcode ${errcode} to ${problem}`, () => {
      const d = decodeTencentError(response(200, JSON.stringify({ ret: 3, errcode, msg: 'check sign error', data: null })));
      expect(d).to.include({ providerCode: `3/${errcode}`, problem, message: 'check sign error', format: 'tencent' });
      expect(d?.retryable).to.equal(problem === 'nonce_used');
    });
  }

  it('decodeTencentError falls back to the ret meaning for an unknown errcode', () => {
    const d = decodeTencentError(response(200, '{"ret":3,"errcode":77,"msg":"?","data":null}'));
    expect(d).to.include({ providerCode: '3/77' });
    expect(d?.hint).to.match(/authentication failed/);
  });

  it('decodeTencentError treats ret 0 as success and other bodies as not Tencent', () => {
    expect(decodeTencentError(response(200, '{"ret":0,"errcode":0,"msg":"ok","data":{}}'))).to.equal(undefined);
    expect(decodeTencentError(response(401, '{"errors":[{"code":32}]}'))).to.equal(undefined);
  });

  it('decodeProviderError with the weibo-v1 profile still finds a Tencent body', () => {
    const d = decodeProviderError(response(401, '{"ret":3,"errcode":9,"msg":"check sign error","data":null}'), weiboV1);
    expect(d.problem).to.equal('signature_invalid');
  });

  it('encodeTencentError round-trips every auth errcode', () => {
    for (const [errcode, problem] of ERRCODES) {
      const e = encodeTencentError(problem);
      expect(JSON.parse(e.body)).to.deep.include({ ret: 3, errcode, data: null });
      expect(decodeTencentError(response(e.status, e.body))?.problem).to.equal(problem);
    }
  });
});

describe('tencent profile', () => {
  it('tencent sends OAuth parameters in the query for GET and in the form body for POST, never the header', () => {
    expect(placementFor(tencent, 'GET')).to.equal('query');
    expect(placementFor(tencent, 'post')).to.equal('form');
  });

  it('tencent uses the literal callback "null", GET token steps and the text-fields upload rule', () => {
    expect(tencent).to.include({ defaultCallback: 'null', signatureMethod: 'HMAC-SHA1' });
    expect(tencent.methods).to.deep.equal({ temporaryCredentials: 'GET', tokenCredentials: 'GET' });
    expect(tencent.endpoints.temporaryCredentials).to.equal('https://open.t.qq.com/cgi-bin/request_token');
    expect(tencent.multipart).to.deep.equal({ policy: 'text-fields', fileFields: ['pic'], textEncoding: 'raw' });
  });
});
