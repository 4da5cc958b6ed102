// Sandbox upload endpoints: Weibo v1 statuses/upload (text fields signed) and Twitter update_with_media (none signed), parsed streaming.

import { createHash } from 'node:crypto';
import busboy from 'busboy';
import type { Parameter, Parameters } from '../../core/types.js';
import type { MultipartSigningPolicy } from '../../client/profile/profile.js';
import type { SandboxProviderName, SandboxReply, SandboxRoute, SandboxRouteContext } from './route.js';

/** Options of {@link uploadRoute}. */
export interface UploadRouteOptions {
  /**
   * The rule the endpoint verifies signatures under. `body-hash` additionally requires
   * `oauth_body_hash` (and signs no field). Whatever the rule, an `oauth_body_hash` that is sent
   * must match the bytes received. @default the provider profile's `multipart.policy`
   */
  policy?: MultipartSigningPolicy;
}

/** Where each sandbox provider takes uploads, and the name of its file field. */
export const UPLOAD_ENDPOINTS: Readonly<Partial<Record<SandboxProviderName, { path: string; fileField: string; hashKey: 'pic_sha1' | 'media_sha1' }>>> = {
  'weibo-v1': { path: '/statuses/upload.json', fileField: 'pic', hashKey: 'pic_sha1' },
  twitter: { path: '/1.1/statuses/update_with_media.json', fileField: 'media[]', hashKey: 'media_sha1' },
};

function json(status: number, value: unknown): SandboxReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

/** A multipart body as the sandbox read it. */
export interface ParsedUpload {
  fields: Parameter[];
  file?: { sha1: string; size: number; filename: string };
  /** Base64 SHA-1 of every body byte received, for `oauth_body_hash`. */
  bodySha1: string;
}

/** Reads the multipart body once, streaming: text fields kept, the file hashed and counted, never stored (also the Flickr emulation's upload). */
export function parseUpload(ctx: SandboxRouteContext, fileField: string): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    const { req } = ctx;
    const bodyHash = createHash('sha1');
    const fields: Parameter[] = [];
    let file: ParsedUpload['file'];
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fieldSize: 64 * 1024, fields: 100 } });
    } catch (e) {
      req.resume();
      reject(e);
      return;
    }
    // busboy reports an empty field name (`name=""`) as undefined; keep it as the empty string it was sent as.
    bb.on('field', (name, value) => fields.push([name ?? '', value]));
    bb.on('file', (name, stream, info) => {
      // A truncated body errors the part stream too; without a listener that error would crash the process.
      stream.on('error', reject);
      if (name !== fileField || file !== undefined) { stream.resume(); return; }
      const h = createHash('sha1');
      let size = 0;
      stream.on('data', (c: Buffer) => { h.update(c); size += c.length; });
      stream.on('end', () => { file = { sha1: h.digest('hex'), size, filename: info.filename ?? '' }; });
    });
    bb.on('close', () => resolve({ fields, bodySha1: bodyHash.digest('base64'), ...(file === undefined ? {} : { file }) }));
    bb.on('error', reject);
    req.on('data', (c: Buffer) => bodyHash.update(c));
    req.on('aborted', () => reject(new Error('the client aborted the upload')));
    req.pipe(bb);
  });
}

/**
 * The upload endpoint of a sandbox provider: `POST /statuses/upload.json` for `weibo-v1` (every
 * text field signed, the file field `pic` not — Weibo v1, 2010–2011) and
 * `POST /1.1/statuses/update_with_media.json` for `twitter` (no multipart field signed; file
 * field `media[]`). The body is parsed as it arrives; the answer is
 * `{"id", "text", "pic_sha1" | "media_sha1", "size"}` with the SHA-1 (hex) and size of the file
 * bytes received. A request signed under another rule gets the provider's `signature_invalid`.
 *
 * @example createSandboxProvider({ provider: 'twitter', routes: [uploadRoute('twitter')] })
 */
export function uploadRoute(provider: SandboxProviderName, options: UploadRouteOptions = {}): SandboxRoute {
  const endpoint = UPLOAD_ENDPOINTS[provider];
  if (endpoint === undefined) throw new TypeError(`provider must be weibo-v1 or twitter, got ${JSON.stringify(provider)}`);
  return {
    method: 'POST', path: endpoint.path, body: 'raw',
    async handle(ctx) {
      const { sandbox, path } = ctx;
      const policy = options.policy ?? sandbox.profile.multipart.policy;
      const notMultipart = (): SandboxReply => (provider === 'weibo-v1'
        ? sandbox.error(40009, path)
        : sandbox.error('parameter_absent', path, { parametersAbsent: [endpoint.fileField], advice: `send a multipart/form-data body with a file part named ${endpoint.fileField}` }));
      if (!/^multipart\/form-data\b/i.test(ctx.req.headers['content-type'] ?? '')) {
        ctx.req.resume();
        return notMultipart();
      }
      let parsed: ParsedUpload;
      try {
        parsed = await parseUpload(ctx, endpoint.fileField);
      } catch {
        ctx.record.problem = 'parameter_rejected';
        return sandbox.error('parameter_rejected', path, { advice: 'the multipart body could not be parsed' });
      }
      // The provider's rule: which text fields the signature covers (never the file).
      const signed: Parameters | undefined = policy === 'text-fields' ? parsed.fields : undefined;
      const outcome = await ctx.authenticate('resource', signed ?? []);
      if (!outcome.ok) return outcome.reply;
      const sentHash = outcome.oauth.get('oauth_body_hash');
      if (policy === 'body-hash' && sentHash === undefined) {
        ctx.record.problem = 'parameter_absent';
        return sandbox.error('parameter_absent', path, { parametersAbsent: ['oauth_body_hash'] });
      }
      // draft-eaton-oauth-bodyhash §4.1.1: the hash must match the bytes received.
      if (sentHash !== undefined && sentHash !== parsed.bodySha1) {
        ctx.record.problem = 'signature_invalid';
        return sandbox.error('signature_invalid', path, { advice: 'oauth_body_hash does not match the body received' });
      }
      const text = parsed.fields.find(([n]) => n === 'status')?.[1];
      if (text === undefined || text.trim() === '') {
        return provider === 'weibo-v1' ? sandbox.error(40012, path) : sandbox.error('parameter_absent', path, { parametersAbsent: ['status'] });
      }
      if (parsed.file === undefined) return notMultipart();
      const access = outcome.access!;
      const status = sandbox.state.addStatus(text, access.userId, sandbox.now());
      return json(200, { id: status.id, text, [endpoint.hashKey]: parsed.file.sha1, size: parsed.file.size });
    },
  };
}
