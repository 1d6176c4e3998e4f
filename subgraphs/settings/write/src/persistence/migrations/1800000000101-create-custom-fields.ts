import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomFields1800000000101 implements MigrationInterface {
  name = 'CreateCustomFields1800000000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custom_fields (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        entity text NOT NULL,
        key text NOT NULL,
        label text NOT NULL,
        field text NOT NULL,
        options jsonb NOT NULL,
        mandatory boolean NOT NULL,
        tooltip text,
        visible boolean NOT NULL,
        removed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX custom_fields_tenant_idx ON custom_fields (tenant_id, id)`);
    // one live definition per tenant, entity and key (a removed key may be defined again)
    await q.query(`CREATE UNIQUE INDEX custom_fields_key_uq ON custom_fields (tenant_id, entity, key) WHERE NOT removed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE custom_fields`);
  }
}
