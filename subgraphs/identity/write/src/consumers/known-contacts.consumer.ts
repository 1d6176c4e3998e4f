import type { DataSource } from 'typeorm';
import type { EventBus, Subscription } from '@crm/event-bus';
import { knownContacts } from '@crm/event-bus/kit';

/**
 * Which contacts exist in which tenant (`known_contacts`, the kit's `knownContacts`), so identity
 * operations on a contact id given by a back-office caller can check the contact belongs to the
 * caller's tenant.
 */
const identityContacts = (dataSource: DataSource) => knownContacts(dataSource, { table: 'known_contacts', groupId: 'identity-write.known-contacts' });

export const followContacts = (dataSource: DataSource, bus: EventBus): Promise<Subscription> => identityContacts(dataSource).follow(bus);

/** Waits briefly for a contact the caller just created to become known (events are asynchronous). */
export const isKnownContact = (dataSource: DataSource, tenantId: string, contactId: string, waitMs = 2000): Promise<boolean> =>
  identityContacts(dataSource).exists(tenantId, contactId, waitMs);
