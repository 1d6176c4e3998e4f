import { AppError } from '@crm/platform/errors';
import { available, type Book, type LedgerChange } from './book';
import { accountOf, insufficientFunds } from './post';
import { amountFor, text } from './validate';

export interface Reserve {
  reservationId: string;
  accountId: string;
  amount: string;
  currency: string;
  /** When the schedule releases it if nobody captured or released it (null: never). */
  expiresAt: Date | null;
  reference?: string | null;
}

/** Blocks funds of an account (an order estimate, a purchase spend) until captured, released or expired (pure). */
export function reserve(book: Book, cmd: Reserve, now: Date): LedgerChange[] {
  const account = accountOf(book, cmd.accountId);
  const amount = amountFor(account, cmd.amount, cmd.currency);
  if (cmd.expiresAt && cmd.expiresAt <= now) throw AppError.validation('expiresAt', 'must be in the future', 'INVALID_DATE');
  const can = available(book, account, now);
  if (can !== null && can < amount) throw insufficientFunds();
  return [
    {
      aggregateType: 'ledger_account',
      aggregateId: account.id,
      type: 'ledger_account.funds_reserved',
      data: {
        reservationId: cmd.reservationId,
        amount: amount.toString(),
        currency: account.currency,
        blocked: (account.blocked + amount).toString(),
        expiresAt: cmd.expiresAt?.toISOString() ?? null,
        reference: text(cmd.reference, 'reference', 200),
      },
    },
  ];
}
