import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, flow 16: wallet identities (the e-mail or phone a wallet is found by, one wallet per
 * identity in a tenant), one-time codes sent to an identity (only their keyed hash is kept) and
 * links (a contact using another contact's wallet after proving its identity).
 */
export class WalletLinks1800000000103 implements MigrationInterface {
  name = 'WalletLinks1800000000103';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_wallet_identities (
        tenant_id text NOT NULL,
        type text NOT NULL,
        value text NOT NULL,
        wallet_id uuid NOT NULL REFERENCES ledger_wallets (id),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, type, value)
      )`);
    await q.query(`
      CREATE TABLE ledger_wallet_otps (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        type text NOT NULL,
        value text NOT NULL,
        code_hash text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ledger_wallet_otps_lookup_idx ON ledger_wallet_otps (tenant_id, contact_id, type, value, created_at DESC)`);
    await q.query(`
      CREATE TABLE ledger_wallet_links (
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        wallet_id uuid NOT NULL REFERENCES ledger_wallets (id),
        replaced_wallet_id uuid,
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, contact_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['ledger_wallet_links', 'ledger_wallet_otps', 'ledger_wallet_identities']) await q.query(`DROP TABLE ${t}`);
  }
}
