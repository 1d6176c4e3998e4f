import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePaymentMethodViews1800000000200 implements MigrationInterface {
  name = 'CreatePaymentMethodViews1800000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_method_views (
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        version integer NOT NULL,
        methods jsonb NOT NULL,
        primary_id uuid,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, contact_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_method_views`);
  }
}
