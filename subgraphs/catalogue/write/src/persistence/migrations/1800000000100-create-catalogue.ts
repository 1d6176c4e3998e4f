import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalogue's aggregates (products, product groups, order catalogues), each as its state
 * document; a product's SKU is unique per tenant.
 */
export class CreateCatalogue1800000000100 implements MigrationInterface {
  name = 'CreateCatalogue1800000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalogue_aggregates (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        aggregate_type text NOT NULL,
        version integer NOT NULL,
        state jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX catalogue_product_sku_key ON catalogue_aggregates (tenant_id, lower(state->>'sku')) WHERE aggregate_type = 'product'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalogue_aggregates`);
  }
}
