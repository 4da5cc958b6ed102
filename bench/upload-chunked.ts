// Chunked-upload benchmark: a 200 MiB file through the twitter sandbox's media/upload.json, one APPEND failed and retried, a restart mid-file resumed.
//
// Run by `npm run bench:upload` after the multipart cases (alone: UPLOAD_BENCH_ONLY=chunked npm run bench:upload).
// Writes the "Chunked upload" section of docs/benchmarks.md.

import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchmarkSection } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;
const SIZE_MIB = Number(process.env.CHUNKED_BENCH_MIB ?? 200);
const RUNS = Number(process.env.CHUNKED_BENCH_RUNS ?? 3);
const FAIL_SEGMENT = 10;
const STOP_AFTER = Math.floor(SIZE_MIB / 4 / 2);
const TARGET_PEAK_MIB = 40;
const TARGET_MIBS = 300;

interface Sample { seconds: number; cpuSeconds: number; baseline: number; peakAboveBaseline: number; sha1: string; resumedFrom: number; appendRequestsAfterResume: number; segmentsAfterResume: number; error?: string }

async function writeRandomFile(path: string, bytes: number): Promise<string> {
  const block = randomBytes(MiB);
  const out = createWriteStream(path);
  for (let written = 0; written < bytes; written += block.length) {
    block.writeUInt32LE(written / MiB, 0);
    if (!out.write(Buffer.from(block.subarray(0, Math.min(block.length, bytes - written))))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  const h = createHash('sha1');
  for await (const c of createReadStream(path)) h.update(c as Buffer);
  return h.digest('hex');
}

function runClient(file: string, url: string, warmup: string): Promise<Sample> {
  return new Promise((resolveRun, reject) => {
    const child = fork(join(here, 'upload-chunked-client.js'), [file, url, String(STOP_AFTER)], {
      execArgv: ['--expose-gc'], env: { ...process.env, UPLOAD_BENCH_WARMUP: warmup }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: Sample | undefined;
    child.on('message', (m) => { result = m as Sample; });
    child.on('error', reject);
    child.on('exit', () => {
      if (result === undefined) reject(new Error('chunked client exited without a result'));
      else if (result.error !== undefined) reject(new Error(`chunked client: ${result.error}`));
      else resolveRun(result);
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * Runs the chunked case: each run starts a fresh sandbox process (so the APPEND fault fires once
 * per run) and a fresh client process, checks the SHA-1 and writes the section.
 *
 * @example await runChunkedBench()
 */
export async function runChunkedBench(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'oauth1-chunked-bench-'));
  const servers: ChildProcess[] = [];
  try {
    const warmup = join(dir, 'warmup.bin');
    await writeRandomFile(warmup, 64 * 1024);
    const file = join(dir, `media-${SIZE_MIB}MiB.bin`);
    const sha1 = await writeRandomFile(file, SIZE_MIB * MiB);
    const loadBefore = loadavg()[0]!;
    const samples: Sample[] = [];
    for (let r = 0; r < RUNS; r++) {
      const server = fork(join(here, 'upload-media-server.js'), [], { env: { ...process.env, CHUNKED_BENCH_FAIL_SEGMENT: String(FAIL_SEGMENT) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      servers.push(server);
      const [{ url }] = (await once(server, 'message')) as [{ url: string }];
      // The warm-up upload is the server's first APPEND of segment 0; the fault waits for segment FAIL_SEGMENT of the big file.
      const s = await runClient(file, `${url}/1.1/media/upload.json`, warmup);
      server.disconnect();
      server.kill();
      if (s.sha1 !== sha1) throw new Error(`SHA-1 mismatch: sandbox ${s.sha1}, file ${sha1}`);
      samples.push(s);
      process.stdout.write(`chunked ${SIZE_MIB} MiB run ${r + 1}: ${fmt(SIZE_MIB / s.seconds, 0)} MiB/s, peak +${fmt(s.peakAboveBaseline / MiB)} MiB, resumed from segment ${s.resumedFrom}, ${s.appendRequestsAfterResume} APPENDs for ${s.segmentsAfterResume} segments after the restart\n`);
    }
    const loadAfter = loadavg()[0]!;
    const peak = median(samples.map((s) => s.peakAboveBaseline)) / MiB;
    const peakMax = Math.max(...samples.map((s) => s.peakAboveBaseline)) / MiB;
    const mibs = median(samples.map((s) => SIZE_MIB / s.seconds));
    const best = Math.max(...samples.map((s) => SIZE_MIB / s.seconds));
    const perCpu = median(samples.map((s) => SIZE_MIB / s.cpuSeconds));
    const peakOk = peak <= TARGET_PEAK_MIB;
    const speedOk = mibs >= TARGET_MIBS;
    const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');
    const s0 = samples[0]!;
    const markdown = [
      `Measured by \`npm run bench:upload\` (bench/upload-chunked.ts; alone: \`UPLOAD_BENCH_ONLY=chunked npm run bench:upload\`): ${RUNS} runs,`,
      `each with a fresh \`oauth1 serve --provider twitter\`-equivalent sandbox process (media/upload.json, segments written into the`,
      `reassembled file on disk, SHA-1 at FINALIZE, \`check_after_secs\` 0) and a fresh client process (\`--expose-gc\`) on 127.0.0.1.`,
      `Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}; ${cpus().length} CPUs; 1-minute load average ${fmt(loadBefore, 2)} before, ${fmt(loadAfter, 2)} after.`,
      `The file: ${SIZE_MIB} MiB of random bytes, 4 MiB segments (${Math.ceil(SIZE_MIB / 4)} APPENDs). In every run the sandbox answers the APPEND of`,
      `segment ${FAIL_SEGMENT} with 503 once (retried on its own with a new nonce), and the client "crashes" once segment ${STOP_AFTER} is acknowledged`,
      `(an exception from \`onSession\`), then a second \`uploadMediaChunked\` call with a new transport and the session read back from JSON`,
      `resumes at segment ${s0.resumedFrom}. The sandbox's \`sandbox_sha1\` equalled the file's SHA-1 in every run.`,
      'Time, CPU and memory cover both calls (INIT to the STATUS that says `succeeded`); peak = the higher of RSS sampled every 5 ms and',
      'VmHWM (reset at the baseline), above the client\'s RSS after a warm-up upload and two GCs.',
      '',
      '| file | client | peak above idle, median MiB | max MiB | MiB/s (median) | MiB/s (best) | MiB per client CPU-s |',
      '|---|---|---:|---:|---:|---:|---:|',
      `| ${SIZE_MIB} MiB | \`uploadMediaChunked\`, 4 MiB segments, 1 APPEND retried, restarted at segment ${s0.resumedFrom} | ${fmt(peak)} | ${fmt(peakMax)} | ${fmt(mibs, 0)} | ${fmt(best, 0)} | ${fmt(perCpu, 0)} |`,
      '',
      `Targets (issue 14), on the medians: peak ≤ +${TARGET_PEAK_MIB} MiB — ${verdict(peakOk)} (${fmt(peak)} MiB); ≥ ${TARGET_MIBS} MiB/s — ${verdict(speedOk)} (${fmt(mibs, 0)} MiB/s).`,
    ].join('\n');
    const out = writeBenchmarkSection('Chunked upload', markdown);
    process.stdout.write(`\nwrote the Chunked upload section of ${out}\n`);
    return peakOk && speedOk;
  } finally {
    for (const s of servers) { if (s.connected) s.disconnect(); s.kill(); }
    rmSync(dir, { recursive: true, force: true });
  }
}
