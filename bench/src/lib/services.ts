import { join } from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { spawnNode, tail, type Child } from './proc';
import { waitForHttpOk } from './http';
import { serviceRegistry } from '@crm/platform/registry';
import { assertPortFree, type BenchPorts } from './ports';

export interface Backends {
  DATABASE_URL: string;
  KAFKA_BROKERS: string;
  REDIS_URL?: string;
}

/** What to start besides contacts-write, contacts-read and our gateway. */
export interface ServiceOptions {
  /** identity-write and identity-read (S3: the heavy query spans contacts-read and identity-read). */
  identity: boolean;
  /** The plain Apollo Gateway and Hive Gateway contenders of S3 (need `identity`). */
  otherGateways: boolean;
  /** A second contacts-read API (no Redis: in-memory cache, no projector) for S4's baseline. */
  memoryRead: boolean;
  /** ledger-write and ledger-read (S6: transfers through the REST facade). */
  ledger?: boolean;
  /** CPU list for every service process (`taskset -c`), or null for no pinning. */
  cpus: string | null;
  /** The run's ports (benchPorts). */
  ports: BenchPorts;
  /**
   * The run's Kafka namespace (topics and consumer groups `<namespace>.…`), so that runs side by
   * side, or `npm start` against the same broker, never share a topic or a consumer group.
   */
  kafkaNamespace: string;
  /**
   * Start independent processes at once (the smoke test: quicker, but each service's time to ready
   * then includes its neighbours' start-up). Default: one after the other, as a measured run wants.
   */
  startTogether?: boolean;
}

export interface RunningServices {
  write: Child;
  read: Child;
  gateway: Child;
  gatewayUrl: string;
  readUrl: string;
  writeUrl: string;
  identityWrite?: Child;
  identityRead?: Child;
  apolloPlain?: Child;
  hive?: Child;
  hiveRouter?: Child;
  readMemory?: Child;
  ledgerWrite?: Child;
  ledgerRead?: Child;
  apolloPlainUrl: string;
  hiveUrl: string;
  hiveRouterUrl: string;
  identityReadUrl: string;
  readMemoryUrl: string;
  /** Time from spawn to /readyz 200, per service. */
  readyMs: Record<string, number>;
  stop(): Promise<void>;
}

/** Environment variables the bench controls; never inherited from the caller. */
const CONTROLLED = [
  'NODE_ENV',
  'LOG_LEVEL',
  'HOST',
  'DATABASE_URL',
  'DATABASE_READ_URL',
  'REDIS_URL',
  'KAFKA_BROKERS',
  'KAFKA_NAMESPACE',
  'DATA_DIR',
  'INTERNAL_AUTH_SECRET',
  'GATEWAY_PORT',
  'DEV_AUTH_ENABLED',
  'DEV_TENANT_ID',
  'PROCESS_ROLE',
  'IDENTITY_SECRET',
  'DEV_OUTBOX_ENABLED',
  'IDENTITY_PROVIDERS',
  'BENCH_GATEWAY_PORT',
  'BENCH_SUPERGRAPH_FILE',
  'BENCH_HIVE_PLANNER',
  // the port and URL variables of every registered service (services.json)
  ...serviceRegistry().services.flatMap((s) => [s.portEnv, s.urlEnv]),
];

export function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of CONTROLLED) delete env[k];
  return env;
}

/** The supergraph SDL with each subgraph's URL replaced (the plain gateways read URLs from it). */
export function supergraphWithUrls(sdl: string, urls: Record<string, string>): string {
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}

