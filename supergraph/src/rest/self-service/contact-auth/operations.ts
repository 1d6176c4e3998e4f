import { op, DONE_FIELDS, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { TOKEN_FIELDS, type GqlSessionTokens } from '../../domains/identity/operations';

const CONTACT_AUTH_FIELDS = `contactId ${TOKEN_FIELDS} isVerified authOtp obfuscatedValue consistencyToken ${USER_ERROR_FIELDS}`;

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

export interface GqlContactSummary {
  id: string;
  type: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
}
