import { z } from 'zod';

/** A role as the back-office user reads return it (`GET /backoffice/v2/user_roles`). */
export const userRoleResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  permissions: z.array(z.string()).describe('The catalogued permissions the role grants'),
  is_built_in: z.boolean().describe('Built-in roles come with the tenant and cannot be changed or deleted'),
});

export const userRoleListResponse = z.strictObject({ content: z.array(userRoleResponse) });
