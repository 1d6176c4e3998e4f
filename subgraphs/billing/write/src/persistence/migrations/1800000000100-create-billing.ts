import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing's write tables. A card is kept as first6 / last4 / brand / expiry and gateway tokens
 * (inside `methods`); never a card number (tested by grepping the database).
 */
export class CreateBilling1800000000100 implements MigrationInterface {
  name = 'CreateBilling1800000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_methods (
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        version integer NOT NULL,
        methods jsonb NOT NULL,
        primary_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, contact_id)
      )`);
    await q.query(`CREATE INDEX payment_methods_method_ids_idx ON payment_methods USING gin ((methods) jsonb_path_ops)`);
    await q.query(`
      CREATE TABLE topups (
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
        charge_id text,
        decline_code text,
        decline_reason text,
        ledger_transaction_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX topups_contact_idx ON topups (tenant_id, contact_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE topups`);
    await q.query(`DROP TABLE payment_methods`);
  }
}
