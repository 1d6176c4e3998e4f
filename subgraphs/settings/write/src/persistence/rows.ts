/** The unique constraint a database error names (PostgreSQL and PGlite put it in different places). */
export function constraintOf(err: unknown): string | undefined {
  const e = err as { constraint?: unknown; driverError?: { constraint?: unknown } } | null;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return typeof name === 'string' ? name : undefined;
}

/** A jsonb column's value (drivers hand it back parsed or as text). */
export const jsonOf = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
