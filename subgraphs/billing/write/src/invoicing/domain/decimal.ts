import { AppError } from '@crm/platform/errors';
import { exponentOf } from '../../domain/money';

/**
 * Exact money for invoicing: amounts are bigint minor units of their currency; prices and rates are
 * decimal strings read as exact fractions (never floats). Rounding is half away from zero, once per
 * line, to the currency's minor unit.
 */
export interface Fraction {
  num: bigint;
  den: bigint;
}

/** A non-negative decimal string ("12.345", "19") as an exact fraction; bad text → 400 naming the field. */
export function fractionOf(text: string, field: string): Fraction {
  const m = /^(\d{1,15})(?:\.(\d{1,12}))?$/.exec(text);
  if (!m) throw AppError.validation(field, 'must be a non-negative decimal number', 'INVALID_AMOUNT');
  const frac = m[2] ?? '';
  return { num: BigInt(m[1]! + frac), den: 10n ** BigInt(frac.length) };
}

/** num/den rounded half away from zero to an integer. */
export function roundDiv(num: bigint, den: bigint): bigint {
  if (den < 0n) return roundDiv(-num, -den);
  const negative = num < 0n;
  const a = negative ? -num : num;
  const q = (a * 2n + den) / (2n * den);
  return negative ? -q : q;
}

/** A price (decimal string) times quantity × share (days / period days), in minor units of the currency, rounded once. */
export function minorOf(price: string, currency: string, multiplier: Fraction, field = 'price'): bigint {
  const p = fractionOf(price, field);
  const scale = 10n ** BigInt(exponentOf(currency));
  return roundDiv(p.num * multiplier.num * scale, p.den * multiplier.den);
}

/** Minor units as the currency's canonical signed decimal string ("-12.50"). */
export function decimalOf(minor: bigint, currency: string): string {
  const exp = exponentOf(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString();
  if (exp === 0) return (negative ? '-' : '') + digits;
  const text = digits.padStart(exp + 1, '0');
  return `${negative ? '-' : ''}${text.slice(0, -exp)}.${text.slice(-exp)}`;
}

/** A canonical signed decimal string back to minor units (trusted input: what `decimalOf` wrote). */
export function minorFromDecimal(text: string, currency: string): bigint {
  const exp = exponentOf(currency);
  const negative = text.startsWith('-');
  const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const minor = BigInt(int!) * 10n ** BigInt(exp) + BigInt(frac.padEnd(exp, '0').slice(0, exp) || '0');
  return negative ? -minor : minor;
}

export interface TaxSplit {
  net: bigint;
  tax: bigint;
  gross: bigint;
}

/**
 * Splits a line amount into net, tax and gross at `rate` percent (exact fraction). TAX_INCLUSIVE: the
 * amount is the gross, net = gross / (1 + rate) rounded, tax = gross - net. TAX_EXCLUSIVE: the amount
 * is the net, tax = net × rate rounded, gross = net + tax.
 */
export function splitTax(amount: bigint, model: 'TAX_INCLUSIVE' | 'TAX_EXCLUSIVE', rate: Fraction): TaxSplit {
  if (model === 'TAX_INCLUSIVE') {
    const net = roundDiv(amount * 100n * rate.den, 100n * rate.den + rate.num);
    return { net, tax: amount - net, gross: amount };
  }
  const tax = roundDiv(amount * rate.num, 100n * rate.den);
  return { net: amount, tax, gross: amount + tax };
}
