import type { Condition, Operator } from './automation';

/** One condition as a dry run shows it: what it compared, and whether it passed. */
export interface ConditionResult {
  field: string;
  operator: Operator;
  value: Condition['value'];
  /** The value found at `field` (null when there is none). */
  actual: unknown;
  passed: boolean;
}

/**
 * The value at a dot path of the event's data (`contactType`, `address.city`, `tags.0`); undefined
 * when any step is missing. Own properties only.
 */
export function valueAt(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, step)) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

const DECIMAL = /^-?\d{1,30}(\.\d{1,18})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A decimal as a scaled bigint (18 fraction digits): money compares exactly, never through floats. */
function scaled(v: unknown): bigint | null {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? numberText(v) : null) : typeof v === 'string' ? v.trim() : null;
  if (text === null || !DECIMAL.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const magnitude = BigInt(whole!) * 10n ** 18n + BigInt(fraction.padEnd(18, '0'));
  return negative ? -magnitude : magnitude;
}

/** A JS number's plain decimal text (no exponent) for the numbers a JSON body carries. */
function numberText(n: number): string | null {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return Number.isInteger(n) ? BigInt(n).toString() : null;
}

/** Order of two values: decimals (numbers or decimal strings) exactly, else ISO dates; null when not comparable. */
export function compare(actual: unknown, value: unknown): number | null {
  const a = scaled(actual);
  const b = scaled(value);
  if (a !== null && b !== null) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof actual === 'string' && typeof value === 'string' && ISO_DATE.test(actual) && ISO_DATE.test(value)) {
    const x = Date.parse(actual);
    const y = Date.parse(value);
    if (Number.isNaN(x) || Number.isNaN(y)) return null;
    return Math.sign(x - y);
  }
  return null;
}

/** Equality as a tenant means it: same scalar, or the same decimal written differently (`10` and `"10.00"`). */
export function equals(actual: unknown, value: unknown): boolean {
  if (actual === value) return true;
  if (actual === undefined) return value === null;
  const a = scaled(actual);
  const b = scaled(value);
  return a !== null && b !== null && a === b;
}

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

function passes(operator: Operator, actual: unknown, value: Condition['value']): boolean {
  switch (operator) {
    case 'EQUALS':
      return equals(actual, value);
    case 'NOT_EQUALS':
      return !equals(actual, value);
    case 'CONTAINS': {
      if (Array.isArray(actual)) return actual.some((item) => equals(item, value));
      const a = text(actual);
      const v = text(value);
      return a !== null && v !== null && a.includes(v);
    }
    case 'STARTS_WITH':
    case 'ENDS_WITH': {
      const a = text(actual);
      const v = text(value);
      if (a === null || v === null) return false;
      return operator === 'STARTS_WITH' ? a.startsWith(v) : a.endsWith(v);
    }
    case 'GT':
    case 'GTE':
    case 'LT':
    case 'LTE': {
      const order = compare(actual, value);
      if (order === null) return false;
      return operator === 'GT' ? order > 0 : operator === 'GTE' ? order >= 0 : operator === 'LT' ? order < 0 : order <= 0;
    }
    case 'IN':
      return Array.isArray(value) && value.some((item) => equals(actual, item));
  }
}

/** Evaluates one condition against an event's data (pure). */
export function evaluateCondition(condition: Condition, data: unknown): ConditionResult {
  const actual = valueAt(data, condition.field);
  return {
    field: condition.field,
    operator: condition.operator,
    value: condition.value,
    actual: actual === undefined ? null : actual,
    passed: passes(condition.operator, actual, condition.value),
  };
}

/** Every condition evaluated (none short-circuits, so a dry run shows them all); matched when all pass. */
export function evaluateConditions(conditions: readonly Condition[], data: unknown): { matched: boolean; conditions: ConditionResult[] } {
  const results = conditions.map((c) => evaluateCondition(c, data));
  return { matched: results.every((r) => r.passed), conditions: results };
}
