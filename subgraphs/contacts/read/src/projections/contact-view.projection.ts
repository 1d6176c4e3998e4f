import type { ContactEvent, ContactProfile } from '@crm/event-bus/contracts/contacts';
import { type ContactSnapshot, withAddress } from '@crm/contacts-model';

/** The read model of one contact: the snapshot plus its tombstone flag. */
export interface ContactView extends ContactSnapshot {
  deleted: boolean;
}

type Data<T extends ContactEvent['type']> = Extract<ContactEvent, { type: T }>['data'];

/**
 * Folds one event into the view (pure). The caller guarantees events arrive in aggregate-version
 * order and skips duplicates; this function only knows how each event changes the view.
 */
export function projectContact(
  view: ContactView | null,
  event: Pick<ContactEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): ContactView {
  const at = new Date(event.occurredAt);
  if (event.type === 'contact.created') {
    const d = event.data as Data<'contact.created'>;
    return { ...d, id: event.aggregateId, version: event.aggregateVersion, createdAt: at, updatedAt: at, deleted: false };
  }
  if (!view) throw new Error(`${event.type} for unknown contact ${event.aggregateId}`);
  const next: ContactView = { ...view, version: event.aggregateVersion, updatedAt: at };
  switch (event.type) {
    case 'contact.updated':
      return { ...next, ...(event.data as Partial<ContactProfile>) };
    case 'contact.tags_set':
      return { ...next, tags: (event.data as Data<'contact.tags_set'>).tags };
    case 'contact.address_added':
    case 'contact.address_updated':
      return { ...next, addresses: withAddress(view.addresses, (event.data as Data<'contact.address_added'>).address) };
    case 'contact.address_removed': {
      const { addressId } = event.data as Data<'contact.address_removed'>;
      return { ...next, addresses: view.addresses.filter((a) => a.id !== addressId) };
    }
    case 'contact.unregistered':
      return { ...next, deleted: true };
  }
}

/** Lower-cased text the list search matches: names, company, email, phone numbers, code. */
export function searchTextOf(v: ContactView): string {
  return [v.firstName, v.middleName, v.lastName, v.companyName, v.email, v.code, ...v.phones.map((p) => p.number)]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}
