import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';

const LIMITS = 'perTransaction perDay perBillingCycle';
const CONTACT = 'id type firstName lastName companyName email phoneCountryCode phoneNumber';
const RELATIONSHIP = `id ownerId memberId
  owner { ${CONTACT} } member { ${CONTACT} }
  relation { id name } group isAdmin permissions devices
  walletSharing { isEnabled commercePools method maxAmount }
  usageAllowance { cashLimits { ${LIMITS} } sameAsOwner organisations }
  termedTransfer { active amount currency commercePoolId frequency dayOfWeek dayOfMonth }
  productsAllowance { id groupId itemType itemId cashLimits { ${LIMITS} } usageLimits { ${LIMITS} } }
  state createdAt`;
const PAYLOAD = `id allowanceIds consistencyToken ${USER_ERROR_FIELDS}`;

export const LIST_RELATIONS = op(
  'query',
  'RestCommunityRelations',
  `query RestCommunityRelations($name: String) { communityRelations(name: $name) { id name isDefault } }`,
);
export const LIST_PEOPLE = op(
  'query',
  'RestCommunityPeople',
  `query RestCommunityPeople($ownerId: ID!, $group: String, $offset: Int!, $limit: Int!, $ascending: Boolean!) {
    communityPeople(ownerId: $ownerId, group: $group, offset: $offset, limit: $limit, ascending: $ascending) { total hasMore items { ${RELATIONSHIP} } } }`,
);
export const GET_PERSON = op(
  'query',
  'RestCommunityPerson',
  `query RestCommunityPerson($ownerId: ID!, $relationshipId: ID!) { communityPerson(ownerId: $ownerId, relationshipId: $relationshipId) { ${RELATIONSHIP} } }`,
);
export const LIST_COMMUNITIES = op(
  'query',
  'RestContactCommunities',
  `query RestContactCommunities($contactId: ID!, $offset: Int!, $limit: Int!, $ascending: Boolean!) {
    contactCommunities(contactId: $contactId, offset: $offset, limit: $limit, ascending: $ascending) { total hasMore items { ${RELATIONSHIP} } } }`,
);
export const LIST_GROUPS = op('query', 'RestCommunityGroups', `query RestCommunityGroups($ownerId: ID!) { communityGroups(ownerId: $ownerId) }`);
export const LIST_MEMBERS = op(
  'query',
  'RestCommunityMembers',
  `query RestCommunityMembers($ownerId: ID!, $group: String!, $offset: Int!, $limit: Int!) {
    communityMembers(ownerId: $ownerId, group: $group, offset: $offset, limit: $limit) { total hasMore items { id relationshipId state isOwner contact { ${CONTACT} } } } }`,
);
export const LIST_SHARED_DEVICES = op(
  'query',
  'RestCommunitySharedDevices',
  `query RestCommunitySharedDevices($contactId: ID!, $offset: Int!, $limit: Int!) {
    communitySharedDevices(contactId: $contactId, offset: $offset, limit: $limit) { total hasMore items { deviceId owner { ${CONTACT} } } } }`,
);

