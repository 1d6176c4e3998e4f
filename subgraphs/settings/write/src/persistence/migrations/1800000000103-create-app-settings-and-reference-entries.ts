import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAppSettingsAndReferenceEntries1800000000103 implements MigrationInterface {
  name = 'CreateAppSettingsAndReferenceEntries1800000000103';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_settings (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        platform_app_id text NOT NULL,
        definition jsonb NOT NULL,
        removed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX app_settings_tenant_idx ON app_settings (tenant_id, id)`);
    // one live configuration per tenant and platform_app_id
    await q.query(`CREATE UNIQUE INDEX app_settings_platform_app_id_uq ON app_settings (tenant_id, platform_app_id) WHERE NOT removed`);
    await q.query(`
      CREATE TABLE reference_entries (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL,
        key text NOT NULL,
        definition jsonb NOT NULL,
        removed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX reference_entries_tenant_idx ON reference_entries (tenant_id, id)`);
    // one live entry per tenant, kind and key (a tag per entity and name, a language per code, a name-day rule per date, …)
    await q.query(`CREATE UNIQUE INDEX reference_entries_key_uq ON reference_entries (tenant_id, kind, key) WHERE NOT removed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reference_entries`);
    await q.query(`DROP TABLE app_settings`);
  }
}
