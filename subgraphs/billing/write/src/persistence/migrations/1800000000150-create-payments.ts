import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Payments (with their refunds) and payouts: the write side's state of each saga. */
export class CreatePayments1800000000150 implements MigrationInterface {
  name = 'CreatePayments1800000000150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payments (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        status text NOT NULL,
        contact_id uuid NOT NULL,
        account_id uuid NOT NULL,
        payment_method_id uuid,
        gateway text NOT NULL,
        amount text NOT NULL,
        currency char(3) NOT NULL,
        code text NOT NULL,
        notes text,
        intent_id text,
        charge_id text,
        decline_code text,
        decline_reason text,
        ledger_transaction_id uuid,
        refunds jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX payments_contact_idx ON payments (tenant_id, contact_id, created_at)`);
    await q.query(`
      CREATE TABLE payouts (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        status text NOT NULL,
        contact_id uuid NOT NULL,
        wallet_id uuid NOT NULL,
        payment_method_id uuid NOT NULL,
        gateway text NOT NULL,
        amount text NOT NULL,
        currency char(3) NOT NULL,
        notes text,
        ledger_transaction_id uuid,
        gateway_payout_id text,
        failure_code text,
        failure_reason text,
        reversal_transaction_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payouts`);
    await q.query(`DROP TABLE payments`);
  }
}
