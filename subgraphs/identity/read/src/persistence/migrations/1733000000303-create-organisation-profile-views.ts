import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Business-network profiles of organisations (organisation.profile_* events), beside organisation_views. */
export class CreateOrganisationProfileViews1733000000303 implements MigrationInterface {
  name = 'CreateOrganisationProfileViews1733000000303';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_profile_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        profile jsonb NOT NULL,
        closed boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation_profile_views`);
  }
}
