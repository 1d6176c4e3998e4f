import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProvisioningViews1800000000230 implements MigrationInterface {
  name = 'CreateProvisioningViews1800000000230';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provisioning_command_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        service_id uuid NOT NULL,
        contact_id uuid NOT NULL,
        integration_id text NOT NULL,
        code text NOT NULL,
        state text NOT NULL,
        reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX provisioning_command_views_service_idx ON provisioning_command_views (tenant_id, service_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE provisioning_command_views`);
  }
}
