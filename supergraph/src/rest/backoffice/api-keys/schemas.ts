import { z } from 'zod';
import { epoch } from '../../kit/response-schemas';

/** An API key as listed: masked, never the key itself (`GET /backoffice/v2/api_keys`). */
export const apiKeyResponse = z.strictObject({
  id: z.string(),
  application_id: z.string(),
  type: z.enum(['PUBLIC', 'SECRET']),
  mode: z.enum(['LIVE', 'TEST']),
  name: z.string(),
  masked_key: z.string().describe('The prefix, a mask and the last four characters'),
  role_id: z.string().optional().describe('Secret keys: the role whose permissions the key acts with'),
  created_date: epoch,
  expiration_date: epoch.optional().describe('When the key stops working (a rotated key, or one created with an expiry)'),
  is_revoked: z.boolean(),
});

export const apiKeyListResponse = z.strictObject({ content: z.array(apiKeyResponse) });

/** A new secret key (create, rotate): the only time the key is shown. */
export const issuedApiKeyResponse = z.strictObject({
  id: z.string(),
  key: z.string().describe('The secret key (crm_sk_…): store it now, it is never shown again'),
  masked_key: z.string(),
});
