import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Flow 16: the identities wallets are found by (wallet_exists) and the contacts linked to another contact's wallet. */
export class WalletLinkViews1800000000202 implements MigrationInterface {
  name = 'WalletLinkViews1800000000202';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE wallet_identity_views (
        tenant_id text NOT NULL,
        type text NOT NULL,
        value text NOT NULL,
        wallet_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, type, value)
      )`);
    await q.query(`
      CREATE TABLE wallet_link_views (
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        wallet_id uuid NOT NULL,
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, contact_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE wallet_link_views`);
    await q.query(`DROP TABLE wallet_identity_views`);
  }
}
