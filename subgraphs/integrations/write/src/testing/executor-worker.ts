// The automations' action executor as its own process, for the fault test that SIGKILLs it.
//   node executor-worker.js '{"databaseUrl":"postgres://…","engagementUrl":"http://127.0.0.1:…","leaseMs":1500}'
// ACTIVITY actions call `engagementUrl` (a fake engagement: POST {key, input} → {id}); prints
// `executor ready` once it polls; SIGTERM stops it cleanly (exit 0).
import pino from 'pino';
import { createDataSource } from '@crm/platform/db';
import { noAdapters } from '../automations/adapter-port';
import { ActionExecutor } from '../automations/executor';
import type { GatewayPort } from '../automations/gateway-port';
import { databaseConfig } from '../persistence/database';
import { DeliveryStore } from '../persistence/delivery-store';
import { RunStore } from '../persistence/run-store';

export interface ExecutorWorkerConfig {
  databaseUrl: string;
  engagementUrl: string;
  leaseMs: number;
}

/** The gateway port over the fake engagement's HTTP endpoint (a failed call is retriable, as the real client's transport errors are). */
function httpEngagement(url: string): GatewayPort {
  return {
    async execute<T>(call: { variables?: Record<string, unknown> }): Promise<T> {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: call.variables?.['key'], input: call.variables?.['input'] }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) throw Object.assign(new Error(`engagement answered ${res.status}`), { retriable: true });
      const { id } = (await res.json()) as { id: string };
      return { createActivity: { id, errors: [] } } as T;
    },
  };
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as ExecutorWorkerConfig;
  const logger = pino({ level: 'warn' });
  const dataSource = await createDataSource({
    ...databaseConfig({ DATABASE_URL: config.databaseUrl, DATA_DIR: '.data' }, logger),
    entities: [],
    migrate: false,
    poolSize: 4,
  });
  const executor = new ActionExecutor(dataSource, new RunStore(dataSource), new DeliveryStore(dataSource), {
    clock: () => new Date(),
    gateway: httpEngagement(config.engagementUrl),
    adapters: noAdapters,
    kickDeliveries: () => undefined,
    logger,
    pollMs: 25,
    leaseMs: config.leaseMs,
    concurrency: 8,
    maxAttempts: 1000,
  });
  executor.start();
  process.stdout.write('executor ready\n');
  process.once('SIGTERM', () => {
    void (async () => {
      await executor.stop();
      await dataSource.destroy();
      process.exit(0);
    })();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
