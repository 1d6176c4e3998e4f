/**
 * The GraphQL operations the REST facade sends through the gateway. Kept as constants so they are
 * easy to review and can be validated against the composed supergraph in a unit test.
 */

const ADDRESS_FIELDS = `
  id type name isPrimary isBilling addressLine1 addressLine2 stateProvinceCounty townCity
  postalCode countryCode lat lon googlePlaceId`;

const ID_DOCUMENT_FIELDS = `number issuingCountryCode expirationDate`;

export const CONTACT_FRAGMENT = `
fragment RestContact on Contact {
  id code type firstName middleName lastName companyName displayName
  companyProfile { registrationNumber registrationCountry taxReferenceNumber vatRegistrationNumber industryId subIndustryIds }
  email
  phones { id type countryCode number isPrimary }
  addresses { ${ADDRESS_FIELDS} }
  demographics {
    gender
    dateOfBirth { year month day }
    nameDay { month day }
    passport { ${ID_DOCUMENT_FIELDS} }
    idDetails { ${ID_DOCUMENT_FIELDS} }
    statutoryNumber
  }
  languageCode smsOptOut emailOptOut countryOfAgreement referralCode
  customFields { key value }
  tags version createdAt updatedAt
}`;

const USER_ERROR_FIELDS = `errors { code reason field message }`;

export interface Operation {
  operationName: string;
  query: string;
  /** Mutations change state and produce a consistency token; queries read with the caller's tokens. */
  kind: 'query' | 'mutation';
}

const op = (kind: Operation['kind'], operationName: string, query: string): Operation => ({ kind, operationName, query: query.trim() });

export const GET_CONTACT = op(
  'query',
  'RestGetContact',
  `query RestGetContact($id: ID!) { contact(id: $id) { ...RestContact } }
${CONTACT_FRAGMENT}`,
);

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

export const LIST_CONTACT_ADDRESSES = op(
  'query',
  'RestListContactAddresses',
  `query RestListContactAddresses($id: ID!) { contact(id: $id) { id addresses { ${ADDRESS_FIELDS} } } }`,
);

