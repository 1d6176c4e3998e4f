import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * External sign-in providers configured per tenant through the back-office API. One row per
 * (tenant, kind, type), kept after removal (`removed_at`, settings and secret erased) so the
 * aggregate keeps one id and an ordered version history, and so a tenant that manages its
 * providers through the API never falls back to the environment's defaults. The client/app
 * secret is sealed (AES-256-GCM, SecretBox, bound to the row's tenant, kind and type).
 */
export class CreateIdentityProviders1733000000303 implements MigrationInterface {
  name = 'CreateIdentityProviders1733000000303';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity_providers (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('OIDC', 'FACEBOOK')),
        type text NOT NULL,
        settings jsonb,
        sealed_secret text,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        removed_at timestamptz,
        CHECK ((removed_at IS NULL) = (settings IS NOT NULL AND sealed_secret IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX identity_providers_type_uq ON identity_providers (tenant_id, kind, type)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity_providers`);
  }
}
