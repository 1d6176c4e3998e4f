import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The CONTACTS custom field definitions, projected from the settings domain's events (enforced on create and update). */
export class CreateCustomFieldRules1800000000300 implements MigrationInterface {
  name = 'CreateCustomFieldRules1800000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custom_field_rules (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        entity text NOT NULL,
        key text NOT NULL,
        field text NOT NULL,
        options jsonb NOT NULL,
        mandatory boolean NOT NULL,
        removed boolean NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX custom_field_rules_entity_idx ON custom_field_rules (tenant_id, entity) WHERE NOT removed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE custom_field_rules`);
  }
}
