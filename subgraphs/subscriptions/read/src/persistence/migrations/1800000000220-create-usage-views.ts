import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsageViews1800000000220 implements MigrationInterface {
  name = 'CreateUsageViews1800000000220';

  async up(q: QueryRunner): Promise<void> {
    // amounts are numeric: sums and remaining allowances stay exact
    await q.query(`
      CREATE TABLE usage_record_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        subscription_id uuid NOT NULL,
        service_id uuid NOT NULL,
        usage_product_id text NOT NULL,
        usage_amount numeric NOT NULL,
        measurement_unit text,
        usage_timestamp timestamptz NOT NULL,
        charged_amount numeric,
        currency_code text,
        billing_directive text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX usage_record_views_contact_idx ON usage_record_views (tenant_id, contact_id, usage_timestamp)`);
    await q.query(`CREATE INDEX usage_record_views_service_idx ON usage_record_views (tenant_id, service_id, usage_product_id, usage_timestamp)`);
    await q.query(`
      CREATE TABLE usage_allowance_views (
        tenant_id text NOT NULL,
        service_id uuid NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        subscription_id uuid NOT NULL,
        allowances jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, service_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE usage_allowance_views`);
    await q.query(`DROP TABLE usage_record_views`);
  }
}
