// JSON requests: the signRequest shape plus `authorization`, `multipart`, `provider`, `id` (what `oauth1 request --capture` writes).

import type { Parameter } from '../../core/types.js';
import type { CapturedFile } from '../diagnose.js';
import { inputError, type CapturedInput } from './common.js';

/**
 * Reads captured requests given as JSON: one object, an array, or JSON lines. Each is the
 * `signRequest` request shape (`method`, `url`, `form` pairs or `body` + `contentType`, and
 * optionally the credentials) plus `authorization` (the header exactly as sent), `multipart`
 * (`{fields: [[name, value]…], files: [{name, filename, size}…]}`), `provider` and `id`.
 *
 * @throws {RequestError} `ERR_OAUTH_INPUT_INVALID` naming the line.
 * @example parseJsonRequests('{"method":"GET","url":"https://x.example/","authorization":"OAuth …"}')
 */
export function parseJsonRequests(text: string): CapturedInput[] {
  const trimmed = text.trim();
  if (trimmed === '') throw inputError('no JSON request given');
  let values: Array<{ value: unknown; where: string }>;
  try {
    const whole = JSON.parse(trimmed) as unknown;
    values = Array.isArray(whole) ? whole.map((value, i) => ({ value, where: `element ${i}` })) : [{ value: whole, where: 'the object' }];
  } catch {
    values = [];
    trimmed.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        values.push({ value: JSON.parse(line) as unknown, where: `line ${i + 1}` });
      } catch (e) {
        throw inputError(`line ${i + 1} is not JSON: ${(e as Error).message}`);
      }
    });
  }
  return values.map(({ value, where }) => capturedFromJson(value, where));
}

function pairs(v: unknown, what: string): Parameter[] {
  if (!Array.isArray(v) || !v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string')) {
    throw inputError(`${what} must be an array of [name, value] string pairs`);
  }
  return v as Parameter[];
}

function capturedFromJson(v: unknown, where: string): CapturedInput {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw inputError(`${where}: expected a JSON object`);
  const o = v as Record<string, unknown>;
  if (typeof o.method !== 'string' || typeof o.url !== 'string') throw inputError(`${where}: "method" and "url" must be strings`);
  const req: CapturedInput = { method: o.method, url: o.url };
  for (const k of ['id', 'authorization', 'body', 'contentType', 'provider', 'consumerKey', 'consumerSecret', 'token', 'tokenSecret'] as const) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'string' && !(k === 'id' && typeof o[k] === 'number')) throw inputError(`${where}: "${k}" must be a string`);
    (req as unknown as Record<string, string>)[k] = String(o[k]);
  }
  if (o.headers !== undefined && req.authorization === undefined && typeof o.headers === 'object' && o.headers !== null) {
    for (const [name, value] of Object.entries(o.headers as Record<string, unknown>)) {
      if (name.toLowerCase() === 'authorization' && typeof value === 'string') req.authorization = value;
    }
  }
  if (o.form !== undefined) req.form = pairs(o.form, `${where}: "form"`);
  if (o.multipart !== undefined) {
    const mp = o.multipart as { fields?: unknown; files?: unknown };
    if (mp === null || typeof mp !== 'object') throw inputError(`${where}: "multipart" must be {"fields": [...], "files": [...]}`);
    const files = mp.files === undefined ? [] : mp.files;
    if (!Array.isArray(files) || !files.every((f) => f !== null && typeof f === 'object' && typeof (f as CapturedFile).name === 'string')) {
      throw inputError(`${where}: "multipart.files" must be an array of {"name", "filename", "size"}`);
    }
    req.multipart = { fields: mp.fields === undefined ? [] : pairs(mp.fields, `${where}: "multipart.fields"`), files: files as CapturedFile[] };
  }
  return req;
}
