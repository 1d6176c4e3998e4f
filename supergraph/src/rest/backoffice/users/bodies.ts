import { z } from 'zod';
import { ids, personName } from '../../domains/identity/directory-bodies';
import { MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH } from '../../domains/identity/session';

/** POST and PUT /backoffice/v2/users (strict: tenant, status and permissions are never fields). */
export const createUserBody = z.strictObject({
  email: z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(MAX_USERNAME_LENGTH, { error: `must be at most ${MAX_USERNAME_LENGTH} characters` }),
  password: z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(MAX_PASSWORD_LENGTH, { error: `must be at most ${MAX_PASSWORD_LENGTH} characters` })
    .describe('At least 10 characters, not a common password.'),
  first_name: personName.optional(),
  last_name: personName.optional(),
  user_roles: ids('user roles').describe('The roles of the user; you can only grant permissions you hold, and only an owner grants the owner role.'),
  teams: ids('teams').optional(),
});

export const updateUserBody = z.strictObject({
  first_name: personName.optional().describe('Null clears it; omitted leaves it.'),
  last_name: personName.optional().describe('Null clears it; omitted leaves it.'),
  user_roles: ids('user roles').optional().describe('Replaces the roles.'),
  teams: ids('teams').optional().describe('Replaces the teams.'),
});
