import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook endpoints (the aggregate; `secrets` holds sealed secrets only) and their deliveries: one
 * row per (endpoint, event), the durable retry schedule (`next_attempt_at`, claimed with row
 * locks and a lease so one replica sends each due attempt) and the delivery log.
 */
export class CreateWebhooks1800000000100 implements MigrationInterface {
  name = 'CreateWebhooks1800000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        url text NOT NULL,
        events jsonb NOT NULL,
        description text,
        enabled boolean NOT NULL,
        secrets jsonb NOT NULL,
        disabled_reason text,
        deleted boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_tenant_idx ON webhook_endpoints (tenant_id) WHERE enabled AND NOT deleted`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        payload text NOT NULL,
        state text NOT NULL CHECK (state IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        last_status integer,
        last_error text,
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (endpoint_id, event_id)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'PENDING'`);
    await q.query(`CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (tenant_id, endpoint_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
  }
}
