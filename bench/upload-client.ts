// Upload benchmark client: one upload in its own process, reporting peak RSS above its idle baseline and throughput.
//
// Usage (forked by bench/upload.bench.ts): node dist/bench/upload-client.js KIND FILE URL
// KIND: floor (raw node:http + fs stream, no OAuth), ours (streamed from disk), ours-body-hash, buffer (file read into a Buffer first, same
// transport), node-oauth (the `oauth` package's post(), which needs the whole body in memory).

import { readFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import FormData from 'form-data';
import { createOAuthGot } from '../src/client/transport/got.js';
import { uploadMultipart } from '../src/client/multipart/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- node-oauth is untyped CommonJS here */
const require = createRequire(import.meta.url);
const NodeOAuth: any = require('oauth').OAuth;

const CREDENTIALS = { consumerKey: 'bench-key', consumerSecret: 'bench-secret', token: 'bench-token', tokenSecret: 'bench-token-secret' };
const [kind, file, url] = process.argv.slice(2) as [string, string, string];

function rssNow(): number {
  return process.memoryUsage.rss();
}

/** VmHWM (peak resident set) from /proc/self/status, bytes. */
function peakRss(): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m === null ? undefined : Number(m[1]) * 1024;
  } catch {
    return undefined;
  }
}

/** Resets VmHWM to the current RSS (Linux: write 5 to clear_refs); false when not allowed. */
function resetPeak(): boolean {
  try { writeFileSync('/proc/self/clear_refs', '5'); return true; } catch { return false; }
}

async function upload(path: string): Promise<number> {
  if (kind === 'ours' || kind === 'ours-body-hash' || kind === 'buffer') {
    const transport = createOAuthGot(CREDENTIALS, { retry: false, timeout: 600_000 });
    const part = kind === 'buffer' ? { name: 'pic', buffer: await readFile(path), filename: 'bench.bin' } : { name: 'pic', path, filename: 'bench.bin' };
    const { response } = await uploadMultipart(transport, {
      url, fields: [['status', 'upload benchmark 微博']], files: [part],
      ...(process.env.UPLOAD_BENCH_HWM === undefined ? {} : { highWaterMark: Number(process.env.UPLOAD_BENCH_HWM) }), policy: kind === 'ours-body-hash' ? 'body-hash' : 'text-fields',
    });
    return (JSON.parse(response.body) as { size: number }).size;
  }
  if (kind === 'floor') {
    // The floor: the file piped into node:http as a raw body — no OAuth, no multipart, no got.
    const size = (await stat(path)).size;
    return await new Promise<number>((resolvePost, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-length': String(size), 'content-type': 'application/octet-stream' } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => { text += c; }).on('end', () => resolvePost((JSON.parse(text) as { size: number }).size));
      });
      req.on('error', reject);
      createReadStream(path, { highWaterMark: Number(process.env.UPLOAD_BENCH_HWM ?? 1024 * 1024) }).pipe(req);
    });
  }
  if (kind === 'node-oauth') {
    const data = await readFile(path);
    const form = new FormData();
    form.append('status', 'upload benchmark 微博');
    form.append('pic', data, { filename: 'bench.bin' });
    const body = form.getBuffer();
    const oa = new NodeOAuth(null, null, CREDENTIALS.consumerKey, CREDENTIALS.consumerSecret, '1.0', null, 'HMAC-SHA1');
    return await new Promise<number>((resolvePost, reject) => {
      oa.post(url, CREDENTIALS.token, CREDENTIALS.tokenSecret, body, form.getHeaders()['content-type'], (err: unknown, text: string) => {
        if (err) reject(new Error(`node-oauth post failed: ${JSON.stringify(err).slice(0, 200)}`));
        else resolvePost((JSON.parse(text) as { size: number }).size);
      });
    });
  }
  throw new Error(`unknown client ${kind}`);
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Warm-up: load every module and open a connection path with a tiny file, so the baseline is "idle, ready".
  await upload(process.env.UPLOAD_BENCH_WARMUP!);
  gc?.();
  await new Promise((r) => setTimeout(r, 100));
  gc?.();
  const baseline = rssNow();
  const hwmReset = resetPeak();
  let sampled = baseline;
  const timer = setInterval(() => { const r = rssNow(); if (r > sampled) sampled = r; }, 5);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const received = await upload(file);
  const cpu = process.cpuUsage(cpu0);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(timer);
  const hwm = peakRss();
  const peak = Math.max(sampled, hwmReset && hwm !== undefined ? hwm : 0);
  process.send!({ kind, received, seconds, cpuSeconds, baseline, peak, peakAboveBaseline: peak - baseline, hwmUsed: hwmReset && hwm !== undefined });
}

main().then(() => process.disconnect(), (e: unknown) => {
  process.send!({ kind, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  process.disconnect();
  process.exitCode = 1;
});
