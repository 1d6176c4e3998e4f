import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Referrals and donations of the rewards domain (offers, opt-ins, donations made): one row per aggregate, its view as JSON. */
export class CreateGivingViews1800000000250 implements MigrationInterface {
  name = 'CreateGivingViews1800000000250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE giving_views (
        tenant_id text NOT NULL,
        type text NOT NULL,
        id uuid NOT NULL,
        version integer NOT NULL,
        contact_id text,
        offer_id text,
        organisation_id text,
        life_cycle text,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, type, id)
      )`);
    await q.query(`CREATE INDEX giving_views_contact_idx ON giving_views (tenant_id, type, contact_id, created_at DESC)`);
    await q.query(`CREATE INDEX giving_views_list_idx ON giving_views (tenant_id, type, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE giving_views`);
  }
}
