import { AppError } from '@crm/platform/errors';

/**
 * Exact money for orders: decimal strings on the wire, bigint micro-units (10^-6) inside, rounded
 * half-up to the currency's ISO-4217 exponent for what is charged. Never a float.
 */
export const MICRO = 1_000_000n;

const THREE = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const ZERO = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);

/** The currency's number of fraction digits (2 unless ISO-4217 says otherwise). */
export function exponentOf(currency: string): number {
  return ZERO.has(currency) ? 0 : THREE.has(currency) ? 3 : 2;
}

/** "12.5" → 12_500_000n. Throws on anything but a non-negative decimal with at most 6 fraction digits. */
export function toMicro(value: string): bigint {
  const m = /^(\d{1,15})(?:\.(\d{1,6}))?$/.exec(value);
  if (!m) throw new Error(`not a decimal amount: ${value}`);
  return BigInt(m[1]!) * MICRO + BigInt((m[2] ?? '').padEnd(6, '0'));
}

/** Rounds micro-units half-up to the currency's exponent (still in micro-units). */
export function roundToCurrency(micro: bigint, currency: string): bigint {
  const step = 10n ** BigInt(6 - exponentOf(currency));
  return ((micro + step / 2n) / step) * step;
}

/** Micro-units → the decimal string in the currency's exponent ("12.50"); rounds half-up. */
export function formatMoney(micro: bigint, currency: string): string {
  const e = exponentOf(currency);
  const rounded = roundToCurrency(micro, currency);
  const whole = rounded / MICRO;
  if (e === 0) return whole.toString();
  const fraction = ((rounded % MICRO) / 10n ** BigInt(6 - e)).toString().padStart(e, '0');
  return `${whole}.${fraction}`;
}

/** The smaller of two amounts. */
export const minOf = (a: bigint, b: bigint) => (a < b ? a : b);

/** An amount a client sends for the currency: at most its exponent's fraction digits (400 naming the field otherwise), in micro-units. */
export function exactAmount(field: string, value: string, currency: string): bigint {
  const micro = toMicro(value);
  if (roundToCurrency(micro, currency) !== micro)
    throw AppError.validation(field, `must have at most ${exponentOf(currency)} decimal places in ${currency}`, 'INVALID_VALUE');
  return micro;
}
