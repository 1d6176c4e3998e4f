import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { AppError } from '../errors/app-error';
import { currentRequestContext } from '../logging/context';
import { sendJson, startHttpService, type HttpService, type HttpServiceOptions, type ReadinessCheck } from './service';

const logger = pino({ level: 'silent' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A service with only probes and the given readiness checks. */
const probesOnly = (name: string, readiness: ReadinessCheck[], extra: Partial<HttpServiceOptions> = {}) =>
  startHttpService({ name, port: 0, host: '127.0.0.1', logger, handler: () => undefined, readiness, ...extra });

describe('startHttpService', () => {
  let service: HttpService;
  let dependencyUp = true;
  let gate = deferred();
  let entered = deferred();

  before(async () => {
    service = await startHttpService({
      name: 'test-svc',
      port: 0,
      host: '127.0.0.1',
      logger,
      drainTimeoutMs: 5000,
      readiness: [
        { name: 'db', check: () => dependencyUp },
        { name: 'cache', check: async () => true },
      ],
      handler: async (req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === '/context') return sendJson(res, 200, { ...currentRequestContext() });
        if (path === '/boom') throw new Error('SELECT secret FROM users -- internal detail');
        if (path === '/missing') throw AppError.notFound('contact', 'c1');
        if (path === '/slow') {
          entered.resolve();
          await gate.promise;
          return sendJson(res, 200, { slow: 'done' });
        }
        sendJson(res, 404, { error: 'nope' });
      },
    });
  });

  after(async () => {
    gate.resolve();
    await service.stop();
  });

  it('answers /healthz', async () => {
    const r = await get(`${service.url}/healthz`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { status: 'ok', service: 'test-svc' });
    assert.match(r.headers.get('x-request-id') ?? '', UUID);
  });

  it('answers /readyz with 200 when every check passes and 503 when one fails', async () => {
    let r = await get(`${service.url}/readyz`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { ok: true, service: 'test-svc', checks: { accepting: true, db: true, cache: true } });
    dependencyUp = false;
    r = await get(`${service.url}/readyz`);
    assert.equal(r.status, 503);
    assert.deepEqual(r.json['checks'], { accepting: true, db: false, cache: true });
    dependencyUp = true;
  });

  it('treats a throwing readiness check as not ready', async () => {
    const s = await probesOnly('throwing', [{ name: 'broken', check: () => Promise.reject(new Error('down')) }]);
    try {
      const r = await get(`${s.url}/readyz`);
      assert.equal(r.status, 503);
      assert.deepEqual(r.json['checks'], { accepting: true, broken: false });
    } finally {
      await s.stop();
    }
  });

  it('answers /readyz with 503 after setReady(false) and 200 after setReady(true)', async () => {
    service.setReady(false);
    let r = await get(`${service.url}/readyz`);
    assert.equal(r.status, 503);
    assert.equal((r.json['checks'] as Record<string, boolean>)['accepting'], false);
    service.setReady(true);
    r = await get(`${service.url}/readyz`);
    assert.equal(r.status, 200);
  });

  it('answers /readyz 503 at once when not accepting, without waiting for a hanging dependency check', async () => {
    // the check never answers and the budget outlasts the test: an answer at all proves no waiting
    let checked = 0;
    const hanging = () => {
      checked++;
      return new Promise<boolean>(() => undefined);
    };
    const s = await probesOnly('hanging', [{ name: 'pool', check: hanging }], { readinessBudgetMs: 3_600_000 });
    try {
      s.setReady(false);
      const r = await get(`${s.url}/readyz`);
      assert.equal(r.status, 503);
      assert.deepEqual(r.json['checks'], { accepting: false });
      assert.equal(checked, 0, 'the dependency check was not even started');
    } finally {
      await s.stop();
    }
  });

  it('a slow readiness check answers with its last result within the budget; one hanging too long is not ready', async () => {
    // the check hangs until the test lets it go: no clock decides whether it is "slow"
    let hang = false;
    const waiting: (() => void)[] = [];
    const check = () => (hang ? new Promise<boolean>((r) => waiting.push(() => r(true))) : Promise.resolve(true));
    const s = await probesOnly('slow', [{ name: 'pool', check }], { readinessBudgetMs: 100, readinessHangMs: 3000 });
    try {
      assert.equal((await get(`${s.url}/readyz`)).status, 200);
      hang = true;
      const busy = await get(`${s.url}/readyz`);
      assert.equal(busy.status, 200, 'a busy pool keeps the last result');
      assert.ok(waiting.length > 0, 'answered while the check was still running');
      // once the check has run longer than readinessHangMs: not ready (bounded generously for a loaded machine)
      let hung = busy;
      for (const deadline = Date.now() + 30_000; hung.status === 200 && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 100));
        hung = await get(`${s.url}/readyz`);
      }
      assert.equal(hung.status, 503, 'a check running longer than readinessHangMs is not ready');
      assert.deepEqual(hung.json['checks'], { accepting: true, pool: false });
    } finally {
      hang = false;
      for (const release of waiting) release();
      await s.stop();
    }
  });

  it('echoes valid request/correlation ids, replaces invalid ones, and exposes them in the request context', async () => {
    let r = await get(`${service.url}/context`, { 'x-request-id': 'req-123.abc', 'x-correlation-id': 'corr:456' });
    assert.equal(r.headers.get('x-request-id'), 'req-123.abc');
    assert.equal(r.headers.get('x-correlation-id'), 'corr:456');
    assert.deepEqual(r.json, { requestId: 'req-123.abc', correlationId: 'corr:456' });

    r = await get(`${service.url}/context`, { 'x-request-id': 'req-only' });
    assert.equal(r.headers.get('x-correlation-id'), 'req-only', 'correlation id defaults to the request id');

    r = await get(`${service.url}/context`, { 'x-request-id': 'bad id with spaces', 'x-correlation-id': 'x'.repeat(129) });
    const requestId = r.headers.get('x-request-id') ?? '';
    assert.match(requestId, UUID);
    assert.equal(r.headers.get('x-correlation-id'), requestId);
    assert.deepEqual(r.json, { requestId, correlationId: requestId });
  });

  it('maps handler errors: AppErrors keep their status, unknown errors are masked with the correlation id', async () => {
    let r = await get(`${service.url}/missing`);
    assert.equal(r.status, 404);
    assert.equal(r.json['error'], 'CRM.EXCEPTIONS.NOTFOUNDEXCEPTION');
    r = await get(`${service.url}/boom`, { 'x-correlation-id': 'corr-boom' });
    assert.equal(r.status, 500);
    assert.deepEqual(r.json, {
      error: 'CRM.EXCEPTIONS.INTERNALSERVEREXCEPTION',
      message: 'An unexpected error occurred',
      correlation_id: 'corr-boom',
    });
  });

  it('stops gracefully: waits for the in-flight request, refuses new connections', async () => {
    const s = await startHttpService({
      name: 'draining',
      port: 0,
      host: '127.0.0.1',
      logger,
      drainTimeoutMs: 5000,
      handler: async (req, res) => {
        if (req.url === '/slow') {
          entered.resolve();
          await gate.promise;
        }
        sendJson(res, 200, { done: req.url });
      },
    });
    gate = deferred();
    entered = deferred();
    const inFlight = get(`${s.url}/slow`);
    await entered.promise;
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(stopped, false, 'stop waits for the in-flight request');
    await assert.rejects(get(`${s.url}/healthz`), 'no new connections while draining');
    gate.resolve();
    const r = await inFlight;
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { done: '/slow' });
    await stopping;
    assert.equal(stopped, true);
    assert.equal(s.server.listening, false);
  });

  it('gives up on a stuck request after drainTimeoutMs', async () => {
    const arrived = deferred();
    const s = await startHttpService({
      name: 'stuck',
      port: 0,
      host: '127.0.0.1',
      logger,
      drainTimeoutMs: 200,
      handler: () => {
        arrived.resolve();
        return new Promise<void>(() => undefined);
      },
    });
    const stuck = get(`${s.url}/forever`).catch((err: unknown) => err);
    await arrived.promise; // the request is in flight (a condition, not a guess at how long that takes)
    const t0 = Date.now();
    await s.stop();
    const took = Date.now() - t0;
    // waited for the drain timeout, then gave up (a loaded machine only makes it later; never hangs)
    assert.ok(took >= 150 && took < 30_000, `stop took ${took} ms`);
    assert.ok((await stuck) instanceof Error, 'the stuck request is cut off');
  });
});
