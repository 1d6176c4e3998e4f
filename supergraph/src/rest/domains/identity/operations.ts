/** Identity session documents shared by the back-office user and self-service contact auth resources. */
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';

export const TOKEN_FIELDS = `tokens { accessToken refreshToken expiresAt sessionId }`;

export const REFRESH_SESSION = op(
  'mutation',
  'RestRefreshSession',
  `mutation RestRefreshSession($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${TOKEN_FIELDS} ${USER_ERROR_FIELDS} } }`,
);

export const SIGN_OUT = op('mutation', 'RestSignOut', `mutation RestSignOut { signOut { signedOut ${USER_ERROR_FIELDS} } }`);

/**
 * Touches no subgraph: the gateway authenticates the call's credentials (token signature,
 * audience, revocation, tenant of the api_key) before executing anything, so a success means the
 * credentials are good right now.
 */
export const VERIFY_CREDENTIALS = op('query', 'RestVerifyCredentials', `query RestVerifyCredentials { __typename }`);

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
