import { createServer } from 'node:net';

/**
 * Ports at fixed offsets from a base below Linux's ephemeral range (32768–60999): polling a port
 * inside that range before its server listens can make the kernel pick that very port as the
 * client's source port (a TCP self-connect), which then keeps the server from binding it
 * (EADDRINUSE). The base is 31000 unless `--port-base` / `BENCH_PORT_BASE` says otherwise (a
 * second run beside the first, e.g. the smoke test, takes another base).
 */
export const DEFAULT_PORT_BASE = 31000;
/** The highest offset of benchPorts: every port of a run lies in [base, base + PORT_SPAN]. */
export const PORT_SPAN = 105;
export const MAX_PORT_BASE = 32767 - PORT_SPAN;

export function benchPorts(base: number = DEFAULT_PORT_BASE) {
  return {
    gateway: base,
    floor: base + 1,
    apolloPlain: base + 2,
    hive: base + 3,
    hiveRouter: base + 6,
    ledgerWrite: base + 4,
    ledgerRead: base + 5,
    write: base + 101,
    read: base + 102,
    identityWrite: base + 103,
    identityRead: base + 104,
    readMemory: base + PORT_SPAN,
  } as const;
}
export type BenchPorts = ReturnType<typeof benchPorts>;

/** Whether nothing listens on 127.0.0.1:port now. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** Fails early with a clear message when a port of the run is taken. */
export async function assertPortFree(port: number, ports: BenchPorts): Promise<void> {
  if (!(await portFree(port)))
    throw new Error(
      `port 127.0.0.1:${port} is in use; the bench needs ports ${Object.values(ports).join(', ')} (another base: --port-base or BENCH_PORT_BASE)`,
    );
}

/**
 * A base whose every port is free now, for a run beside another (the smoke test beside
 * `npm run bench`): tries random bases of the range below the default one.
 */
export async function freePortBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 50) * 200;
    const all = await Promise.all(Object.values(benchPorts(base)).map(portFree));
    if (all.every(Boolean)) return base;
  }
  throw new Error('no free port base found in 20000-29999');
}
