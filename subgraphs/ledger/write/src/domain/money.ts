import { AppError } from '@crm/platform/errors';
import { currencyExponent } from '@crm/event-bus/contracts/ledger';

export { formatMinor } from '@crm/event-bus/contracts/ledger';

/** The currency's ISO-4217 exponent; a code that is not a currency is refused, naming `field`. */
export function exponentOf(currency: string, field = 'currency'): number {
  const exponent = currencyExponent(currency);
  if (exponent === null) throw AppError.validation(field, 'must be an ISO-4217 currency code', 'INVALID_CURRENCY');
  return exponent;
}

const DECIMAL = /^(\d{1,19})(?:\.(\d+))?$/;

/** The largest amount one command moves (keeps every balance inside a signed 64-bit integer). */
export const MAX_MINOR = 10n ** 15n;

/**
 * A positive decimal amount ("12.50") → exact minor units (1250n) in the currency's exponent.
 * Refuses (naming `field`): not a plain decimal, zero or less, more decimals than the currency has.
 */
export function parseAmount(amount: string, currency: string, field = 'amount'): bigint {
  const exponent = exponentOf(currency, 'currency');
  const m = DECIMAL.exec(amount.trim());
  if (!m) throw AppError.validation(field, 'must be a positive decimal amount such as 12.50', 'INVALID_AMOUNT');
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) throw AppError.validation(field, `has more than ${exponent} decimals for ${currency}`, 'TOO_MANY_DECIMALS');
  const minor = BigInt(m[1]!) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  if (minor <= 0n) throw AppError.validation(field, 'must be greater than zero', 'AMOUNT_NOT_POSITIVE');
  if (minor > MAX_MINOR) throw AppError.validation(field, 'is too large', 'AMOUNT_TOO_LARGE');
  return minor;
}
