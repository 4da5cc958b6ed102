// Shared helpers for the provider specs: build responses.

import type { ProviderResponse } from '../../src/providers/index.js';

/** A response with a JSON or text body. */
export function response(status: number, body: string, headers: Record<string, string> = {}): ProviderResponse {
  return { status, headers, body };
}
