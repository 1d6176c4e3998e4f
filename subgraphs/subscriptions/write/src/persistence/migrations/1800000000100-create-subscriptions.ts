import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSubscriptions1800000000100 implements MigrationInterface {
  name = 'CreateSubscriptions1800000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        account_key text NOT NULL,
        state text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX subscriptions_tenant_idx ON subscriptions (tenant_id, id)`);
    // one live (not churned) subscription per contact and account: services join it
    await q.query(`CREATE UNIQUE INDEX subscriptions_live_uq ON subscriptions (tenant_id, contact_id, account_key) WHERE state <> 'CHURNED'`);
    await q.query(`CREATE INDEX subscriptions_services_idx ON subscriptions USING gin ((data -> 'services') jsonb_path_ops)`);
    // the scheduler's queue: one row per scheduled action, claimed with FOR UPDATE SKIP LOCKED
    await q.query(`
      CREATE TABLE subscription_actions (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        subscription_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        state text NOT NULL,
        claimed_until timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX subscription_actions_due_idx ON subscription_actions (due_at) WHERE state = 'SCHEDULED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subscription_actions`);
    await q.query(`DROP TABLE subscriptions`);
  }
}
