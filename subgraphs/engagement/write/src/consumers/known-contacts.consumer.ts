import type { DataSource } from 'typeorm';
import type { EventBus, Subscription } from '@crm/event-bus';
import { knownContacts } from '@crm/event-bus/kit';

/**
 * Which contacts exist in which tenant (`engagement_contacts`, the kit's `knownContacts`): a
 * service request or an activity may only name a contact of the caller's tenant, and this side
 * cannot ask the contacts domain.
 */
const engagementContacts = (dataSource: DataSource) =>
  knownContacts(dataSource, { table: 'engagement_contacts', groupId: 'engagement-write.contacts' });

export const followContacts = (dataSource: DataSource, bus: EventBus): Promise<Subscription> => engagementContacts(dataSource).follow(bus);

export const contactExists = (dataSource: DataSource, tenantId: string, contactId: string, waitMs?: number): Promise<boolean> =>
  engagementContacts(dataSource).exists(tenantId, contactId, waitMs);
