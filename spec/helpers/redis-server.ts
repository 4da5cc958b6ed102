// A real redis-server for the specs: started on a free loopback port when one is installed, so nobody has to start it.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the Redis specs run against: a URL, or the one line that says why there is none. */
export type RedisForSpecs = { readonly url: string } | { readonly missing: string };

let shared: Promise<RedisForSpecs> | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;

/** The line printed when redis-server is absent and the specs that need it go pending. */
export const MISSING_REDIS =
  'Redis specs pending: no redis-server on PATH (install it: apt-get install redis-server; .ci/run does), or point OAUTH1_REDIS_URL at a server';

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

async function start(): Promise<RedisForSpecs> {
  if (process.env.OAUTH1_REDIS_URL) return { url: process.env.OAUTH1_REDIS_URL };
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error) return { missing: MISSING_REDIS };
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'oauth1-redis-'));
  // No persistence and loopback only: a throwaway server for this mocha process.
  child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  child.unref();
  const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
  for (let i = 0; i < 100; i++) {
    if (await accepts(port)) return { url: `redis://127.0.0.1:${port}` };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not accept connections on 127.0.0.1:${port} (exit ${await Promise.race([exited, Promise.resolve('pending')])})`);
}

process.once('exit', () => {
  child?.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The Redis the specs use, started once per mocha process. When redis-server is not installed the
 * calling suite goes pending with {@link MISSING_REDIS} printed once — unless OAUTH1_REQUIRE_REDIS=1
 * (set by .ci/run), which turns the absence into a failure so CI always runs the Redis specs.
 */
export async function redisForSuite(ctx: Mocha.Context): Promise<string> {
  shared ??= start();
  const redis = await shared;
  if ('url' in redis) return redis.url;
  return pendWithoutRedis(ctx, redis.missing);
}

/**
 * For suites that start redis-server themselves: returns when it is installed, and otherwise
 * treats the suite as {@link redisForSuite} does (pending with one line, a failure in CI).
 */
export function needRedisServer(ctx: Mocha.Context): void {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error) pendWithoutRedis(ctx, MISSING_REDIS);
}

let printed = false;
function pendWithoutRedis(ctx: Mocha.Context, why: string): never {
  if (process.env.OAUTH1_REQUIRE_REDIS === '1') throw new Error(`${why} — and OAUTH1_REQUIRE_REDIS=1 makes that a failure`);
  if (!printed) { printed = true; console.log(`      ${why}`); }
  return ctx.skip();
}
