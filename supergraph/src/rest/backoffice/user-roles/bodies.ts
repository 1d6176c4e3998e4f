import { z } from 'zod';
import { displayName } from '../../domains/identity/directory-bodies';

/** POST and PUT /backoffice/v2/user_roles. */
export const createRoleBody = z.strictObject({
  name: displayName.describe('Unique in the business (case-insensitive).'),
  permissions: z.array(z.string().max(100)).max(200, { error: 'at most 200 permissions' }).describe('Catalogued permissions, e.g. contacts.read.'),
});

export const updateRoleBody = z.strictObject({
  name: displayName.optional(),
  permissions: z.array(z.string().max(100)).max(200, { error: 'at most 200 permissions' }).optional().describe('Replaces the permissions.'),
});
