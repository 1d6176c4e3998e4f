import { z } from 'zod';
import { dbEnv, envBool, envInt, envList, httpEnv, kafkaEnv, outboxEnv, parseEnv, redisEnv, type EnvSource } from '@crm/platform/config';
import { IDENTITY_SECRET_FILE, readPersistentSecret } from '@crm/platform/data-dir';
import { envProviders } from './application/providers/provider-config';

const identitySecret = z.string({ message: 'is required (at least 32 characters)' }).min(32, 'must be at least 32 characters');

export const envSchema = z
  .object({
    ...httpEnv('identity-write'),
    ...dbEnv,
    ...kafkaEnv,
    ...redisEnv,
    ...outboxEnv,
    /** Seals signing keys at rest and keys the hashes of API keys, OTPs and links. Keep it stable. */
    IDENTITY_SECRET: identitySecret,
    /** `iss` of every access token. */
    TOKEN_ISSUER: z.string().min(1).max(200).default('crm-platform'),
    ACCESS_TOKEN_TTL_SECONDS: envInt(900, 60, 3600),
    /** Refresh tokens: idle lifetime and absolute session lifetime, per audience. */
    CONTACT_REFRESH_IDLE_DAYS: envInt(30, 1, 365),
    CONTACT_SESSION_MAX_DAYS: envInt(90, 1, 730),
    USER_REFRESH_IDLE_DAYS: envInt(1, 1, 30),
    USER_SESSION_MAX_DAYS: envInt(7, 1, 90),
    /** A spent refresh token re-presented within this many seconds returns the same new pair; later it revokes the session. */
    REFRESH_REUSE_GRACE_SECONDS: envInt(10, 0, 60),
    /**
     * Re-authentication window ("sudo mode"): for this many seconds after signing in (refreshes keep
     * the sign-in time) a user or contact may change their password without the current one; 0
     * always requires it.
     */
    REAUTH_WINDOW_SECONDS: envInt(300, 0, 3600),
    /** Failed logins before a temporary lockout, and its length. */
    LOGIN_MAX_FAILURES: envInt(5, 1, 100),
    LOGIN_LOCKOUT_SECONDS: envInt(900, 1, 86_400),
    /** Keep outgoing OTPs and links in a development outbox a tester can read. Never in production. */
    DEV_OUTBOX_ENABLED: envBool(false),
    /** Lifetime of one-time codes. */
    OTP_TTL_SECONDS: envInt(300, 30, 3600),
    /**
     * Default external sign-in providers per tenant id (`*` = every tenant), JSON; see
     * application/providers/provider-config.ts. Tenants that configure their own providers through
     * the back-office API (configureOidcProvider, …) use those instead.
     */
    IDENTITY_PROVIDERS: envProviders,
    /**
     * Lets tenants configure loopback providers (http or https on 127.0.0.0/8, ::1, localhost):
     * local development and tests only; refused with NODE_ENV=production. Otherwise a configured
     * issuer or Graph API URL must be https on a public address.
     */
    IDENTITY_PROVIDERS_ALLOW_LOOPBACK: envBool(false),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  })
  .refine((c) => !(c.NODE_ENV === 'production' && c.DEV_OUTBOX_ENABLED), {
    message: 'must not be true when NODE_ENV=production',
    path: ['DEV_OUTBOX_ENABLED'],
  })
  .refine((c) => !(c.NODE_ENV === 'production' && c.IDENTITY_PROVIDERS_ALLOW_LOOPBACK), {
    message: 'must not be true when NODE_ENV=production',
    path: ['IDENTITY_PROVIDERS_ALLOW_LOOPBACK'],
  });

export type IdentityWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): IdentityWriteConfig {
  return parseEnv('identity-write', envSchema, source);
}

/**
 * The admin CLI (`npm run admin`): the service's database settings and IDENTITY_SECRET (API keys
 * are hashed with it, so it must be the service's). KAFKA_BROKERS is accepted but not needed:
 * events go to the outbox and the running service's relay publishes them.
 */
export const cliEnvSchema = z.object({
  ...dbEnv,
  IDENTITY_SECRET: z
    .string({
      message: `is required (at least 32 characters): set the service's, or run \`npm start\` once so it keeps one in DATA_DIR/${IDENTITY_SECRET_FILE}`,
    })
    .min(32, 'must be at least 32 characters'),
  KAFKA_BROKERS: envList(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export type IdentityCliConfig = z.infer<typeof cliEnvSchema>;

/**
 * Throws ConfigError listing every problem (the CLI prints it without a stack). Without
 * IDENTITY_SECRET, uses the one `npm start` keeps under DATA_DIR (the same file, read with the
 * same function as the launcher's), so the CLI works on a `npm start` machine as the README writes it.
 */
export function parseCliConfig(source: EnvSource): IdentityCliConfig {
  return parseEnv('identity-admin', cliEnvSchema, withKeptIdentitySecret(source));
}

function withKeptIdentitySecret(source: EnvSource): EnvSource {
  if (source['IDENTITY_SECRET']) return source;
  const kept = readPersistentSecret(source['DATA_DIR'] ?? '.data', IDENTITY_SECRET_FILE);
  return kept ? { ...source, IDENTITY_SECRET: kept } : source;
}

/** The admin CLI's environment (this file is the one place the service reads the process environment). */
export function cliEnvironment(): EnvSource {
  return process.env;
}
