import type { DataSource } from 'typeorm';
import { knownContacts, type KnownContacts } from '@crm/event-bus/kit';

/**
 * Which contacts exist in which tenant (`subscription_contacts`, the kit's `knownContacts`): a
 * caller may add services only to a contact of its own tenant, and this side cannot ask the
 * contacts domain.
 */
export const subscriptionContacts = (dataSource: DataSource): KnownContacts =>
  knownContacts(dataSource, { table: 'subscription_contacts', groupId: 'subscriptions-write.contacts' });
