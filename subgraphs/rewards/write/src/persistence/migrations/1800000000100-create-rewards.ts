import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every rewards aggregate (scheme, membership, offer, purchase) as a versioned JSON document, with the columns its queries filter on. */
export class CreateRewards1800000000100 implements MigrationInterface {
  name = 'CreateRewards1800000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reward_aggregates (
        tenant_id text NOT NULL,
        type text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        contact_id text,
        life_cycle text,
        pending boolean NOT NULL DEFAULT false,
        occurred_at timestamptz,
        state jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, type, id)
      )`);
    await q.query(`CREATE INDEX reward_aggregates_live_idx ON reward_aggregates (tenant_id, type, life_cycle)`);
    await q.query(`CREATE INDEX reward_aggregates_contact_idx ON reward_aggregates (tenant_id, type, contact_id, occurred_at)`);
    await q.query(`CREATE INDEX reward_aggregates_pending_idx ON reward_aggregates (updated_at) WHERE pending`);
    await q.query(`CREATE SEQUENCE purchase_reference_seq`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE purchase_reference_seq`);
    await q.query(`DROP TABLE reward_aggregates`);
  }
}
