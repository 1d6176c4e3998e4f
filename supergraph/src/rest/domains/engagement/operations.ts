import { op, USER_ERROR_FIELDS } from '../../kit/operation';

const STAGE = `id name order isClosing`;
const CATEGORY = `id name description`;
const QUEUE_FIELDS = `id name stages { ${STAGE} } categories { ${CATEGORY} } defaultUrgency defaultImpact defaultPriority createdAt`;
const SERVICE_REQUEST_FIELDS = `id number contactId queueId queueName stage { ${STAGE} } state isResolved closingComment description urgency impact priority
  categories { ${CATEGORY} } addressId assignedTeamId assignedUserId tags createdAt updatedAt closedAt`;
const NOTE_FIELDS = `id note pinned byKind byId createdAt`;
const ATTACHMENT_FIELDS = `id fileId link description createdAt`;
const PAYLOAD = `id childId consistencyToken ${USER_ERROR_FIELDS}`;

export const LIST_QUEUES = op('query', 'RestListQueues', `query RestListQueues($search: String) { queues(search: $search) { ${QUEUE_FIELDS} } }`);
export const GET_QUEUE = op('query', 'RestGetQueue', `query RestGetQueue($id: ID!) { queue(id: $id) { ${QUEUE_FIELDS} } }`);
export const CREATE_QUEUE = op(
  'mutation',
  'RestCreateQueue',
  `mutation RestCreateQueue($input: CreateQueueInput!, $idempotencyKey: String) { createQueue(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);

export const GET_SERVICE_REQUEST = op(
  'query',
  'RestGetServiceRequest',
  `query RestGetServiceRequest($id: ID!) { serviceRequest(id: $id) { ${SERVICE_REQUEST_FIELDS} } }`,
);
export const GET_SERVICE_REQUEST_NOTES = op(
  'query',
  'RestGetServiceRequestNotes',
  `query RestGetServiceRequestNotes($id: ID!) { serviceRequest(id: $id) { id notes { ${NOTE_FIELDS} } } }`,
);
export const GET_SERVICE_REQUEST_ATTACHMENTS = op(
  'query',
  'RestGetServiceRequestAttachments',
  `query RestGetServiceRequestAttachments($id: ID!) { serviceRequest(id: $id) { id attachments { ${ATTACHMENT_FIELDS} } } }`,
);
export const GET_SERVICE_REQUEST_HISTORY = op(
  'query',
  'RestGetServiceRequestHistory',
  `query RestGetServiceRequestHistory($id: ID!) { serviceRequest(id: $id) { id history { event at byKind byId state stageId comment } } }`,
);
export const LIST_SERVICE_REQUESTS = op(
  'query',
  'RestListServiceRequests',
  `query RestListServiceRequests($filter: ServiceRequestFilterInput, $offset: Int!, $limit: Int!, $ascending: Boolean!) {
    serviceRequests(filter: $filter, offset: $offset, limit: $limit, ascending: $ascending) { total hasMore items { ${SERVICE_REQUEST_FIELDS} } } }`,
);

export const RAISE_SERVICE_REQUEST = op(
  'mutation',
  'RestRaiseServiceRequest',
  `mutation RestRaiseServiceRequest($input: RaiseServiceRequestInput!, $idempotencyKey: String) { raiseServiceRequest(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const ACT_ON_SERVICE_REQUEST = op(
  'mutation',
  'RestActOnServiceRequest',
  `mutation RestActOnServiceRequest($id: ID!, $input: ServiceRequestActionInput!) { actOnServiceRequest(id: $id, input: $input) { ${PAYLOAD} } }`,
);
export const ASSIGN_SERVICE_REQUEST = op(
  'mutation',
  'RestAssignServiceRequest',
  `mutation RestAssignServiceRequest($id: ID!, $input: AssignServiceRequestInput!) { assignServiceRequest(id: $id, input: $input) { ${PAYLOAD} } }`,
);
export const SET_SERVICE_REQUEST_CATEGORIES = op(
  'mutation',
  'RestSetServiceRequestCategories',
  `mutation RestSetServiceRequestCategories($id: ID!, $categoryIds: [ID!]!) { setServiceRequestCategories(id: $id, categoryIds: $categoryIds) { ${PAYLOAD} } }`,
);
export const SET_SERVICE_REQUEST_TAGS = op(
  'mutation',
  'RestSetServiceRequestTags',
  `mutation RestSetServiceRequestTags($id: ID!, $tags: [String!]!) { setServiceRequestTags(id: $id, tags: $tags) { ${PAYLOAD} } }`,
);
export const ADD_SERVICE_REQUEST_NOTE = op(
  'mutation',
  'RestAddServiceRequestNote',
  `mutation RestAddServiceRequestNote($id: ID!, $note: String!, $pinned: Boolean!) { addServiceRequestNote(id: $id, note: $note, pinned: $pinned) { ${PAYLOAD} } }`,
);
export const ADD_SERVICE_REQUEST_ATTACHMENT = op(
  'mutation',
  'RestAddServiceRequestAttachment',
  `mutation RestAddServiceRequestAttachment($id: ID!, $input: ServiceRequestAttachmentInput!) { addServiceRequestAttachment(id: $id, input: $input) { ${PAYLOAD} } }`,
);
export const REMOVE_SERVICE_REQUEST_ATTACHMENT = op(
  'mutation',
  'RestRemoveServiceRequestAttachment',
  `mutation RestRemoveServiceRequestAttachment($id: ID!, $attachmentId: ID!) { removeServiceRequestAttachment(id: $id, attachmentId: $attachmentId) { ${PAYLOAD} } }`,
);

/** Identity's directory, to check an assignment names a team and a user of the tenant. */
export const CHECK_ASSIGNEES = op(
  'query',
  'RestCheckServiceRequestAssignees',
  `query RestCheckServiceRequestAssignees($teamId: ID!, $userId: ID!, $withTeam: Boolean!, $withUser: Boolean!) {
    team(id: $teamId) @include(if: $withTeam) { id } user(id: $userId) @include(if: $withUser) { id } }`,
);

export interface GqlStage {
  id: string;
  name: string;
  order: number;
  isClosing: boolean;
}
export interface GqlCategory {
  id: string;
  name: string;
  description: string | null;
}
export interface GqlQueue {
  id: string;
  name: string;
  stages: GqlStage[];
  categories: GqlCategory[];
  defaultUrgency: string;
  defaultImpact: string;
  defaultPriority: string;
  createdAt: string;
}
export interface GqlServiceRequest {
  id: string;
  number: string;
  contactId: string;
  queueId: string;
  queueName: string | null;
  stage: GqlStage | null;
  state: string;
  isResolved: boolean | null;
  closingComment: string | null;
  description: string;
  urgency: string;
  impact: string;
  priority: string;
  categories: GqlCategory[];
  addressId: string | null;
  assignedTeamId: string | null;
  assignedUserId: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}
export interface GqlNote {
  id: string;
  note: string;
  pinned: boolean;
  byKind: string;
  byId: string | null;
  createdAt: string;
}
export interface GqlAttachment {
  id: string;
  fileId: string | null;
  link: string | null;
  description: string | null;
  createdAt: string;
}
export interface GqlHistoryEntry {
  event: string;
  at: string;
  byKind: string;
  byId: string | null;
  state: string;
  stageId: string;
  comment: string | null;
}
export interface GqlServiceRequestPage {
  total: number;
  hasMore: boolean;
  items: GqlServiceRequest[];
}
export interface GqlEngagementPayload {
  id: string | null;
  childId: string | null;
  consistencyToken: string | null;
  errors: { code: string; reason: string | null; field: string | null; message: string }[];
}

/** The contacts domain, to check a Back-Office raise names a contact of the tenant. */
export const CHECK_CONTACT = op(
  'query',
  'RestCheckServiceRequestContact',
  `query RestCheckServiceRequestContact($id: ID!) { contact(id: $id) { id } }`,
);

const ACTIVITY_FIELDS = `id name description contactId serviceRequestId assignedTeamId assignedUserId dueAt state createdAt updatedAt closedAt`;
export const GET_ACTIVITY = op('query', 'RestGetActivity', `query RestGetActivity($id: ID!) { activity(id: $id) { ${ACTIVITY_FIELDS} } }`);
export const LIST_ACTIVITIES = op(
  'query',
  'RestListActivities',
  `query RestListActivities($filter: ActivityFilterInput, $offset: Int!, $limit: Int!) { activities(filter: $filter, offset: $offset, limit: $limit) { total hasMore items { ${ACTIVITY_FIELDS} } } }`,
);
export const CREATE_ACTIVITY = op(
  'mutation',
  'RestCreateActivity',
  `mutation RestCreateActivity($input: CreateActivityInput!, $idempotencyKey: String) { createActivity(input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const UPDATE_ACTIVITY = op(
  'mutation',
  'RestUpdateActivity',
  `mutation RestUpdateActivity($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { ${PAYLOAD} } }`,
);

export interface GqlActivity {
  id: string;
  name: string;
  description: string | null;
  contactId: string;
  serviceRequestId: string | null;
  assignedTeamId: string | null;
  assignedUserId: string | null;
  dueAt: string | null;
  state: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}
