import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsage1800000000120 implements MigrationInterface {
  name = 'CreateUsage1800000000120';

  async up(q: QueryRunner): Promise<void> {
    // usage records and service usage allowances: small aggregates kept whole in `data`
    await q.query(`
      CREATE TABLE usage_aggregates (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        aggregate_type text NOT NULL,
        version integer NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, aggregate_type, id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE usage_aggregates`);
  }
}
