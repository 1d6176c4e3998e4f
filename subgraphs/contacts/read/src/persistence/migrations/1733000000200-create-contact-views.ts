import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateContactViews1733000000200 implements MigrationInterface {
  name = 'CreateContactViews1733000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contact_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        code text NOT NULL,
        type text NOT NULL,
        version integer NOT NULL,
        deleted boolean NOT NULL,
        display_name text NOT NULL,
        email text,
        search_text text NOT NULL,
        tags text[] NOT NULL,
        doc jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        projected_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX contact_views_created_idx ON contact_views (tenant_id, created_at DESC, id) WHERE NOT deleted`);
    await q.query(`CREATE INDEX contact_views_code_idx ON contact_views (tenant_id, lower(code)) WHERE NOT deleted`);
    await q.query(`CREATE INDEX contact_views_email_idx ON contact_views (tenant_id, email) WHERE NOT deleted`);
    await q.query(`CREATE INDEX contact_views_tags_idx ON contact_views USING gin (tags)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contact_views`);
  }
}
