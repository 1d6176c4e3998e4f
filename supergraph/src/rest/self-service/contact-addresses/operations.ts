import { op, USER_ERROR_FIELDS } from '../../kit/operation';
import { ADDRESS_FIELDS } from '../../domains/contacts/operations';

export const LIST_CONTACT_ADDRESSES = op(
  'query',
  'RestListContactAddresses',
  `query RestListContactAddresses($id: ID!) { contact(id: $id) { id addresses { ${ADDRESS_FIELDS} } } }`,
);

export const ADD_CONTACT_ADDRESS = op(
  'mutation',
  'RestAddContactAddress',
  `mutation RestAddContactAddress($contactId: ID!, $input: AddressInput!) {
  addContactAddress(contactId: $contactId, input: $input) { contact { id } address { id } consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

export const UPDATE_CONTACT_ADDRESS = op(
  'mutation',
  'RestUpdateContactAddress',
  `mutation RestUpdateContactAddress($contactId: ID!, $addressId: ID!, $input: AddressInput!) {
  updateContactAddress(contactId: $contactId, addressId: $addressId, input: $input) { contact { id } address { id } consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

export const REMOVE_CONTACT_ADDRESS = op(
  'mutation',
  'RestRemoveContactAddress',
  `mutation RestRemoveContactAddress($contactId: ID!, $addressId: ID!) {
  removeContactAddress(contactId: $contactId, addressId: $addressId) { contact { id } consistencyToken ${USER_ERROR_FIELDS} }
}`,
);
