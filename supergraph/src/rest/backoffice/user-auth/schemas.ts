import { z } from 'zod';
import { epoch } from '../../kit/response-schemas';

/**
 * The token payload of POST /backoffice/v2/users/authenticate, /users/refresh and
 * /organisations/switch/{id} (NOTES §1.3: `{access_token, refresh_token, expiration_date, mode,
 * lockout_date, password_expired}`). `lockout_date` is omitted: a locked-out user gets 429, never
 * tokens. `mode` is omitted when the call carried no api_key to tell it.
 */
export const authTokensResponse = z.strictObject({
  access_token: z.string().describe('The access token (JWT): send it as `authorization: Bearer <access_token>`. Its `sub` claim is the user id.'),
  refresh_token: z
    .string()
    .describe(
      'Send it to POST /backoffice/v2/users/refresh; it can be used once (a repeat within the reuse grace window, 10 s by default, returns the same new pair).',
    ),
  expiration_date: epoch.describe('When the access token expires (epoch seconds)'),
  mode: z.enum(['LIVE', 'TEST']).optional().describe('LIVE or TEST, from the api_key of the call'),
  password_expired: z.boolean().describe('Always false: passwords do not expire'),
});
