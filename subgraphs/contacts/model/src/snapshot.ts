import type { Address, ContactProfile, ContactType } from '@crm/event-bus/contracts/contacts';
import type { Contact } from './contact.type';

/** The contact as both sides hold it (write state / read view), in the GraphQL shape. */
export interface ContactSnapshot extends ContactProfile {
  id: string;
  code: string;
  type: ContactType;
  referralCode: string;
  addresses: Address[];
  tags: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function displayNameOf(c: Pick<ContactSnapshot, 'type' | 'companyName' | 'firstName' | 'lastName' | 'code'>): string {
  if (c.type === 'COMPANY' && c.companyName) return c.companyName;
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return name || c.companyName || c.code;
}

export function toContactType(s: ContactSnapshot): Contact {
  return { ...s, displayName: displayNameOf(s) } as Contact;
}
