// The profile contract in the client layer: the client needs no provider list, the root OAuth1Client resolves names.

import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OAuth1Client as ProfileOAuth1Client } from '../../../src/client/flow/client.js';
import { decodeProviderResponse, isClockProblem } from '../../../src/client/profile/provider-error.js';
import { isTimestampRefused } from '../../../src/client/transport/skew.js';
import { OAuth1Client, ProviderError, decodeProviderError, getProfile } from '../../../src/index.js';

const TWITTER_32 = { status: 401, headers: {}, body: '{"errors":[{"message":"Could not authenticate you","code":32}]}' };

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? sourcesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

describe('client/profile: the provider-profile contract below the providers layer', () => {
  it('no module under src/client imports from src/providers, forensics or tools', () => {
    const offenders = sourcesUnder('src/client').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/from '([^']+)'/g)]
      .map((m) => m[1]!).filter((s) => /\/(providers|forensics|tools)\//.test(s)).map((s) => `${f} -> ${s}`));
    expect(offenders).to.deep.equal([]);
  });

  it('the root OAuth1Client resolves a built-in profile by name and defaults to generic', () => {
    const client = new OAuth1Client({ profile: 'twitter', consumerKey: 'ck', consumerSecret: 'cs' });
    expect(client.profile).to.equal(getProfile('twitter'));
    expect(client).to.be.instanceOf(ProfileOAuth1Client);
    expect(new OAuth1Client({ consumerKey: 'ck', consumerSecret: 'cs' }).profile.name).to.equal('generic');
    expect(new OAuth1Client({ profile: 'twitter', baseUrl: 'http://127.0.0.1:9', consumerKey: 'ck' }).profile.endpoints.tokenCredentials).to.equal('http://127.0.0.1:9/oauth/access_token');
  });

  it('the client layer OAuth1Client takes a profile object and refuses a name with a TypeError', () => {
    expect(new ProfileOAuth1Client({ profile: getProfile('weibo-v1'), consumerKey: 'ck' }).profile.name).to.equal('weibo-v1');
    expect(() => new ProfileOAuth1Client({ profile: 'twitter' as never, consumerKey: 'ck' })).to.throw(TypeError, /needs a profile object, got string/);
  });

  it('decodeProviderResponse uses the profile\'s own decoder; decodeProviderError (providers) also tries every known one', () => {
    expect(decodeProviderResponse(TWITTER_32, getProfile('twitter'))).to.include({ providerCode: '32', problem: 'signature_invalid', format: 'twitter' });
    expect(decodeProviderResponse(TWITTER_32)).to.include({ format: 'http' }).and.not.have.property('providerCode');
    expect(decodeProviderError(TWITTER_32)).to.include({ providerCode: '32', format: 'twitter' });
    expect(decodeProviderResponse(TWITTER_32, undefined, { decoders: [getProfile('twitter').decodeError] })).to.include({ providerCode: '32' });
  });

  it('timestamp-refused codes come from the profile (Twitter 135, Weibo 40104), not from a list in the transport', () => {
    const bare = new ProviderError({ status: 401, providerCode: '135', message: 'x', retryable: false, hint: 'h' });
    expect(isTimestampRefused(bare, getProfile('twitter'))).to.equal(true);
    expect(isTimestampRefused(bare, getProfile('weibo-v1'))).to.equal(false);
    expect(isTimestampRefused(bare)).to.equal(false);
    expect(isClockProblem({ providerCode: '40104' }, getProfile('weibo-v1'))).to.equal(true);
    expect(isClockProblem({ providerCode: '40104' }, getProfile('netease'))).to.equal(false);
    expect(getProfile('twitter').timestampRefusedCodes).to.deep.equal(['135']);
  });
});
