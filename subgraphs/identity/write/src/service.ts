import type { Logger } from 'pino';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { startSubgraphService } from '@crm/platform/graphql';
import type { HttpService } from '@crm/platform/http';
import { createRateLimiter } from '@crm/platform/security';
import { registry, type EventBus } from '@crm/event-bus';
import { OutboxRelay } from '@crm/event-bus/outbox';
import { IDENTITY_TOPIC } from '@crm/event-bus/contracts/identity';
import { IdentitySecrets } from './application/identity-secrets';
import { SigningKeys } from './application/signing-keys';
import { UnitOfWork } from './application/unit-of-work';
import { Sessions } from './application/auth/sessions';
import { LoginLimits } from './application/auth/login-limits';
import { UserAuth } from './application/auth/user-auth';
import { ContactAuth } from './application/contacts/contact-auth';
import { OtpChallenges } from './application/contacts/otp-challenges';
import { ExternalSignIn } from './application/providers/external-sign-in';
import { OidcClients } from './application/providers/oidc';
import { LayeredProviderDirectory, StaticProviderDirectory } from './application/providers/provider-config';
import { TenantProviderStore } from './application/providers/tenant-providers';
import { guardedLookup, trustedHosts } from './application/providers/provider-urls';
import { DevOutbox, NoCommunications } from './application/communications';
import { createTenant, tenantExists, type CreateTenant, type TenantCredentials } from './application/tenants/create-tenant';
import { internalRoutes } from './internal/internal-routes';
import { followContacts, isKnownContact } from './consumers/known-contacts.consumer';
import { databaseConfig } from './persistence/database';
import { buildIdentityWriteSchema, SUBGRAPH_NAME } from './schema';
import type { IdentityWriteConfig } from './env';
import { withService } from '@crm/platform/logging';

export interface IdentityWriteService {
  http: HttpService;
  relay: OutboxRelay;
  /** The service's database (tests inspect it; production code goes through the application layer). */
  dataSource: DataSource;
  createTenant(input: CreateTenant): Promise<TenantCredentials>;
  /** Whether the database has this tenant (the launcher checks its demo tenant with it). */
  tenantExists(tenantId: string): Promise<boolean>;
  stop(): Promise<void>;
}

const DAY = 86_400;

/** Starts the identity write subgraph (+ internal endpoints for the gateway) and its outbox relay. */
export async function startIdentityWrite(
  config: IdentityWriteConfig,
  deps: { bus: EventBus; logger: Logger; redis?: Redis | undefined; inMemoryDb?: boolean | string },
): Promise<IdentityWriteService> {
  const logger = withService(deps.logger, SUBGRAPH_NAME);
  const dataSource = await createDataSource({
    ...databaseConfig(config, logger),
    entities: [],
    migrate: config.DB_MIGRATE,
    inMemory: deps.inMemoryDb ?? false,
  });
  await deps.bus.ensureTopics([IDENTITY_TOPIC]);
  const relay = new OutboxRelay(dataSource, deps.bus, logger, { name: SUBGRAPH_NAME, pollIntervalMs: config.OUTBOX_POLL_MS });
  const uow = new UnitOfWork(dataSource, registry, () => relay.kick());
  const secrets = new IdentitySecrets(config.IDENTITY_SECRET);
  const keys = new SigningKeys(dataSource, secrets, config.TOKEN_ISSUER);
  await keys.init().catch(async (err: unknown) => {
    await dataSource.destroy(); // e.g. IDENTITY_SECRET differs from the database's (a ConfigError)
    throw err;
  });
  const sessions = new Sessions(
    {
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshIdleSeconds: { 'crm-backoffice': config.USER_REFRESH_IDLE_DAYS * DAY, 'crm-self-service': config.CONTACT_REFRESH_IDLE_DAYS * DAY },
      sessionMaxSeconds: { 'crm-backoffice': config.USER_SESSION_MAX_DAYS * DAY, 'crm-self-service': config.CONTACT_SESSION_MAX_DAYS * DAY },
      reuseGraceMs: config.REFRESH_REUSE_GRACE_SECONDS * 1000,
      reauthWindowMs: config.REAUTH_WINDOW_SECONDS * 1000,
    },
    keys,
    secrets,
  );
  const limiter = (keyPrefix: string, points: number) =>
    createRateLimiter({
      redis: deps.redis,
      keyPrefix,
      points,
      durationSeconds: config.LOGIN_LOCKOUT_SECONDS,
      blockDurationSeconds: config.LOGIN_LOCKOUT_SECONDS,
      failClosed: true,
    });
  const limits = new LoginLimits(
    limiter('rl:login:identity', config.LOGIN_MAX_FAILURES),
    limiter('rl:login:address', config.LOGIN_MAX_FAILURES * 20),
    config.LOGIN_MAX_FAILURES,
  );
  const comms = config.DEV_OUTBOX_ENABLED ? new DevOutbox() : new NoCommunications(logger);
  const users = new UserAuth(uow, sessions, limits, comms);
  const contacts = new ContactAuth(uow, sessions, limits, new OtpChallenges(config.IDENTITY_SECRET, config.OTP_TTL_SECONDS), comms);
  const urlPolicy = { allowLoopback: config.IDENTITY_PROVIDERS_ALLOW_LOOPBACK };
  const envIssuers = Object.values(config.IDENTITY_PROVIDERS).flatMap((t) => Object.values(t.oidc).map((p) => p.issuer));
  const envHosts = [...envIssuers, ...Object.values(config.IDENTITY_PROVIDERS).flatMap((t) => (t.facebook ? [t.facebook.graphBaseUrl] : []))];
  const lookup = guardedLookup(urlPolicy, trustedHosts(envHosts));
  const oidc = new OidcClients(lookup);
  const providers = new TenantProviderStore(uow, secrets, oidc, urlPolicy);
  const external = new ExternalSignIn(
    uow,
    sessions,
    secrets,
    new LayeredProviderDirectory([providers, new StaticProviderDirectory(config.IDENTITY_PROVIDERS)]),
    oidc,
    limits,
    lookup,
  );
  relay.start();
  const contactsFollower = await followContacts(dataSource, deps.bus);
  const http = await startSubgraphService({
    name: SUBGRAPH_NAME,
    schema: await buildIdentityWriteSchema({
      users,
      sessions,
      uow,
      secrets,
      contacts,
      external,
      providers,
      knownContact: (tenantId, contactId) => isKnownContact(dataSource, tenantId, contactId),
    }),
    logger,
    port: config.IDENTITY_WRITE_PORT,
    host: config.HOST,
    internalAuthSecret: config.INTERNAL_AUTH_SECRET,
    shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
    metrics: { token: config.METRICS_TOKEN },
    routes: internalRoutes({ dataSource, secrets, keys, limits, internalSecret: config.INTERNAL_AUTH_SECRET, devOutbox: config.DEV_OUTBOX_ENABLED }),
    readiness: [{ name: 'database', check: async () => (await dataSource.query('SELECT 1')).length === 1 }],
  });
  return {
    http,
    relay,
    dataSource,
    createTenant: (input) => createTenant(uow, secrets, input),
    tenantExists: (tenantId) => tenantExists(dataSource, tenantId),
    async stop() {
      await http.stop();
      await contactsFollower.stop();
      await relay.stop();
      await dataSource.destroy();
    },
  };
}
