import { AppError } from '@crm/platform/errors';
import { type Book, evolve, type LedgerChange } from './book';
import { parseAmount } from './money';
import { accountOf, postTransaction } from './post';
import { activeReservation, unblock } from './release';
import { text } from './validate';

export interface Capture {
  reservationId: string;
  transactionId: string;
  /** Where the captured value goes (e.g. the tenant's revenue account, or a merchant's wallet). */
  destinationAccountId: string;
  /** Lot id for a wallet-pocket destination. */
  lotId: string;
  /** At most the reserved amount (null: all of it); the rest is released. */
  amount: string | null;
  notes?: string | null;
}

/** Captures a reservation: unblocks it and posts the captured amount from its account to the destination in one transaction (pure). */
export function capture(book: Book, cmd: Capture, now: Date): LedgerChange[] {
  const r = activeReservation(book, cmd.reservationId);
  const account = accountOf(book, r.accountId);
  const destination = accountOf(book, cmd.destinationAccountId);
  const amount = cmd.amount === null ? r.amount : parseAmount(cmd.amount, account.currency, 'amount');
  if (amount > r.amount) throw AppError.validation('amount', 'must be at most the reserved amount', 'INVALID_AMOUNT');
  if (destination.currency !== account.currency)
    throw new AppError('VALIDATION', 'destination: holds another currency', { field: 'destination', reason: 'CURRENCY_MISMATCH' });
  const unblocked = unblock(book, r, 'CAPTURED');
  const after = evolve(book, unblocked, { at: now });
  const postings = postTransaction(
    after,
    { id: cmd.transactionId, type: 'CAPTURE', reservationId: r.id, reference: r.reference, notes: text(cmd.notes, 'notes', 500) },
    [
      { accountId: account.id, amount: -amount },
      { accountId: destination.id, amount, lot: { id: cmd.lotId, expiresAt: null, unlockAt: null } },
    ],
    now,
  );
  return [unblocked, ...postings];
}
