import { AppError } from '@crm/platform/errors';
import type { Book, LedgerChange } from './book';
import { accountOf, postTransaction } from './post';
import { amountFor, text } from './validate';

export interface Transfer {
  transactionId: string;
  /** The lot the destination gets when it is a wallet pocket (never expires). */
  lotId: string;
  fromAccountId: string;
  toAccountId: string;
  amount: string;
  currency: string;
  notes?: string | null;
  reference?: string | null;
}

/** Moves value between two accounts of one currency (wallet to wallet, account to wallet…); never beyond what the origin can spend (pure). */
export function transfer(book: Book, cmd: Transfer, now: Date): LedgerChange[] {
  const from = accountOf(book, cmd.fromAccountId);
  const to = accountOf(book, cmd.toAccountId);
  if (from.id === to.id)
    throw new AppError('VALIDATION', 'destination: must differ from the origin', { field: 'destination', reason: 'SAME_ACCOUNT' });
  const amount = amountFor(from, cmd.amount, cmd.currency);
  amountFor(to, cmd.amount, cmd.currency);
  return postTransaction(
    book,
    { id: cmd.transactionId, type: 'TRANSFER', notes: text(cmd.notes, 'notes', 500), reference: text(cmd.reference, 'reference', 200) },
    [
      { accountId: from.id, amount: -amount },
      { accountId: to.id, amount, lot: { id: cmd.lotId, expiresAt: null, unlockAt: null } },
    ],
    now,
  );
}
