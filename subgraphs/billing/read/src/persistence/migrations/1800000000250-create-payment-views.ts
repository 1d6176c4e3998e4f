import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Payments and payouts as the Back-Office lists them (one row per payment or payout). */
export class CreatePaymentViews1800000000250 implements MigrationInterface {
  name = 'CreatePaymentViews1800000000250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        kind text NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        status text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX payment_views_list_idx ON payment_views (tenant_id, kind, created_at DESC, id)`);
    await q.query(`CREATE INDEX payment_views_contact_idx ON payment_views (tenant_id, contact_id, kind, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_views`);
  }
}
