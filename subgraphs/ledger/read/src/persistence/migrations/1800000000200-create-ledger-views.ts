import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The ledger read models: wallets, accounts (balance, blocked), journal entries (one per posting, with the balance after it) and lots. Amounts in minor units. */
export class CreateLedgerViews1800000000200 implements MigrationInterface {
  name = 'CreateLedgerViews1800000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE applied_versions (
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (aggregate_type, aggregate_id)
      )`);
    await q.query(`
      CREATE TABLE wallet_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        contact_id uuid NOT NULL,
        code text NOT NULL,
        currency text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX wallet_views_contact_idx ON wallet_views (tenant_id, contact_id)`);
    await q.query(`CREATE INDEX wallet_views_code_idx ON wallet_views (tenant_id, code)`);
    await q.query(`
      CREATE TABLE account_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        kind text NOT NULL,
        wallet_id uuid,
        contact_id uuid,
        pocket text,
        commerce_pool_id text,
        system_account text,
        currency text NOT NULL,
        name text NOT NULL,
        is_primary boolean NOT NULL,
        balance bigint NOT NULL,
        blocked bigint NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX account_views_wallet_idx ON account_views (tenant_id, wallet_id)`);
    await q.query(`CREATE INDEX account_views_contact_idx ON account_views (tenant_id, contact_id)`);
    await q.query(`
      CREATE TABLE journal_views (
        tenant_id text NOT NULL,
        transaction_id uuid NOT NULL,
        account_id uuid NOT NULL,
        wallet_id uuid,
        contact_id uuid,
        type text NOT NULL,
        amount bigint NOT NULL,
        currency text NOT NULL,
        balance_after bigint NOT NULL,
        posted_at timestamptz NOT NULL,
        notes text,
        reference text,
        reverses_transaction_id uuid,
        PRIMARY KEY (tenant_id, transaction_id, account_id)
      )`);
    await q.query(`CREATE INDEX journal_views_account_idx ON journal_views (tenant_id, account_id, posted_at)`);
    await q.query(`CREATE INDEX journal_views_contact_idx ON journal_views (tenant_id, contact_id, posted_at)`);
    await q.query(`CREATE INDEX journal_views_posted_idx ON journal_views (tenant_id, posted_at)`);
    await q.query(`
      CREATE TABLE lot_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        account_id uuid NOT NULL,
        amount bigint NOT NULL,
        remaining bigint NOT NULL,
        expires_at timestamptz,
        unlock_at timestamptz,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX lot_views_account_idx ON lot_views (tenant_id, account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['lot_views', 'journal_views', 'account_views', 'wallet_views', 'applied_versions']) await q.query(`DROP TABLE ${t}`);
  }
}
