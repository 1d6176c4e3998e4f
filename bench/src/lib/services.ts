import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { spawnNode, tail, type Child } from './proc';
import { waitForHttpOk } from './http';

export const PORTS = { gateway: 47000, floor: 47001, write: 47101, read: 47102 } as const;

export interface Backends {
  DATABASE_URL: string;
  KAFKA_BROKERS: string;
  REDIS_URL?: string;
}

export interface RunningServices {
  write: Child;
  read: Child;
  gateway: Child;
  gatewayUrl: string;
  readUrl: string;
  writeUrl: string;
  /** Time from spawn to /readyz 200, per service. */
  readyMs: Record<string, number>;
  stop(): Promise<void>;
}

/** Environment variables the bench controls; never inherited from the caller. */
const CONTROLLED = [
  'NODE_ENV', 'LOG_LEVEL', 'HOST', 'DATABASE_URL', 'DATABASE_READ_URL', 'REDIS_URL', 'KAFKA_BROKERS', 'DATA_DIR',
  'INTERNAL_AUTH_SECRET', 'GATEWAY_PORT', 'CONTACTS_WRITE_PORT', 'CONTACTS_READ_PORT', 'CONTACTS_WRITE_URL',
  'CONTACTS_READ_URL', 'DEV_AUTH_ENABLED', 'DEV_TENANT_ID', 'READ_API_ENABLED', 'PROJECTOR_ENABLED',
];

export function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of CONTROLLED) delete env[k];
  return env;
}

/** Fails early with a clear message when a fixed port is taken. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', () => reject(new Error(`port 127.0.0.1:${port} is in use; the bench needs ports ${Object.values(PORTS).join(', ')}`)));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve()));
  });
}

async function startOne(name: string, script: string, env: NodeJS.ProcessEnv, readyUrl: string, root: string, readyMs: Record<string, number>, nodeArgs: string[]): Promise<Child> {
  const started = Date.now();
  const child = spawnNode(name, [...nodeArgs, script], env, root);
  try {
    await waitForHttpOk(readyUrl, 120_000, () => !child.hasExited());
  } catch (err) {
    throw new Error(`${name} did not become ready: ${(err as Error).message}\n${tail(child.output())}`);
  }
  readyMs[name] = Date.now() - started;
  return child;
}

/**
 * contacts-write, contacts-read and the gateway, each its own process (so CPU is attributable),
 * on fixed loopback ports against the given backends. Subgraphs run with NODE_ENV=production;
 * the gateway with NODE_ENV=development because DEV_AUTH_ENABLED is refused in production.
 */
export async function startServices(root: string, tmp: string, secret: string, backends: Backends, profileDir?: string): Promise<RunningServices> {
  // --cpu-prof: V8 writes a .cpuprofile per process when it exits (the services exit cleanly on SIGTERM)
  const profileArgs = (name: string) => (profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : []);
  for (const p of [PORTS.gateway, PORTS.write, PORTS.read]) await assertPortFree(p);
  const common = {
    ...baseEnv(),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    INTERNAL_AUTH_SECRET: secret,
    DATABASE_URL: backends.DATABASE_URL,
    KAFKA_BROKERS: backends.KAFKA_BROKERS,
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
  try {
    const writeUrl = `http://127.0.0.1:${PORTS.write}`;
    const readUrl = `http://127.0.0.1:${PORTS.read}`;
    const gatewayUrl = `http://127.0.0.1:${PORTS.gateway}`;
    // one after the other: both migrate the same fresh database (different schemas)
    const write = await startOne(
      'contacts-write',
      'subgraphs/contacts/write/dist/main.js',
      { ...common, NODE_ENV: 'production', CONTACTS_WRITE_PORT: String(PORTS.write), DATA_DIR: dataDir('write') },
      `${writeUrl}/readyz`,
      root,
      readyMs,
      profileArgs('contacts-write'),
    );
    started.push(write);
    const read = await startOne(
      'contacts-read',
      'subgraphs/contacts/read/dist/main.js',
      { ...common, NODE_ENV: 'production', CONTACTS_READ_PORT: String(PORTS.read), DATA_DIR: dataDir('read') },
      `${readUrl}/readyz`,
      root,
      readyMs,
      profileArgs('contacts-read'),
    );
    started.push(read);
    const gateway = await startOne(
      'gateway',
      'supergraph/dist/gateway/main.js',
      {
        ...common,
        NODE_ENV: 'development',
        DEV_AUTH_ENABLED: 'true',
        GATEWAY_PORT: String(PORTS.gateway),
        CONTACTS_WRITE_URL: `${writeUrl}/graphql`,
        CONTACTS_READ_URL: `${readUrl}/graphql`,
      },
      `${gatewayUrl}/readyz`,
      root,
      readyMs,
      profileArgs('gateway'),
    );
    started.push(gateway);
    return { write, read, gateway, gatewayUrl, readUrl, writeUrl, readyMs, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
