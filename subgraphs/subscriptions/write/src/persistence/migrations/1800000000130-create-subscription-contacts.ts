import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createKnownContactsTable } from '@crm/event-bus/kit';

/** The contacts of each tenant, followed from the contacts domain's events (the kit's knownContacts). */
export class CreateSubscriptionContacts1800000000130 implements MigrationInterface {
  name = 'CreateSubscriptionContacts1800000000130';

  async up(q: QueryRunner): Promise<void> {
    await createKnownContactsTable(q, 'subscription_contacts');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subscription_contacts`);
  }
}
