import { op, USER_ERROR_FIELDS } from '../../kit/operation';
import { CONTACT_FRAGMENT, type GqlContact } from '../../domains/contacts/operations';

export const LIST_CONTACTS = op(
  'query',
  'RestListContacts',
  `query RestListContacts($filter: ContactFilter, $sort: ContactSort, $first: Int, $offset: Int, $includeTotal: Boolean!) {
  contacts(filter: $filter, sort: $sort, first: $first, offset: $offset, includeTotal: $includeTotal) {
    nodes { ...RestContact }
    pageInfo { hasNextPage }
    totalCount
  }
}
${CONTACT_FRAGMENT}`,
);

export const CREATE_CONTACT = op(
  'mutation',
  'RestCreateContact',
  `mutation RestCreateContact($input: CreateContactInput!, $idempotencyKey: String) {
  createContact(input: $input, idempotencyKey: $idempotencyKey) { contact { id } consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

export const SET_CONTACT_TAGS = op(
  'mutation',
  'RestSetContactTags',
  `mutation RestSetContactTags($id: ID!, $tags: [String!]!) {
  setContactTags(id: $id, tags: $tags) { contact { id } consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

export interface GqlContactConnection {
  nodes: GqlContact[];
  pageInfo: { hasNextPage: boolean };
  totalCount: number | null;
}
