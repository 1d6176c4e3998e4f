import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createCache, openRedis, type Cache } from '@crm/platform/cache';
import { HttpGatewayClient } from '@crm/platform/clients';
import type { EnvSource } from '@crm/platform/config';
import type { InProcessGraphQL } from '@crm/platform/graphql';
import { servicesInStartOrder, subgraphUrlsFromEnv, type ServiceEntry } from '@crm/platform/registry';
import { createEventBus, InMemoryBus, registry, type EventBus } from '@crm/event-bus';
import type { ContactsWriteService } from '@crm/contacts-write';
import type { ContactsReadService } from '@crm/contacts-read';
import type { IdentityWriteService } from '@crm/identity-write';
import type { IdentityReadService } from '@crm/identity-read';
import { z } from 'zod';
import { envBool, envList, envUrl, kafkaNamespace, parseEnv, readyCatchUpTimeoutMs } from '@crm/platform/config';
import { createRestFacade } from '../rest';
import { parseConfig as parseGatewayConfig } from '../gateway/env';
import { startGateway, type GatewayService } from '../gateway/service';
import { loadServiceModule, type RunningService } from './service-modules';

export interface Platform {
  bus: EventBus;
  cache: Cache;
  /** Every registered service (services.json), by name, in start order. */
  services: Map<string, RunningService>;
  contactsWrite: ContactsWriteService;
  contactsRead: ContactsReadService;
  identityWrite: IdentityWriteService;
  identityRead: IdentityReadService;
  gateway: GatewayService;
  /** Public origin (GraphQL at /graphql, REST under /backoffice/v2 and /self-service/v2). */
  url: string;
  stop(): Promise<void>;
}

/** The REST facade every in-process gateway serves. */
export const restFacadeOf: NonNullable<Parameters<typeof startGateway>[1]['restFacade']> = (client, cache, logger, maxBodyBytes) =>
  createRestFacade({ client, cache, logger, maxBodyBytes });

/** Subgraph name → GraphQL URL of the in-process services. */
export function subgraphUrlsOf(services: Map<string, RunningService>): Record<string, string> {
  return Object.fromEntries([...services].flatMap(([name, s]) => (s.http ? [[name, `${s.http.url}/graphql`]] : [])));
}

/** Subgraph name → its /graphql as a function, for the gateway in the same process (no HTTP hop). */
export function inProcessSubgraphsOf(services: Map<string, RunningService>): Record<string, InProcessGraphQL> {
  return Object.fromEntries([...services].flatMap(([name, s]) => (s.http?.inProcess ? [[name, s.http.inProcess]] : [])));
}

export interface PlatformOptions {
  logger: Logger;
  /** Kafka topic/group prefix (tests). */
  kafkaNamespace?: string;
  /** Partitions of the topics this platform creates on Kafka (default: the bus's, 8). */
  kafkaPartitions?: number;
  /** Embedded database in memory instead of under DATA_DIR (tests). */
  inMemoryDb?: boolean;
  /** Ephemeral ports for every service (tests). */
  ephemeralPorts?: boolean;
  /** The gateway calls its subgraphs over HTTP even though they run in this process (tests of that path). */
  subgraphsOverHttp?: boolean;
}

/** The backends the launcher shares between services (each service validates the rest itself). */
const sharedEnvSchema = z.object({
  KAFKA_BROKERS: envList(),
  REDIS_URL: envUrl(['redis', 'rediss']),
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  DATA_DIR: z.string().min(1).default('.data'),
  KAFKA_NAMESPACE: kafkaNamespace,
  READY_CATCH_UP_TIMEOUT_MS: readyCatchUpTimeoutMs,
  /** Also start the example domains of services.json (tests set it; `npm start` leaves them out). */
  EXAMPLE_DOMAINS: envBool(false),
});

/**
 * Earlier versions kept one embedded database per service (`DATA_DIR/<service>/`); this one keeps
 * every service in `DATA_DIR/db/`. Starting over them silently would lose sight of that data (and
 * leave demo credentials pointing at a tenant the new database lacks), so it is refused instead.
 */
export function legacyEmbeddedFolders(dataDir: string, entries: ServiceEntry[]): string[] {
  if (existsSync(join(dataDir, 'db'))) return [];
  return entries.map((s) => join(dataDir, s.name)).filter((dir) => existsSync(join(dir, 'PG_VERSION')));
}

/**
 * Every registered service (services.json) in one process, each on its own port, sharing one
 * bus, one cache and (embedded) one database: write sides first, then read sides, then the
 * gateway. Embedded defaults on a bare machine, or PostgreSQL/Redis/Kafka when configured.
 */
