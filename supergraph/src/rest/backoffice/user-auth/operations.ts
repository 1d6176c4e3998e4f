import { op, DONE_FIELDS, USER_ERROR_FIELDS } from '../../kit/operation';
import { TOKEN_FIELDS } from '../../domains/identity/operations';

export const AUTHENTICATE_USER = op(
  'mutation',
  'RestAuthenticateUser',
  `mutation RestAuthenticateUser($input: AuthenticateUserInput!) { authenticateUser(input: $input) { ${TOKEN_FIELDS} ${USER_ERROR_FIELDS} } }`,
);

export const SWITCH_ORGANISATION = op(
  'mutation',
  'RestSwitchOrganisation',
  `mutation RestSwitchOrganisation($organisationId: ID!) { switchOrganisation(organisationId: $organisationId) { ${TOKEN_FIELDS} ${USER_ERROR_FIELDS} } }`,
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
