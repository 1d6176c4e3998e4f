import { z } from 'zod';
import { displayName } from '../../domains/identity/directory-bodies';

/** POST and PUT /backoffice/v2/teams. */
export const teamBody = z.strictObject({ name: displayName.describe('Unique in the business (case-insensitive).') });
