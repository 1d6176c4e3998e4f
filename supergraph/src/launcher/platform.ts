import type { Logger } from 'pino';
import { createCache, type Cache } from '@crm/platform/cache';
import type { EnvSource } from '@crm/platform/config';
import { createEventBus, registry, type EventBus } from '@crm/event-bus';
import { parseConfig as parseWriteConfig, startContactsWrite, type ContactsWriteService } from '@crm/contacts-write';
import { parseConfig as parseReadConfig, startContactsRead, type ContactsReadService } from '@crm/contacts-read';
import { parseConfig as parseIdentityConfig, startIdentityWrite, type IdentityWriteService } from '@crm/identity-write';
import { parseConfig as parseIdentityReadConfig, startIdentityRead, type IdentityReadService } from '@crm/identity-read';
import Redis from 'ioredis';
import { createRestFacade } from '../rest';
import { parseConfig as parseGatewayConfig } from '../gateway/env';
import { startGateway, type GatewayService } from '../gateway/service';

export interface Platform {
  bus: EventBus;
  cache: Cache;
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
export function subgraphUrlsOf(
  services: Pick<Platform, 'contactsWrite' | 'contactsRead' | 'identityWrite' | 'identityRead'>,
): Record<string, string> {
  return {
    'contacts-write': `${services.contactsWrite.http.url}/graphql`,
    'contacts-read': `${services.contactsRead.http!.url}/graphql`,
    'identity-write': `${services.identityWrite.http.url}/graphql`,
    'identity-read': `${services.identityRead.http.url}/graphql`,
  };
}

export interface PlatformOptions {
  logger: Logger;
  /** Kafka topic/group prefix (tests). */
  kafkaNamespace?: string;
  /** Embedded databases in memory instead of under DATA_DIR (tests). */
  inMemoryDb?: boolean;
  /** Ephemeral ports for every service (tests). */
  ephemeralPorts?: boolean;
}

async function awaitPublished(relay: ContactsWriteService['relay'], name: string, timeoutMs: number, logger: Logger): Promise<void> {
  if (!(await relay.awaitPublished(timeoutMs)))
    logger.warn({ service: name, timeoutMs }, 'outbox not yet published at start; read sides report it as lag once it is');
}

/**
 * Every service of the platform in one process, each on its own port, sharing one bus and one
 * cache: embedded defaults on a bare machine, or PostgreSQL/Redis/Kafka when configured.
 */
export async function startPlatform(source: EnvSource, options: PlatformOptions): Promise<Platform> {
  const { logger } = options;
  const ports = options.ephemeralPorts
    ? { CONTACTS_WRITE_PORT: '0', CONTACTS_READ_PORT: '0', IDENTITY_WRITE_PORT: '0', IDENTITY_READ_PORT: '0', GATEWAY_PORT: '0' }
    : {};
  const env = { ...source, ...ports };
  // Only the gateway is reached from outside: it alone waits SHUTDOWN_DELAY_MS on a stop, and
  // drains before the in-process subgraphs stop, so they stop without a second wait.
  const inner = { ...env, SHUTDOWN_DELAY_MS: '0' };
  const writeConfig = parseWriteConfig(inner);
  const readConfig = parseReadConfig(inner);
  const gatewayConfig = parseGatewayConfig(env);
  const identityConfig = parseIdentityConfig(inner);
  const identityReadConfig = parseIdentityReadConfig(inner);
  const bus = await createEventBus({
    brokers: writeConfig.KAFKA_BROKERS,
    clientId: 'crm-platform',
    registry,
    logger,
    ...((options.kafkaNamespace ?? writeConfig.KAFKA_NAMESPACE) ? { namespace: options.kafkaNamespace ?? writeConfig.KAFKA_NAMESPACE } : {}),
  });
  const cache = await createCache(readConfig.REDIS_URL, logger, true);
  const inMemoryDb = options.inMemoryDb ?? false;
  const contactsWrite = await startContactsWrite(writeConfig, { bus, logger, inMemoryDb });
  if (bus.kind === 'in-memory') {
    // The in-process bus starts empty: re-publish the outbox history so projections catch up
    // with anything committed before a restart (projections skip what they already applied).
    await contactsWrite.relay.replayAll();
  }
  // The read sides measure their lag and readiness against the bus: let the write side's position
  // at start (everything committed, also what a killed process left unpublished) reach it first.
  await awaitPublished(contactsWrite.relay, 'contacts-write', readConfig.READY_CATCH_UP_TIMEOUT_MS, logger);
  const contactsRead = await startContactsRead(readConfig, { bus, logger, cache, inMemoryDb });
  const redis = identityConfig.REDIS_URL ? new Redis(identityConfig.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  const identityWrite = await startIdentityWrite(identityConfig, { bus, logger, redis, inMemoryDb });
  if (bus.kind === 'in-memory') await identityWrite.relay.replayAll();
  await awaitPublished(identityWrite.relay, 'identity-write', identityReadConfig.READY_CATCH_UP_TIMEOUT_MS, logger);
  // the projector skips aggregate versions it already applied, so the replay above is harmless
  const identityRead = await startIdentityRead(identityReadConfig, { bus, logger, inMemoryDb });
  const gateway = await startGateway(gatewayConfig, {
    logger,
    cache,
    restFacade: restFacadeOf,
    bus,
    subgraphUrls: subgraphUrlsOf({ contactsWrite, contactsRead, identityWrite, identityRead }),
    // the one public origin is ready once the read sides behind it caught up with their start
    readiness: [
      ...contactsRead.readiness.map((c) => ({ ...c, name: `contacts-read.${c.name}` })),
      ...identityRead.readiness.map((c) => ({ ...c, name: `identity-read.${c.name}` })),
    ],
  });
  return {
    bus,
    cache,
    contactsWrite,
    contactsRead,
    identityWrite,
    identityRead,
    gateway,
    url: gateway.http.url,
    async stop() {
      await gateway.stop();
      await contactsWrite.stop();
      await contactsRead.stop();
      await identityWrite.stop();
      await identityRead.stop();
      redis?.disconnect();
      await bus.close();
      await cache.close();
    },
  };
}
