import { randomBytes } from 'node:crypto';
import type { EnvSource } from '@crm/platform/config';
import { IDENTITY_SECRET_FILE, INTEGRATIONS_SECRET_FILE, persistentSecret } from '@crm/platform/data-dir';

/**
 * The launcher's view of the environment: the process environment, plus the development defaults
 * `npm start` needs on a bare machine: the development authenticator and outbox, a per-process
 * internal secret, and identity and integrations secrets kept under DATA_DIR (they seal the
 * token-signing keys and the webhook secrets, so they must survive restarts; the admin CLI reads the
 * identity one). With NODE_ENV=production none of
 * this is added: production runs as configured, and every service lists what is missing.
 * Every service parses this same source with its own schema.
 */
export function launcherEnv(source: EnvSource = process.env): EnvSource {
  const env: EnvSource = { ...source };
  if (isProduction(env)) return env;
  if (!env['DEV_AUTH_ENABLED']) env['DEV_AUTH_ENABLED'] = 'true';
  if (!env['DEV_OUTBOX_ENABLED']) env['DEV_OUTBOX_ENABLED'] = 'true';
  if (!env['INTERNAL_AUTH_SECRET']) env['INTERNAL_AUTH_SECRET'] = randomBytes(32).toString('hex');
  if (!env['IDENTITY_SECRET']) env['IDENTITY_SECRET'] = persistentSecret(dataDirOf(env), IDENTITY_SECRET_FILE);
  if (!env['INTEGRATIONS_SECRET']) env['INTEGRATIONS_SECRET'] = persistentSecret(dataDirOf(env), INTEGRATIONS_SECRET_FILE);
  return env;
}

export const isProduction = (env: EnvSource): boolean => env['NODE_ENV'] === 'production';

/** DATA_DIR as every service defaults it. */
export const dataDirOf = (env: EnvSource): string => env['DATA_DIR'] ?? '.data';
