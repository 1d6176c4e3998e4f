import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoicing's tables: what billing folds from the subscriptions and catalogue events (the
 * subscriptions' timelines, the prices), the invoices and credit notes (one per subscription and
 * service period at most: a unique key, so a rerun or a racing run never bills a period twice), the
 * per-tenant document numbers and the billing runs with their progress and lease.
 */
export class CreateInvoicing1800000000300 implements MigrationInterface {
  name = 'CreateInvoicing1800000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE billing_subscriptions (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        contact_id uuid NOT NULL,
        version integer NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX billing_subscriptions_contact_idx ON billing_subscriptions (tenant_id, contact_id)`);
    await q.query(`
      CREATE TABLE billing_products (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE billing_prices (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        product_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE invoices (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL,
        number text NOT NULL,
        state text NOT NULL,
        contact_id uuid NOT NULL,
        account_id text,
        subscription_id uuid,
        billing_run_id uuid,
        period_start date,
        currency char(3) NOT NULL,
        total text NOT NULL,
        credited text NOT NULL,
        doc jsonb NOT NULL,
        ledger_transaction_id uuid,
        void_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, number)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX invoices_one_per_period_idx ON invoices (tenant_id, subscription_id, period_start) WHERE subscription_id IS NOT NULL AND period_start IS NOT NULL`,
    );
    await q.query(`CREATE INDEX invoices_contact_idx ON invoices (tenant_id, contact_id, created_at)`);
    await q.query(`CREATE INDEX invoices_unposted_idx ON invoices (tenant_id, created_at) WHERE state = 'ISSUED'`);
    await q.query(`CREATE INDEX invoices_run_idx ON invoices (tenant_id, billing_run_id)`);
    await q.query(`
      CREATE TABLE billing_counters (
        tenant_id text NOT NULL,
        kind text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (tenant_id, kind)
      )`);
    await q.query(`
      CREATE TABLE billing_statements (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        contact_id uuid NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        pdf bytea NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`
      CREATE TABLE billing_key_results (
        tenant_id text NOT NULL,
        key text NOT NULL,
        result_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, key)
      )`);
    await q.query(`
      CREATE TABLE billing_runs (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        state text NOT NULL,
        billing_date date NOT NULL,
        contact_ids jsonb,
        scheduled boolean NOT NULL,
        total integer NOT NULL DEFAULT 0,
        done integer NOT NULL DEFAULT 0,
        documents integer NOT NULL DEFAULT 0,
        failures jsonb NOT NULL DEFAULT '[]'::jsonb,
        cursor uuid,
        lease_owner text,
        lease_until timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        completed_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX billing_runs_scheduled_idx ON billing_runs (tenant_id, billing_date) WHERE scheduled`);
    await q.query(`CREATE INDEX billing_runs_running_idx ON billing_runs (state, lease_until) WHERE state = 'RUNNING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'billing_runs',
      'billing_key_results',
      'billing_counters',
      'invoices',
      'billing_prices',
      'billing_products',
      'billing_subscriptions',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
