import type { DomainPolicy } from '../policy-table';

/**
 * Contact organisation membership (identity-write): a contact lists, signs up to and off, and
 * switches to organisations for itself; users holding contacts.read list a contact's.
 */
export const policy: DomainPolicy = {
  'Query.contactOrganisations': ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key', 'contact'],
  'Mutation.signContactOrganisation': ['contact'],
  'Mutation.switchContactOrganisation': ['contact'],
};
