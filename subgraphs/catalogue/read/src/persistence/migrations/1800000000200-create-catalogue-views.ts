import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per product, product group and order catalogue: its view as a document, with the version it applied. */
export class CreateCatalogueViews1800000000200 implements MigrationInterface {
  name = 'CreateCatalogueViews1800000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalogue_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        aggregate_type text NOT NULL,
        version integer NOT NULL,
        doc jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX catalogue_views_list_idx ON catalogue_views (tenant_id, aggregate_type, created_at, id)`);
    await q.query(`CREATE INDEX catalogue_views_doc_idx ON catalogue_views USING gin (doc jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalogue_views`);
  }
}
