// Multipart bodies (RFC 7578): text fields and file parts; and attaching any captured body (form, multipart, raw) to a request.

import { parseFormEncoded } from '../../core/encoding.js';
import { isFormContentType } from '../../core/base-string.js';
import type { Parameter } from '../../core/types.js';
import type { CapturedFile } from '../diagnose.js';
import { inputError, type CapturedInput } from './common.js';

/**
 * Splits a `multipart/form-data` body into text fields and file parts (a part with a
 * `filename` is a file). Only the descriptions of files are kept.
 *
 * @throws {RequestError} `ERR_OAUTH_INPUT_INVALID` when the boundary never appears.
 * @example parseMultipartBody('--b\r\nContent-Disposition: form-data; name="status"\r\n\r\nhi\r\n--b--\r\n', 'b')
 * // { fields: [['status', 'hi']], files: [] }
 */
// RFC 7578 §4
export function parseMultipartBody(body: string, boundary: string): { fields: Parameter[]; files: CapturedFile[] } {
  const delimiter = '--' + boundary;
  const pieces = body.split(delimiter);
  if (pieces.length < 2) throw inputError(`multipart body does not contain its boundary ${JSON.stringify(boundary)}`);
  const fields: Parameter[] = [];
  const files: CapturedFile[] = [];
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith('--')) break;
    const part = piece.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(part);
    if (split === null) continue;
    const headers = part.slice(0, split.index);
    const content = part.slice(split.index + split[0].length).replace(/\r?\n$/, '');
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = dispositionParam(disposition, 'name');
    if (name === undefined) continue;
    const filename = dispositionParam(disposition, 'filename');
    if (filename !== undefined) files.push({ name, filename, size: Buffer.byteLength(content, 'latin1') });
    else fields.push([name, content]);
  }
  return { fields, files };
}

function dispositionParam(disposition: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(disposition);
  if (m === null) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

/** The boundary parameter of a multipart content type. */
export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m === null ? undefined : m[1] ?? m[2];
}

/** Whether a content type is multipart/form-data. */
export function isMultipart(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*multipart\/form-data\b/i.test(contentType);
}

/** Puts a body on a captured request: form pairs, multipart parts or a raw body. */
export function attachBody(req: CapturedInput, body: string, contentType: string | undefined): void {
  if (body === '') return;
  if (contentType !== undefined) req.contentType = contentType;
  if (isMultipart(contentType)) {
    const boundary = boundaryOf(contentType!);
    if (boundary === undefined) throw inputError('multipart/form-data body without a boundary parameter');
    req.multipart = parseMultipartBody(body, boundary);
    return;
  }
  if (isFormContentType(contentType)) req.form = parseFormEncoded(body);
  else req.body = body;
}
