import { z } from 'zod';
import { guid } from '../../kit/body';
import { displayName, futureEpoch } from '../../domains/identity/directory-bodies';

/** POST /backoffice/v2/api_keys and POST …/{id}/rotate. */
export const createApiKeyBody = z.strictObject({
  application_id: guid.describe('The application the key belongs to.'),
  name: displayName,
  role_id: guid.describe('The role whose permissions the key acts with.'),
  mode: z
    .string()
    .max(10)
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.enum(['LIVE', 'TEST'], { error: 'must be LIVE or TEST' }))
    .optional()
    .describe('LIVE (default) or TEST, any case.'),
  expiration_date: futureEpoch.nullable().optional().describe('Epoch seconds; none means the key does not expire.'),
});

export const rotateApiKeyBody = z.strictObject({
  old_key_expiration_date: futureEpoch.describe('Epoch seconds: the old key keeps working until then (now or later, at most 30 days ahead).'),
});
