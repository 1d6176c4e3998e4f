import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Referral codes of the tenant's contacts (followed from the contacts domain's events): a code names its referrer. */
export class CreateReferralCodes1800000000150 implements MigrationInterface {
  name = 'CreateReferralCodes1800000000150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reward_referral_codes (
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        code text NOT NULL,
        active boolean NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (tenant_id, contact_id)
      )`);
    await q.query(`CREATE INDEX reward_referral_codes_code_idx ON reward_referral_codes (tenant_id, upper(code))`);
    await q.query(`CREATE INDEX reward_aggregates_giving_pending_idx ON reward_aggregates (type, updated_at) WHERE pending`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reward_aggregates_giving_pending_idx`);
    await q.query(`DROP TABLE reward_referral_codes`);
  }
}
