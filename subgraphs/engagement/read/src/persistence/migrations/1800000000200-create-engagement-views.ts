import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The queue and service request views: the view as JSON beside the columns queries filter and sort on. */
export class CreateEngagementViews1800000000200 implements MigrationInterface {
  name = 'CreateEngagementViews1800000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE queue_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE service_request_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        number text NOT NULL,
        contact_id uuid NOT NULL,
        queue_id uuid NOT NULL,
        state text NOT NULL,
        team_id uuid,
        user_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX service_request_views_contact_idx ON service_request_views (tenant_id, contact_id, created_at)`);
    await q.query(`CREATE INDEX service_request_views_updated_idx ON service_request_views (tenant_id, updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_request_views`);
    await q.query(`DROP TABLE queue_views`);
  }
}
