import { sqlStateOf, UNIQUE_VIOLATION } from '@crm/platform/db';
import type { AppError } from '@crm/platform/errors';

/**
 * Two concurrent creates/renames to one name pass the "name free" check together; the unique
 * index decides, and the loser gets the same CONFLICT the check would have given.
 */
export async function nameRace<T>(run: () => Promise<T>, conflict: () => AppError): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (sqlStateOf(err) === UNIQUE_VIOLATION) throw conflict();
    throw err;
  }
}