export async function startPlatform(source: EnvSource, options: PlatformOptions): Promise<Platform> {
  const { logger } = options;
  const entries = servicesInStartOrder(undefined, { examples: parseEnv('crm-platform', sharedEnvSchema, source).EXAMPLE_DOMAINS });
  const ports = options.ephemeralPorts ? Object.fromEntries([...entries.map((s) => [s.portEnv, '0']), ['GATEWAY_PORT', '0']]) : {};
  const env = { ...source, ...ports };
  // Only the gateway is reached from outside: it alone waits SHUTDOWN_DELAY_MS on a stop, and
  // drains before the in-process subgraphs stop, so they stop without a second wait.
  const inner = { ...env, SHUTDOWN_DELAY_MS: '0' };
  const modules = await Promise.all(entries.map(async (entry) => ({ entry, module: await loadServiceModule(entry) })));
  // every configuration is validated before anything starts
  const configs = modules.map(({ entry, module }) => ({ entry, module, config: module.parseConfig(inner) }));
  const gatewayConfig = parseGatewayConfig(env);
  const shared = parseEnv('crm-platform', sharedEnvSchema, env);
  const legacy = !shared.DATABASE_URL && !options.inMemoryDb ? legacyEmbeddedFolders(shared.DATA_DIR, entries) : [];
  if (legacy.length > 0) {
    throw new Error(
      `${shared.DATA_DIR} holds one embedded database per service from an earlier version (${legacy.join(', ')}); ` +
        `all services now share ${join(shared.DATA_DIR, 'db')}. Move that folder away (or set another DATA_DIR) to start afresh.`,
    );
  }
  const bus = await createEventBus({
    brokers: shared.KAFKA_BROKERS,
    clientId: 'crm-platform',
    registry,
    logger,
    ...((options.kafkaNamespace ?? shared.KAFKA_NAMESPACE) ? { namespace: options.kafkaNamespace ?? shared.KAFKA_NAMESPACE } : {}),
    ...(options.kafkaPartitions ? { partitions: options.kafkaPartitions } : {}),
  });
  const cache = await createCache(shared.REDIS_URL, logger, true);
  const redis = shared.REDIS_URL ? openRedis(shared.REDIS_URL) : undefined;
  // in-memory (tests): one embedded database shared by this platform's services only
  const inMemoryDb = options.inMemoryDb ? `platform-${randomUUID()}` : false;
  const services = new Map<string, RunningService>();
  const started: { entry: ServiceEntry; service: RunningService }[] = [];
  // services call other domains through this process's gateway (DESIGN.md §10); it listens last,
  // so a call before then is a retriable UNAVAILABLE
  let gatewayUrl: string | null = null;
  const gatewayFor = (service: string) => new HttpGatewayClient({ url: () => gatewayUrl, secret: gatewayConfig.INTERNAL_AUTH_SECRET, service });
  // One service's start: on the in-process bus a write side re-publishes its outbox history (the
  // bus starts empty after a restart; projections skip what they applied), and every write side's
  // position at start (everything committed, also what a killed process left unpublished) reaches
  // the bus before any read side starts, so the read sides measure their lag against it.
  // after a clean stop a write side replays only what came after its marker: which consumer
  // groups followed its topics then (a group new since then needs the whole history)
  const replayedAfter = new Map<string, Record<string, string[]>>();
  const startOne = async ({ entry, module, config }: (typeof configs)[number]) => {
    const service = await module.start(config, { bus, logger, cache, redis, inMemoryDb, gateway: gatewayFor(entry.name) });
    services.set(entry.name, service);
    started.push({ entry, service });
    if (bus instanceof InMemoryBus && entry.side === 'write' && service.relay) {
      if (service.relay.replayIntoInProcessBus) {
        const { rows, marker } = await service.relay.replayIntoInProcessBus();
        if (marker) replayedAfter.set(entry.name, marker.groups);
        logger.info({ service: entry.name, replayed: rows, after: marker?.after ?? null }, 'outbox history replayed into the in-process bus');
      } else await service.relay.replayAll();
    }
    if (entry.side === 'write' && service.relay?.awaitPublished && !(await service.relay.awaitPublished(shared.READY_CATCH_UP_TIMEOUT_MS)))
      logger.warn(
        { service: entry.name, timeoutMs: shared.READY_CATCH_UP_TIMEOUT_MS },
        'outbox not yet published at start; read sides report it as lag once it is',
      );
  };
  // Write sides first, then read sides. On PostgreSQL the services of a side start together (each
  // has its own pool and schema; most of a start is waiting on the database and the broker); the
  // embedded database is one connection, so there they start one after the other.
  const concurrent = Boolean(shared.DATABASE_URL);
  try {
    for (const side of ['write', 'read'] as const) {
      const group = configs.filter((c) => c.entry.side === side);
      if (!concurrent) for (const c of group) await startOne(c);
      else {
        const results = await Promise.allSettled(group.map(startOne));
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      }
    }
  } catch (err) {
    await stopAll(started, concurrent).catch(() => undefined);
    redis?.disconnect();
    await bus.close();
    await cache.close();
    throw err;
  }
  if (bus instanceof InMemoryBus) await replayForNewFollowers(bus, started, replayedAfter, logger);
  const gateway = await startGateway(gatewayConfig, {
    logger,
    cache,
    restFacade: restFacadeOf,
    bus,
    // services not started here (example domains) keep their configured or default URL
    subgraphUrls: { ...subgraphUrlsFromEnv(env), ...subgraphUrlsOf(services) },
    // the gateway calls the subgraphs beside it in process; their HTTP endpoints stay up for others
    ...(options.subgraphsOverHttp ? {} : { inProcessSubgraphs: inProcessSubgraphsOf(services) }),
    // the one public origin is ready once the read sides behind it caught up with their start
    readiness: started
      .filter(({ entry }) => entry.side === 'read')
      .flatMap(({ entry, service }) => (service.readiness ?? []).map((c) => ({ ...c, name: `${entry.name}.${c.name}` }))),
  });
  gatewayUrl = `${gateway.http.url}/graphql`;
  const named = <T>(name: string): T => services.get(name) as T;
  return {
    bus,
    cache,
    services,
    contactsWrite: named<ContactsWriteService>('contacts-write'),
    contactsRead: named<ContactsReadService>('contacts-read'),
    identityWrite: named<IdentityWriteService>('identity-write'),
    identityRead: named<IdentityReadService>('identity-read'),
    gateway,
    url: gateway.http.url,
    async stop() {
      await gateway.stop();
      if (bus instanceof InMemoryBus) await recordCleanStop(bus, started, logger);
      await stopAll(started, concurrent);
      redis?.disconnect();
      await bus.close();
      await cache.close();
    },
  };
}

