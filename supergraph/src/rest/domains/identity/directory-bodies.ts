import { z } from 'zod';
import { guid } from '../../kit/body';
import { MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH } from './session';

/**
 * Request bodies of the back-office directory routes (users, user roles, teams, API keys;
 * NOTES §3.2, §6). Strict: an unknown field (tenant, status, permissions of a user, version,
 * ids…) is a 400 naming it, so nothing can be mass-assigned. Domain rules (password policy,
 * grantable roles, unique names) are the identity service's; these are shape guards.
 */

const MAX_IDS = 50;
const MAX_NAME = 100;

const ids = (what: string) =>
  z
    .array(guid)
    .max(MAX_IDS, { error: `at most ${MAX_IDS} ${what}` })
    .describe(`GUIDs of ${what} of the business (at most ${MAX_IDS}).`);

const personName = z
  .string()
  .max(MAX_NAME, { error: `must be at most ${MAX_NAME} characters` })
  .nullable();

const displayName = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(MAX_NAME, { error: `must be at most ${MAX_NAME} characters` });

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

export const createRoleBody = z.strictObject({
  name: displayName.describe('Unique in the business (case-insensitive).'),
  permissions: z.array(z.string().max(100)).max(200, { error: 'at most 200 permissions' }).describe('Catalogued permissions, e.g. contacts.read.'),
});

export const updateRoleBody = z.strictObject({
  name: displayName.optional(),
  permissions: z.array(z.string().max(100)).max(200, { error: 'at most 200 permissions' }).optional().describe('Replaces the permissions.'),
});

export const teamBody = z.strictObject({ name: displayName.describe('Unique in the business (case-insensitive).') });

const futureEpoch = z
  .int({ error: 'must be epoch seconds' })
  .min(0, { error: 'must be epoch seconds' })
  .max(32_503_680_000, { error: 'must be before the year 3000' });

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
