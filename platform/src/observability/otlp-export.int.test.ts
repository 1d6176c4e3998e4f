import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../logging/logger';
import { startHttpService, type HttpService } from '../http/service';
import { flushTracing, initTracing, shutdownTracing } from './tracing';

// With OTEL_EXPORTER_OTLP_ENDPOINT set, the spans of a request reach the collector over OTLP/HTTP
// (a tiny local server stands in for it), under the caller's trace id and the service's name.
describe('OTLP export of spans', () => {
  let collector: Server;
  let service: HttpService;
  const received: { path: string; body: string }[] = [];

  before(async () => {
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    assert.deepEqual(initTracing({ serviceName: 'otlp-test-service', otlpEndpoint: endpoint }), {
      exporting: true,
      serviceName: 'otlp-test-service',
    });
    service = await startHttpService({
      name: 'otlp-test',
      port: 0,
      host: '127.0.0.1',
      logger: createLogger('otlp-test', 'silent'),
      handler: (_req, res) => {
        res.writeHead(204);
        res.end();
      },
    });
  });
  after(async () => {
    await service?.stop();
    await shutdownTracing();
    await new Promise((r) => collector?.close(r));
  });

  it('sends the server span of a traced request to <endpoint>/v1/traces', async () => {
    const traceId = randomBytes(16).toString('hex');
    const res = await fetch(`${service.url}/things/42`, { headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } });
    assert.equal(res.status, 204);
    await flushTracing();
    const deadline = Date.now() + 10_000;
    while (!received.some((r) => r.body.includes(traceId)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const hit = received.find((r) => r.body.includes(traceId));
    assert.ok(hit, `no span with trace ${traceId} among ${received.length} exports`);
    assert.equal(hit.path, '/v1/traces');
    assert.ok(hit.body.includes('otlp-test-service'), 'resource service.name');
    assert.ok(hit.body.includes('GET /things/:id'), 'span named by the route template');
  });
});
