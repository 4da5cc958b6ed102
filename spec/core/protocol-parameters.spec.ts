// Specs for locating protocol parameters (RFC 5849 §3.5): header, query or form body, none or mixed.

import { expect } from 'chai';
import { locateProtocolParameters, isProtocolParameter, protocolParametersIn, protocolParameterPlaces, countProtocolParameters } from '../../src/core/protocol-parameters.js';
import { verifySignature } from '../../src/index.js';
import { independentSign } from './independent-signer.js';

describe('locateProtocolParameters', () => {
  it('locateProtocolParameters finds the one place holding protocol parameters, else none or mixed', () => {
    expect(locateProtocolParameters([['oauth_consumer_key', 'k'], ['realm_like', 'x']], [['q', 'a']], [['status', 'hi']])).to.equal('header');
    expect(locateProtocolParameters(undefined, [['oauth_consumer_key', 'k'], ['q', 'a']], undefined)).to.equal('query');
    expect(locateProtocolParameters([], [['q', 'a']], [['oauth_nonce', 'n']])).to.equal('form');
    expect(locateProtocolParameters(undefined, [['q', 'a']], [['status', 'hi']])).to.equal('none');
    expect(locateProtocolParameters([['oauth_consumer_key', 'k']], [['oauth_token', 't']], undefined)).to.equal('mixed');
    expect(locateProtocolParameters(undefined, [['oauth_token', 't']], [['oauth_nonce', 'n']])).to.equal('mixed');
  });

  it('isProtocolParameter counts every header parameter but only oauth_* names in the query and form', () => {
    expect(isProtocolParameter('header', 'anything')).to.equal(true);
    expect(isProtocolParameter('query', 'oauth_token')).to.equal(true);
    expect(isProtocolParameter('form', 'status')).to.equal(false);
    expect(countProtocolParameters('header', [['a', '1'], ['b', '2']])).to.equal(2);
    expect(countProtocolParameters('form', [['a', '1'], ['oauth_b', '2']])).to.equal(1);
    expect(protocolParametersIn('query', [['q', 'a'], ['oauth_nonce', 'n'], ['oauth_token', 't']])).to.deep.equal([['oauth_nonce', 'n'], ['oauth_token', 't']]);
    expect(protocolParameterPlaces([['oauth_nonce', 'n']], [['q', 'a']], [['oauth_token', 't']])).to.deep.equal(['header', 'form']);
  });

  it('verifySignature reports where the protocol parameters were', () => {
    const s = independentSign({ method: 'GET', url: 'https://api.example.com/x?a=1', consumerKey: 'ck', consumerSecret: 'cs', placement: 'query' });
    const v = verifySignature({ method: 'GET', url: s.url }, { consumerSecret: 'cs', tokenSecret: '' });
    expect(v.valid).to.equal(true);
    expect(v.placement).to.equal('query');
  });
});
