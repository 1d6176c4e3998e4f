/**
 * TCP fault proxy for tests: sits between a client and any TCP backend (PostgreSQL, Redis, Kafka)
 * and injects network faults that can be switched at runtime.
 *
 *   const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: 6379 } });
 *   const redis = new Redis(proxy.url('redis'));          // redis://127.0.0.1:<proxy.port>
 *   const db = proxy.rewriteUrl(process.env.DATABASE_URL); // same URL, host:port swapped for the proxy
 *   proxy.setMode({ kind: 'latency', ms: 50, jitterMs: 20 });
 *   proxy.resetAll();                                     // RST every open connection once
 *   proxy.stats();                                        // connections / bytes / resets / refusals
 *   await proxy.close();
 *
 * Modes (apply to open connections and to new ones from the moment `setMode` is called):
 * - `pass`    forward bytes both ways.
 * - `latency` delay every chunk by `ms` plus a uniform random `0..jitterMs`; order per direction kept.
 * - `reset`   RST every open connection now, and RST every new connection right after accepting it.
 * - `drop`    keep connections open but silently discard every byte in both directions (a black hole).
 * - `hang`    stop forwarding: bytes are held (reading pauses, so TCP back-pressure builds) and
 *             delivered in order once the mode goes back to `pass`/`latency`.
 * - `down`    stop listening (new connections get ECONNREFUSED) and close every open connection,
 *             like a backend process that died; any other mode listens again on the same port.
 *
 * The proxy listens on 127.0.0.1 (`listenPort` or an ephemeral port). Test-only code.
 */
import net from 'node:net';
import { once } from 'node:events';

export type FaultKind = 'pass' | 'latency' | 'reset' | 'drop' | 'hang' | 'down';

export interface FaultMode {
  kind: FaultKind;
  /** latency: fixed delay per chunk, in milliseconds. */
  ms?: number;
  /** latency: extra uniform random delay 0..jitterMs per chunk. */
  jitterMs?: number;
}

export interface FaultProxyStats {
  mode: FaultMode;
  /** Connections accepted since start (including those reset or dropped). */
  connections: number;
  /** Connections open right now. */
  active: number;
  /** Bytes forwarded client → target and target → client. */
  bytesToTarget: number;
  bytesToClient: number;
  /** Bytes discarded in `drop` mode (both directions). */
  bytesDropped: number;
  /** Connections destroyed with RST (`reset` mode and `resetAll`). */
  resets: number;
  /** Times a connection to the target failed (target down or unreachable). */
  targetErrors: number;
}

export interface FaultProxyOptions {
  target: { host: string; port: number };
  /** Port to listen on (127.0.0.1); an ephemeral port when omitted. */
  listenPort?: number;
  /** Initial mode; `pass` when omitted. */
  mode?: FaultMode;
}

export interface FaultProxy {
  readonly host: string;
  readonly port: number;
  /** `scheme://127.0.0.1:<port>`, e.g. `proxy.url('redis')`. */
  url(scheme?: string): string;
  /** The same URL with host and port replaced by the proxy's (keeps user, database, query). */
  rewriteUrl(url: string): string;
  setMode(mode: FaultMode): Promise<void>;
  mode(): FaultMode;
  /** RST every open connection (both sides) without changing the mode. */
  resetAll(): void;
  stats(): FaultProxyStats;
  close(): Promise<void>;
}

interface Pending {
  chunk: Buffer;
  at: number;
}

/** One direction of one connection: an ordered queue of chunks released at their due time. */
class Pipe {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastAt = 0;

  constructor(
    private readonly src: net.Socket,
    private readonly dst: net.Socket,
    private readonly proxy: Proxy,
    private readonly countForwarded: (n: number) => void,
  ) {
    src.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  private onData(chunk: Buffer): void {
    const mode = this.proxy.currentMode;
    if (mode.kind === 'drop') {
      this.proxy.counters.bytesDropped += chunk.length;
      return;
    }
    if (mode.kind === 'hang') {
      this.src.pause();
      this.queue.push({ chunk, at: Number.POSITIVE_INFINITY });
      return;
    }
    const delay = mode.kind === 'latency' ? (mode.ms ?? 0) + Math.random() * (mode.jitterMs ?? 0) : 0;
    // never overtake an earlier chunk of the same direction
    const at = Math.max(Date.now() + delay, this.lastAt);
    this.lastAt = at;
    this.queue.push({ chunk, at });
    this.flush();
  }

  /** Called when the mode changes: held chunks become due (or are discarded by `drop`). */
  onModeChange(): void {
    const kind = this.proxy.currentMode.kind;
    if (kind === 'hang') {
      this.src.pause();
      return;
    }
    if (kind === 'drop') {
      for (const p of this.queue) this.proxy.counters.bytesDropped += p.chunk.length;
      this.queue = [];
    } else {
      const now = Date.now();
      for (const p of this.queue) if (p.at === Number.POSITIVE_INFINITY) p.at = now;
    }
    this.src.resume();
    this.flush();
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const now = Date.now();
    while (this.queue.length > 0 && this.queue[0]!.at <= now) {
      const { chunk } = this.queue.shift()!;
      if (this.dst.destroyed) return;
      this.countForwarded(chunk.length);
      if (!this.dst.write(chunk)) {
        this.src.pause();
        this.dst.once('drain', () => {
          if (this.proxy.currentMode.kind !== 'hang') this.src.resume();
        });
      }
    }
    const next = this.queue[0];
    if (next && next.at !== Number.POSITIVE_INFINITY) this.timer = setTimeout(() => this.flush(), next.at - now);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.queue = [];
  }
}

class Connection {
  readonly pipes: Pipe[];

