// The real postman-runtime 7.x OAuth 1.0 authorizer (dev dependency), driven as Postman and Newman drive it: what it sends for a request and an auth settings list.

import { createRequire } from 'node:module';
import type { CapturedRequest } from '../../src/forensics/diagnose.js';

const require = createRequire(import.meta.url);
interface PostmanRequest {
  method: string;
  url: { toString(): string };
  headers: { get(name: string): string | undefined };
  body?: { mode?: string; toString(): string; urlencoded?: { all(): Array<{ key: string; value: string; disabled?: boolean }> } };
}
const sdk = require('postman-collection') as { Request: new (o: object) => PostmanRequest & { auth: unknown } };
const postmanOauth1 = require('postman-runtime/lib/authorizer/oauth1') as { sign(auth: unknown, request: PostmanRequest, done: (err?: Error) => void): void };
const AuthInterface = require('postman-runtime/lib/authorizer/auth-interface') as (auth: unknown, ppb: object) => unknown;

/** Signs a request with the real postman-runtime OAuth 1.0 authorizer and captures what it would send. */
export function realPostmanSign(request: { method: string; url: string; body?: object }, settings: Record<string, string | boolean>): Promise<CapturedRequest> {
  const req = new sdk.Request({
    ...request,
    auth: { type: 'oauth1', oauth1: Object.entries(settings).map(([key, value]) => ({ key, value })) },
  });
  return new Promise((resolve, reject) => {
    postmanOauth1.sign(AuthInterface(req.auth, {}), req, (err) => {
      if (err) { reject(err); return; }
      const captured: CapturedRequest = { method: req.method, url: req.url.toString() };
      const authorization = req.headers.get('Authorization');
      if (authorization !== undefined) captured.authorization = authorization;
      if (req.body?.mode === 'urlencoded') {
        captured.body = req.body.urlencoded!.all().filter((p) => !p.disabled).map((p) => `${encodeURIComponent(p.key)}=${encodeURIComponent(p.value)}`).join('&');
        captured.contentType = 'application/x-www-form-urlencoded';
      } else if (req.body?.mode === 'raw') {
        captured.body = req.body.toString();
        captured.contentType = 'application/json';
      }
      resolve(captured);
    });
  });
}

