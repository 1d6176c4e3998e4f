import { AppError } from '@crm/platform/errors';

const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };

/** The currency's ISO-4217 exponent (2 unless listed). */
export const exponentOf = (currency: string): number => EXPONENTS[currency] ?? 2;

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,6}))?$/;

/** A decimal string (major units) as bigint minor units; more decimals than the currency has is refused, naming the field. */
export function toMinor(value: string, currency: string, field: string): bigint {
  const m = DECIMAL.exec(value);
  if (!m) throw AppError.validation(field, 'must be a non-negative decimal amount', 'INVALID_VALUE');
  const exp = exponentOf(currency);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > exp) throw AppError.validation(field, `must have at most ${exp} decimals in ${currency}`, 'INVALID_VALUE');
  return BigInt(m[1]!) * 10n ** BigInt(exp) + (exp > 0 ? BigInt(frac.padEnd(exp, '0')) : 0n);
}

/** Minor units as a decimal string in the currency's exponent ("12.50"). */
export function fromMinor(minor: bigint, currency: string): string {
  const exp = exponentOf(currency);
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  if (exp === 0) return `${neg ? '-' : ''}${abs}`;
  const s = abs.toString().padStart(exp + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -exp)}.${s.slice(-exp)}`;
}

/** Parses without validation errors (values already validated by a contract); unparsable → 0. */
export function minorOf(value: string | null | undefined, currency: string): bigint {
  if (!value) return 0n;
  try {
    return toMinor(value, currency, 'amount');
  } catch {
    return 0n;
  }
}
