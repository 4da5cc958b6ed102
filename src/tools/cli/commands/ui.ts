// `oauth1 ui`: serves the signature debugger page (dist/ui/index.html) on 127.0.0.1, refusing any Host but its own.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../shared/io.js';

const OPTIONS = {
  port: { type: 'string' },
  open: { type: 'boolean' },
} as const;

const HELP = `Usage: oauth1 ui [--port N] [--open]

Serves the signature debugger on http://127.0.0.1 only: a page with three tabs that run entirely
in your browser (nothing you paste is sent anywhere, nothing is stored):
  Diagnose  paste a failing request (raw HTTP, curl, a HAR entry or the JSON \`oauth1 verify
            --request\` reads) and the secrets or RSA public key: the verdict, the named mistakes
            (the catalogue ids of \`oauth1 verify\`), both base strings side by side with the first
            differing character marked, and the parameter table
  Sign      build a request and see every step of the signature; copy the header or a curl
  Explain   decode a provider's error response, as \`oauth1 explain\` does

The first line printed is "debugger on http://127.0.0.1:PORT/". Requests whose Host header is not
127.0.0.1:PORT or localhost:PORT are refused (421), so a web page cannot reach the server through
DNS rebinding. The same page is a single file, dist/ui/index.html in the package: open it from disk
or host it anywhere.

Options:
  --port N       port to listen on (0 or absent: a free one)
  --open         also open the page in the default browser (xdg-open / open / start);
                 when none is found, just print the address
  -h, --help     show this help

Exit codes: 0 stopped by a signal, 1 could not listen or the page is not built, 2 usage error.

Examples:
  oauth1 ui
  oauth1 ui --port 8765 --open
`;

/** Where the built page may be: next to dist/src (installed package) or in the repository's dist/ (running from source). */
const PAGE_CANDIDATES = ['../../../../ui/index.html', '../../../../dist/ui/index.html'];

/** Reads the built page, or undefined when it has not been built. */
export function loadUiPage(): string | undefined {
  for (const rel of PAGE_CANDIDATES) {
    try {
      return readFileSync(new URL(rel, import.meta.url), 'utf8');
    } catch {
      // not at this level
    }
  }
  return undefined;
}

/** A running debugger server. */
export interface UiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The page's own CSP (from its meta element) plus what only a header can say. */
function headerPolicy(html: string): string {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  const base = meta?.[1] ?? "default-src 'none'";
  return `${base}; frame-ancestors 'none'`;
}

/**
 * Serves `html` on 127.0.0.1:`port` (0: a free port). Only `GET`/`HEAD` of `/` and `/index.html`,
 * only with a Host header naming this server.
 */
export async function startUiServer(html: string, port = 0): Promise<UiServer> {
  const policy = headerPolicy(html);
  const body = Buffer.from(html, 'utf8');
  let allowed = new Set<string>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const security = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-resource-policy': 'same-origin', 'x-frame-options': 'DENY' };
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowed.has(host)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', ...security });
      res.end('misdirected request: this debugger answers only to its own address\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', ...security });
      res.end('method not allowed\n');
      return;
    }
    if (path !== '/' && path !== '/index.html') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...security });
      res.end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'content-security-policy': policy, ...security });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  allowed = new Set([`127.0.0.1:${actual}`, `localhost:${actual}`]);
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`--port must be 0–65535, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** Tries the platform's opener; a missing one is not an error (the address is printed anyway). */
function openInBrowser(url: string, io: CliIo): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => io.stderr.write(`could not start ${cmd as string}: open ${url} yourself\n`));
    child.unref();
  } catch {
    io.stderr.write(`could not start ${cmd as string}: open ${url} yourself\n`);
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  const port = parsePort(values.port);
  const html = loadUiPage();
  if (html === undefined) {
    io.stderr.write('oauth1 ui: the page is not built (dist/ui/index.html): run npm run build:ui\n');
    return EXIT.FAILURE;
  }
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  let server: UiServer;
  try {
    server = await startUiServer(html, port);
  } catch (e) {
    io.stderr.write(`oauth1 ui: cannot listen on 127.0.0.1:${port}: ${(e as Error).message}\n`);
    return EXIT.FAILURE;
  }
  io.stdout.write(`debugger on ${server.url}\neverything runs in the page; nothing you paste leaves it\npress Ctrl-C to stop\n`);
  if (values.open === true) openInBrowser(server.url, io);
  await stopped;
  await server.close();
  io.stderr.write('debugger stopped\n');
  return EXIT.OK;
}

/** The `oauth1 ui` command. */
export const command: CliCommand = {
  name: 'ui',
  summary: 'serve the signature debugger page (diagnose, sign, explain) on 127.0.0.1',
  help: HELP,
  run,
};
