import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The activity views: the view as JSON beside the columns queries filter and sort on. */
export class CreateActivityViews1800000000201 implements MigrationInterface {
  name = 'CreateActivityViews1800000000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        service_request_id uuid,
        state text NOT NULL,
        team_id uuid,
        user_id uuid,
        due_at timestamptz,
        created_at timestamptz NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX activity_views_contact_idx ON activity_views (tenant_id, contact_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_views`);
  }
}
