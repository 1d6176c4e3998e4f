import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** URL of a fresh database, or undefined for embedded PGlite (in memory). */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A brand-new PostgreSQL database per test file (dropped afterwards), so tests never share rows. */
export async function createTestDatabase(adminUrl: string | undefined, label: string): Promise<TestDatabase> {
  if (!adminUrl) return { url: undefined, drop: async () => undefined };
  const name = `crm_t_${label
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
