import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File under DATA_DIR where `npm start` keeps IDENTITY_SECRET when none is configured. */
export const IDENTITY_SECRET_FILE = 'identity-secret';
/** File under DATA_DIR where `npm start` keeps INTEGRATIONS_SECRET (seals webhook secrets) when none is configured. */
export const INTEGRATIONS_SECRET_FILE = 'integrations-secret';

/** Path of a secret kept under DATA_DIR. */
export const persistentSecretPath = (dataDir: string, name: string): string => join(dataDir, name);

/** The secret kept in `<dataDir>/<name>`, or undefined when there is none (creates nothing). */
export function readPersistentSecret(dataDir: string, name: string): string | undefined {
  const path = persistentSecretPath(dataDir, name);
  if (!existsSync(path)) return undefined;
  const secret = readFileSync(path, 'utf8').trim();
  return secret === '' ? undefined : secret;
}

/**
 * The secret kept in `<dataDir>/<name>`, created (random, 32 bytes hex, mode 0600) on first use.
 * `npm start` uses it for secrets that must survive restarts on a bare machine; tools that work on
 * the same data (the admin CLI) read the same file with `readPersistentSecret`.
 */
export function persistentSecret(dataDir: string, name: string): string {
  const existing = readPersistentSecret(dataDir, name);
  if (existing !== undefined) return existing;
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(persistentSecretPath(dataDir, name), `${secret}\n`, { mode: 0o600 });
  return secret;
}
