import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per rewards aggregate (scheme, membership, offer, purchase): its view as JSON, with the columns queries filter and sort on. */
export class CreateRewardViews1800000000200 implements MigrationInterface {
  name = 'CreateRewardViews1800000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reward_views (
        tenant_id text NOT NULL,
        type text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        contact_id text,
        scheme_id text,
        life_cycle text,
        occurred_at timestamptz,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, type, id)
      )`);
    await q.query(`CREATE INDEX reward_views_contact_idx ON reward_views (tenant_id, type, contact_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX reward_views_list_idx ON reward_views (tenant_id, type, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reward_views`);
  }
}
