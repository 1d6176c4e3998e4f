import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1800000000100 implements MigrationInterface {
  name = 'CreateOrders1800000000100';

  async up(q: QueryRunner): Promise<void> {
    // estimates and orders: the aggregate's state as a document beside the columns queries need
    await q.query(`
      CREATE TABLE order_estimates (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        state jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX order_estimates_tenant_idx ON order_estimates (tenant_id, id)`);
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        number text NOT NULL,
        estimate_id uuid NOT NULL,
        contact_id uuid NOT NULL,
        state jsonb NOT NULL,
        UNIQUE (tenant_id, number),
        UNIQUE (tenant_id, estimate_id)
      )`);
    // the last order number given per tenant (O000001, O000002…)
    await q.query(`CREATE TABLE order_numbers (tenant_id text PRIMARY KEY, last bigint NOT NULL)`);
    // what orders know of the catalogue, folded from crm.catalogue.events (products with prices, order catalogues)
    await q.query(`
      CREATE TABLE order_catalogue_items (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        kind text NOT NULL,
        version integer NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX order_catalogue_items_kind_idx ON order_catalogue_items (tenant_id, kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_catalogue_items`);
    await q.query(`DROP TABLE order_numbers`);
    await q.query(`DROP TABLE orders`);
    await q.query(`DROP TABLE order_estimates`);
  }
}
