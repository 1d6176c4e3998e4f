import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Business-network profiles of organisations (one per organisation, keyed by its id). */
export class CreateOrganisationProfiles1733000000306 implements MigrationInterface {
  name = 'CreateOrganisationProfiles1733000000306';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_profiles (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        profile jsonb NOT NULL,
        closed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation_profiles`);
  }
}
