import { AppError } from '@crm/platform/errors';
import type { Change } from '@crm/event-bus/kit';
import { domainEvents } from '@crm/event-bus/contracts/catalogue';

const schemas = new Map<string, (typeof domainEvents)[number]['data']>(domainEvents.map((c) => [c.type, c.data]));
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** Events wrapping one entity (`{price}`, `{component}`) name its fields without the wrapper. */
const WRAPPERS = new Set(['price', 'component']);

/**
 * Refuses changes whose data falls outside their event contract (lengths, list sizes, formats the
 * deciders do not check one by one) with a VALIDATION error naming the field, before anything is
 * written: bad input is a 4xx, never a poison event.
 */
export function withinContract<C extends Change>(changes: C[]): C[] {
  for (const change of changes) {
    const result = schemas.get(change.type)?.safeParse(change.data);
    if (!result || result.success) continue;
    const issue = result.error.issues[0]!;
    const path = issue.path.map(String);
    if (path.length > 1 && WRAPPERS.has(path[0]!) && Object.keys(change.data as object).length === 1) path.shift();
    const field = path.map(snake).join('.') || 'input';
    throw AppError.validation(field, issue.message, 'INVALID_VALUE');
  }
  return changes;
}