/** Waits for every promise to settle, then fails with the first failure or gives the values. */
async function settleAll<const T extends readonly unknown[]>(promises: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/** Runs the starts at once (together) or one after the other; fails only once every start has settled. */
async function startPhase<const T extends readonly (() => Promise<unknown>)[]>(
  together: boolean | undefined,
  starts: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (together) return settleAll(starts.map((s) => s())) as Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }>;
  const values: unknown[] = [];
  for (const s of starts) values.push(await s());
  return values as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

async function startOne(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  ready: string | RegExp,
  root: string,
  readyMs: Record<string, number>,
  nodeArgs: string[],
  cpus: string | null,
): Promise<Child> {
  const started = Date.now();
  const child = spawnNode(name, [...nodeArgs, script], env, root, cpus);
  try {
    if (typeof ready === 'string') await waitForHttpOk(ready, 120_000, () => !child.hasExited());
    else await child.waitForLine(ready, 120_000);
  } catch (err) {
    throw new Error(`${name} did not become ready: ${(err as Error).message}\n${tail(child.output())}`);
  }
  readyMs[name] = Date.now() - started;
  return child;
}

/**
 * contacts-write, contacts-read and our gateway (plus, on request, identity-write, identity-read,
 * the plain Apollo and Hive gateways and an in-memory contacts-read), each its own process so CPU is
 * attributable, on fixed loopback ports against the given backends. Subgraphs and the other gateways
 * run with NODE_ENV=production; our gateway with NODE_ENV=development because DEV_AUTH_ENABLED is
 * refused in production.
 */
export async function startServices(
  root: string,
  tmp: string,
  secret: string,
  backends: Backends,
  opts: ServiceOptions,
  profileDir?: string,
): Promise<RunningServices> {
  // --cpu-prof: V8 writes a .cpuprofile per process when it exits (the services exit cleanly on SIGTERM)
  const profileArgs = (name: string) => (profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : []);
  const PORTS = opts.ports;
  const ports: number[] = [PORTS.gateway, PORTS.write, PORTS.read];
  if (opts.identity) ports.push(PORTS.identityWrite, PORTS.identityRead);
  if (opts.otherGateways) ports.push(PORTS.apolloPlain, PORTS.hive, PORTS.hiveRouter);
  if (opts.memoryRead) ports.push(PORTS.readMemory);
  if (opts.ledger) ports.push(PORTS.ledgerWrite, PORTS.ledgerRead);
  for (const p of ports) await assertPortFree(p, PORTS);
  const common = {
    ...baseEnv(),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    INTERNAL_AUTH_SECRET: secret,
    DATABASE_URL: backends.DATABASE_URL,
    KAFKA_BROKERS: backends.KAFKA_BROKERS,
    KAFKA_NAMESPACE: opts.kafkaNamespace,
    ...(backends.REDIS_URL ? { REDIS_URL: backends.REDIS_URL } : {}),
  };
  const dataDir = (name: string) => {
    const d = join(tmp, `data-${name}`);
    mkdirSync(d, { recursive: true });
    return d;
  };
  const readyMs: Record<string, number> = {};
  const started: Child[] = [];
  const stop = async () => {
    for (const c of [...started].reverse()) await c.stop();
  };
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const starting: Promise<unknown>[] = [];
  const start = (name: string, script: string, env: NodeJS.ProcessEnv, ready: string | RegExp) => {
    const child = startOne(name, script, env, ready, root, readyMs, profileArgs(name), opts.cpus).then((c) => {
      started.push(c);
      return c;
    });
    starting.push(child);
    return child;
  };
  try {
    const writeUrl = url(PORTS.write);
    const readUrl = url(PORTS.read);
    const gatewayUrl = url(PORTS.gateway);
    const identityWriteUrl = url(PORTS.identityWrite);
    const identityReadUrl = url(PORTS.identityRead);
    const subgraphUrls: Record<string, string> = {
      'contacts-write': `${writeUrl}/graphql`,
      'contacts-read': `${readUrl}/graphql`,
      'identity-write': `${identityWriteUrl}/graphql`,
      'identity-read': `${identityReadUrl}/graphql`,
      'ledger-write': `${url(PORTS.ledgerWrite)}/graphql`,
      'ledger-read': `${url(PORTS.ledgerRead)}/graphql`,
    };
    const extra: Partial<
      Pick<RunningServices, 'identityWrite' | 'identityRead' | 'apolloPlain' | 'hive' | 'hiveRouter' | 'readMemory' | 'ledgerWrite' | 'ledgerRead'>
    > = {};
    const readMemoryUrl = url(PORTS.readMemory);
    // the plain gateways read a fixed supergraph and touch no database
    const side: Promise<void>[] = [];
    const startPlainGateways = () => {
      if (!opts.otherGateways) return;
      const file = join(tmp, 'supergraph.graphql');
      writeFileSync(file, supergraphWithUrls(readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8'), subgraphUrls));
      const env = { ...baseEnv(), NODE_ENV: 'production', BENCH_SUPERGRAPH_FILE: file };
      side.push(
        start(
          'apollo-plain',
          'bench/dist/gateways/apollo-plain.js',
          { ...env, BENCH_GATEWAY_PORT: String(PORTS.apolloPlain) },
          /plain apollo gateway ready/,
        ).then((c) => void (extra.apolloPlain = c)),
      );
      side.push(
        start('hive', 'bench/dist/gateways/hive.js', { ...env, BENCH_GATEWAY_PORT: String(PORTS.hive) }, /hive gateway \(js planner\) ready/).then(
          (c) => void (extra.hive = c),
        ),
      );
      side.push(
        start(
          'hive-router',
          'bench/dist/gateways/hive.js',
          { ...env, BENCH_GATEWAY_PORT: String(PORTS.hiveRouter), BENCH_HIVE_PLANNER: 'rust' },
          /hive gateway \(rust planner\) ready/,
        ).then((c) => void (extra.hiveRouter = c)),
      );
    };
    // startTogether: they start at once, beside the subgraphs (otherwise beside our gateway, as in a
    // measured run, where each service's time to ready is reported on its own)
    if (opts.startTogether) startPlainGateways();
    // The write sides first (they create the topics the read sides consume), then the read sides.
    // Each migrates only its own schema of the fresh database, so with startTogether the services of
    // one side start at once; otherwise one after the other.
    const [write] = await startPhase(opts.startTogether, [
      () =>
        start(
          'contacts-write',
          'subgraphs/contacts/write/dist/main.js',
          { ...common, NODE_ENV: 'production', CONTACTS_WRITE_PORT: String(PORTS.write), DATA_DIR: dataDir('write') },
          `${writeUrl}/readyz`,
        ),
      () =>
        opts.identity
          ? start(
              'identity-write',
              'subgraphs/identity/write/dist/main.js',
              {
                ...common,
                NODE_ENV: 'production',
                IDENTITY_WRITE_PORT: String(PORTS.identityWrite),
                IDENTITY_SECRET: randomBytes(32).toString('hex'),
                DATA_DIR: dataDir('identity-write'),
              },
              `${identityWriteUrl}/readyz`,
            ).then((c) => void (extra.identityWrite = c))
          : Promise.resolve(),
      () =>
        opts.ledger
          ? start(
              'ledger-write',
              'subgraphs/ledger/write/dist/main.js',
              { ...common, NODE_ENV: 'production', LEDGER_WRITE_PORT: String(PORTS.ledgerWrite), DATA_DIR: dataDir('ledger-write') },
              `${url(PORTS.ledgerWrite)}/readyz`,
            ).then((c) => void (extra.ledgerWrite = c))
          : Promise.resolve(),
    ]);
    const [read] = await startPhase(opts.startTogether, [
      () =>
        start(
          'contacts-read',
          'subgraphs/contacts/read/dist/main.js',
          { ...common, NODE_ENV: 'production', CONTACTS_READ_PORT: String(PORTS.read), DATA_DIR: dataDir('read') },
          `${readUrl}/readyz`,
        ),
      () =>
        opts.identity
          ? start(
              'identity-read',
              'subgraphs/identity/read/dist/main.js',
              { ...common, NODE_ENV: 'production', IDENTITY_READ_PORT: String(PORTS.identityRead), DATA_DIR: dataDir('identity-read') },
              `${identityReadUrl}/readyz`,
            ).then((c) => void (extra.identityRead = c))
          : Promise.resolve(),
      () =>
        opts.ledger
          ? start(
              'ledger-read',
              'subgraphs/ledger/read/dist/main.js',
              { ...common, NODE_ENV: 'production', LEDGER_READ_PORT: String(PORTS.ledgerRead), DATA_DIR: dataDir('ledger-read') },
              `${url(PORTS.ledgerRead)}/readyz`,
            ).then((c) => void (extra.ledgerRead = c))
          : Promise.resolve(),
    ]);
    // the rest migrates nothing: it starts side by side once the read sides are up
    if (!opts.startTogether) startPlainGateways();
    if (opts.memoryRead) {
      // no REDIS_URL: the in-memory LRU cache; no projector: it must not take Kafka partitions from the main read process
      const { REDIS_URL: _redis, ...noRedis } = common;
      const env = {
        ...noRedis,
        NODE_ENV: 'production',
        CONTACTS_READ_PORT: String(PORTS.readMemory),
        PROCESS_ROLE: 'api',
        DB_MIGRATE: 'false',
        DATA_DIR: dataDir('read-memory'),
      };
      side.push(
        start('contacts-read-memory', 'subgraphs/contacts/read/dist/main.js', env, `${readMemoryUrl}/readyz`).then(
          (c) => void (extra.readMemory = c),
        ),
      );
    }
    const gatewayEnv = {
      ...common,
      NODE_ENV: 'development',
      DEV_AUTH_ENABLED: 'true',
      GATEWAY_PORT: String(PORTS.gateway),
      CONTACTS_WRITE_URL: subgraphUrls['contacts-write'],
      CONTACTS_READ_URL: subgraphUrls['contacts-read'],
      IDENTITY_WRITE_URL: subgraphUrls['identity-write'],
      IDENTITY_READ_URL: subgraphUrls['identity-read'],
      ...(opts.ledger ? { LEDGER_WRITE_URL: subgraphUrls['ledger-write'], LEDGER_READ_URL: subgraphUrls['ledger-read'] } : {}),
    };
    const gatewayStarting = start('gateway', 'supergraph/dist/gateway/main.js', gatewayEnv, `${gatewayUrl}/readyz`);
    const [gateway] = await settleAll([gatewayStarting, ...side]);
    return {
      write,
      read,
      gateway,
      ...extra,
      gatewayUrl,
      readUrl,
      writeUrl,
      apolloPlainUrl: url(PORTS.apolloPlain),
      hiveUrl: url(PORTS.hive),
      hiveRouterUrl: url(PORTS.hiveRouter),
      identityReadUrl,
      readMemoryUrl,
      readyMs,
      stop,
    };
  } catch (err) {
    // let every start under way finish (or fail) first, so that stop() sees every started process
    await Promise.allSettled(starting);
    await stop();
    throw err;
  }
}
