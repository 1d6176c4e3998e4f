import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The approval request views: the view as JSON beside the columns an approver's list filters on. */
export class CreateApprovalRequestViews1800000000203 implements MigrationInterface {
  name = 'CreateApprovalRequestViews1800000000203';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approval_request_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        entity_type text NOT NULL,
        state text NOT NULL,
        created_at timestamptz NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX approval_request_views_contact_idx ON approval_request_views (tenant_id, contact_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE approval_request_views`);
  }
}
