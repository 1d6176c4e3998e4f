import { AppError } from '@crm/platform/errors';
import type { Account } from './book';
import { exponentOf, parseAmount } from './money';

/** The amount of a command on `account`, exact; refuses a currency the account does not hold (naming `currency`). */
export function amountFor(account: Account, amount: string, currency: string): bigint {
  exponentOf(currency, 'currency');
  if (currency !== account.currency)
    throw new AppError('VALIDATION', `currency: the account holds ${account.currency}, not ${currency}`, {
      field: 'currency',
      reason: 'CURRENCY_MISMATCH',
    });
  return parseAmount(amount, currency, 'amount');
}

/** A tenant system account (the other side of credits and debits), refused otherwise. */
export function systemAccount(account: Account, field: string): Account {
  if (account.kind !== 'SYSTEM') throw new AppError('VALIDATION', `${field}: must be a system account`, { field, reason: 'NOT_A_SYSTEM_ACCOUNT' });
  return account;
}

/** Optional text (notes, references): trimmed, at most `max` characters, null when empty. */
export function text(value: string | null | undefined, field: string, max: number): string | null {
  const v = (value ?? '').trim();
  if (v.length > max) throw AppError.validation(field, `must be at most ${max} characters`, 'TOO_LONG');
  return v === '' ? null : v;
}

/** A lot's window: expiry in the future, unlock before expiry. */
export function lotWindow(expiresAt: Date | null, unlockAt: Date | null, now: Date): void {
  if (expiresAt && expiresAt <= now) throw AppError.validation('expiresAt', 'must be in the future', 'INVALID_DATE');
  if (expiresAt && unlockAt && unlockAt >= expiresAt) throw AppError.validation('unlockAt', 'must be before expiresAt', 'INVALID_DATE');
}
