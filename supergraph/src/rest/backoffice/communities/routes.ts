import type { RestRoute } from '../../kit/resource';
import { defineResource } from '../../kit/resource';
import {
  COMMUNITY_OPERATIONS as OPS,
  getPerson,
  leaveCommunity,
  listCommunities,
  listGroups,
  listPeople,
  removePerson,
} from '../../domains/communities/handlers';

const TAG = 'Communities (Back-Office)';
const WHO = 'Needs contacts.read (reads) or contacts.write (changes).';

const route = (
  method: RestRoute['method'],
  path: string,
  handler: RestRoute['handler'],
  operations: RestRoute['operations'],
  doc: Omit<RestRoute['doc'], 'tag' | 'audience'>,
): RestRoute => ({
  method,
  path: `/backoffice/v2${path}`,
  handler,
  operations,
  doc: { ...doc, description: `${doc.description ?? ''} ${WHO}`.trim(), tag: TAG, audience: 'backoffice' },
});

/**
 * Back-Office view of communities: any contact's people and communities, and removing a person
 * or a membership on a contact's behalf. The Self-Service resource "communities" registers the
 * parameter and schema components these routes name.
 */
export const resource = defineResource({
  family: 'backoffice',
  name: 'communities',
  pathParameters: { id: 'DirectoryId', relationship_id: 'RelationshipId', community_owner_id: 'CommunityOwnerId' },
  openapi: { tags: [{ name: TAG, description: "Contacts' communities, as the back office sees and manages them." }] },
  routes: [
    route('GET', '/contacts/:id/people', listPeople, OPS.listPeople, {
      operationId: 'listCommunityPeopleBO',
      summary: "List a contact's community people",
      query: [
        'CommunityGroupFilter',
        'IncludeDevices',
        'IncludeProductAllowance',
        'IncludeRemainingAllowance',
        'IncludeTermedTransfers',
        'Page',
        'Size',
        'IncludeTotal',
        'CommunityOrder',
        'CommunitySort',
      ],
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'A page of people.', schema: 'CommunityPersonPage' },
    }),
    route('GET', '/contacts/:id/people/:relationship_id', getPerson, OPS.getPerson, {
      operationId: 'getCommunityPersonBO',
      summary: 'Get a person of a contact’s community',
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The person.', schema: 'CommunityPerson' },
    }),
    route('DELETE', '/contacts/:id/people/:relationship_id', removePerson, OPS.removePerson, {
      operationId: 'removeCommunityPersonBO',
      summary: 'Remove a person from a contact’s community',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 204, description: 'Removed. No body.' },
    }),
    route('GET', '/contacts/:id/groups', listGroups, OPS.listGroups, {
      operationId: 'listCommunityGroupsBO',
      summary: "List a contact's community groups",
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The groups.', schema: 'CommunityGroups' },
    }),
    route('GET', '/contacts/:id/communities', listCommunities, OPS.listCommunities, {
      operationId: 'listContactCommunitiesBO',
      summary: 'List the communities a contact is in or invited to',
      query: ['IncludeProductAllowance', 'Page', 'Size', 'IncludeTotal', 'CommunityOrder', 'CommunitySort'],
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'A page of communities.', schema: 'CommunityPage' },
    }),
    route('DELETE', '/contacts/:id/communities/:community_owner_id', leaveCommunity, OPS.leaveCommunity, {
      operationId: 'leaveCommunityBO',
      summary: 'Take a contact out of a community',
      description: 'The member {id} leaves the community of {community_owner_id}.',
      writes: true,
      notFound: 'RecordNotFound',
      success: { status: 204, description: 'Left. No body.' },
    }),
  ],
});
