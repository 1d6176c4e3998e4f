import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createKnownContactsTable } from '@crm/event-bus/kit';

/** Which contacts exist per tenant (the kit's knownContacts): payment methods are only kept for a contact of the caller's tenant. */
export class CreateBillingContacts1800000000101 implements MigrationInterface {
  name = 'CreateBillingContacts1800000000101';

  async up(q: QueryRunner): Promise<void> {
    await createKnownContactsTable(q, 'billing_contacts');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billing_contacts`);
  }
}
