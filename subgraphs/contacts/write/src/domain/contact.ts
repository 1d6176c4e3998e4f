import type { ContactEvent } from '@crm/event-bus/contracts/contacts';
import { AppError } from '@crm/platform/errors';
import { withAddress, type ContactSnapshot } from '@crm/contacts-model';

export { withAddress };

/** Write-side state of one contact aggregate: the shared snapshot plus its lifecycle status. */
export interface ContactState extends ContactSnapshot {
  status: 'ACTIVE' | 'UNREGISTERED';
}

/** What a decider returns: event types with their data, before the envelope is added. */
export type ContactChange = Pick<ContactEvent, 'type' | 'data'>;
export type ChangeOf<T extends ContactEvent['type']> = Extract<ContactEvent, { type: T }>['data'];

export const MAX_ADDRESSES = 20;

/** Applies one event to the state (pure; the same rule the read-side projection applies). */
export function evolve(state: ContactState | null, event: ContactChange, meta: { version: number; at: Date }): ContactState {
  if (event.type === 'contact.created') {
    const { code, type, referralCode, addresses, tags, ...profile } = event.data as ChangeOf<'contact.created'>;
    return {
      id: '',
      ...profile,
      code,
      type,
      referralCode,
      addresses,
      tags,
      status: 'ACTIVE',
      version: meta.version,
      createdAt: meta.at,
      updatedAt: meta.at,
    };
  }
  if (!state) throw new Error(`cannot apply ${event.type} to a missing contact`);
  const next = { ...state, version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'contact.updated':
      return { ...next, ...(event.data as ChangeOf<'contact.updated'>) };
    case 'contact.tags_set':
      return { ...next, tags: (event.data as ChangeOf<'contact.tags_set'>).tags };
    case 'contact.address_added':
    case 'contact.address_updated':
      return { ...next, addresses: withAddress(state.addresses, (event.data as ChangeOf<'contact.address_added'>).address) };
    case 'contact.address_removed': {
      const { addressId } = event.data as ChangeOf<'contact.address_removed'>;
      return { ...next, addresses: state.addresses.filter((a) => a.id !== addressId) };
    }
    case 'contact.unregistered':
      return { ...next, status: 'UNREGISTERED' };
  }
}

/** Commands on a missing or unregistered contact fail the same way (no existence oracle). */
export function requireActive(state: ContactState | null, idOrCode: string): ContactState {
  if (!state || state.status !== 'ACTIVE') throw AppError.notFound('contact', idOrCode);
  return state;
}
