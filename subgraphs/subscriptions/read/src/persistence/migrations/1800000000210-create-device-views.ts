import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeviceViews1800000000210 implements MigrationInterface {
  name = 'CreateDeviceViews1800000000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE device_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        kind text NOT NULL,
        serial_number text,
        electronic_id text,
        subscription_id uuid,
        removed boolean NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX device_views_contact_idx ON device_views (tenant_id, contact_id, created_at)`);
    await q.query(`CREATE INDEX device_views_subscription_idx ON device_views (tenant_id, subscription_id)`);
    await q.query(`CREATE INDEX device_views_services_idx ON device_views USING gin ((data -> 'services') jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE device_views`);
  }
}
