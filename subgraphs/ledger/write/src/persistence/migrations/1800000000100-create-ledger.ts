import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's write model. Postings are the truth (append-only, never updated); account balances
 * and blocked amounts are a cache of them kept in the same transaction (tests check them against
 * the postings); lots and reservations carry the spend and hold rules. Amounts are minor units (bigint).
 */
export class CreateLedger1800000000100 implements MigrationInterface {
  name = 'CreateLedger1800000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_wallets (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        code char(16) NOT NULL UNIQUE,
        currency char(3) NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ledger_wallets_contact_idx ON ledger_wallets (tenant_id, contact_id)`);
    await q.query(`
      CREATE TABLE ledger_accounts (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL,
        wallet_id uuid,
        contact_id uuid,
        pocket text,
        commerce_pool_id text,
        system_account text,
        currency char(3) NOT NULL,
        name text NOT NULL,
        is_primary boolean NOT NULL,
        min_balance bigint,
        balance bigint NOT NULL DEFAULT 0,
        blocked bigint NOT NULL DEFAULT 0 CHECK (blocked >= 0),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (min_balance IS NULL OR balance >= min_balance)
      )`);
    await q.query(`CREATE INDEX ledger_accounts_wallet_idx ON ledger_accounts (tenant_id, wallet_id)`);
    await q.query(`CREATE INDEX ledger_accounts_contact_idx ON ledger_accounts (tenant_id, contact_id)`);
    await q.query(
      `CREATE UNIQUE INDEX ledger_accounts_pocket_idx ON ledger_accounts (tenant_id, wallet_id, pocket, coalesce(commerce_pool_id, ''), currency) WHERE wallet_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX ledger_accounts_system_idx ON ledger_accounts (tenant_id, system_account, currency) WHERE system_account IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE ledger_transactions (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        type text NOT NULL,
        reverses_id uuid UNIQUE,
        reservation_id uuid,
        notes text,
        reference text,
        posted_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE ledger_postings (
        seq bigserial PRIMARY KEY,
        tenant_id text NOT NULL,
        transaction_id uuid NOT NULL REFERENCES ledger_transactions (id),
        account_id uuid NOT NULL REFERENCES ledger_accounts (id),
        amount bigint NOT NULL CHECK (amount <> 0),
        currency char(3) NOT NULL,
        balance_after bigint NOT NULL,
        posted_at timestamptz NOT NULL,
        UNIQUE (transaction_id, account_id)
      )`);
    await q.query(`CREATE INDEX ledger_postings_account_idx ON ledger_postings (account_id, posted_at)`);
    await q.query(`
      CREATE TABLE ledger_lots (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        account_id uuid NOT NULL REFERENCES ledger_accounts (id),
        amount bigint NOT NULL CHECK (amount > 0),
        remaining bigint NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
        expires_at timestamptz,
        unlock_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ledger_lots_open_idx ON ledger_lots (account_id) WHERE remaining > 0`);
    await q.query(`CREATE INDEX ledger_lots_due_idx ON ledger_lots (expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE ledger_reservations (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        account_id uuid NOT NULL REFERENCES ledger_accounts (id),
        amount bigint NOT NULL CHECK (amount > 0),
        state text NOT NULL,
        expires_at timestamptz,
        reference text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ledger_reservations_due_idx ON ledger_reservations (expires_at) WHERE state = 'ACTIVE' AND expires_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['ledger_reservations', 'ledger_lots', 'ledger_postings', 'ledger_transactions', 'ledger_accounts', 'ledger_wallets'])
      await q.query(`DROP TABLE ${t}`);
  }
}
