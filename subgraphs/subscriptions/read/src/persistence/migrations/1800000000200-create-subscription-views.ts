import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSubscriptionViews1800000000200 implements MigrationInterface {
  name = 'CreateSubscriptionViews1800000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscription_views (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        contact_id uuid NOT NULL,
        state text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX subscription_views_contact_idx ON subscription_views (tenant_id, contact_id, created_at)`);
    await q.query(`CREATE INDEX subscription_views_list_idx ON subscription_views (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX subscription_views_services_idx ON subscription_views USING gin ((data -> 'services') jsonb_path_ops)`);
    await q.query(`CREATE INDEX subscription_views_actions_idx ON subscription_views USING gin ((data -> 'actions') jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subscription_views`);
  }
}
