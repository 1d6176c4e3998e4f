import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Approval requests: state as JSON beside the approver. */
export class CreateApprovalRequests1800000000104 implements MigrationInterface {
  name = 'CreateApprovalRequests1800000000104';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approval_requests (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        doc jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE approval_requests`);
  }
}
