import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAttachments1800000000102 implements MigrationInterface {
  name = 'CreateAttachments1800000000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        file jsonb,
        link text,
        description text,
        removed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX attachments_tenant_idx ON attachments (tenant_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachments`);
  }
}
