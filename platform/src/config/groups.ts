import { z } from 'zod';
import { serviceRegistry } from '../registry';
import {
  envBool,
  envInt,
  envList,
  envPort,
  envUrl,
  internalAuthSecret,
  kafkaNamespace,
  logLevel,
  observabilityEnv,
  readyCatchUpTimeoutMs,
  shutdownDelayMs,
} from './fields';

/**
 * Env groups: the variables a kind of dependency brings, spelled once. A service's env.ts is its
 * own few fields plus the groups it uses, e.g.
 * `z.object({ ...httpEnv('contacts-read'), ...dbEnv, ...kafkaEnv, ...redisEnv, ...readSideEnv })`.
 */

const httpFields = {
  HOST: z.string().default('127.0.0.1'),
  INTERNAL_AUTH_SECRET: internalAuthSecret,
  SHUTDOWN_DELAY_MS: shutdownDelayMs,
  LOG_LEVEL: logLevel,
  /** Where a service calls other domains (DESIGN.md §10); the launcher wires its own gateway instead. */
  GATEWAY_URL: envUrl(['http', 'https']).transform((v) => v ?? 'http://127.0.0.1:4000/graphql'),
  ...observabilityEnv,
};

/** The registry's port variable of a service (e.g. CONTACTS_READ_PORT) and its default port. */
function portOf(service: string): { portEnv: string; port: number } {
  const entry = serviceRegistry().services.find((s) => s.name === service);
  if (!entry) throw new Error(`services.json registers no service "${service}"`);
  return entry;
}

/**
 * An HTTP process of a registered service: host, its port (the variable and default services.json
 * names), the gateway's internal secret, graceful-shutdown delay, log level and observability.
 * Read the port back with `httpPortOf`.
 */
export function httpEnv(service: string): typeof httpFields {
  const { portEnv, port } = portOf(service);
  return { ...httpFields, [portEnv]: envPort(port) } as typeof httpFields;
}

/** The port a config parsed with `httpEnv(service)` holds. */
export function httpPortOf(config: object, service: string): number {
  return (config as Record<string, number>)[portOf(service).portEnv]!;
}

/** The database: PostgreSQL (DATABASE_URL) or embedded PGlite under DATA_DIR; migrations at start. */
export const dbEnv = {
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  DATA_DIR: z.string().default('.data'),
  DB_MIGRATE: envBool(true),
};

/** What the migrate entry point needs (no secrets, broker or cache). */
export const migrateEnv = {
  DATABASE_URL: dbEnv.DATABASE_URL,
  DATA_DIR: dbEnv.DATA_DIR,
  LOG_LEVEL: logLevel,
};

/** The event bus: Kafka brokers (none: the in-process bus) and the topic/group prefix. */
export const kafkaEnv = {
  KAFKA_BROKERS: envList(),
  KAFKA_NAMESPACE: kafkaNamespace,
};

/** Redis (cache, rate limits); none: the in-memory fallbacks. */
export const redisEnv = {
  REDIS_URL: envUrl(['redis', 'rediss']),
};

/** A write side's outbox relay. */
export const outboxEnv = {
  OUTBOX_POLL_MS: envInt(100, 5, 60_000),
  /** Longest relay poll once the outbox stays empty (empty passes double the wait up to it). */
  OUTBOX_IDLE_POLL_MAX_MS: envInt(1000, 5, 600_000),
};

/** Which parts of a read side this process runs: the GraphQL API, the projector, or both. */
export const PROCESS_ROLES = ['all', 'api', 'projector'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const replacedByRole = z.never({ message: 'was replaced by PROCESS_ROLE (all | api | projector)' }).optional();

/** A read side: process role, read replica, cache lifetime, read-your-writes wait and readiness catch-up. */
export const readSideEnv = {
  /** `api`: queries only (the projector runs in another process); `projector`: the consumer and probes only. */
  PROCESS_ROLE: z.enum(PROCESS_ROLES, { message: 'must be all, api or projector' }).default('all'),
  /** A read replica for queries; the projector always writes to DATABASE_URL. */
  DATABASE_READ_URL: envUrl(['postgres', 'postgresql']),
  CACHE_TTL_SECONDS: envInt(300, 1, 86_400),
  CONSISTENCY_WAIT_MS: envInt(3000, 0, 30_000),
  READY_CATCH_UP_TIMEOUT_MS: readyCatchUpTimeoutMs,
  READ_API_ENABLED: replacedByRole,
  PROJECTOR_ENABLED: replacedByRole,
};
