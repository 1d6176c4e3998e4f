import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { runWithRequestContext, type RequestContext } from '../logging/context';
import { toHttpError } from '../errors/to-http-error';
import { constantTimeEqual } from '../security/constant-time';
import { collectProcessMetrics, httpRequestDuration, renderMetrics } from '../observability/metrics';
import { endSpan, extractTraceContext, flushTracing, runInTraceContext, SpanKind, startSpan } from '../observability/tracing';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean> | boolean;
}

export interface HttpServiceOptions {
  name: string;
  port: number;
  host: string;
  logger: Logger;
  handler: RouteHandler;
  readiness?: ReadinessCheck[];
  /** How long a graceful stop waits for in-flight requests before closing sockets. */
  drainTimeoutMs?: number;
  /**
   * How long a graceful stop keeps serving with /readyz already false before it stops listening,
   * so load balancers (Kubernetes endpoints) stop routing here first (default 0).
   */
  shutdownDelayMs?: number;
  /** A readiness check slower than this answers with its previous result (default 500 ms). */
  readinessBudgetMs?: number;
  /** A readiness check still running after this long counts as failed (default 10 s). */
  readinessHangMs?: number;
  /**
   * GET /metrics (Prometheus text format) on this port: on by default; with a token, only for
   * `Authorization: Bearer <token>` (METRICS_TOKEN). See README "Observability".
   */
  metrics?: { enabled?: boolean; token?: string | undefined };
}

export interface HttpService {
  readonly name: string;
  readonly server: Server;
  readonly url: string;
  readonly port: number;
  /** Flip readiness off (first step of a graceful stop). */
  setReady(ready: boolean): void;
  stop(): Promise<void>;
}

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(headers: IncomingHttpHeaders): string {
  const h = headers['x-request-id'];
  return typeof h === 'string' && ID_PATTERN.test(h) ? h : randomUUID();
}

export function correlationIdOf(headers: IncomingHttpHeaders, fallback: string): string {
  const h = headers['x-correlation-id'];
  return typeof h === 'string' && ID_PATTERN.test(h) ? h : fallback;
}

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Za-z0-9_.~-]{20,})$/i;

/**
 * The route of a request whose handler did not name its template: the path with id-like
 * segments (UUIDs, numbers, long tokens) as `:id`, so neither logs nor metric labels carry ids.
 */
