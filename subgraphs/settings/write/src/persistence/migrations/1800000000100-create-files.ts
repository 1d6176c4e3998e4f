import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFiles1800000000100 implements MigrationInterface {
  name = 'CreateFiles1800000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE files (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        owner_kind text NOT NULL,
        owner_id text,
        entity_type text NOT NULL,
        name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 text NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX files_tenant_idx ON files (tenant_id, id)`);
    await q.query(`CREATE INDEX files_owner_idx ON files (tenant_id, owner_kind, owner_id) WHERE NOT deleted`);
    // the default adapter of the file content port: bytes in this database, so every replica serves every file
    await q.query(`
      CREATE TABLE file_contents (
        tenant_id text NOT NULL,
        file_id uuid NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (tenant_id, file_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE file_contents`);
    await q.query(`DROP TABLE files`);
  }
}
