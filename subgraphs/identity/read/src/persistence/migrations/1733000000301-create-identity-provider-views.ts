import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tenant's configured external sign-in providers, without secrets (identity_provider.* events). */
export class CreateIdentityProviderViews1733000000301 implements MigrationInterface {
  name = 'CreateIdentityProviderViews1733000000301';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity_provider_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        kind text NOT NULL,
        type text NOT NULL,
        issuer text,
        graph_base_url text,
        client_id text NOT NULL,
        redirect_uris jsonb NOT NULL,
        scopes jsonb,
        has_secret boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity_provider_views`);
  }
}
