import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLandingPageAndContactProfileViews1800000000204 implements MigrationInterface {
  name = 'CreateLandingPageAndContactProfileViews1800000000204';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['landing_page_views', 'contact_profile_views']) {
      await q.query(`
        CREATE TABLE ${table} (
          tenant_id text NOT NULL,
          id uuid NOT NULL,
          version integer NOT NULL,
          definition jsonb NOT NULL,
          removed boolean NOT NULL,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          PRIMARY KEY (tenant_id, id)
        )`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contact_profile_views`);
    await q.query(`DROP TABLE landing_page_views`);
  }
}
