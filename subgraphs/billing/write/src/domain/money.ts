import { AppError } from '@crm/platform/errors';

/** Minor-unit digits of the currencies we meet (ISO 4217); others have 2. */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, VND: 0, BHD: 3, JOD: 3, KWD: 3, OMR: 3, TND: 3 };

export const exponentOf = (currency: string): number => EXPONENTS[currency] ?? 2;

/** A positive decimal string ("12.5") as exact minor units of the currency (bigint); too many decimals or ≤ 0 → 400 naming the field. */
export function toMinor(amount: string, currency: string, field = 'amount'): bigint {
  if (!/^[A-Z]{3}$/.test(currency)) throw AppError.validation('currency', 'must be an ISO 4217 code', 'INVALID_VALUE');
  const m = /^(\d{1,15})(?:\.(\d+))?$/.exec(amount);
  if (!m) throw AppError.validation(field, 'must be a positive decimal number', 'INVALID_AMOUNT');
  const exp = exponentOf(currency);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > exp) throw AppError.validation(field, `has more than ${exp} decimals for ${currency}`, 'INVALID_AMOUNT');
  const minor = BigInt(m[1]!) * 10n ** BigInt(exp) + BigInt(frac.padEnd(exp, '0') || '0');
  if (minor <= 0n) throw AppError.validation(field, 'must be greater than zero', 'INVALID_AMOUNT');
  return minor;
}

/** Minor units back to the canonical decimal string of the currency ("12.50"). */
export function fromMinor(minor: bigint, currency: string): string {
  const exp = exponentOf(currency);
  if (exp === 0) return minor.toString();
  const text = minor.toString().padStart(exp + 1, '0');
  return `${text.slice(0, -exp)}.${text.slice(-exp)}`;
}
