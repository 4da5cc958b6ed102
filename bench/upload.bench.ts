// Upload benchmark: streamed multipart upload vs. a read-into-Buffer client vs. node-oauth's post(), over loopback.
//
// Run with `npm run bench:upload` (build, then `node dist/bench/upload.bench.js`). Generates 50 MiB
// and 200 MiB files in os.tmpdir(), starts a draining server in its own process, runs every
// client upload in its own process (peak RSS above that process's idle baseline, sampled every
// 2 ms and from VmHWM), and writes the "Upload" section of docs/benchmarks.md, keeping the
// other sections. Temporary files are removed at the end.

import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { loadavg, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchmarkSection } from './report.js';
import { runChunkedBench } from './upload-chunked.js';

const here = dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;
const SIZES_MIB = (process.env.UPLOAD_BENCH_SIZES ?? '50,200').split(',').map(Number);
const RUNS = Number(process.env.UPLOAD_BENCH_RUNS ?? 3);
const ALL_CLIENTS: Array<{ kind: string; title: string }> = [
  { kind: 'floor', title: 'floor: `fs.createReadStream` piped into `node:http` (no OAuth, no multipart, no got)' },
  { kind: 'ours', title: 'oauth1-toolkit `uploadMultipart` (file streamed from disk, text-fields policy)' },
  { kind: 'ours-body-hash', title: 'oauth1-toolkit `uploadMultipart`, body-hash policy (two passes over the file)' },
  { kind: 'buffer', title: 'same transport, file read into a Buffer first' },
  { kind: 'node-oauth', title: 'node-oauth `post()` (body built in memory with form-data)' },
];
const CLIENTS = process.env.UPLOAD_BENCH_CLIENTS === undefined ? ALL_CLIENTS : ALL_CLIENTS.filter((c) => process.env.UPLOAD_BENCH_CLIENTS!.split(',').includes(c.kind));
// Targets (issue 4) for the streamed client.
const TARGET_PEAK_MIB = 40;
const TARGET_FLAT_MIB = 10;
const TARGET_MIBS = 300;

interface Sample { kind: string; received: number; seconds: number; cpuSeconds: number; baseline: number; peak: number; peakAboveBaseline: number; hwmUsed: boolean; error?: string }

