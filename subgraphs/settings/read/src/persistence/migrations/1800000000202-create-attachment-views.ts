import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAttachmentViews1800000000202 implements MigrationInterface {
  name = 'CreateAttachmentViews1800000000202';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachment_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        file jsonb,
        link text,
        description text,
        removed boolean NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX attachment_views_contact_idx ON attachment_views (tenant_id, contact_id, created_at) WHERE NOT removed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachment_views`);
  }
}
