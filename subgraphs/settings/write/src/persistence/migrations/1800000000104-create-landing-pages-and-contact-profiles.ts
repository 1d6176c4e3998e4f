import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLandingPagesAndContactProfiles1800000000104 implements MigrationInterface {
  name = 'CreateLandingPagesAndContactProfiles1800000000104';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE landing_pages (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        removed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX landing_pages_tenant_idx ON landing_pages (tenant_id, id)`);
    // one row per contact: the aggregate's id is the contact's id, scoped by tenant
    await q.query(`
      CREATE TABLE contact_profiles (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        image jsonb,
        preferences jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contact_profiles`);
    await q.query(`DROP TABLE landing_pages`);
  }
}
