import { z } from 'zod';
import { AppError } from '@crm/platform/errors';

/** Body validation for every route: a zod allowlist schema, the first problem as a 400 naming the REST field. */

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** The first zod issue as a 400 AppError naming the REST field. */
export function issueToAppError(issue: z.core.$ZodIssue): AppError {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const field = pathOf([...issue.path, key]);
    return new AppError('VALIDATION', `${field}: is not a known field`, { field, reason: 'UNKNOWN_FIELD' });
  }
  const field = pathOf(issue.path) || 'body';
  let message = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && / received undefined$/.test(message)) message = 'is required';
  return new AppError('VALIDATION', `${field}: ${message}`, { field, reason: message === 'is required' ? 'REQUIRED' : 'INVALID_VALUE' });
}

/** Validates a parsed JSON body against an allowlist schema; throws a 400 naming the first bad field. */
export function validateBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw first ? issueToAppError(first) : new AppError('VALIDATION', 'the request body is invalid', { reason: 'INVALID_VALUE' });
}

const GUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;
/** A GUID, dashed or not; normalised to the lower-case dashed form the write side expects. */
export const guid = z
  .string()
  .regex(GUID, { error: 'must be a GUID' })
  .transform((s) => {
    const h = s.replace(/-/g, '').toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  });
