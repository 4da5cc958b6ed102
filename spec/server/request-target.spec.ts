// Request-target attacks on verifyRequest over real HTTP: raw requests written on a node:net socket to a node:http server using oauthMiddleware.

import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { oauthMiddleware, MemoryNonceStore, type OAuthMiddlewareOptions, type OAuthVerifiedIncomingMessage } from '../../src/index.js';
import { independentSign } from '../core/independent-signer.js';

const KEY = 'dpf43f3p2l4k3l03';
const SECRET = 'kd94hf93k423kf44';

interface RawReply { status: number; headers: Map<string, string>; body: string }

/** Writes `request` as is on a fresh TCP connection to 127.0.0.1:port and reads the whole answer. */
function rawRequest(port: number, request: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const lines = head.split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
      const headers = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as [string, string]));
      resolve({ status, headers, body });
    });
    socket.end(request);
  });
}

/** A raw HTTP/1.1 request: request line, the given header lines, then an empty body. */
function raw(requestLine: string, headerLines: string[]): string {
  return [requestLine, ...headerLines, 'Content-Length: 0', 'Connection: close', '', ''].join('\r\n');
}

describe('verifyRequest request-target attacks over raw HTTP', () => {
  let server: Server;
  let port: number;
  let options: OAuthMiddlewareOptions;
  /** What the application routed: the request target of every request the middleware let through. */
  let routed: string[];

  before(async () => {
    let middleware: ReturnType<typeof oauthMiddleware> | undefined;
    let middlewareFor: OAuthMiddlewareOptions | undefined;
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (middlewareFor !== options) { middleware = oauthMiddleware(options); middlewareFor = options; }
      middleware!(req, res, (err?: unknown) => {
        if (err) { res.writeHead(500); res.end(String(err)); return; }
        routed.push(req.url!);
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`routed ${req.url} for ${(req as OAuthVerifiedIncomingMessage).oauth.consumerKey}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => { await new Promise((resolve) => server.close(resolve)); });
  beforeEach(() => {
    routed = [];
    options = { lookupConsumer: (key) => (key === KEY ? { secret: SECRET } : undefined), nonceStore: new MemoryNonceStore(), realm: 'Example' };
  });

  function authorization(method: string, url: string): string {
    return independentSign({ method, url, consumerKey: KEY, consumerSecret: SECRET }).headers.authorization!;
  }
  function expectRefused(r: RawReply, status: number, problem: string): void {
    expect(r.status, r.body).to.equal(status);
    expect(r.headers.get('www-authenticate')).to.include(`oauth_problem="${problem}"`);
    expect(new URLSearchParams(r.body).get('oauth_problem')).to.equal(problem);
    expect(routed).to.deep.equal([]);
  }

  it('oauthMiddleware refuses a Host header that moves the signed URL away from the routed path (400 parameter_rejected)', async () => {
    // Signed for POST http://api.example.com/statuses/update, sent as POST /account/delete.
    const auth = authorization('POST', 'http://api.example.com/statuses/update');
    const r = await rawRequest(port, raw('POST /account/delete HTTP/1.1', ['Host: api.example.com/statuses/update#', `Authorization: ${auth}`]));
    expectRefused(r, 400, 'parameter_rejected');
    expect(new URLSearchParams(r.body).get('oauth_parameters_rejected')).to.equal('host');
  });

  it('oauthMiddleware refuses Host values with "?", "@" or a space in them', async () => {
    const cases: Array<[string, string]> = [
      ['api.example.com/statuses/update?', 'http://api.example.com/statuses/update?/account/delete'],
      ['user@api.example.com', 'http://api.example.com/account/delete'],
      ['api.example.com /x', 'http://api.example.com /x/account/delete'],
    ];
    for (const [host, signedFor] of cases) {
      let auth: string;
      try { auth = authorization('POST', signedFor); } catch { auth = authorization('POST', 'http://api.example.com/account/delete'); }
      expectRefused(await rawRequest(port, raw('POST /account/delete HTTP/1.1', [`Host: ${host}`, `Authorization: ${auth}`])), 400, 'parameter_rejected');
    }
  });

  it('oauthMiddleware refuses a request with two Host header fields', async () => {
    const auth = authorization('POST', 'http://api.example.com/account/delete');
    const r = await rawRequest(port, raw('POST /account/delete HTTP/1.1', ['Host: api.example.com', 'Host: other.example.com', `Authorization: ${auth}`]));
    expectRefused(r, 400, 'parameter_rejected');
  });

  it('oauthMiddleware accepts plain host[:port] Host values: a name, an IPv4 address with a port, an IPv6 literal', async () => {
    for (const host of ['api.example.com', `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const auth = authorization('POST', `http://${host}/account/delete`);
      const r = await rawRequest(port, raw('POST /account/delete HTTP/1.1', [`Host: ${host}`, `Authorization: ${auth}`]));
      expect(r.status, `${host}: ${r.body}`).to.equal(200);
    }
    expect(routed).to.deep.equal(['/account/delete', '/account/delete', '/account/delete']);
  });

  it('oauthMiddleware refuses a request target that is neither a path nor an absolute http(s) URL', async () => {
    const auth = authorization('GET', 'http://api.example.com/x');
    expectRefused(await rawRequest(port, raw('GET * HTTP/1.1', ['Host: api.example.com', `Authorization: ${auth}`])), 400, 'parameter_rejected');
  });

  it('with origin pinned, oauthMiddleware refuses an absolute-form target signed for another origin', async () => {
    options = { ...options, origin: 'https://api.example.com' };
    const auth = authorization('GET', 'https://other.example.com/transfer?to=me');
    const r = await rawRequest(port, raw('GET https://other.example.com/transfer?to=me HTTP/1.1', ['Host: api.example.com', `Authorization: ${auth}`]));
    expectRefused(r, 400, 'parameter_rejected');
  });

  it('with origin pinned, an absolute-form target for that origin counts only by its path and query', async () => {
    options = { ...options, origin: 'https://api.example.com' };
    const auth = authorization('GET', 'https://api.example.com/transfer?to=me');
    const r = await rawRequest(port, raw('GET HTTPS://API.example.com:443/transfer?to=me HTTP/1.1', ['Host: whatever.example', `Authorization: ${auth}`]));
    expect(r.status, r.body).to.equal(200);
    // Signed for another path on the right origin: the pinned origin plus the target's own path are checked.
    const other = authorization('GET', 'https://api.example.com/statuses/update');
    expectRefusedLater(await rawRequest(port, raw('GET https://api.example.com/transfer?to=me HTTP/1.1', ['Host: api.example.com', `Authorization: ${other}`])));
  });

  function expectRefusedLater(r: RawReply): void {
    expect(r.status, r.body).to.equal(401);
    expect(new URLSearchParams(r.body).get('oauth_problem')).to.equal('signature_invalid');
  }

  it('with origin pinned, the Host header is ignored (a hostile one changes nothing)', async () => {
    options = { ...options, origin: 'https://api.example.com' };
    const auth = authorization('POST', 'https://api.example.com/account/delete');
    const r = await rawRequest(port, raw('POST /account/delete HTTP/1.1', ['Host: evil.example/statuses/update#', `Authorization: ${auth}`]));
    expect(r.status, r.body).to.equal(200);
    const moved = authorization('POST', 'https://api.example.com/statuses/update');
    expectRefusedLater(await rawRequest(port, raw('POST /account/delete HTTP/1.1', ['Host: api.example.com/statuses/update#', `Authorization: ${moved}`])));
  });
});
