/**
 * Test-only HTTP load balancer that emulates Kubernetes endpoints in front of service replicas:
 * it probes every backend's `/readyz` every `probeIntervalMs` (without waiting for a slow answer)
 * and routes each request, round robin, only to backends whose latest probe answered 200. Like kube-proxy it never retries: a request
 * routed to a backend that fails is answered 502 (and recorded), none is answered 503 when no
 * backend is ready.
 *
 *   const lb = await startReadyBalancer({ probeIntervalMs: 100 });
 *   lb.add(replicaA.url); lb.add(replicaB.url);
 *   await lb.waitReady(replicaA.url, 10_000);
 *   fetch(`${lb.url}/graphql`, …);
 *   lb.transitions;            // [{ backend, ready, at }] as the probes saw them
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
  /** Requests forwarded per backend, answered 503 for want of a ready backend, upstream failures, timed-out probes. */
  stats(): { routed: Record<string, number>; noReadyBackend: number; upstreamErrors: string[]; probeTimeouts: number };
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
  host?: string;
}

export async function startReadyBalancer(options: ReadyBalancerOptions = {}): Promise<ReadyBalancer> {
  const probeIntervalMs = options.probeIntervalMs ?? 100;
  const probeTimeoutMs = options.probeTimeoutMs ?? 1000;
  const timeoutsBeforeNotReady = options.timeoutsBeforeNotReady ?? 1;
  let probeTimeouts = 0;
  const backends = new Map<string, Backend>();
  const transitions: ReadyTransition[] = [];
  const routed: Record<string, number> = {};
  const upstreamErrors: string[] = [];
  let noReadyBackend = 0;
  let next = 0;
  // a bounded pool per backend, like a proxy's: a burst queues here instead of opening hundreds of connections at once
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
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
      if (ready !== b.ready) transitions.push({ backend: key, ready, at: Date.now(), answer: status });
      b.ready = ready;
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

  function pick(): [string, Backend] | null {
    const ready = [...backends.entries()].filter(([, b]) => b.ready);
    if (ready.length === 0) return null;
    return ready[next++ % ready.length]!;
  }

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const chosen = pick();
    if (!chosen) {
      noReadyBackend++;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('no ready backend');
      return;
    }
    const [key, backend] = chosen;
    routed[key] = (routed[key] ?? 0) + 1;
    const fail = (err: Error) => {
      upstreamErrors.push(`${key} ${req.method} ${req.url}: ${err.message}`);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`upstream failed: ${err.message}`);
      else res.destroy(err);
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
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('error', fail);
      },
    );
    upstream.on('error', fail);
    req.pipe(upstream);
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
      backends.set(backendUrl, { url: new URL(backendUrl), ready: false, timeouts: 0, sent: 0, applied: 0, probing: true, timer: null });
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
    stats: () => ({ routed: { ...routed }, noReadyBackend, upstreamErrors: [...upstreamErrors], probeTimeouts }),
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
