import type { DomainPolicy } from '../policy-table';

/**
 * The business network (identity): every signed-in caller of the tenant (users, keys, contacts)
 * reads it; holders of organisations.manage (owner, admin, the admin secret key) write it.
 */
const SIGNED_IN = ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key', 'contact'] as const;
const MANAGERS = ['owner', 'admin', 'secret_key'] as const;

export const policy: DomainPolicy = {
  'Query.networkOrganisation': SIGNED_IN,
  'Query.organisationNetwork': SIGNED_IN,
  'Query.networkLocations': SIGNED_IN,
  'Query.networkTowns': SIGNED_IN,
  'Mutation.createNetworkOrganisation': MANAGERS,
  'Mutation.setOrganisationProfile': MANAGERS,
  'Mutation.closeOrganisationProfile': MANAGERS,
};
