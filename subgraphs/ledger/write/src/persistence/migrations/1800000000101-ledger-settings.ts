import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, second part: account details (classification, billing address, payment terms, credit
 * limit), wallet settings (top-ups, limit rules, activated commerce pools) with a wallet version,
 * commerce pools, rotating wallet codes and the tenant's default wallet limits.
 */
export class LedgerSettings1800000000101 implements MigrationInterface {
  name = 'LedgerSettings1800000000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_accounts ADD COLUMN details jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE ledger_wallets ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE ledger_wallets ADD COLUMN settings jsonb`);
    await q.query(`
      CREATE TABLE ledger_commerce_pools (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ledger_commerce_pools_tenant_idx ON ledger_commerce_pools (tenant_id)`);
    await q.query(`
      CREATE TABLE ledger_wallet_codes (
        code char(16) PRIMARY KEY,
        tenant_id text NOT NULL,
        wallet_id uuid NOT NULL REFERENCES ledger_wallets (id),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ledger_wallet_codes_expiry_idx ON ledger_wallet_codes (expires_at)`);
    await q.query(`
      CREATE TABLE ledger_tenant_limits (
        tenant_id text PRIMARY KEY,
        version integer NOT NULL,
        limit_rules jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['ledger_tenant_limits', 'ledger_wallet_codes', 'ledger_commerce_pools']) await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE ledger_wallets DROP COLUMN settings`);
    await q.query(`ALTER TABLE ledger_wallets DROP COLUMN version`);
    await q.query(`ALTER TABLE ledger_accounts DROP COLUMN details`);
  }
}
