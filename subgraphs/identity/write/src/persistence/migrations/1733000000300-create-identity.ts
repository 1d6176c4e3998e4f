import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity write model. Secrets are never stored in plaintext: passwords as argon2id PHC
 * strings, API keys / refresh tokens / OTPs / reset links as keyed hashes, signing keys sealed.
 * Every table carries its tenant.
 */
export class CreateIdentity1733000000300 implements MigrationInterface {
  name = 'CreateIdentity1733000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        parent_id uuid REFERENCES organisations(id),
        type text NOT NULL CHECK (type IN ('BUSINESS', 'MERCHANT', 'VENUE')),
        name text NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX organisations_tenant_idx ON organisations (tenant_id)`);
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE roles (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        built_in boolean NOT NULL,
        permissions text[] NOT NULL,
        version integer NOT NULL,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX roles_tenant_name_uq ON roles (tenant_id, lower(name)) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        application_id uuid NOT NULL REFERENCES applications(id),
        kind text NOT NULL CHECK (kind IN ('public', 'secret')),
        env text NOT NULL CHECK (env IN ('live', 'test')),
        name text NOT NULL,
        prefix text NOT NULL,
        last4 text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        role_id uuid REFERENCES roles(id),
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        replaced_by uuid,
        last_used_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        email text NOT NULL,
        password_hash text NOT NULL,
        first_name text,
        last_name text,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
        role_ids uuid[] NOT NULL,
        team_ids uuid[] NOT NULL,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        password_changed_at timestamptz NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX users_tenant_email_uq ON users (tenant_id, lower(email))`);
    await q.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE contact_identities (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        provider text NOT NULL,
        subject text NOT NULL,
        password_hash text,
        verified_at timestamptz,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        version integer NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX contact_identities_subject_uq ON contact_identities (tenant_id, provider, subject)`);
    await q.query(`CREATE INDEX contact_identities_contact_idx ON contact_identities (tenant_id, contact_id)`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        subject_kind text NOT NULL CHECK (subject_kind IN ('user', 'contact')),
        subject_id uuid NOT NULL,
        audience text NOT NULL,
        organisation_id uuid,
        created_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoke_reason text
      )`);
    await q.query(`CREATE INDEX sessions_subject_idx ON sessions (tenant_id, subject_kind, subject_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX sessions_revoked_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions(id),
        token_hash text NOT NULL UNIQUE,
        parent_id uuid,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        grace_until timestamptz,
        grace_payload text
      )`);
    await q.query(`
      CREATE TABLE otp_challenges (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        purpose text NOT NULL,
        identity_id uuid,
        channel text NOT NULL,
        destination text NOT NULL,
        code_hash text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE one_time_links (
        token_hash text PRIMARY KEY,
        tenant_id text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('PASSWORD_RESET', 'EMAIL_VERIFICATION')),
        subject_kind text NOT NULL,
        subject_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        private_key_sealed text NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        retired_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE dev_outbox (
        id bigserial PRIMARY KEY,
        tenant_id text NOT NULL,
        channel text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'dev_outbox',
      'signing_keys',
      'one_time_links',
      'otp_challenges',
      'refresh_tokens',
      'sessions',
      'contact_identities',
      'teams',
      'users',
      'api_keys',
      'roles',
      'applications',
      'organisations',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