  constructor(
    readonly client: net.Socket,
    readonly upstream: net.Socket,
    proxy: Proxy,
  ) {
    this.pipes = [
      new Pipe(client, upstream, proxy, (n) => (proxy.counters.bytesToTarget += n)),
      new Pipe(upstream, client, proxy, (n) => (proxy.counters.bytesToClient += n)),
    ];
  }

  reset(): void {
    this.dispose();
    if (!this.client.destroyed) this.client.resetAndDestroy();
    if (!this.upstream.destroyed) this.upstream.resetAndDestroy();
  }

  close(): void {
    this.dispose();
    this.client.destroy();
    this.upstream.destroy();
  }

  dispose(): void {
    for (const p of this.pipes) p.dispose();
  }
}

class Proxy implements FaultProxy {
  readonly host = '127.0.0.1';
  port = 0;
  currentMode: FaultMode = { kind: 'pass' };
  readonly counters = { connections: 0, bytesToTarget: 0, bytesToClient: 0, bytesDropped: 0, resets: 0, targetErrors: 0 };
  private readonly open = new Set<Connection>();
  private server: net.Server | undefined;
  private closed = false;

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(port: number): Promise<void> {
    const server = net.createServer({ pauseOnConnect: true }, (socket) => this.accept(socket));
    server.on('error', () => undefined);
    server.listen(port, this.host);
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([err]) => {
        throw err;
      }),
    ]);
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
  }

  private accept(client: net.Socket): void {
    this.counters.connections++;
    client.on('error', () => undefined);
    const kind = this.currentMode.kind;
    if (kind === 'reset' || kind === 'down') {
      this.counters.resets++;
      client.resetAndDestroy();
      return;
    }
    client.setNoDelay(true);
    const upstream = net.connect({ host: this.target.host, port: this.target.port });
    upstream.setNoDelay(true);
    const conn = new Connection(client, upstream, this);
    this.open.add(conn);
    upstream.on('error', () => {
      this.counters.targetErrors++;
      conn.close();
    });
    const onClose = () => {
      this.open.delete(conn);
      conn.close();
    };
    client.on('close', onClose);
    upstream.on('close', onClose);
    if (kind !== 'hang') client.resume();
    else conn.pipes.forEach((p) => p.onModeChange());
  }

  url(scheme = 'tcp'): string {
    return `${scheme}://${this.host}:${this.port}`;
  }

  rewriteUrl(url: string): string {
    const u = new URL(url);
    u.hostname = this.host;
    u.port = String(this.port);
    return u.toString();
  }

  mode(): FaultMode {
    return { ...this.currentMode };
  }

  async setMode(mode: FaultMode): Promise<void> {
    if (this.closed) throw new Error('fault proxy is closed');
    const wasDown = this.currentMode.kind === 'down';
    this.currentMode = { ...mode };
    if (mode.kind === 'reset') this.resetAll();
    if (mode.kind === 'down') {
      for (const c of [...this.open]) c.close();
      this.open.clear();
      await this.stopListening();
      return;
    }
    if (wasDown) await this.listen(this.port);
    for (const c of this.open) c.pipes.forEach((p) => p.onModeChange());
  }

  resetAll(): void {
    for (const c of [...this.open]) {
      this.counters.resets++;
      c.reset();
    }
    this.open.clear();
  }

  stats(): FaultProxyStats {
    return { mode: this.mode(), ...this.counters, active: this.open.size };
  }

  private async stopListening(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of [...this.open]) c.close();
    this.open.clear();
    await this.stopListening();
  }
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const proxy = new Proxy(options.target);
  await proxy.listen(options.listenPort ?? 0);
  if (options.mode) await proxy.setMode(options.mode);
  return proxy;
}
