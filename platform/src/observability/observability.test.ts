import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createLogger, withService, type Logger } from '../logging/logger';
import { annotateRequest } from '../logging/context';
import { routeTemplateOf, startHttpService, type HttpService } from '../http/service';
import { initTracing } from './tracing';

function capture(): { lines: () => Record<string, unknown>[]; raw: string[]; stream: { write: (s: string) => void } } {
  const raw: string[] = [];
  return { raw, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>), stream: { write: (s: string) => void raw.push(s.trimEnd()) } };
}

describe('logger factory', () => {
  it('prints exactly one service key, the innermost service winning, with an ISO time and no pid/hostname', () => {
    const c = capture();
    const root = createLogger('crm-platform', 'info', { destination: c.stream });
    root.info('root line');
    withService(root, 'contacts-read').child({ groupId: 'g' }).info('service line');
    withService(withService(root, 'gateway'), 'gateway').warn('twice named');
    for (const l of c.raw) assert.equal(l.split('"service":').length - 1, 1, l);
    const [a, b, d] = c.lines();
    assert.equal(a!['service'], 'crm-platform');
    assert.equal(b!['service'], 'contacts-read');
    assert.equal(b!['groupId'], 'g');
    assert.equal(d!['service'], 'gateway');
    assert.match(String(a!['time']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(!('pid' in a!) && !('hostname' in a!));
  });

  it('redacts secrets', () => {
    const c = capture();
    createLogger('cli', 'info', { destination: c.stream }).info({ body: { password: 'hunter2' } }, 'x');
    assert.ok(!c.raw[0]!.includes('hunter2'));
  });
});

describe('access log, route templates and /metrics of the HTTP service bootstrap', () => {
  const c = capture();
  let logger: Logger;
  let svc: HttpService;
  let guarded: HttpService;
  const token = randomBytes(16).toString('hex');

  before(async () => {
    initTracing({ serviceName: 'observability-test' });
    logger = createLogger('svc', 'info', { destination: c.stream });
    const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      if (req.url === '/named/7') annotateRequest({ route: '/named/:n', tenantId: 't1', principalKind: 'user' });
      logger.info('inside handler');
      res.writeHead(req.url === '/boom' ? 503 : 200);
      res.end();
    };
    svc = await startHttpService({ name: 'svc', port: 0, host: '127.0.0.1', logger, handler });
    guarded = await startHttpService({ name: 'guarded', port: 0, host: '127.0.0.1', logger, handler, metrics: { token } });
  });
  after(async () => {
    await svc?.stop();
    await guarded?.stop();
  });

  it('templates id-like path segments', () => {
    assert.equal(routeTemplateOf('/contacts/0192f4c2-8a6e-7c1d-9a3b-1f2e3d4c5b6a/tags'), '/contacts/:id/tags');
    assert.equal(routeTemplateOf('/orders/12345'), '/orders/:id');
    assert.equal(routeTemplateOf('/keys/pk_live_abcdefghijklmnopqrstuvwxyz'), '/keys/:id');
    assert.equal(routeTemplateOf('/graphql'), '/graphql');
  });

  it('writes one info line per request with method, route, status, duration, tenant, principal kind, correlation and trace ids; the handler lines share the trace id', async () => {
    const traceId = randomBytes(16).toString('hex');
    await fetch(`${svc.url}/named/7`, {
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-00`, 'x-correlation-id': 'corr-1' },
    });
    await fetch(`${svc.url}/healthz`);
    await fetch(`${svc.url}/readyz`);
    await fetch(`${svc.url}/metrics`);
    await new Promise((r) => setTimeout(r, 50));
    const access = c.lines().filter((l) => l['msg'] === 'request');
    assert.equal(access.length, 1, 'probes and /metrics are not logged at info');
    const line = access[0]!;
    assert.deepEqual(
      {
        level: line['level'],
        service: line['service'],
        method: line['method'],
        route: line['route'],
        status: line['status'],
        tenantId: line['tenantId'],
        principalKind: line['principalKind'],
        correlationId: line['correlationId'],
        traceId: line['traceId'],
      },
      {
        level: 30,
        service: 'svc',
        method: 'GET',
        route: '/named/:n',
        status: 200,
        tenantId: 't1',
        principalKind: 'user',
        correlationId: 'corr-1',
        traceId,
      },
    );
    assert.equal(typeof line['durationMs'], 'number');
    const inside = c.lines().find((l) => l['msg'] === 'inside handler');
    assert.equal(inside?.['traceId'], traceId);
    assert.equal(inside?.['correlationId'], 'corr-1');
  });

  it('generates a trace id when the caller sends none', async () => {
    const before = c.raw.length;
    await fetch(`${svc.url}/orders/991`);
    await new Promise((r) => setTimeout(r, 50));
    const line = c
      .lines()
      .slice(before)
      .find((l) => l['msg'] === 'request');
    assert.match(String(line?.['traceId']), /^[0-9a-f]{32}$/);
    assert.equal(line?.['route'], '/orders/:id');
    assert.equal(line?.['tenantId'], null);
  });

  it('serves /metrics with the request histogram, and behind METRICS_TOKEN only with the bearer token', async () => {
    await fetch(`${svc.url}/boom`);
    const open = await fetch(`${svc.url}/metrics`);
    assert.equal(open.status, 200);
    const text = await open.text();
    assert.match(text, /^http_server_request_duration_seconds_count\{service="svc",method="GET",route="\/boom",status="503"\} 1$/m);
    assert.match(text, /^http_server_request_duration_seconds_count\{service="svc",method="GET",route="\/named\/:n",status="200"\} 1$/m);
    assert.match(text, /^process_resident_memory_bytes \d+/m);
    assert.equal((await fetch(`${guarded.url}/metrics`)).status, 401);
    assert.equal((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
    const ok = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /http_server_request_duration_seconds/);
  });
});
