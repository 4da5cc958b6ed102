// How a decoded provider error is shown: text lines on stderr or the "error" member of --json output (no secrets).

import type { ProviderError } from '../../../providers/provider-error.js';

/**
 * Lines describing a decoded provider error (status, code, problem, message, hint) — no secrets.
 *
 * @example io.stderr.write(describeProviderError(e, 'request').join('\n') + '\n')
 */
export function describeProviderError(e: ProviderError, command: string): string[] {
  const head = [`HTTP ${e.status}`];
  if (e.providerCode !== undefined) head.push(`provider code ${e.providerCode}`);
  if (e.problem !== undefined) head.push(`oauth_problem ${e.problem}`);
  const lines = [`oauth1 ${command}: error ${e.code}: ${e.message}`, `  ${head.join(', ')}`];
  if (e.providerMessage) lines.push(`  provider message: ${e.providerMessage}`);
  if (e.hint) lines.push(`  hint: ${e.hint}`);
  lines.push(`  retryable: ${e.retryable ? 'yes' : 'no'}`);
  return lines;
}

/**
 * The decoded provider error as the `error` member of `--json` output (no secrets).
 *
 * @example out.error = providerErrorJson(error) // { code, message, status, providerCode, problem, providerMessage, retryable, hint }
 */
export function providerErrorJson(error: ProviderError): Record<string, unknown> {
  return { code: error.code, message: error.message, status: error.status, providerCode: error.providerCode, problem: error.problem, providerMessage: error.providerMessage, retryable: error.retryable, hint: error.hint };
}

/**
 * A response body for `--json` output: parsed when it looks like JSON, else the text as received.
 *
 * @example parseBody('{"id":1}') // { id: 1 };  parseBody('oauth_token=a') // 'oauth_token=a'
 */
export function parseBody(body: string): unknown {
  const t = body.trim();
  if (t.startsWith('{') || t.startsWith('[')) { try { return JSON.parse(t); } catch { return body; } }
  return body;
}
