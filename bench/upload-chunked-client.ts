// Chunked-upload benchmark client: uploadMediaChunked in its own process, interrupted mid-file and resumed, reporting peak RSS above idle and throughput.
//
// Usage (forked by bench/upload-chunked.ts): node dist/bench/upload-chunked-client.js FILE URL STOP_AFTER_SEGMENT SEGMENT_BYTES

import { readFileSync, writeFileSync } from 'node:fs';
import { createOAuthGot } from '../src/client/transport/got.js';
import { uploadMediaChunked, type ChunkedUploadSession } from '../src/client/multipart/index.js';

const CREDENTIALS = { consumerKey: 'bench-key', consumerSecret: 'bench-secret', token: 'bench-token', tokenSecret: 'bench-token-secret' };
const [file, url, stopAfter, segmentBytes] = process.argv.slice(2) as [string, string, string, string];
const segmentSize = Number(segmentBytes);

function peakRss(): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m === null ? undefined : Number(m[1]) * 1024;
  } catch { return undefined; }
}
function resetPeak(): boolean {
  try { writeFileSync('/proc/self/clear_refs', '5'); return true; } catch { return false; }
}

class Interrupted extends Error {}

async function main(): Promise<void> {
  const transport = createOAuthGot(CREDENTIALS, { timeout: 600_000 });
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  // Warm-up: a tiny upload loads every module and opens the connection path.
  await uploadMediaChunked(transport, { url, path: process.env.UPLOAD_BENCH_WARMUP!, mediaType: 'video/mp4', sleep });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((r) => setTimeout(r, 100));
  gc?.();
  const baseline = process.memoryUsage.rss();
  const hwmReset = resetPeak();
  let sampled = baseline;
  const timer = setInterval(() => { const r = process.memoryUsage.rss(); if (r > sampled) sampled = r; }, 5);
  timer.unref(); // a failed run must still let the process exit
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  // First run: "crashes" once segment STOP_AFTER is acknowledged; the session was saved as JSON, as a caller would.
  let saved = '';
  const first = await uploadMediaChunked(transport, {
    url, path: file, mediaType: 'video/mp4', segmentSize, retry: { limit: 2, delayMs: 1 }, sleep,
    onSession: (s) => { saved = JSON.stringify(s); if (s.nextSegment === Number(stopAfter)) throw new Interrupted('simulated crash'); },
  }).then(() => undefined, (e: unknown) => e);
  if (!(first instanceof Interrupted)) throw new Error(`the first run was not interrupted: ${String(first)}`);
  // Restart: a new transport and the session read back.
  const resumed = await uploadMediaChunked(createOAuthGot(CREDENTIALS, { timeout: 600_000 }), {
    path: file, mediaType: 'video/mp4', resume: JSON.parse(saved) as ChunkedUploadSession, retry: { limit: 2, delayMs: 1 }, sleep,
  });
  const cpu = process.cpuUsage(cpu0);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  const hwm = peakRss();
  const peak = Math.max(sampled, hwmReset && hwm !== undefined ? hwm : 0);
  process.send!({
    seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, baseline, peakAboveBaseline: peak - baseline,
    sha1: resumed.response.sandbox_sha1, resumedFrom: resumed.resumedFrom, appendRequestsAfterResume: resumed.appendRequests, segmentsAfterResume: resumed.segmentsSent,
  });
}

main().then(() => process.disconnect(), (e: unknown) => {
  process.send!({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  process.disconnect();
  process.exitCode = 1;
});
