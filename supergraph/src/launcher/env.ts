import { randomBytes } from 'node:crypto';
import type { EnvSource } from '@crm/platform/config';

/**
 * The launcher's view of the environment: the process environment, plus the embedded-mode
 * defaults `npm start` needs on a bare machine (a per-process internal secret). Every service
 * parses this same source with its own schema.
 */
export function launcherEnv(): EnvSource {
  const env: EnvSource = { ...process.env };
  if (!env['INTERNAL_AUTH_SECRET']) env['INTERNAL_AUTH_SECRET'] = randomBytes(32).toString('hex');
  return env;
}
