import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

/**
 * S0, the floor: a bare node:http server answering every request with the same canned JSON
 * (the bench passes the real S1 response body, ~2.5 KB). Run as its own process:
 *   FLOOR_PORT=31001 FLOOR_BODY_FILE=/tmp/x.json node bench/dist/floor-server.js
 */
const port = Number(process.env['FLOOR_PORT'] ?? 31001);
const file = process.env['FLOOR_BODY_FILE'];
const body = file ? readFileSync(file) : Buffer.from(JSON.stringify({ data: { pad: 'x'.repeat(2500) } }));
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`floor server ready on 127.0.0.1:${port} (${body.length} bytes)\n`));
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
