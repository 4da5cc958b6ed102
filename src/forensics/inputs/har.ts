// HAR 1.2 entries (browser "Save all as HAR").

import { parseFormEncoded } from '../../core/encoding.js';
import { isFormContentType } from '../../core/base-string.js';
import { attachBody, boundaryOf, isMultipart } from './multipart.js';
import { inputError, type CapturedInput } from './common.js';

interface HarRequest {
  method: string;
  url: string;
  headers?: Array<{ name: string; value: string }>;
  postData?: { mimeType?: string; text?: string; params?: Array<{ name: string; value?: string; fileName?: string; contentType?: string }> };
}

/**
 * Reads entry `entry` (0-based) of a HAR 1.2 log.
 *
 * @throws {RequestError} `ERR_OAUTH_INPUT_INVALID` for bad JSON, a missing entry or a request without method/url.
 * @example parseHarEntry(readFileSync('session.har', 'utf8'), 3)
 */
// HAR 1.2 (W3C Web Performance draft) §log.entries.request
export function parseHarEntry(harText: string, entry = 0): CapturedInput {
  let har: { log?: { entries?: Array<{ request?: HarRequest }> } };
  try {
    har = JSON.parse(harText) as typeof har;
  } catch (e) {
    throw inputError(`HAR file is not JSON: ${(e as Error).message}`);
  }
  const entries = har.log?.entries;
  if (!Array.isArray(entries)) throw inputError('HAR file has no log.entries array');
  const request = entries[entry]?.request;
  if (request === undefined) throw inputError(`HAR entry ${entry} does not exist (the file has ${entries.length}, numbered from 0)`);
  if (typeof request.method !== 'string' || typeof request.url !== 'string') throw inputError(`HAR entry ${entry} has no request method/url`);
  const req: CapturedInput = { method: request.method, url: request.url };
  const header = (name: string): string | undefined => request.headers?.find((h) => h.name.toLowerCase() === name)?.value;
  const authorization = header('authorization');
  if (authorization !== undefined) req.authorization = authorization;
  const post = request.postData;
  if (post !== undefined) {
    const contentType = header('content-type') ?? post.mimeType;
    if (isMultipart(contentType) && Array.isArray(post.params) && (post.text === undefined || post.text === '' || boundaryOf(contentType!) === undefined)) {
      req.contentType = contentType!;
      req.multipart = {
        fields: post.params.filter((p) => p.fileName === undefined).map((p) => [p.name, p.value ?? ''] as const),
        files: post.params.filter((p) => p.fileName !== undefined).map((p) => ({ name: p.name, filename: p.fileName! })),
      };
    } else if (post.text !== undefined) {
      attachBody(req, post.text, contentType);
    } else if (Array.isArray(post.params) && isFormContentType(contentType)) {
      // HAR params of a form body are as sent (still encoded).
      req.contentType = contentType!;
      req.form = parseFormEncoded(post.params.map((p) => p.name + '=' + (p.value ?? '')).join('&'));
    }
  }
  return req;
}
