import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFileViews1800000000200 implements MigrationInterface {
  name = 'CreateFileViews1800000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE file_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        owner_kind text NOT NULL,
        owner_id text,
        entity_type text NOT NULL,
        name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        deleted boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE file_views`);
  }
}
