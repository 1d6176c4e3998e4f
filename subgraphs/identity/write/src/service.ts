import { openRedis } from '@crm/platform/cache';
import { createRateLimiter } from '@crm/platform/security';
import { registry } from '@crm/event-bus';
import {
  serviceGateway,
  startWriteSide,
  type ServiceDeps,
  type Stoppable,
  type WriteSide,
  type WriteSideContext,
  type WriteSideParts,
} from '@crm/event-bus/service';
import { IDENTITY_TOPIC } from '@crm/event-bus/contracts/identity';
import { IdentitySecrets } from './application/identity-secrets';
import { SigningKeys } from './application/signing-keys';
import { UnitOfWork } from './application/unit-of-work';
import { Sessions } from './application/auth/sessions';
import { LoginLimits } from './application/auth/login-limits';
import { UserAuth } from './application/auth/user-auth';
import { ContactAuth } from './application/contacts/contact-auth';
import { ContactOrganisations } from './application/contacts/contact-organisations';
import { OtpChallenges } from './application/contacts/otp-challenges';
import { CommunityMembershipPort, ContactSwitch } from './application/contacts/contact-switch';
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

export interface IdentityWriteService extends WriteSide {
  createTenant(input: CreateTenant): Promise<TenantCredentials>;
  /** Whether the database has this tenant (the launcher checks its demo tenant with it). */
  tenantExists(tenantId: string): Promise<boolean>;
}

const DAY = 86_400;

/** Starts the identity write subgraph (+ internal endpoints for the gateway) and its outbox relay. */
export function startIdentityWrite(config: IdentityWriteConfig, deps: ServiceDeps): Promise<IdentityWriteService> {
  return startWriteSide({ name: SUBGRAPH_NAME, database: databaseConfig, topics: [IDENTITY_TOPIC], config, deps }, (ctx) =>
    identityWriteParts(config, deps, ctx),
  );
}

/** The identity application on the kit's database and relay: auth, directory, providers, the contacts follower. */
async function identityWriteParts(
  config: IdentityWriteConfig,
  deps: ServiceDeps,
  { dataSource, relay, logger }: WriteSideContext,
): Promise<WriteSideParts<Pick<IdentityWriteService, 'createTenant' | 'tenantExists'>>> {
  const running: Stoppable[] = [];
  // the sign-in rate limiter is shared in Redis (the launcher shares its client)
  const redis = deps.redis ?? (config.REDIS_URL ? openRedis(config.REDIS_URL) : undefined);
  if (redis && !deps.redis) running.push({ stop: () => redis.disconnect() });
  const uow = new UnitOfWork(dataSource, registry, () => relay.kick());
  const secrets = new IdentitySecrets(config.IDENTITY_SECRET);
  const keys = new SigningKeys(dataSource, secrets, config.TOKEN_ISSUER);
  await keys.init(); // a ConfigError when IDENTITY_SECRET differs from the database's
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
      redis,
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
  running.push(await followContacts(dataSource, deps.bus));
  return {
    schema: await buildIdentityWriteSchema({
      users,
      sessions,
      uow,
      secrets,
      contacts,
      contactOrganisations: new ContactOrganisations(uow, sessions),
      external,
      providers,
      knownContact: (tenantId, contactId) => isKnownContact(dataSource, tenantId, contactId),
      switching: new ContactSwitch(uow, sessions, new CommunityMembershipPort(serviceGateway(SUBGRAPH_NAME, config, deps))),
    }),
    routes: internalRoutes({ dataSource, secrets, keys, limits, internalSecret: config.INTERNAL_AUTH_SECRET, devOutbox: config.DEV_OUTBOX_ENABLED }),
    running,
    app: {
      createTenant: (input) => createTenant(uow, secrets, input),
      tenantExists: (tenantId) => tenantExists(dataSource, tenantId),
    },
  };
}
