import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../errors/app-error';
import { toHttpError } from '../errors/to-http-error';
import { readBody } from './body';
import { sendJson } from './service';

const LIMIT = 1024;

interface Reply {
  status: number;
  body: string;
}

/** Sends `chunks` as the request body; `declared` sets content-length, otherwise chunked. */
function send(port: number, chunks: Buffer[], declared?: number, agent: Agent | false = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: declared === undefined ? {} : { 'content-length': declared } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    (async () => {
      for (const c of chunks) {
        if (req.destroyed) return;
        req.write(c);
        await new Promise((r) => setTimeout(r, 2));
      }
      req.end();
    })().catch(reject);
  });
}

describe('readBody against a real HTTP server', () => {
  let server: Server;
  let port = 0;
  const errors: unknown[] = [];
  const sizes: number[] = [];

  before(async () => {
    server = createServer((req, res) => {
      readBody(req, LIMIT).then(
        (buf) => {
          sizes.push(buf.length);
          sendJson(res, 200, { size: buf.length, text: buf.toString('utf8') });
        },
        (err: unknown) => {
          errors.push(err);
          const { status, body } = toHttpError(err);
          sendJson(res, status, body);
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('returns bodies up to the limit, declared or chunked', async () => {
    const exact = Buffer.alloc(LIMIT, 'a');
    let r = await send(port, [exact], LIMIT);
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).size, LIMIT);
    r = await send(port, [Buffer.alloc(600, 'b'), Buffer.alloc(424, 'c')]);
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).size, LIMIT);
    r = await send(port, [], 0);
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).size, 0);
  });

  it('refuses a declared oversized body with 413 before reading it', async () => {
    errors.length = 0;
    const r = await send(port, [Buffer.alloc(LIMIT + 1, 'x')], LIMIT + 1);
    assert.equal(r.status, 413);
    assert.equal(JSON.parse(r.body).error, 'CRM.EXCEPTIONS.PAYLOADTOOLARGEEXCEPTION');
    assert.equal(errors.length, 1);
    const err = errors[0];
    assert.ok(err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE' && err.reason === 'BODY_TOO_LARGE');
  });

  it('refuses a streamed (chunked) oversized body with 413 once it passes the limit', async () => {
    errors.length = 0;
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(256, 'y'));
    const r = await send(port, chunks);
    assert.equal(r.status, 413);
    assert.equal(JSON.parse(r.body).error, 'CRM.EXCEPTIONS.PAYLOADTOOLARGEEXCEPTION');
    assert.equal(errors.length, 1);
    const err = errors[0];
    assert.ok(err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE' && err.reason === 'BODY_TOO_LARGE');
  });

  it('reads exactly the declared length', async () => {
    const r = await send(port, [Buffer.from('{"a":1}')], 7);
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).text, '{"a":1}');
  });

  it('keeps a keep-alive connection usable after refusing an oversized body, declared or chunked', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = Array.from({ length: 400 }, () => Buffer.alloc(1024, 'z'));
      assert.equal((await send(port, big, undefined, agent)).status, 413);
      const next = await send(port, [Buffer.from('{"b":2}')], 7, agent);
      assert.equal(next.status, 200, 'the next request on the same connection is answered (it used to hang)');
      assert.equal((await send(port, big, 400 * 1024, agent)).status, 413);
      assert.equal((await send(port, [Buffer.from('{}')], 2, agent)).status, 200);
    } finally {
      agent.destroy();
    }
  });
});
