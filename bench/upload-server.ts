// Upload benchmark server: a separate process that drains request bodies on 127.0.0.1 and reports their size.
//
// Started by bench/upload.bench.ts with `fork`; sends `{ port }` over IPC once listening.

import { createServer } from 'node:http';

const server = createServer((req, res) => {
  let size = 0;
  req.on('data', (chunk: Buffer) => { size += chunk.length; });
  req.on('end', () => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    const chunked = req.headers['transfer-encoding'] !== undefined;
    res.writeHead(size === declared ? 200 : 400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ size, declared, chunked }));
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address !== null ? address.port : 0 });
});
process.on('disconnect', () => server.close());