type Started = { entry: ServiceEntry; service: RunningService }[];

/** A write side that replayed only after its marker, whose topics a new group follows now, replays its whole history. */
async function replayForNewFollowers(
  bus: InMemoryBus,
  started: Started,
  markers: Map<string, Record<string, string[]>>,
  logger: Logger,
): Promise<void> {
  for (const { entry, service } of started) {
    const groups = markers.get(entry.name);
    if (!groups || !service.relay) continue;
    const fresh = entry.topics.publishes.flatMap((t) => bus.followers(t).filter((g) => !(groups[t] ?? []).includes(g)));
    if (fresh.length === 0) continue;
    logger.info({ service: entry.name, groups: fresh }, 'new consumer groups follow this service: replaying its whole outbox history');
    await service.relay.replayAll();
  }
}

/**
 * On the in-process bus (which keeps nothing across restarts), a graceful stop records per write
 * side the outbox position every consumer had applied, once all of them caught up (bounded wait):
 * the next start replays only later rows, not the whole history (a restart after a large import
 * would otherwise re-deliver every event to every consumer). Without that moment (consumers still
 * behind after the wait, a crash) nothing is recorded and the next start replays everything.
 */
async function recordCleanStop(bus: InMemoryBus, started: Started, logger: Logger, timeoutMs = 10_000): Promise<void> {
  const writes = started.filter(({ entry, service }) => entry.side === 'write' && service.relay?.recordCleanStop);
  try {
    const positions = await Promise.all(writes.map(async ({ service }) => service.relay!.lastCommittedId!()));
    const published = await Promise.all(writes.map(({ service }, i) => service.relay!.awaitPublished?.(timeoutMs, positions[i]) ?? true));
    const checkedSince = new Date();
    const deadline = Date.now() + timeoutMs;
    while (!bus.consumedEverything() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (published.includes(false) || !bus.consumedEverything()) {
      logger.warn('consumers had not caught up at stop: the next start replays the whole outbox history');
      return;
    }
    await Promise.all(
      writes.map(({ entry, service }, i) =>
        service.relay!.recordCleanStop!(positions[i]!, Object.fromEntries(entry.topics.publishes.map((t) => [t, bus.followers(t)])), checkedSince),
      ),
    );
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'could not record the replay position at stop: the next start replays the whole outbox history');
  }
}

/**
 * Stops the read sides, then the write sides (each side's services together when `concurrent`);
 * every service is stopped even if another fails to, then the first failure is thrown.
 */
async function stopAll(started: { entry: ServiceEntry; service: RunningService }[], concurrent: boolean): Promise<void> {
  const failures: unknown[] = [];
  const stopOne = ({ service }: { service: RunningService }) => service.stop().catch((err: unknown) => void failures.push(err));
  for (const side of ['read', 'write'] as const) {
    const group = started.filter((s) => s.entry.side === side);
    if (concurrent) await Promise.all(group.map(stopOne));
    else for (const s of group) await stopOne(s);
  }
  if (failures.length > 0) throw failures[0];
}
