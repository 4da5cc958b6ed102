// `request --capture FILE`: the request exactly as it was signed and sent, in the JSON form `oauth1 verify --request` reads (no secret).

import type { SignedRequest } from '../../../core/types.js';
import { redactSignedRequest } from './render.js';

/**
 * The JSON `oauth1 verify --request` reads for a signed request: method, URL as sent, the
 * Authorization header exactly as sent (header placement), the form pairs and the provider.
 * It never holds the consumer or token secret; a PLAINTEXT signature (the key itself) is
 * `<redacted>` unless `showSecrets`.
 *
 * @example capturedRequestJson(signed, 'weibo-v1', false) // { method: 'GET', url: '…', authorization: 'OAuth …', provider: 'weibo-v1' }
 */
export function capturedRequestJson(signed: SignedRequest, provider: string | undefined, showSecrets: boolean): Record<string, unknown> {
  const shown = redactSignedRequest(signed, showSecrets);
  const out: Record<string, unknown> = { method: shown.method, url: shown.url };
  if (shown.headers.authorization !== undefined) out.authorization = shown.headers.authorization;
  if (shown.form !== undefined) out.form = shown.form;
  if (provider !== undefined) out.provider = provider;
  return out;
}
