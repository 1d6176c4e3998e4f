/**
 * Test-only HTTP load balancer that emulates Kubernetes endpoints in front of service replicas:
 * it probes every backend's `/readyz` every `probeIntervalMs` (without waiting for a slow answer)
 * and routes each request, round robin, only to backends whose latest probe answered 200.
 *
 * It behaves like a real proxy under load: it reads each request's body, then holds the request in
 * its own queue and chooses the backend only when that backend has one of its `maxSocketsPerBackend`
 * connections free, so a request waiting out a burst is never committed to a backend that has
 * meanwhile turned not ready. A backend leaves rotation as soon as a probe sees it not ready or a
 * connection to it is refused; a request whose connection was refused (nothing was sent) is retried
 * on another ready backend, as kube-proxy and ingress-nginx do. A request that reached a backend
 * and then failed is never retried: it is answered 502 (and recorded). A request finding no ready
 * backend is answered 503.
 *
 *   const lb = await startReadyBalancer({ probeIntervalMs: 100 });
 *   lb.add(replicaA.url); lb.add(replicaB.url);
 *   await lb.waitReady(replicaA.url, 10_000);
 *   fetch(`${lb.url}/graphql`, …);
 *   lb.transitions;            // [{ backend, ready, at }] as the probes (or refused connections) saw them
 */
import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReadyTransition {
  backend: string;
  ready: boolean;
  /** Date.now() when the probe that saw the change answered. */
  at: number;
  /** How that probe was answered: an HTTP status (the backend still serving), or no answer (refused, reset, timed out). */
  answer: number | 'no answer';
}

export interface ReadyBalancer {
  readonly url: string;
  /** Starts probing `backendUrl` (not routed to until a probe answers 200). */
  add(backendUrl: string): void;
  /** Stops routing to and probing `backendUrl`. */
  remove(backendUrl: string): void;
  waitReady(backendUrl: string, timeoutMs: number): Promise<void>;
  readonly transitions: ReadyTransition[];
  /**
   * Requests forwarded per backend (retries included), answered 503 for want of a ready backend,
   * upstream failures answered 502, connections refused and retried elsewhere, timed-out probes,
   * requests now waiting in the balancer's queue for a free connection.
   */
  stats(): {
    routed: Record<string, number>;
    noReadyBackend: number;
    upstreamErrors: string[];
    retriedRefusals: string[];
    probeTimeouts: number;
    queued: number;
  };
  close(): Promise<void>;
}

interface Backend {
  url: URL;
  ready: boolean;
  timeouts: number;
  /** Sequence number of the last probe sent, and of the last one whose answer was applied. */
  sent: number;
  applied: number;
  probing: boolean;
  timer: NodeJS.Timeout | null;
  /** Requests in flight to this backend (at most maxSocketsPerBackend). */
  active: number;
  /**
   * Probe sequence number current when a connection to it failed: out of rotation until a probe
   * sent after that answers 200 (0: no failure).
   */
  unreachableSince: number;
}

/** A request read in full and waiting for a backend with a free connection. */
interface Pending {
  req: IncomingMessage;
  res: ServerResponse;
  body: Buffer;
  /** Backends that refused its connection. */
  refusedBy: Set<string>;
}

export interface ReadyBalancerOptions {
  /** Probe period per backend (default 100 ms). */
  probeIntervalMs?: number;
  /** A probe answering later than this has timed out (default 1000 ms, Kubernetes' default timeoutSeconds). */
  probeTimeoutMs?: number;
  /**
   * Consecutive timed-out probes before a ready backend is taken out (default 1, as with
   * failureThreshold: 1). A 503 or a refused connection takes it out at once whatever this says.
   */
  timeoutsBeforeNotReady?: number;
  /** Concurrent requests per backend; more wait in the balancer's queue (default 64). */
  maxSocketsPerBackend?: number;
  host?: string;
}

