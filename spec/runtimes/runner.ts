// Runs the cross-runtime cases through oauth1-toolkit/core's async signer; bundled and loaded in each runtime.

import {
  signRequestAsync, verifySignatureAsync, computeBodyHashAsync, percentEncode, BUILT_IN_SIGNATURE_METHODS, signRequest, OAuthError,
  type SignRequestInput,
} from '../../src/core/index.js'; // bundled against the built package entry, oauth1-toolkit/core (see bundle.ts)
import type { RuntimeCase, SignOutcome } from './cases.js';

/** What one runtime produced for one case (or the error it threw). */
export interface CaseResult { id: string; actual?: SignOutcome | string; error?: string }

/** What the sync signer does in this runtime: a signature, or the error code it throws. */
export interface RuntimeReport { results: CaseResult[]; syncSigner: string }

async function runOne(c: RuntimeCase): Promise<SignOutcome | string> {
  switch (c.kind) {
    case 'sign': {
      const s = await signRequestAsync(c.input);
      const received: { method: string; url: string; authorization?: string; body?: string; contentType?: string } = { method: s.method, url: s.url };
      if (s.headers.authorization !== undefined) received.authorization = s.headers.authorization;
      if (s.body !== undefined) { received.body = s.body; received.contentType = s.headers['content-type']!; }
      const verified = (await verifySignatureAsync(received, c.verifyKeys)).valid;
      const o: SignOutcome = { baseString: s.baseString, signature: s.signature, authorization: s.authorization, url: s.url, headers: s.headers, verified };
      if (s.body !== undefined) o.body = s.body;
      return o;
    }
    case 'signature': {
      const method = BUILT_IN_SIGNATURE_METHODS.get(c.method);
      if (method?.signAsync === undefined) throw new Error(`no async ${c.method}`);
      return method.signAsync(c.baseString, c.keys);
    }
    case 'body-hash':
      return computeBodyHashAsync(c.body, c.algorithm);
    case 'percent-encode':
      return percentEncode(c.text);
  }
}

/** The request the sync signer is tried on in each runtime. */
export const SYNC_PROBE: SignRequestInput = { method: 'GET', url: 'https://example.com/', consumerKey: 'k', consumerSecret: 's', nonce: 'n', timestamp: 1 };

/** Runs every case; never throws (errors are reported per case). */
export async function runCases(cases: RuntimeCase[]): Promise<RuntimeReport> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    try {
      results.push({ id: c.id, actual: await runOne(c) });
    } catch (e) {
      results.push({ id: c.id, error: e instanceof OAuthError ? `${e.code}: ${e.message}` : String(e) });
    }
  }
  let syncSigner: string;
  try {
    syncSigner = signRequest(SYNC_PROBE).signature;
  } catch (e) {
    syncSigner = e instanceof OAuthError ? e.code : String(e);
  }
  return { results, syncSigner };
}
