import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which organisations of the business network a contact has signed up to (Self-Service "Contact Organisations"). */
export class CreateContactOrganisations1733000000320 implements MigrationInterface {
  name = 'CreateContactOrganisations1733000000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contact_organisations (
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        email_opt_out boolean NOT NULL,
        sms_opt_out boolean NOT NULL,
        joined_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, contact_id, organisation_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contact_organisations`);
  }
}