export const INVITE_PERSON = op(
  'mutation',
  'RestInviteCommunityPerson',
  `mutation RestInviteCommunityPerson($ownerId: ID!, $invitee: CommunityInviteeInput!, $input: CommunityPersonInput!, $idempotencyKey: String, $newContact: CommunityNewContactInput) {
    inviteCommunityPerson(ownerId: $ownerId, invitee: $invitee, input: $input, idempotencyKey: $idempotencyKey, newContact: $newContact) { ${PAYLOAD} } }`,
);
export const RESPOND = op(
  'mutation',
  'RestRespondToCommunityInvitation',
  `mutation RestRespondToCommunityInvitation($contactId: ID!, $relationshipId: ID!, $action: CommunityInvitationAction!) {
    respondToCommunityInvitation(contactId: $contactId, relationshipId: $relationshipId, action: $action) { ${PAYLOAD} } }`,
);
export const UPDATE_PERSON = op(
  'mutation',
  'RestUpdateCommunityPerson',
  `mutation RestUpdateCommunityPerson($ownerId: ID!, $relationshipId: ID!, $input: CommunityPersonInput!) {
    updateCommunityPerson(ownerId: $ownerId, relationshipId: $relationshipId, input: $input) { ${PAYLOAD} } }`,
);
export const REMOVE_PERSON = op(
  'mutation',
  'RestRemoveCommunityPerson',
  `mutation RestRemoveCommunityPerson($ownerId: ID!, $relationshipId: ID!) { removeCommunityPerson(ownerId: $ownerId, relationshipId: $relationshipId) { ${PAYLOAD} } }`,
);
export const LEAVE = op(
  'mutation',
  'RestLeaveCommunity',
  `mutation RestLeaveCommunity($contactId: ID!, $ownerId: ID!) { leaveCommunity(contactId: $contactId, ownerId: $ownerId) { ${PAYLOAD} } }`,
);
export const RENAME_GROUP = op(
  'mutation',
  'RestRenameCommunityGroup',
  `mutation RestRenameCommunityGroup($ownerId: ID!, $name: String!, $newName: String!) { renameCommunityGroup(ownerId: $ownerId, name: $name, newName: $newName) { ${PAYLOAD} } }`,
);
export const ADD_ALLOWANCES = op(
  'mutation',
  'RestAddCommunityProductsAllowance',
  `mutation RestAddCommunityProductsAllowance($ownerId: ID!, $relationshipId: ID!, $items: [CommunityProductAllowanceInput!]!) {
    addCommunityProductsAllowance(ownerId: $ownerId, relationshipId: $relationshipId, items: $items) { ${PAYLOAD} } }`,
);
export const UPDATE_ALLOWANCE = op(
  'mutation',
  'RestUpdateCommunityProductAllowance',
  `mutation RestUpdateCommunityProductAllowance($ownerId: ID!, $relationshipId: ID!, $allowanceId: ID!, $input: CommunityProductAllowanceInput!) {
    updateCommunityProductAllowance(ownerId: $ownerId, relationshipId: $relationshipId, allowanceId: $allowanceId, input: $input) { ${PAYLOAD} } }`,
);
export const REMOVE_ALLOWANCE = op(
  'mutation',
  'RestRemoveCommunityProductAllowance',
  `mutation RestRemoveCommunityProductAllowance($ownerId: ID!, $relationshipId: ID!, $allowanceId: ID!) {
    removeCommunityProductAllowance(ownerId: $ownerId, relationshipId: $relationshipId, allowanceId: $allowanceId) { ${PAYLOAD} } }`,
);

export interface GqlLimits {
  perTransaction: string | null;
  perDay: string | null;
  perBillingCycle: string | null;
}
export interface GqlCommunityContact {
  id: string;
  type: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
  phoneCountryCode: string | null;
  phoneNumber: string | null;
}
export interface GqlProductAllowance {
  id: string;
  groupId: string | null;
  itemType: string;
  itemId: string;
  cashLimits: GqlLimits | null;
  usageLimits: GqlLimits | null;
}
export interface GqlRelationship {
  id: string;
  ownerId: string;
  memberId: string;
  owner: GqlCommunityContact | null;
  member: GqlCommunityContact | null;
  relation: { id: string; name: string } | null;
  group: string | null;
  isAdmin: boolean;
  permissions: string[];
  devices: string[];
  walletSharing: { isEnabled: boolean; commercePools: string[]; method: string; maxAmount: string | null } | null;
  usageAllowance: { cashLimits: GqlLimits | null; sameAsOwner: boolean; organisations: string[] } | null;
  termedTransfer: {
    active: boolean;
    amount: string | null;
    currency: string | null;
    commercePoolId: string | null;
    frequency: string | null;
    dayOfWeek: string | null;
    dayOfMonth: number | null;
  } | null;
  productsAllowance: GqlProductAllowance[];
  state: string;
  createdAt: string;
}
export interface GqlPage<T> {
  total: number;
  hasMore: boolean;
  items: T[];
}
export interface GqlCommunityPayload {
  id: string | null;
  allowanceIds: string[];
  consistencyToken: string | null;
  errors: GqlUserError[];
}
