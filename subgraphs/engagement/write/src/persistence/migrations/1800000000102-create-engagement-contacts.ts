import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The contacts of each tenant, followed from the contacts domain's events. */
export class CreateEngagementContacts1800000000102 implements MigrationInterface {
  name = 'CreateEngagementContacts1800000000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE engagement_contacts (
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        active boolean NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (tenant_id, contact_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE engagement_contacts`);
  }
}