export async function startReadyBalancer(options: ReadyBalancerOptions = {}): Promise<ReadyBalancer> {
  const probeIntervalMs = options.probeIntervalMs ?? 100;
  const probeTimeoutMs = options.probeTimeoutMs ?? 1000;
  const timeoutsBeforeNotReady = options.timeoutsBeforeNotReady ?? 1;
  const maxSocketsPerBackend = options.maxSocketsPerBackend ?? 64;
  let probeTimeouts = 0;
  const backends = new Map<string, Backend>();
  const transitions: ReadyTransition[] = [];
  const routed: Record<string, number> = {};
  const upstreamErrors: string[] = [];
  const retriedRefusals: string[] = [];
  let noReadyBackend = 0;
  let next = 0;
  // Connections per backend are bounded by `active` (a burst waits in `queue`, not in the Agent,
  // which would hold a request for a backend chosen before it turned not ready).
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const queue: Pending[] = [];
  const probeAgent = new Agent({ keepAlive: false });

  function probe(key: string): void {
    const b = backends.get(key);
    if (!b || !b.probing) return;
    // The next probe goes out on schedule even while this one waits for a slow answer, so one
    // stuck probe cannot hide the 503 a later one gets; an answer older than one already applied
    // is dropped.
    b.timer = setTimeout(() => probe(key), probeIntervalMs);
    const seq = ++b.sent;
    let settled = false;
    const done = (answer: boolean | 'timeout', status: number | 'no answer') => {
      if (settled || !b.probing || seq < b.applied) return;
      settled = true;
      b.applied = seq;
      if (answer === 'timeout') probeTimeouts++;
      b.timeouts = answer === 'timeout' ? b.timeouts + 1 : 0;
      const ready = answer === 'timeout' ? b.ready && b.timeouts < timeoutsBeforeNotReady : answer;
      if (ready && b.unreachableSince > 0 && seq > b.unreachableSince) b.unreachableSince = 0;
      setReady(key, b, ready, status);
    };
    const req = request(new URL('/readyz', b.url), { agent: probeAgent, timeout: probeTimeoutMs }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode === 200, res.statusCode ?? 'no answer'));
      res.on('error', () => done(false, 'no answer'));
    });
    let timedOut = false;
    req.on('timeout', () => {
      timedOut = true;
      req.destroy(new Error('probe timeout'));
    });
    req.on('error', () => done(timedOut ? 'timeout' : false, 'no answer'));
    req.end();
  }

  function setReady(key: string, b: Backend, ready: boolean, answer: number | 'no answer'): void {
    if (ready !== b.ready) transitions.push({ backend: key, ready, at: Date.now(), answer });
    b.ready = ready;
    if (ready) dispatch();
  }

  /** Sends queued requests, oldest first, round robin over the ready backends with a free connection. */
  function dispatch(): void {
    while (queue.length > 0) {
      const pending = queue[0]!;
      if (pending.res.destroyed) {
        queue.shift();
        continue;
      }
      const ready = [...backends.entries()].filter(([key, b]) => b.ready && b.unreachableSince === 0 && !pending.refusedBy.has(key));
      if (ready.length === 0) {
        queue.shift();
        noReadyBackend++;
        pending.res.writeHead(503, { 'content-type': 'text/plain' }).end('no ready backend');
        continue;
      }
      const free = ready.filter(([, b]) => b.active < maxSocketsPerBackend);
      if (free.length === 0) return; // wait for a connection to free up
      queue.shift();
      const [key, backend] = free[next++ % free.length]!;
      send(pending, key, backend);
    }
  }

  function send(pending: Pending, key: string, backend: Backend): void {
    const { req, res, body } = pending;
    routed[key] = (routed[key] ?? 0) + 1;
    backend.active++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      backend.active--;
      dispatch();
    };
    let failed = false;
    let answered = false;
    const fail = (err: NodeJS.ErrnoException) => {
      if (failed) return;
      failed = true;
      // Nothing reached the backend when the connection was never made, or when a kept-alive
      // connection was reset before any answer (the backend closed it as idle while shutting down,
      // the race Node documents for `reusedSocket`): take the backend out of rotation (until a
      // later probe answers 200; `transitions` stay what the probes saw) and try another.
      const neverReached =
        err.code === 'ECONNREFUSED' || err.syscall === 'connect' || (err.code === 'ECONNRESET' && upstream.reusedSocket && !answered);
      if (neverReached && !res.headersSent) {
        retriedRefusals.push(`${key} ${req.method} ${req.url}: ${err.message}`);
        backend.unreachableSince = backend.sent;
        pending.refusedBy.add(key);
        queue.unshift(pending);
        release();
        return;
      }
      upstreamErrors.push(
        `${key} ${req.method} ${req.url}: ${err.message} (${upstream.reusedSocket ? 'kept-alive' : 'new'} connection, ${answered ? 'answer begun' : 'no answer'})`,
      );
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`upstream failed: ${err.message}`);
      else res.destroy(err);
      release();
    };
    const upstream = request(
      {
        host: backend.url.hostname,
        port: backend.url.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: backend.url.host },
        agent,
      },
      (up) => {
        answered = true;
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('error', fail);
        up.on('end', release);
      },
    );
    upstream.on('error', fail);
    upstream.on('close', release);
    upstream.end(body);
  }

  function forward(req: IncomingMessage, res: ServerResponse): void {
    // read the body first (like ingress-nginx's request buffering), so a refused request can be resent
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      queue.push({ req, res, body: Buffer.concat(chunks), refusedBy: new Set() });
      dispatch();
    });
  }

  function remove(backendUrl: string): void {
    const b = backends.get(backendUrl);
    if (!b) return;
    b.probing = false;
    if (b.timer) clearTimeout(b.timer);
    backends.delete(backendUrl);
  }

  const server = createServer(forward);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    transitions,
    add(backendUrl) {
      if (backends.has(backendUrl)) return;
      backends.set(backendUrl, {
        url: new URL(backendUrl),
        ready: false,
        timeouts: 0,
        sent: 0,
        applied: 0,
        probing: true,
        timer: null,
        active: 0,
        unreachableSince: 0,
      });
      probe(backendUrl);
    },
    remove,
    async waitReady(backendUrl, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!backends.get(backendUrl)?.ready) {
        if (Date.now() > deadline) throw new Error(`${backendUrl} not ready within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stats: () => ({
      routed: { ...routed },
      noReadyBackend,
      upstreamErrors: [...upstreamErrors],
      retriedRefusals: [...retriedRefusals],
      probeTimeouts,
      queued: queue.length,
    }),
    async close() {
      for (const key of [...backends.keys()]) remove(key);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      agent.destroy();
      probeAgent.destroy();
    },
  };
}
