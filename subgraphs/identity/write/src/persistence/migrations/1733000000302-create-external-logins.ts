import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pending external (OIDC) sign-ins: the `state` (stored as a hash), the sealed `nonce` and PKCE
 * `code_verifier`, the redirect URL they were issued for; single use, 10 minutes.
 */
export class CreateExternalLogins1733000000302 implements MigrationInterface {
  name = 'CreateExternalLogins1733000000302';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE external_login_states (
        state_hash text PRIMARY KEY,
        tenant_id text NOT NULL,
        provider_type text NOT NULL,
        redirect_url text NOT NULL,
        sealed_secrets text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX external_login_states_expiry_idx ON external_login_states (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE external_login_states`);
  }
}
