// The demo's upload step: an image posted to the sandbox's upload endpoint under the provider's multipart rule, then under the wrong one.

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { FlowDemoStep } from './flow-step.js';
import { uploadMultipart } from '../../client/multipart/index.js';
import { UPLOAD_ENDPOINTS } from '../sandbox/upload.js';
import type { MultipartSigningPolicy } from '../../client/profile/profile.js';

/** CRC-32 (ISO 3309), for PNG chunks. */
function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/**
 * A small RGB gradient as a valid PNG (so the demo's "image" is one).
 *
 * @example writeFileSync('gradient.png', demoPng(160))
 */
export function demoPng(size = 160): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (1 + 3 * size));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) rows.set([x * 255 / size, y * 255 / size, 160], y * (1 + 3 * size) + 1 + 3 * x);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Flow demo step (after "post a status"): uploads a PNG with a non-ASCII status to the sandbox's
 * upload endpoint (Weibo: text fields signed, `pic` not; Twitter: nothing signed), checks the
 * SHA-1 the provider answers, then shows the same upload signed under the other rule refused
 * with the provider's `signature_invalid`.
 *
 * @example FLOW_DEMO_STEPS.push(uploadDemoStep)
 */
export const uploadDemoStep: FlowDemoStep = {
  title: 'Multipart upload: an image streamed from disk, signed under the provider\'s rule',
  async run(ctx) {
    const endpoint = UPLOAD_ENDPOINTS[ctx.sandbox.provider];
    if (endpoint === undefined) throw new TypeError(`the upload demo needs weibo-v1 or twitter, got ${ctx.sandbox.provider}`);
    const dir = mkdtempSync(join(tmpdir(), 'oauth1-demo-upload-'));
    try {
      const png = demoPng();
      const path = join(dir, 'gradient.png');
      writeFileSync(path, png);
      const sha1 = createHash('sha1').update(png).digest('hex');
      const url = `${ctx.sandbox.url}${endpoint.path}`;
      const request = { url, fields: [['status', `An image from the demo 微博 🐱 ${new Date().toISOString()}`]] as const, files: [{ name: endpoint.fileField, path }] };
      const { response, explain } = await uploadMultipart(ctx.client.transport, request, {
        onPrepared: ({ plan, body }) => {
          ctx.out.write(`  policy ${plan.policy} (${plan.policySource}): signed text fields [${plan.signedFields.join(', ')}], file ${endpoint.fileField} (${png.length} bytes, ${body.files[0]!.filename}) never signed; Content-Length ${body.contentLength}\n`);
        },
      });
      const answer = JSON.parse(response.body) as Record<string, unknown>;
      ctx.out.write(`  <- HTTP ${response.status}: ${response.body}\n`);
      ctx.out.write(`  SHA-1 of the file: ${sha1} — provider's ${endpoint.hashKey}: ${String(answer[endpoint.hashKey])} (${answer[endpoint.hashKey] === sha1 ? 'equal' : 'DIFFERENT'})\n`);
      ctx.out.write(`  parameters signed: ${explain!.parameters.map((p) => `${p.name} (${p.source})`).join(', ')}\n`);

      const wrong: MultipartSigningPolicy = explain!.policy === 'text-fields' ? 'none' : 'text-fields';
      ctx.out.write(`  the same upload signed under the other rule (${wrong}) must be refused:\n`);
      let refused = false;
      try {
        await uploadMultipart(ctx.client.transport, { ...request, policy: wrong });
        ctx.out.write('  !! accepted — the sandbox did not check the rule\n');
      } catch (e) {
        const err = e as { code?: string; problem?: string; providerCode?: string; message: string };
        refused = err.problem === 'signature_invalid';
        ctx.out.write(`  <- refused: ${err.code} provider code ${err.providerCode ?? '-'}, oauth_problem ${err.problem ?? '-'}\n`);
      }
      return response.status === 200 && answer[endpoint.hashKey] === sha1 && refused;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
