import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The communication views: the view as JSON beside the columns a contact's inbox filters and sorts on. */
export class CreateCommunicationViews1800000000202 implements MigrationInterface {
  name = 'CreateCommunicationViews1800000000202';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE communication_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        contact_id uuid,
        channel text NOT NULL,
        state text NOT NULL,
        viewed boolean NOT NULL,
        archived boolean NOT NULL,
        created_at timestamptz NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX communication_views_contact_idx ON communication_views (tenant_id, contact_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE communication_views`);
  }
}
