import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAppSettingsAndReferenceViews1800000000203 implements MigrationInterface {
  name = 'CreateAppSettingsAndReferenceViews1800000000203';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_settings_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        platform_app_id text NOT NULL,
        definition jsonb NOT NULL,
        removed boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX app_settings_views_platform_app_idx ON app_settings_views (tenant_id, platform_app_id) WHERE NOT removed`);
    await q.query(`
      CREATE TABLE reference_entry_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL,
        key text NOT NULL,
        definition jsonb NOT NULL,
        removed boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX reference_entry_views_kind_idx ON reference_entry_views (tenant_id, kind, key) WHERE NOT removed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reference_entry_views`);
    await q.query(`DROP TABLE app_settings_views`);
  }
}