export const CREATE_CONTACT = op(
  'mutation',
  'RestCreateContact',
  `mutation RestCreateContact($input: CreateContactInput!, $idempotencyKey: String) {
  createContact(input: $input, idempotencyKey: $idempotencyKey) { contact { id } consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

export const UPDATE_CONTACT = op(
  'mutation',
  'RestUpdateContact',
  `mutation RestUpdateContact($id: ID!, $input: UpdateContactInput!) {
  updateContact(id: $id, input: $input) { contact { id } consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

export const SET_CONTACT_TAGS = op(
  'mutation',
  'RestSetContactTags',
  `mutation RestSetContactTags($id: ID!, $tags: [String!]!) {
  setContactTags(id: $id, tags: $tags) { contact { id } consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

export const UNREGISTER_CONTACT = op(
  'mutation',
  'RestUnregisterContact',
  `mutation RestUnregisterContact($id: ID!) { unregisterContact(id: $id) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
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

const TOKEN_FIELDS = `tokens { accessToken refreshToken expiresAt sessionId }`;

export const AUTHENTICATE_USER = op(
  'mutation',
  'RestAuthenticateUser',
  `mutation RestAuthenticateUser($input: AuthenticateUserInput!) { authenticateUser(input: $input) { ${TOKEN_FIELDS} ${USER_ERROR_FIELDS} } }`,
);

export const REFRESH_SESSION = op(
  'mutation',
  'RestRefreshSession',
  `mutation RestRefreshSession($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${TOKEN_FIELDS} ${USER_ERROR_FIELDS} } }`,
);

export const SIGN_OUT = op('mutation', 'RestSignOut', `mutation RestSignOut { signOut { signedOut ${USER_ERROR_FIELDS} } }`);

export const SWITCH_ORGANISATION = op(
  'mutation',
  'RestSwitchOrganisation',
  `mutation RestSwitchOrganisation($organisationId: ID!) { switchOrganisation(organisationId: $organisationId) { ${TOKEN_FIELDS} ${USER_ERROR_FIELDS} } }`,
);

/**
 * Touches no subgraph: the gateway authenticates the call's credentials (token signature,
 * audience, revocation, tenant of the api_key) before executing anything, so a success means the
 * credentials are good right now.
 */
export const VERIFY_CREDENTIALS = op('query', 'RestVerifyCredentials', `query RestVerifyCredentials { __typename }`);

// ---- Self-Service contact identities (identity subgraph) ----------------------------------

const CONTACT_AUTH_FIELDS = `contactId ${TOKEN_FIELDS} isVerified authOtp obfuscatedValue consistencyToken ${USER_ERROR_FIELDS}`;
const DONE_FIELDS = `ok ${USER_ERROR_FIELDS}`;

export const REGISTER_CONTACT = op(
  'mutation',
  'RestRegisterContact',
  `mutation RestRegisterContact($input: RegisterContactInput!) { registerContact(input: $input) { ${CONTACT_AUTH_FIELDS} } }`,
);

export const AUTHENTICATE_CONTACT = op(
  'mutation',
  'RestAuthenticateContact',
  `mutation RestAuthenticateContact($input: AuthenticateContactInput!) { authenticateContact(input: $input) { ${CONTACT_AUTH_FIELDS} } }`,
);

export const AUTHENTICATE_CONTACT_EXTERNAL = op(
  'mutation',
  'RestAuthenticateContactExternal',
  `mutation RestAuthenticateContactExternal($input: AuthenticateContactExternalInput!) { authenticateContactExternal(input: $input) { ${CONTACT_AUTH_FIELDS} } }`,
);

export const OIDC_AUTHORIZATION_URL = op(
  'mutation',
  'RestOidcAuthorizationUrl',
  `mutation RestOidcAuthorizationUrl($type: String!, $redirectUrl: String!) { oidcAuthorizationUrl(type: $type, redirectUrl: $redirectUrl) { authorizationUrl ${USER_ERROR_FIELDS} } }`,
);

export const REQUEST_CONTACT_OTP = op(
  'mutation',
  'RestRequestContactOtp',
  `mutation RestRequestContactOtp($credential: OtpCredentialInput!) { requestContactOtp(credential: $credential) { ${CONTACT_AUTH_FIELDS} } }`,
);

export const VALIDATE_CONTACT_OTP = op(
  'mutation',
  'RestValidateContactOtp',
  `mutation RestValidateContactOtp($authOtp: ID!, $code: String!) { validateContactOtp(authOtp: $authOtp, code: $code) { ${CONTACT_AUTH_FIELDS} } }`,
);

export const REQUEST_CONTACT_PASSWORD_RESET = op(
  'mutation',
  'RestRequestContactPasswordReset',
  `mutation RestRequestContactPasswordReset($username: String!) { requestContactPasswordReset(username: $username) { ${DONE_FIELDS} } }`,
);

export const REQUEST_USER_PASSWORD_RESET = op(
  'mutation',
  'RestRequestUserPasswordReset',
  `mutation RestRequestUserPasswordReset($email: String!) { requestUserPasswordReset(email: $email) { ${DONE_FIELDS} } }`,
);

export const RESET_USER_PASSWORD = op(
  'mutation',
  'RestResetUserPassword',
  `mutation RestResetUserPassword($token: String!, $password: String!) { resetUserPassword(token: $token, password: $password) { ${DONE_FIELDS} } }`,
);

export const RESET_CONTACT_PASSWORD = op(
  'mutation',
  'RestResetContactPassword',
  `mutation RestResetContactPassword($token: String!, $password: String!) { resetContactPassword(token: $token, password: $password) { ${DONE_FIELDS} } }`,
);

export const CHANGE_CONTACT_PASSWORD = op(
  'mutation',
  'RestChangeContactPassword',
  `mutation RestChangeContactPassword($contactId: ID!, $password: String!, $currentPassword: String) {
  changeContactPassword(contactId: $contactId, password: $password, currentPassword: $currentPassword) { ${DONE_FIELDS} }
}`,
);

export const REQUEST_CONTACT_EMAIL_VERIFICATION = op(
  'mutation',
  'RestRequestContactEmailVerification',
  `mutation RestRequestContactEmailVerification($email: String!) { requestContactEmailVerification(email: $email) { ${DONE_FIELDS} } }`,
);

export const VERIFY_CONTACT_EMAIL = op(
  'mutation',
  'RestVerifyContactEmail',
  `mutation RestVerifyContactEmail($token: String!) { verifyContactEmail(token: $token) { ${DONE_FIELDS} } }`,
);

export const ADD_CONTACT_IDENTITY = op(
  'mutation',
  'RestAddContactIdentity',
  `mutation RestAddContactIdentity($contactId: ID!, $input: AddContactIdentityInput!) { addContactIdentity(contactId: $contactId, input: $input) { ${DONE_FIELDS} } }`,
);

export const CONTACT_IDENTITY_EXISTS = op(
  'query',
  'RestContactIdentityExists',
  `query RestContactIdentityExists($email: String, $phoneCountryCode: String, $phoneNumber: String) {
  contactIdentityExists(email: $email, phoneCountryCode: $phoneCountryCode, phoneNumber: $phoneNumber)
}`,
);

/** The few contact fields the auth responses carry (`contact{id, type, first_name, last_name, company_name}`). */
export const GET_CONTACT_SUMMARY = op(
  'query',
  'RestGetContactSummary',
  `query RestGetContactSummary($id: ID!) { contact(id: $id) { id type firstName lastName companyName } }`,
);

const USER_FIELDS = `id email firstName lastName status createdAt updatedAt roles { id name } teams { id name }`;

/** A page of back-office users; `next` (one user past the page) tells whether there is more. */
export const LIST_USERS = op(
  'query',
  'RestListUsers',
  `query RestListUsers($first: Int!, $offset: Int!, $nextOffset: Int!, $teamIds: [ID!], $roleIds: [ID!]) {
  users(first: $first, offset: $offset, teamIds: $teamIds, roleIds: $roleIds) { ${USER_FIELDS} }
  next: users(first: 1, offset: $nextOffset, teamIds: $teamIds, roleIds: $roleIds) { id }
}`,
);

export const GET_USER = op('query', 'RestGetUser', `query RestGetUser($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`);

export const LIST_ROLES = op('query', 'RestListRoles', `query RestListRoles { roles { id name permissions builtIn } }`);

// ---- back-office directory management (identity write + read) --------------------------------

export const CREATE_USER = op(
  'mutation',
  'RestCreateUser',
  `mutation RestCreateUser($input: CreateUserInput!) { createUser(input: $input) { user { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);
export const UPDATE_USER = op(
  'mutation',
  'RestUpdateUser',
  `mutation RestUpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { user { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);
export const DISABLE_USER = op('mutation', 'RestDisableUser', `mutation RestDisableUser($id: ID!) { disableUser(id: $id) { user { id } consistencyToken ${USER_ERROR_FIELDS} } }`);
export const CREATE_ROLE = op(
  'mutation',
  'RestCreateRole',
  `mutation RestCreateRole($input: CreateRoleInput!) { createRole(input: $input) { role { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);
export const UPDATE_ROLE = op(
  'mutation',
  'RestUpdateRole',
  `mutation RestUpdateRole($id: ID!, $input: UpdateRoleInput!) { updateRole(id: $id, input: $input) { role { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);
export const DELETE_ROLE = op('mutation', 'RestDeleteRole', `mutation RestDeleteRole($id: ID!) { deleteRole(id: $id) { id ${USER_ERROR_FIELDS} } }`);
export const LIST_TEAMS = op('query', 'RestListTeams', `query RestListTeams { teams { id name createdAt updatedAt } }`);
export const GET_TEAM = op('query', 'RestGetTeam', `query RestGetTeam($id: ID!) { team(id: $id) { id name createdAt updatedAt } }`);
export const CREATE_TEAM = op('mutation', 'RestCreateTeam', `mutation RestCreateTeam($input: TeamInput!) { createTeam(input: $input) { team { id } consistencyToken ${USER_ERROR_FIELDS} } }`);
export const UPDATE_TEAM = op(
  'mutation',
  'RestUpdateTeam',
  `mutation RestUpdateTeam($id: ID!, $input: TeamInput!) { updateTeam(id: $id, input: $input) { team { id } consistencyToken ${USER_ERROR_FIELDS} } }`,
);
export const DELETE_TEAM = op('mutation', 'RestDeleteTeam', `mutation RestDeleteTeam($id: ID!) { deleteTeam(id: $id) { id ${USER_ERROR_FIELDS} } }`);
export const LIST_API_KEYS = op(
  'query',
  'RestListApiKeys',
  `query RestListApiKeys { apiKeys { id applicationId kind env name masked roleId createdAt expiresAt revoked } }`,
);
export const CREATE_API_KEY = op(
  'mutation',
  'RestCreateApiKey',
  `mutation RestCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { id key masked ${USER_ERROR_FIELDS} } }`,
);
export const ROTATE_API_KEY = op(
  'mutation',
  'RestRotateApiKey',
  `mutation RestRotateApiKey($id: ID!, $oldKeyExpiresAt: DateTimeISO!) { rotateApiKey(id: $id, oldKeyExpiresAt: $oldKeyExpiresAt) { id key masked ${USER_ERROR_FIELDS} } }`,
);
export const REVOKE_API_KEY = op('mutation', 'RestRevokeApiKey', `mutation RestRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { revoked ${USER_ERROR_FIELDS} } }`);
export const LIST_ORGANISATIONS = op('query', 'RestListOrganisations', `query RestListOrganisations { organisations { id parentId type name createdAt } }`);

export const ALL_OPERATIONS: readonly Operation[] = [
  CREATE_USER,
  UPDATE_USER,
  DISABLE_USER,
  CREATE_ROLE,
  UPDATE_ROLE,
  DELETE_ROLE,
  LIST_TEAMS,
  GET_TEAM,
  CREATE_TEAM,
  UPDATE_TEAM,
  DELETE_TEAM,
  LIST_API_KEYS,
  CREATE_API_KEY,
  ROTATE_API_KEY,
  REVOKE_API_KEY,
  LIST_ORGANISATIONS,
  LIST_USERS,
  GET_USER,
  LIST_ROLES,
  GET_CONTACT,
  LIST_CONTACTS,
  LIST_CONTACT_ADDRESSES,
  CREATE_CONTACT,
  UPDATE_CONTACT,
  SET_CONTACT_TAGS,
  UNREGISTER_CONTACT,
  ADD_CONTACT_ADDRESS,
  UPDATE_CONTACT_ADDRESS,
  REMOVE_CONTACT_ADDRESS,
  AUTHENTICATE_USER,
  REFRESH_SESSION,
  SIGN_OUT,
  SWITCH_ORGANISATION,
  VERIFY_CREDENTIALS,
  REGISTER_CONTACT,
  AUTHENTICATE_CONTACT,
  AUTHENTICATE_CONTACT_EXTERNAL,
  OIDC_AUTHORIZATION_URL,
  REQUEST_CONTACT_OTP,
  VALIDATE_CONTACT_OTP,
  REQUEST_CONTACT_PASSWORD_RESET,
  RESET_CONTACT_PASSWORD,
  REQUEST_USER_PASSWORD_RESET,
  RESET_USER_PASSWORD,
  CHANGE_CONTACT_PASSWORD,
  REQUEST_CONTACT_EMAIL_VERIFICATION,
  VERIFY_CONTACT_EMAIL,
  ADD_CONTACT_IDENTITY,
  CONTACT_IDENTITY_EXISTS,
  GET_CONTACT_SUMMARY,
];

/** The shapes the operations above select (GraphQL names, nullable as in the schema). */
export interface GqlPhone {
  id: string;
  type: string;
  countryCode: string;
  number: string;
  isPrimary: boolean;
}

export interface GqlAddress {
  id: string;
  type: string;
  name: string | null;
  isPrimary: boolean;
  isBilling: boolean;
  addressLine1: string;
  addressLine2: string | null;
  stateProvinceCounty: string | null;
  townCity: string | null;
  postalCode: string | null;
  countryCode: string | null;
  lat: number | null;
  lon: number | null;
  googlePlaceId: string | null;
}

export interface GqlIdDocument {
  number: string;
  issuingCountryCode: string;
  expirationDate: number;
}

export interface GqlDemographics {
  gender: string | null;
  dateOfBirth: { year: number; month: number; day: number } | null;
  nameDay: { month: number; day: number } | null;
  passport: GqlIdDocument | null;
  idDetails: GqlIdDocument | null;
  statutoryNumber: string | null;
}

export interface GqlCompanyProfile {
  registrationNumber: string | null;
  registrationCountry: string | null;
  taxReferenceNumber: string | null;
  vatRegistrationNumber: string | null;
  industryId: string | null;
  subIndustryIds: string[];
}

export interface GqlContact {
  id: string;
  code: string;
  type: string;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  companyName: string | null;
  displayName: string;
  companyProfile: GqlCompanyProfile | null;
  email: string | null;
  phones: GqlPhone[];
  addresses: GqlAddress[];
  demographics: GqlDemographics | null;
  languageCode: string | null;
  smsOptOut: boolean;
  emailOptOut: boolean;
  countryOfAgreement: string | null;
  referralCode: string;
  customFields: { key: string; value: string }[];
  tags: string[];
  version: number;
  /** DateTimeISO scalar: an ISO-8601 string. */
  createdAt: string;
  updatedAt: string;
}

export interface GqlUserError {
  code: string;
  reason: string | null;
  field: string | null;
  message: string;
}

export interface GqlContactPayload {
  contact: { id: string } | null;
  address?: { id: string } | null;
  consistencyToken: string | null;
  errors: GqlUserError[];
}

export interface GqlUnregisterPayload {
  id: string | null;
  consistencyToken: string | null;
  errors: GqlUserError[];
}

export interface GqlContactConnection {
  nodes: GqlContact[];
  pageInfo: { hasNextPage: boolean };
  totalCount: number | null;
}

/** SessionTokens of the identity subgraph. */
export interface GqlSessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Access token expiry, epoch seconds. */
  expiresAt: number;
  sessionId: string;
}

export interface GqlAuthPayload {
  tokens: GqlSessionTokens | null;
  errors: GqlUserError[];
}

export interface GqlSignOutPayload {
  signedOut: boolean;
  errors: GqlUserError[];
}

/** ContactAuthPayload of the identity subgraph. */
export interface GqlContactAuthPayload {
  contactId: string | null;
  tokens: GqlSessionTokens | null;
  isVerified: boolean;
  authOtp: string | null;
  obfuscatedValue: string | null;
  consistencyToken: string | null;
  errors: GqlUserError[];
}

export interface GqlOidcAuthorizationPayload {
  authorizationUrl: string | null;
  errors: GqlUserError[];
}

export interface GqlDonePayload {
  ok: boolean;
  errors: GqlUserError[];
}

export interface GqlContactSummary {
  id: string;
  type: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
}

export interface GqlRoleRef {
  id: string;
  name: string;
}

export interface GqlUser {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
  roles: GqlRoleRef[];
  teams: GqlRoleRef[];
}

export interface GqlTeam {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface GqlApiKey {
  id: string;
  applicationId: string;
  kind: string;
  env: string;
  name: string;
  masked: string;
  roleId: string | null;
  createdAt: string;
  expiresAt: string | null;
  revoked: boolean;
}

export interface GqlIssuedKey {
  id: string | null;
  key: string | null;
  masked: string | null;
  errors: GqlUserError[];
}

export interface GqlOrganisation {
  id: string;
  parentId: string | null;
  type: string;
  name: string;
  createdAt: string;
}

export interface GqlRole {
  id: string;
  name: string;
  permissions: string[];
  builtIn: boolean;
}
