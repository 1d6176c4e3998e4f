import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDevices1800000000110 implements MigrationInterface {
  name = 'CreateDevices1800000000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE devices (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        kind text NOT NULL,
        serial_number text,
        registration_token text,
        removed boolean NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX devices_tenant_idx ON devices (tenant_id, id)`);
    // a serial number names one physical device per tenant
    await q.query(`CREATE UNIQUE INDEX devices_serial_uq ON devices (tenant_id, serial_number) WHERE serial_number IS NOT NULL`);
    // a registration token names one live push registration per contact (DELETE …/devices/{fcm_token})
    await q.query(
      `CREATE UNIQUE INDEX devices_push_token_uq ON devices (tenant_id, contact_id, registration_token) WHERE registration_token IS NOT NULL AND NOT removed`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE devices`);
  }
}
