import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomFieldViews1800000000201 implements MigrationInterface {
  name = 'CreateCustomFieldViews1800000000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custom_field_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        entity text NOT NULL,
        key text NOT NULL,
        label text NOT NULL,
        field text NOT NULL,
        options jsonb NOT NULL,
        mandatory boolean NOT NULL,
        tooltip text,
        visible boolean NOT NULL,
        removed boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX custom_field_views_entity_idx ON custom_field_views (tenant_id, entity, key) WHERE NOT removed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE custom_field_views`);
  }
}
