import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Queues, service requests (state as JSON beside the columns the store filters on) and the per-tenant request numbers. */
export class CreateEngagement1800000000100 implements MigrationInterface {
  name = 'CreateEngagement1800000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE queues (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        doc jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX queues_tenant_name_key ON queues (tenant_id, lower(name))`);
    await q.query(`
      CREATE TABLE service_requests (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        number text NOT NULL,
        doc jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX service_requests_tenant_number_key ON service_requests (tenant_id, number)`);
    await q.query(`
      CREATE TABLE service_request_numbers (
        tenant_id text PRIMARY KEY,
        last_number bigint NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_request_numbers`);
    await q.query(`DROP TABLE service_requests`);
    await q.query(`DROP TABLE queues`);
  }
}
