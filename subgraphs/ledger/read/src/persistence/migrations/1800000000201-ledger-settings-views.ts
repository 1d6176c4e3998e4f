import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Account details, wallet settings, commerce pools and the tenant's default wallet limits, as the read side serves them. */
export class LedgerSettingsViews1800000000201 implements MigrationInterface {
  name = 'LedgerSettingsViews1800000000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account_views ADD COLUMN details jsonb`);
    await q.query(`ALTER TABLE wallet_views ADD COLUMN settings jsonb`);
    await q.query(`
      CREATE TABLE commerce_pool_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE ledger_limit_views (
        tenant_id text PRIMARY KEY,
        limit_rules jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_limit_views`);
    await q.query(`DROP TABLE commerce_pool_views`);
    await q.query(`ALTER TABLE wallet_views DROP COLUMN settings`);
    await q.query(`ALTER TABLE account_views DROP COLUMN details`);
  }
}
