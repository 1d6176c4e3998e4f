import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdentityWriteService } from '@crm/identity-write';

/** What `npm start` hands a developer on the first start against a database (mode 0600). */
export interface DemoCredentials {
  /** The database the tenant lives in: `embedded` (PGlite under DATA_DIR) or `postgres://host:port/db`. */
  database: string;
  tenantId: string;
  publicApiKey: string;
  secretApiKey: string;
  adminEmail: string;
  adminPassword: string;
}

export const EMBEDDED_DATABASE = 'embedded';

/**
 * Which database a start uses, without credentials: `embedded`, or `postgres://host:port/db` (user,
 * password and parameters dropped: another login to the same database is the same database).
 */
export function databaseFingerprint(databaseUrl: string | undefined): string {
  if (!databaseUrl) return EMBEDDED_DATABASE;
  const url = new URL(databaseUrl);
  const db = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  return `postgres://${url.hostname}:${url.port || '5432'}/${db}`;
}

/**
 * One credentials file per database: `<DATA_DIR>/demo-credentials.json` for the embedded one,
 * `<DATA_DIR>/demo-credentials.<host>-<port>-<db>.json` for a PostgreSQL database.
 */
export function demoCredentialsPath(dataDir: string, database: string): string {
  if (database === EMBEDDED_DATABASE) return join(dataDir, 'demo-credentials.json');
  const url = new URL(database);
  const slug = `${url.hostname}-${url.port}-${url.pathname.slice(1)}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return join(dataDir, `demo-credentials.${slug}.json`);
}

export interface DemoBootstrap {
  credentials: DemoCredentials;
  path: string;
  /** True when the tenant was just created (its credentials are printed once). */
  created: boolean;
}

/**
 * Makes sure the database has the demo tenant whose credentials the data folder holds: when the
 * database's credentials file is missing, belongs to another database, or names a tenant the
 * database does not have (a dropped or reset database), creates a demo tenant with an owner user,
 * an application with a public key and an admin secret key, and writes them to that database's
 * file.
 */
export async function ensureDemoTenant(
  identity: Pick<IdentityWriteService, 'createTenant' | 'tenantExists'>,
  dataDir: string,
  databaseUrl: string | undefined,
): Promise<DemoBootstrap> {
  const database = databaseFingerprint(databaseUrl);
  const path = demoCredentialsPath(dataDir, database);
  const existing = readCredentials(path, database);
  if (existing && (await identity.tenantExists(existing.tenantId))) return { credentials: existing, path, created: false };
  const adminEmail = 'owner@demo.example';
  const adminPassword = `Demo-${randomBytes(9).toString('base64url')}`;
  const created = await identity.createTenant({
    name: 'Demo Business',
    ownerEmail: adminEmail,
    ownerPassword: adminPassword,
    applicationName: 'Demo App',
  });
  const credentials: DemoCredentials = {
    database,
    tenantId: created.tenantId,
    publicApiKey: created.publicApiKey,
    secretApiKey: created.secretApiKey,
    adminEmail,
    adminPassword,
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return { credentials, path, created: true };
}

/** The file's credentials when they are for `database` (a file from before `database` was recorded is the embedded one's). */
function readCredentials(path: string, database: string): DemoCredentials | null {
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<DemoCredentials>;
    if ((parsed.database ?? EMBEDDED_DATABASE) !== database || typeof parsed.tenantId !== 'string') return null;
    return { ...(parsed as DemoCredentials), database };
  } catch {
    return null; // unreadable: replaced by a fresh tenant's credentials
  }
}
