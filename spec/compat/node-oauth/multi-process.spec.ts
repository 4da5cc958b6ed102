// The request token issued by one process, the callback handled by another: passport-oauth1 on compat/oauth with shared stores.

import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSandboxProvider, type SandboxProvider } from '../../../src/tools/sandbox/index.js';
import { redisForSuite } from '../../helpers/redis-server.js';
import { Browser } from './passport-app.js';

const SCRIPT = fileURLToPath(new URL('./app-process.ts', import.meta.url));

interface Child { url: string; proc: ChildProcess }

function startChild(sandbox: SandboxProvider, env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, PROVIDER_URL: sandbox.url, CONSUMER_KEY: sandbox.consumerKey, CONSUMER_SECRET: sandbox.consumerSecret, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, proc }));
    proc.once('exit', (code) => reject(new Error(`app process exited with ${code}: ${stderr}`)));
  });
}

function stop(child: Child | undefined): Promise<void> {
  if (!child || child.proc.exitCode !== null) return Promise.resolve();
  return new Promise((r) => { child.proc.once('exit', () => r()); child.proc.stdin!.end(); setTimeout(() => child.proc.kill(), 3000).unref(); });
}

/** Login on `a`, authorisation at the sandbox, callback on `b`: the response of the callback. */
async function crossFlow(browser: Browser, a: Child, b: Child): Promise<{ callback: string; done: Response }> {
  const login = await browser.get(`${a.url}/auth/login`);
  expect(login.status).to.equal(302);
  const approved = await browser.get(login.headers.get('location')!);
  const callback = approved.headers.get('location')!;
  expect(callback.startsWith(`${b.url}/auth/callback?`), callback).to.equal(true);
  return { callback, done: await browser.get(callback) };
}

describe('compat/oauth: the callback handled by another process', function () {
  this.timeout(60000);
  let sandbox: SandboxProvider;
  const children: Child[] = [];
  const start = async (env: Record<string, string>): Promise<Child> => { const c = await startChild(sandbox, env); children.push(c); return c; };
  beforeEach(async () => { sandbox = await createSandboxProvider({ provider: 'twitter', autoApprove: true }); });
  afterEach(async () => {
    await Promise.all(children.splice(0).map(stop));
    await sandbox.close();
  });

  it('with the session store (passport-oauth1\'s default) it fails: "Failed to find request token in session"', async () => {
    const b = await start({});
    const a = await start({ CALLBACK_URL: `${b.url}/auth/callback` });
    const { done } = await crossFlow(new Browser(), a, b);
    expect(done.status).to.equal(500);
    expect(((await done.json()) as { message: string }).message).to.equal('Failed to find request token in session');
  });

  it('with the sealed store in a cookie it completes, and the callback process unseals with a rotated key list', async () => {
    const oldKey = { id: 'k1', hex: randomBytes(32).toString('hex') };
    const newKey = { id: 'k2', hex: randomBytes(32).toString('hex') };
    const b = await start({ STORE: 'sealed', SEAL_KEYS: JSON.stringify([newKey, oldKey]) });
    const a = await start({ STORE: 'sealed', SEAL_KEYS: JSON.stringify([oldKey]), CALLBACK_URL: `${b.url}/auth/callback` });
    const browser = new Browser();
    const { done } = await crossFlow(browser, a, b);
    expect(done.status).to.equal(302);
    expect(done.headers.get('location')).to.equal('/me');
    const me = await (await browser.get(`${b.url}/me`)).json() as { profile: { screen_name: string } };
    expect(me.profile.screen_name).to.be.a('string').and.not.equal('');
    expect(browser.cookies.get('oauth1_tmp'), 'the cookie is cleared after the callback').to.equal('');
  });

  it('with the Redis store it completes, and a replayed callback finds nothing (one-shot take)', async function () {
    const url = await redisForSuite(this);
    const b = await start({ STORE: 'redis', REDIS_URL: url });
    const a = await start({ STORE: 'redis', REDIS_URL: url, CALLBACK_URL: `${b.url}/auth/callback` });
    const browser = new Browser();
    const { callback, done } = await crossFlow(browser, a, b);
    expect(done.status).to.equal(302);
    expect(done.headers.get('location')).to.equal('/me');
    const replay = await new Browser().get(callback);
    expect(replay.status).to.equal(302);
    expect(replay.headers.get('location')).to.equal('/failed');
  });
});
