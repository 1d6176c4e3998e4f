import { AppError } from '@crm/platform/errors';
import type { Book, LedgerChange } from './book';
import { postTransaction } from './post';
import { text } from './validate';

export interface Reverse {
  /** The transaction to reverse. */
  transactionId: string;
  reversalId: string;
  /** A lot id per account the reversal credits back (wallet pockets). */
  lotIds: Record<string, string>;
  notes?: string | null;
}

/**
 * Reverses a posted transaction with a new one of the opposite postings (posted entries are never
 * edited). Once per transaction; a reversal itself is not reversed; a credit already spent cannot
 * be taken back (insufficient funds), so nothing ever goes below its minimum (pure).
 */
export function reverse(book: Book, cmd: Reverse, now: Date): LedgerChange[] {
  const original = book.transactions[cmd.transactionId];
  if (!original) throw AppError.notFound('ledger transaction', cmd.transactionId);
  if (original.reversedBy) throw new AppError('CONFLICT', 'the transaction was reversed already', { reason: 'ALREADY_REVERSED' });
  if (original.reversesId || original.type === 'EXPIRY')
    throw new AppError('CONFLICT', 'a reversal or an expiry cannot be reversed', { reason: 'NOT_REVERSIBLE' });
  return postTransaction(
    book,
    { id: cmd.reversalId, type: 'REVERSAL', reversesTransactionId: original.id, notes: text(cmd.notes, 'notes', 500) },
    original.postings.map((p) => ({
      accountId: p.accountId,
      amount: -p.amount,
      lot: cmd.lotIds[p.accountId] ? { id: cmd.lotIds[p.accountId]!, expiresAt: null, unlockAt: null } : null,
    })),
    now,
  );
}