export function routeTemplateOf(path: string): string {
  if (path.length > 200) return 'unmatched';
  return path
    .split('/')
    .map((seg) => (ID_SEGMENT.test(seg) ? ':id' : seg))
    .join('/');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

/** One request as the instrumentation sees it, whatever carried it (a socket, or an in-process call). */
export interface RequestHead {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  requestId: string;
  correlationId: string;
}

/** A request being served: run its handler inside `run`, report its status once with `end`. */
export interface InstrumentedRequest {
  /** Runs `fn` in the request's trace context (its server span, child of the caller's traceparent) and logging context. */
  run(fn: () => void): void;
  /** Records the duration metric, ends the span and writes the access-log line. */
  end(status: number): void;
}

/**
 * What every served request gets, over HTTP or in process: request/correlation ids in an async
 * context, a server span joining the caller's trace, the duration metric and one access-log line.
 */
export function requestInstrumentation(name: string, logger: Logger): (head: RequestHead) => InstrumentedRequest {
  const requestDuration = httpRequestDuration();
  // one labelled child per (method, route, status), looked up by a plain string key: cheaper per
  // request than prom-client hashing the label object; bounded (routes are templates, 404s 'unmatched')
  const series = new Map<string, { observe(v: number): void }>();
  const durationSeries = (method: string, route: string, status: number) => {
    const key = `${method} ${status} ${route}`;
    let child = series.get(key);
    if (!child) {
      child = requestDuration.labels(name, method, route, String(status));
      series.set(key, child);
    }
    return child;
  };
  return ({ method, path, headers, requestId, correlationId }) => {
    const started = process.hrtime.bigint();
    const rc: RequestContext = { requestId, correlationId };
    const { span, context: traceContext } = startSpan(`${method} ${path.length > 100 ? 'unmatched' : path}`, {
      kind: SpanKind.SERVER,
      parent: extractTraceContext(headers),
    });
    const traceId = span.spanContext().traceId;
    return {
      run: (fn) => runInTraceContext(traceContext, () => runWithRequestContext(rc, fn)),
      end(status) {
        const route = rc.route ?? (status === 404 ? 'unmatched' : routeTemplateOf(path));
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        durationSeries(method, route, status).observe(seconds);
        span.updateName(`${method} ${route}`);
        span.setAttributes({ 'http.request.method': method, 'http.route': route, 'http.response.status_code': status });
        endSpan(span, status >= 500 ? new Error(`HTTP ${status}`) : undefined);
        logger.info(
          {
            method,
            route,
            status,
            durationMs: Math.round(seconds * 10_000) / 10,
            tenantId: rc.tenantId ?? null,
            principalKind: rc.principalKind ?? null,
            ...(rc.operation ? { operation: rc.operation } : {}),
            requestId,
            correlationId,
            traceId,
          },
          'request',
        );
      },
    };
  };
}

/**
 * Starts an HTTP service with /healthz (process alive) and /readyz (dependencies ready and not
 * draining), request/correlation ids in an async context, and a graceful, draining stop.
 */
export async function startHttpService(options: HttpServiceOptions): Promise<HttpService> {
  const { logger } = options;
  let ready = true;
  let inFlight = 0;
  let draining = false;
  let idleResolve: (() => void) | null = null;

  const metricsEnabled = options.metrics?.enabled ?? true;
  const metricsToken = options.metrics?.token;
  if (metricsEnabled) collectProcessMetrics();
  const begin = requestInstrumentation(options.name, logger);

  const server = createServer((req, res) => {
    const requestId = requestIdOf(req.headers);
    const correlationId = correlationIdOf(req.headers, requestId);
    res.setHeader('x-request-id', requestId);
    res.setHeader('x-correlation-id', correlationId);
    if (draining) res.setHeader('connection', 'close');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    // probes: no access-log line, no span, no metric (they would drown the requests that matter)
    if (req.method === 'GET' && path === '/healthz') return sendJson(res, 200, { status: 'ok', service: options.name });
    if (req.method === 'GET' && path === '/readyz') {
      void readiness().then((r) => sendJson(res, r.ok ? 200 : 503, r));
      return;
    }
    if (metricsEnabled && req.method === 'GET' && path === '/metrics') return serveMetrics(req, res);
    inFlight++;
    const request = begin({ method: req.method ?? 'GET', path, headers: req.headers, requestId, correlationId });
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0 && idleResolve) idleResolve();
      request.end(res.writableFinished ? res.statusCode : 499);
    });
    request.run(() => {
      Promise.resolve()
        .then(() => options.handler(req, res))
        .catch((err: unknown) => {
          logger.error({ err }, 'unhandled error in request handler');
          if (!res.headersSent) {
            const { status, body } = toHttpError(err, correlationId);
            sendJson(res, status, body);
          } else {
            res.destroy();
          }
        });
    });
  });

  function serveMetrics(req: IncomingMessage, res: ServerResponse): void {
    if (metricsToken) {
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !constantTimeEqual(auth.slice(7), metricsToken)) {
        sendJson(
          res,
          401,
          { error: 'CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION', message: 'metrics need Authorization: Bearer <METRICS_TOKEN>' },
          { 'www-authenticate': 'Bearer' },
        );
        return;
      }
    }
    renderMetrics().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
        res.end(body);
        logger.debug({ route: '/metrics', status: 200 }, 'metrics scraped');
      },
      (err: unknown) => {
        logger.error({ err }, 'metrics could not be rendered');
        sendJson(res, 500, { error: 'CRM.EXCEPTIONS.INTERNALEXCEPTION', message: 'metrics unavailable' });
      },
    );
  }
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  server.maxHeadersCount = 100;

  // One run of each dependency check at a time, however many probes arrive. A check slower than
  // readinessBudgetMs (a pool busy with a burst of requests) answers with its last result, so
  // load alone does not take a replica out of rotation; one still running after readinessHangMs
  // counts as not ready (a dependency that stopped answering).
  const budgetMs = options.readinessBudgetMs ?? 500;
  const hangMs = options.readinessHangMs ?? 10_000;
  const lastResult = new Map<string, boolean>();
  const running = new Map<string, { since: number; result: Promise<boolean> }>();
  function runCheck(c: ReadinessCheck): { since: number; result: Promise<boolean> } {
    let run = running.get(c.name);
    if (!run) {
      const result = Promise.resolve()
        .then(() => c.check())
        .then(
          (ok) => ok === true,
          () => false,
        )
        .then((ok) => {
          lastResult.set(c.name, ok);
          running.delete(c.name);
          return ok;
        });
      run = { since: Date.now(), result };
      running.set(c.name, run);
    }
    return run;
  }

  async function readiness(): Promise<{ ok: boolean; service: string; checks: Record<string, boolean> }> {
    const notAccepting = { ok: false, service: options.name, checks: { accepting: false } };
    // draining: answer at once, without waiting for dependency checks (a saturated pool would
    // delay the very answer that moves traffic away)
    if (!ready || draining) return notAccepting;
    const checks: Record<string, boolean> = { accepting: true };
    await Promise.all(
      (options.readiness ?? []).map(async (c) => {
        const run = runCheck(c);
        let timer: NodeJS.Timeout | undefined;
        const slow = new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(Date.now() - run.since < hangMs && (lastResult.get(c.name) ?? false)), budgetMs);
        });
        checks[c.name] = await Promise.race([run.result, slow]);
        clearTimeout(timer);
      }),
    );
    // a stop that began while the checks ran wins
    if (!ready || draining) return notAccepting;
    return { ok: Object.values(checks).every(Boolean), service: options.name, checks };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  logger.info({ url }, `${options.name} listening`);

  return {
    name: options.name,
    server,
    url,
    port,
    setReady(value: boolean) {
      ready = value;
    },
    async stop() {
      if (draining) return;
      draining = true;
      ready = false;
      if (options.shutdownDelayMs) {
        logger.info({ delayMs: options.shutdownDelayMs }, `${options.name} not ready; still serving until traffic moves away`);
        await new Promise((r) => setTimeout(r, options.shutdownDelayMs));
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            idleResolve = resolve;
          }),
          new Promise<void>((resolve) => setTimeout(resolve, options.drainTimeoutMs ?? 10_000).unref()),
        ]);
      }
      server.closeAllConnections();
      await closed;
      logger.info(`${options.name} stopped`);
    },
  };
}

/** Runs `stop` once on SIGTERM/SIGINT, then exits; a second signal exits at once. */
export function onShutdownSignal(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop()
      // spans still buffered for the OTLP exporter go out before the process ends
      .then(() => flushTracing().catch(() => undefined))
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
