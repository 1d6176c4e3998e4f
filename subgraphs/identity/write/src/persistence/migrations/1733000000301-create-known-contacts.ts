import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Contacts that exist per tenant, projected from the contacts domain's events. */
export class CreateKnownContacts1733000000301 implements MigrationInterface {
  name = 'CreateKnownContacts1733000000301';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE known_contacts (
        tenant_id text NOT NULL,
        contact_id uuid NOT NULL,
        active boolean NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (tenant_id, contact_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE known_contacts`);
  }
}