async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const block = randomBytes(MiB);
  const out = createWriteStream(path);
  for (let written = 0; written < bytes; written += block.length) {
    const n = Math.min(block.length, bytes - written);
    // Vary every block so nothing along the way can compress or deduplicate it.
    block.writeUInt32LE(written / MiB, 0);
    if (!out.write(n === block.length ? Buffer.from(block) : block.subarray(0, n))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

function runClient(kind: string, file: string, url: string, warmup: string): Promise<Sample> {
  return new Promise((resolveRun, reject) => {
    const child = fork(join(here, 'upload-client.js'), [kind, file, url], {
      execArgv: ['--expose-gc'], env: { ...process.env, UPLOAD_BENCH_WARMUP: warmup }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: Sample | undefined;
    child.on('message', (m) => { result = m as Sample; });
    child.on('error', reject);
    child.on('exit', () => {
      if (result === undefined) reject(new Error(`client ${kind} exited without a result`));
      else if (result.error !== undefined) reject(new Error(`client ${kind}: ${result.error}`));
      else resolveRun(result);
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A sentence setting the streamed client beside the floor measured in the same runs (when the floor ran). */
function floorComparison(byKey: Map<string, { peak: number; mibs: number; perCpu: number }>, sizes: number[]): string[] {
  const parts: string[] = [];
  for (const size of sizes) {
    const floor = byKey.get(`floor/${size}`);
    const ours = byKey.get(`ours/${size}`);
    if (floor === undefined || ours === undefined) continue;
    parts.push(`${size} MiB: ${fmt(ours.mibs, 0)} vs ${fmt(floor.mibs, 0)} MiB/s, ${fmt(ours.perCpu, 0)} vs ${fmt(floor.perCpu, 0)} MiB per CPU-s, peak +${fmt(ours.peak)} vs +${fmt(floor.peak)} MiB`);
  }
  if (parts.length === 0) return [];
  return ['', `Beside the floor (a raw \`node:http\` upload without OAuth, multipart or got, same runs) the streamed client measured ${parts.join('; ')}.`,
    'The floor\'s own peak shows what Node costs for streaming a file at all: freshly allocated read buffers that wait for the garbage collector.'];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oauth1-upload-bench-'));
  let server: ChildProcess | undefined;
  try {
    const warmup = join(dir, 'warmup.bin');
    await writeRandomFile(warmup, 64 * 1024);
    const files = new Map<number, string>();
    for (const size of SIZES_MIB) {
      const path = join(dir, `upload-${size}MiB.bin`);
      await writeRandomFile(path, size * MiB);
      files.set(size, path);
    }
    server = fork(join(here, 'upload-server.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const [{ port }] = (await once(server, 'message')) as [{ port: number }];
    const url = `http://127.0.0.1:${port}/statuses/upload.json`;

    const rows: string[] = [];
    const byKey = new Map<string, { peak: number; peakMax: number; mibs: number; perCpu: number }>();
    const loadBefore = loadavg()[0]!;
    for (const size of SIZES_MIB) {
      for (const client of CLIENTS) {
        const samples: Sample[] = [];
        // Interleave nothing: each run is its own process, so runs do not share heap or page cache state beyond the file.
        for (let r = 0; r < RUNS; r++) samples.push(await runClient(client.kind, files.get(size)!, url, warmup));
        for (const s of samples) {
          if (s.received < size * MiB) throw new Error(`${client.kind}: server received ${s.received} bytes for a ${size} MiB file`);
        }
        const peak = Math.max(...samples.map((s) => s.peakAboveBaseline)) / MiB;
        const peakMedian = median(samples.map((s) => s.peakAboveBaseline)) / MiB;
        const mibs = median(samples.map((s) => size / s.seconds));
        const best = Math.max(...samples.map((s) => size / s.seconds));
        const perCpu = median(samples.map((s) => size / s.cpuSeconds));
        const baseline = median(samples.map((s) => s.baseline)) / MiB;
        byKey.set(`${client.kind}/${size}`, { peak: peakMedian, peakMax: peak, mibs, perCpu });
        rows.push(`| ${size} MiB | ${client.title} | ${fmt(baseline)} | ${fmt(peakMedian)} | ${fmt(peak)} | ${fmt(mibs, 0)} | ${fmt(best, 0)} | ${fmt(perCpu, 0)} |`);
        process.stdout.write(`${size} MiB ${client.kind}: peak +${fmt(peak)} MiB (median +${fmt(peakMedian)}), ${fmt(mibs, 0)} MiB/s (best ${fmt(best, 0)}), ${fmt(perCpu, 0)} MiB per client CPU-second\n`);
      }
    }
    const loadAfter = loadavg()[0]!;
    const ours50 = byKey.get(`ours/${SIZES_MIB[0]}`)!;
    const ours200 = byKey.get(`ours/${SIZES_MIB.at(-1)}`)!;
    const peakOk = Math.max(ours50.peak, ours200.peak) <= TARGET_PEAK_MIB;
    const flatOk = Math.abs(ours200.peak - ours50.peak) <= TARGET_FLAT_MIB;
    const speedOk = Math.min(ours50.mibs, ours200.mibs) >= TARGET_MIBS;
    const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');
    const markdown = [
      `Measured by \`npm run bench:upload\` (bench/upload.bench.ts): ${RUNS} runs per client and size, each upload in its own`,
      `Node process (\`--expose-gc\`), to a draining server in another process on 127.0.0.1. Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}.`,
      'The file is random bytes in os.tmpdir(); the request is a multipart body with a `status` text field and the file as `pic`.',
      'Baseline = the client process\'s RSS after a warm-up upload of 64 KiB and two GCs; peak = the higher of RSS sampled every 5 ms',
      'and VmHWM (reset to the baseline through /proc/self/clear_refs before the upload). Throughput = file size / time from the',
      'start of the upload (including reading the file, for the in-memory clients) to the parsed answer: median and best of the runs;',
      '"per client CPU-s" = file size / (user + system CPU time of the client process), which other load on the machine disturbs less.',
      `${cpus().length} CPUs; 1-minute load average ${fmt(loadBefore, 2)} before and ${fmt(loadAfter, 2)} after the runs (other work on the machine slows the wall-clock figures).`,
      '',
      '| file | client | idle RSS MiB | peak above idle, median MiB | peak above idle, max MiB | MiB/s (median) | MiB/s (best) | MiB per client CPU-s |',
      '|---|---|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      `Targets for the streamed client (issue 4), judged on the medians: peak ≤ ${TARGET_PEAK_MIB} MiB above idle — ${verdict(peakOk)} (${fmt(ours50.peak)} / ${fmt(ours200.peak)} MiB; worst single run ${fmt(Math.max(ours50.peakMax, ours200.peakMax))} MiB);`,
      `flat between ${SIZES_MIB[0]} and ${SIZES_MIB.at(-1)} MiB (within ${TARGET_FLAT_MIB} MiB) — ${verdict(flatOk)} (Δ ${fmt(ours200.peak - ours50.peak)} MiB);`,
      `≥ ${TARGET_MIBS} MiB/s over loopback — ${verdict(speedOk)} (median ${fmt(ours50.mibs, 0)} / ${fmt(ours200.mibs, 0)} MiB/s; the client alone moves ${fmt(ours50.perCpu, 0)} / ${fmt(ours200.perCpu, 0)} MiB per CPU-second).`,
      ...floorComparison(byKey, SIZES_MIB),
    ].join('\n');
    const file = writeBenchmarkSection('Upload', markdown);
    process.stdout.write(`\nwrote the Upload section of ${file}\n`);
    if (!peakOk || !flatOk || !speedOk) process.exitCode = 1;
  } finally {
    server?.disconnect();
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function all(): Promise<void> {
  if (process.env.UPLOAD_BENCH_ONLY !== 'chunked') await main();
  if (!(await runChunkedBench())) process.exitCode = 1;
}

all().catch((e: unknown) => {
  process.stderr.write(`upload benchmark failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
