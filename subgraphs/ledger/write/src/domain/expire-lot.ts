import type { Book, LedgerChange } from './book';
import { accountOf, postTransaction } from './post';

/**
 * The schedule's expiry of a lot at its instant: what is left of it moves to the tenant's EXPIRY
 * account; nothing when it is not due or spent (pure).
 */
export function expireLot(book: Book, cmd: { lotId: string; transactionId: string; expiryAccountId: string }, now: Date): LedgerChange[] {
  const lot = book.lots[cmd.lotId];
  if (!lot || lot.remaining <= 0n || lot.expiresAt === null || lot.expiresAt > now) return [];
  const account = accountOf(book, lot.accountId);
  return postTransaction(
    book,
    { id: cmd.transactionId, type: 'EXPIRY', reference: `lot:${lot.id}` },
    [
      { accountId: account.id, amount: -lot.remaining, consume: [{ lotId: lot.id, amount: lot.remaining }] },
      { accountId: cmd.expiryAccountId, amount: lot.remaining },
    ],
    now,
    { unchecked: true },
  );
}
