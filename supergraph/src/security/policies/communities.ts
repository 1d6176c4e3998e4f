import type { Caller, DomainPolicy } from '../policy-table';

/**
 * Communities (contacts domain): holders of contacts.read / contacts.write as for contacts, plus a
 * signed-in contact on every field (each resolver then admits it only as the owner or member concerned).
 */
const READERS: Caller[] = ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key', 'contact'];
const WRITERS: Caller[] = ['owner', 'admin', 'agent', 'secret_key', 'contact'];

export const policy: DomainPolicy = {
  'Query.communityRelations': READERS,
  'Query.communityPeople': READERS,
  'Query.communityPerson': READERS,
  'Query.contactCommunities': READERS,
  'Query.communityGroups': READERS,
  'Query.communityMembers': READERS,
  'Query.communitySharedDevices': READERS,
  'Query.communityMembership': READERS,
  'Mutation.inviteCommunityPerson': WRITERS,
  'Mutation.respondToCommunityInvitation': WRITERS,
  'Mutation.updateCommunityPerson': WRITERS,
  'Mutation.removeCommunityPerson': WRITERS,
  'Mutation.leaveCommunity': WRITERS,
  'Mutation.renameCommunityGroup': WRITERS,
  'Mutation.addCommunityProductsAllowance': WRITERS,
  'Mutation.updateCommunityProductAllowance': WRITERS,
  'Mutation.removeCommunityProductAllowance': WRITERS,
  // identity-write issues the tokens, after asking contacts-read (through the gateway) about the membership
  'Mutation.switchContact': ['contact'],
};
