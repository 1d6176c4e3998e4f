import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automations (the aggregate), their action runs (one row per automation, event and action: the
 * record of what ran with its outcome, claimed with a lease so each runs once), the aggregates
 * automations' actions created (loop protection), the tenant's provider adapters (credentials
 * sealed) and the tenant's business events as seen on the stream (the events viewer).
 */
export class CreateAutomations1800000000300 implements MigrationInterface {
  name = 'CreateAutomations1800000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE automations (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        event text NOT NULL,
        conditions jsonb NOT NULL,
        actions jsonb NOT NULL,
        enabled boolean NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX automations_trigger_idx ON automations (tenant_id, event) WHERE enabled AND NOT deleted`);
    await q.query(`CREATE INDEX automations_list_idx ON automations (tenant_id, created_at DESC, id DESC) WHERE NOT deleted`);
    await q.query(`
      CREATE TABLE automation_action_runs (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        automation_id uuid NOT NULL REFERENCES automations (id),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        action_index integer NOT NULL,
        action jsonb NOT NULL,
        payload text NOT NULL,
        depth integer NOT NULL,
        state text NOT NULL CHECK (state IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        outcome text,
        result_id text,
        next_attempt_at timestamptz NOT NULL,
        lease_until timestamptz,
        created_at timestamptz NOT NULL,
        finished_at timestamptz,
        UNIQUE (automation_id, event_id, action_index)
      )`);
    await q.query(`CREATE INDEX automation_runs_due_idx ON automation_action_runs (next_attempt_at) WHERE state IN ('PENDING', 'RUNNING')`);
    await q.query(`CREATE INDEX automation_runs_log_idx ON automation_action_runs (tenant_id, automation_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE automation_effects (
        tenant_id text NOT NULL,
        aggregate_id text NOT NULL,
        automation_id uuid NOT NULL,
        depth integer NOT NULL,
        PRIMARY KEY (tenant_id, aggregate_id, automation_id)
      )`);
    await q.query(`
      CREATE TABLE integration_adapters (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL,
        settings jsonb NOT NULL,
        sealed_credentials text,
        removed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (tenant_id, kind)
      )`);
    await q.query(`
      CREATE TABLE business_events (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        type text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX business_events_time_idx ON business_events (tenant_id, occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX business_events_type_idx ON business_events (tenant_id, type, occurred_at DESC)`);
    await q.query(`CREATE INDEX business_events_aggregate_idx ON business_events (tenant_id, aggregate_id, occurred_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE business_events`);
    await q.query(`DROP TABLE integration_adapters`);
    await q.query(`DROP TABLE automation_effects`);
    await q.query(`DROP TABLE automation_action_runs`);
    await q.query(`DROP TABLE automations`);
  }
}
