import { invalid } from '../../kit/errors';

/** A comma-separated list of allowed values (400 naming the parameter otherwise). */
export function listOf(name: string, raw: string | undefined, allowed: readonly string[]): string[] | null {
  if (raw === undefined || raw.trim() === '') return null;
  const values = raw.split(',').map((v) => v.trim().toUpperCase());
  for (const v of values) if (!allowed.includes(v)) throw invalid(name, `must be ${allowed.join(', ')} (comma-separated)`, 'INVALID_ENUM');
  return values;
}

export function orderOf(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  if (raw !== 'ASC' && raw !== 'DESC') throw invalid('order', 'must be ASC or DESC', 'INVALID_ENUM');
  return raw === 'ASC';
}

export function sortOf(raw: string | undefined): void {
  if (raw !== undefined && raw !== 'CREATED_DATE') throw invalid('sort', 'only CREATED_DATE', 'INVALID_ENUM');
}
