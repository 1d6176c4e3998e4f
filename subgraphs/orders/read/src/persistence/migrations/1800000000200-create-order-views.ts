import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrderViews1800000000200 implements MigrationInterface {
  name = 'CreateOrderViews1800000000200';

  async up(q: QueryRunner): Promise<void> {
    // one document per order, beside the columns the lists filter and sort on
    await q.query(`
      CREATE TABLE order_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        number text NOT NULL,
        contact_id uuid NOT NULL,
        state text NOT NULL,
        supply_method text NOT NULL,
        submitted_at timestamptz NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX order_views_contact_idx ON order_views (tenant_id, contact_id, submitted_at DESC)`);
    await q.query(`CREATE INDEX order_views_submitted_idx ON order_views (tenant_id, submitted_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_views`);
  }
}
