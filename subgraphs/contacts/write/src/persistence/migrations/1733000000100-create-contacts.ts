import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateContacts1733000000100 implements MigrationInterface {
  name = 'CreateContacts1733000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        code text NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        state jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX contacts_tenant_code_uq ON contacts (tenant_id, lower(code)) WHERE status = 'ACTIVE'`);
    await q.query(`CREATE INDEX contacts_tenant_idx ON contacts (tenant_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contacts`);
  }
}
