import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contact account may be owed more than its credit limit: billing's invoices post to it whatever
 * its balance (journal INVOICE; overdue handling acts on the balance). The domain still refuses any
 * other debit below the limit; wallet pockets and system accounts keep the database check.
 */
export class ContactAccountsOweInvoices1800000000102 implements MigrationInterface {
  name = 'ContactAccountsOweInvoices1800000000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_accounts DROP CONSTRAINT IF EXISTS ledger_accounts_check`);
    await q.query(
      `ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_check CHECK (min_balance IS NULL OR balance >= min_balance OR kind = 'CONTACT_ACCOUNT')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_accounts DROP CONSTRAINT IF EXISTS ledger_accounts_check`);
    await q.query(`ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_check CHECK (min_balance IS NULL OR balance >= min_balance)`);
  }
}
