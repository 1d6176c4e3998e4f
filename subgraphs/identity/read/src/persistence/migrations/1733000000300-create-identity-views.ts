import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityViews1733000000300 implements MigrationInterface {
  name = 'CreateIdentityViews1733000000300';

  async up(q: QueryRunner): Promise<void> {
    // the last aggregate version applied, per aggregate: what makes the projector idempotent
    await q.query(`
      CREATE TABLE applied_versions (
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (aggregate_type, aggregate_id)
      )`);
    await q.query(`
      CREATE TABLE user_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        email text NOT NULL,
        first_name text,
        last_name text,
        role_ids jsonb NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX user_views_created_idx ON user_views (tenant_id, created_at, id)`);
    await q.query(`
      CREATE TABLE role_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL,
        permissions jsonb NOT NULL,
        built_in boolean NOT NULL,
        deleted boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE api_key_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        application_id uuid NOT NULL,
        kind text NOT NULL,
        env text NOT NULL,
        name text NOT NULL,
        prefix text NOT NULL,
        last4 text NOT NULL,
        role_id uuid,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked boolean NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE organisation_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        parent_id uuid,
        type text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE application_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['application_views', 'organisation_views', 'api_key_views', 'role_views', 'user_views', 'applied_versions'])
      await q.query(`DROP TABLE ${t}`);
  }
}
