import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IdentityWriteService } from '@crm/identity-write';

/** What `npm start` hands a developer on first start (written once, mode 0600). */
export interface DemoCredentials {
  tenantId: string;
  publicApiKey: string;
  secretApiKey: string;
  adminEmail: string;
  adminPassword: string;
}

export const demoCredentialsPath = (dataDir: string): string => join(dataDir, 'demo-credentials.json');

/**
 * On first start, creates a demo tenant with an owner user, an application with a public key and
 * an admin secret key, and writes them to `<DATA_DIR>/demo-credentials.json`. Returns them only
 * when they were just created (so they are printed once); null when the file already exists.
 */
export async function ensureDemoTenant(identity: IdentityWriteService, dataDir: string): Promise<DemoCredentials | null> {
  const path = demoCredentialsPath(dataDir);
  if (existsSync(path)) return null;
  const adminEmail = 'owner@demo.example';
  const adminPassword = `Demo-${randomBytes(9).toString('base64url')}`;
  const created = await identity.createTenant({
    name: 'Demo Business',
    ownerEmail: adminEmail,
    ownerPassword: adminPassword,
    applicationName: 'Demo App',
  });
  const credentials: DemoCredentials = {
    tenantId: created.tenantId,
    publicApiKey: created.publicApiKey,
    secretApiKey: created.secretApiKey,
    adminEmail,
    adminPassword,
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
