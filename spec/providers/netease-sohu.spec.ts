// Specs for src/providers/netease.ts and src/providers/sohu.ts: message_code and {"code","error"} decoding.

import { expect } from 'chai';
import { decodeNeteaseError, decodeSohuError, encodeNeteaseError, encodeSohuError, netease, sohu } from '../../src/providers/index.js';
import { response } from './helpers.js';

describe('decodeNeteaseError', () => {
  it('decodeNeteaseError takes the last five digits of message_code: 40110 is signature_invalid (Sina shifted by three)', () => {
    const d = decodeNeteaseError(response(401, '{"request":"/statuses/update.json","error":"signature_invalid","message_code":"00140110"}'));
    expect(d).to.include({ providerCode: '40110', problem: 'signature_invalid', format: 'netease', retryable: false });
  });

  it('decodeNeteaseError maps 40107 to timestamp_refused, not Sina\'s signature_invalid', () => {
    expect(decodeNeteaseError(response(401, '{"error":"x","message_code":40107}'))?.problem).to.equal('timestamp_refused');
  });

  it('decodeNeteaseError ignores bodies without message_code', () => {
    expect(decodeNeteaseError(response(401, '{"error":"x"}'))).to.equal(undefined);
  });

  it('encodeNeteaseError round-trips', () => {
    const e = encodeNeteaseError('token_expired', '/account/verify_credentials.json');
    expect(decodeNeteaseError(response(e.status, e.body))).to.include({ providerCode: '40114', problem: 'token_expired' });
  });

  it('netease sends realm="" in the header and signs no multipart field', () => {
    expect(netease).to.include({ realm: '', placement: 'header' });
    expect(netease.multipart.policy).to.equal('none');
  });
});

describe('decodeSohuError', () => {
  it('decodeSohuError reads {"code","error","request"} and finds the problem in the message', () => {
    const d = decodeSohuError(response(401, '{"code":401,"error":"Oauth Error: signature_invalid","request":"/statuses/update.json"}'));
    expect(d).to.include({ providerCode: '401', problem: 'signature_invalid', format: 'sohu' });
  });

  it('decodeSohuError keeps an unknown message with a status hint', () => {
    const d = decodeSohuError(response(400, '{"code":1001,"error":"bad thing","request":"/x"}'));
    expect(d).to.include({ providerCode: '1001', message: 'bad thing' });
    expect(d?.problem).to.equal(undefined);
  });

  it('decodeSohuError wants all three fields, so other APIs\' {"code","error"} are not taken for Sohu\'s', () => {
    expect(decodeSohuError(response(404, '{"code":404,"error":"Not Found"}'))).to.equal(undefined);
  });

  it('encodeSohuError round-trips a problem name', () => {
    const e = encodeSohuError('nonce_used', '/statuses/update.json');
    expect(decodeSohuError(response(e.status, e.body))).to.include({ problem: 'nonce_used', retryable: true });
  });

  it('sohu is header-based with POST token steps', () => {
    expect(sohu.placement).to.equal('header');
    expect(sohu.endpoints.tokenCredentials).to.equal('http://api.t.sohu.com/oauth/access_token');
  });
});
