// Shared helpers for the provider specs: build responses and catch typed errors.

import { expect } from 'chai';
import type { ProviderResponse } from '../../src/providers/index.js';

/** A response with a JSON or text body. */
export function response(status: number, body: string, headers: Record<string, string> = {}): ProviderResponse {
  return { status, headers, body };
}

/** Runs `fn`, expects it to throw an instance of `type`, and returns the error. */
export function caught<T extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => T): T {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(type);
    return e as T;
  }
  throw new Error(`expected a ${type.name}`);
}
