import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWebhookViews1800000000200 implements MigrationInterface {
  name = 'CreateWebhookViews1800000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        url text NOT NULL,
        events jsonb NOT NULL,
        description text,
        enabled boolean NOT NULL,
        disabled_reason text,
        deleted boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_views`);
  }
}
