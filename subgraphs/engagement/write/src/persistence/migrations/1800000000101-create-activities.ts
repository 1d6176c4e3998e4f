import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Activities (tasks): state as JSON beside the columns the store needs. */
export class CreateActivities1800000000101 implements MigrationInterface {
  name = 'CreateActivities1800000000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activities (
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
    await q.query(`DROP TABLE activities`);
  }
}
