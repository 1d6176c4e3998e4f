import { randomBytes } from 'node:crypto';
import { createLogger, type LoggerOptions } from '@crm/platform/logging';
import { ServiceCredentialSigner, signPrincipal } from '@crm/platform/auth';
import { HttpGatewayClient, type GatewayClient } from '@crm/platform/clients';
import { createTestDatabase, testBackends } from '@crm/platform/testing';
import { deleteNamespace } from '@crm/event-bus/testing';
import { restFacadeOf, startPlatform, subgraphUrlsOf, type Platform } from '../launcher/platform';
import { parseConfig as parseGatewayConfig } from '../gateway/env';
import { startGateway, type GatewayService } from '../gateway/service';
import { exactCall, type HttpResult } from './rest-client';

export type { HttpResult } from './rest-client';

export interface TestPlatform extends Platform {
  /** A tenant id unique to this platform instance. */
  tenant: string;
  /** The platform's own PostgreSQL database (undefined on embedded PGlite). */
  databaseUrl: string | undefined;
  /** POST /graphql as `principal` (x-dev-principal, default `user`) of `tenant`. */
  graphql<T = { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, any> }[] }>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<HttpResult<T>>;
  /** A gateway-signed service principal, for calling internal endpoints in tests. */
  internalToken(): string;
  /** The client a service named `service` calls other domains with (service credential, this platform's gateway). */
  gatewayClient(service: string): GatewayClient;
  /** A service credential (`x-crm-service`) as `service` of `tenantId` holding `permissions`. */
  serviceCredential(service: string, tenantId: string, permissions: string[]): string;
  /** Any HTTP call to the public origin; JSON bodies are serialised; the dev tenant header is added. */
  http<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  /**
   * A second gateway (with its REST facade) over this platform's subgraphs, configured with the
   * harness environment plus `overrides`, on an ephemeral port; stopped with the platform. With
   * `NODE_ENV: 'production'` it runs as production does (no development authenticator or outbox).
   * `subgraphUrls` replaces some subgraphs' URLs (e.g. one that is down).
   */
  startGateway(overrides: Record<string, string | undefined>, subgraphUrls?: Record<string, string>): Promise<GatewayService>;
}

/**
 * Starts the whole platform in-process for a test file: real PostgreSQL (a fresh database),
 * Redis and Kafka (a fresh topic namespace) when configured, embedded defaults otherwise; the
 * development authenticator on; every service on an ephemeral port. `overrides` replace any of
 * the service variables (e.g. REDIS_URL through a fault proxy).
 */
type Env = Record<string, string | undefined>;

export interface TestPlatformOptions {
  /** Log level (default: the harness's, LOG_LEVEL or silent). */
  logLevel?: string;
  /** Where log lines go (a test capturing them passes a stream). */
  logDestination?: LoggerOptions['destination'];
}

export async function startTestPlatform(
  label: string,
  overrides: Env | ((env: Env) => Env) = {},
  options: TestPlatformOptions = {},
): Promise<TestPlatform> {
  const backends = testBackends();
  const db = await createTestDatabase(backends.databaseUrl, label);
  const base: Env = {
    INTERNAL_AUTH_SECRET: randomBytes(32).toString('hex'),
    IDENTITY_SECRET: randomBytes(32).toString('hex'),
    INTEGRATIONS_SECRET: randomBytes(32).toString('hex'),
    // long enough that concurrent refreshes on a loaded box all land inside it; the tests of what
    // happens after it wait for the refusal (eventually), not for a clock
    REFRESH_REUSE_GRACE_SECONDS: '5',
    DEV_OUTBOX_ENABLED: 'true',
    LOGIN_MAX_FAILURES: '5',
    DEV_AUTH_ENABLED: 'true',
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: backends.redisUrl,
    KAFKA_BROKERS: backends.kafkaBrokers.join(','),
    // Tests wait on conditions, not clocks: on a loaded 2-core box a subgraph answer or a
    // projection can take seconds, so the deadlines that end a wait are at their maximum here
    // (tests of the deadlines themselves override them).
    CONSISTENCY_WAIT_MS: '30000',
    SUBGRAPH_TIMEOUT_MS: '60000',
    OUTBOX_POLL_MS: '50',
    // the example domains of services.json run in tests (their generated end-to-end tests need them)
    EXAMPLE_DOMAINS: 'true',
  };
  // e.g. REDIS_URL or DATABASE_URL through a fault proxy
  const env: Env = { ...base, ...(typeof overrides === 'function' ? overrides(base) : overrides) };
  const logger = createLogger(
    `test:${label}`,
    options.logLevel ?? backends.logLevel,
    options.logDestination ? { destination: options.logDestination } : {},
  );
  const kafkaNamespace = `t${randomBytes(5).toString('hex')}`;
  const platform = await startPlatform(env, {
    logger,
    kafkaNamespace,
    // a test file's topics need no parallelism: 2 partitions per topic instead of 8 keeps a CI run's
    // broker (every file's namespace, every domain's topic and DLQ) far below its open-files limit
    kafkaPartitions: 2,
    inMemoryDb: !db.url,
    ephemeralPorts: true,
  });
  const tenant = `t_${randomBytes(6).toString('hex')}`;
  const extraGateways: GatewayService[] = [];
  const call = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> =>
    exactCall<T>(platform.url, method, path, body, { 'x-dev-tenant': tenant, ...headers });
  return {
    ...platform,
    tenant,
    databaseUrl: db.url,
    http: call,
    internalToken: () =>
      signPrincipal({ tenantId: 'platform', kind: 'service', subjectId: 'gateway', permissions: [] }, env['INTERNAL_AUTH_SECRET']!),
    serviceCredential: (service, tenantId, permissions) =>
      new ServiceCredentialSigner(env['INTERNAL_AUTH_SECRET']!, service).sign(tenantId, permissions),
    gatewayClient: (service) => new HttpGatewayClient({ url: `${platform.url}/graphql`, secret: env['INTERNAL_AUTH_SECRET']!, service }),
    graphql: (query, variables, headers) => call('POST', '/graphql', { query, variables: variables ?? {} }, headers),
    async startGateway(overrides, subgraphUrls = {}) {
      const production = overrides['NODE_ENV'] === 'production';
      const config = parseGatewayConfig({
        ...env,
        ...(production ? { DEV_AUTH_ENABLED: 'false', DEV_OUTBOX_ENABLED: 'false' } : {}),
        ...overrides,
        GATEWAY_PORT: '0',
      });
      const service = await startGateway(config, {
        logger,
        cache: platform.cache,
        bus: platform.bus,
        restFacade: restFacadeOf,
        subgraphUrls: { ...subgraphUrlsOf(platform.services), ...subgraphUrls },
      });
      extraGateways.push(service);
      return service;
    },
    async stop() {
      for (const g of extraGateways) await g.stop();
      await platform.stop();
      await db.drop();
      // the namespace's topics go with the platform (a broker holds a few files open per partition)
      await deleteNamespace(backends.kafkaBrokers, kafkaNamespace);
    },
  };
}
