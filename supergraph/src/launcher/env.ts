import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvSource } from '@crm/platform/config';

/**
 * The launcher's view of the environment: the process environment, plus the embedded-mode
 * defaults `npm start` needs on a bare machine: a per-process internal secret, and an identity
 * secret kept under DATA_DIR (it seals the token-signing keys, so it must survive restarts).
 * Every service parses this same source with its own schema.
 */
export function launcherEnv(): EnvSource {
  const env: EnvSource = { ...process.env };
  if (!env['INTERNAL_AUTH_SECRET']) env['INTERNAL_AUTH_SECRET'] = randomBytes(32).toString('hex');
  if (!env['IDENTITY_SECRET']) env['IDENTITY_SECRET'] = persistentSecret(env['DATA_DIR'] ?? '.data', 'identity-secret');
  return env;
}

function persistentSecret(dataDir: string, name: string): string {
  const path = join(dataDir, name);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
