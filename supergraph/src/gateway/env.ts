import { z } from 'zod';
import {
  envBool,
  envInt,
  envList,
  envPort,
  envUrl,
  internalAuthSecret,
  kafkaNamespace,
  loadEnvOrExit,
  logLevel,
  observabilityEnv,
  parseEnv,
  shutdownDelayMs,
  type EnvSource,
} from '@crm/platform/config';
import { serviceRegistry } from '@crm/platform/registry';

/** One URL variable per registered subgraph, named by services.json (data only: no subgraph code here). */
const subgraphUrls = Object.fromEntries(serviceRegistry().services.map((s) => [s.urlEnv, envUrl(['http', 'https'])]));

const baseSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: envPort(4000),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  INTERNAL_AUTH_SECRET: internalAuthSecret,
  REDIS_URL: envUrl(['redis', 'rediss']),
  /** Development authenticator (x-dev-principal / x-dev-tenant headers). Never enable in production. */
  DEV_AUTH_ENABLED: envBool(false),
  /** Serve the identity service's development outbox at GET /dev/outbox?to=. Never in production. */
  DEV_OUTBOX_ENABLED: envBool(false),
  DEV_TENANT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('dev-tenant'),
  /** Expected `iss` of access tokens (the identity service's TOKEN_ISSUER). */
  TOKEN_ISSUER: z.string().min(1).max(200).default('crm-platform'),
  KAFKA_BROKERS: envList(),
  KAFKA_NAMESPACE: kafkaNamespace,
  /** Serve introspection (default: off when NODE_ENV=production). */
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).optional(),
  /**
   * Serve the GraphQL playground to browsers at GET /graphql (default: on unless production). In
   * production it also serves introspection to back-office callers only, unless GRAPHQL_INTROSPECTION says otherwise.
   */
  PLAYGROUND_ENABLED: z.enum(['true', 'false']).optional(),
  /** Serve the REST API docs at /docs (default: on unless production). */
  DOCS_ENABLED: z.enum(['true', 'false']).optional(),
  GRAPHQL_MAX_DEPTH: envInt(10, 1, 50),
  GRAPHQL_MAX_ALIASES: envInt(15, 1, 500),
  GRAPHQL_MAX_TOKENS: envInt(2000, 100, 100_000),
  GRAPHQL_MAX_BODY_BYTES: envInt(262_144, 1024, 10_485_760),
  REST_MAX_BODY_BYTES: envInt(1_048_576, 1024, 10_485_760),
  SUBGRAPH_TIMEOUT_MS: envInt(10_000, 100, 60_000),
  SHUTDOWN_DELAY_MS: shutdownDelayMs,
  /** Mobile pass cards (PEM): the Apple Pass Type ID certificate, its key and Apple's WWDR certificate; unset: a generated local test CA. */
  MOBILE_PASS_APPLE_SIGNER_CERT: z.string().optional(),
  MOBILE_PASS_APPLE_SIGNER_KEY: z.string().optional(),
  MOBILE_PASS_APPLE_WWDR_CERT: z.string().optional(),
  MOBILE_PASS_APPLE_PASS_TYPE_ID: z.string().optional(),
  MOBILE_PASS_APPLE_TEAM_ID: z.string().optional(),
  /** Google Wallet: the issuer id, the service account's email and its RSA private key (PEM); unset: a generated key. */
  MOBILE_PASS_GOOGLE_ISSUER_ID: z.string().optional(),
  MOBILE_PASS_GOOGLE_SERVICE_ACCOUNT: z.string().optional(),
  MOBILE_PASS_GOOGLE_PRIVATE_KEY: z.string().optional(),
  LOG_LEVEL: logLevel,
  ...observabilityEnv,
  ...subgraphUrls,
});

export const envSchema = baseSchema
  .refine((c) => !(c.NODE_ENV === 'production' && c.DEV_AUTH_ENABLED), {
    message: 'must not be true when NODE_ENV=production',
    path: ['DEV_AUTH_ENABLED'],
  })
  .refine((c) => !(c.NODE_ENV === 'production' && c.DEV_OUTBOX_ENABLED), {
    message: 'must not be true when NODE_ENV=production',
    path: ['DEV_OUTBOX_ENABLED'],
  });

export type GatewayConfig = z.infer<typeof baseSchema> & Record<string, string | undefined | unknown>;

export function parseConfig(source: EnvSource): GatewayConfig {
  return parseEnv('gateway', envSchema, source) as GatewayConfig;
}

/** The one place the gateway reads the process environment. */
export function loadConfig(): GatewayConfig {
  return loadEnvOrExit('gateway', envSchema, process.env) as GatewayConfig;
}
