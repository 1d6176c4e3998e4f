import { z } from 'zod';
import { guid } from '../../kit/body';

/**
 * Shape guards the back-office directory routes' request bodies share (users, user roles, teams, API keys;
 * NOTES §3.2, §6). Strict: an unknown field (tenant, status, permissions of a user, version,
 * ids…) is a 400 naming it, so nothing can be mass-assigned. Domain rules (password policy,
 * grantable roles, unique names) are the identity service's; these are shape guards.
 */

const MAX_IDS = 50;
const MAX_NAME = 100;

export const ids = (what: string) =>
  z
    .array(guid)
    .max(MAX_IDS, { error: `at most ${MAX_IDS} ${what}` })
    .describe(`GUIDs of ${what} of the business (at most ${MAX_IDS}).`);

export const personName = z
  .string()
  .max(MAX_NAME, { error: `must be at most ${MAX_NAME} characters` })
  .nullable();

export const displayName = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(MAX_NAME, { error: `must be at most ${MAX_NAME} characters` });

export const futureEpoch = z
  .int({ error: 'must be epoch seconds' })
  .min(0, { error: 'must be epoch seconds' })
  .max(32_503_680_000, { error: 'must be before the year 3000' });
