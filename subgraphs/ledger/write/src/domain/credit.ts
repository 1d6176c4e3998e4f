import type { Book, LedgerChange, TransactionType } from './book';
import { accountOf, postTransaction } from './post';
import { amountFor, lotWindow, systemAccount, text } from './validate';

export interface Credit {
  transactionId: string;
  lotId: string;
  accountId: string;
  /** The tenant system account the value comes from (rewards liability, top-up clearing…). */
  sourceAccountId: string;
  amount: string;
  currency: string;
  type: TransactionType;
  expiresAt: Date | null;
  unlockAt: Date | null;
  notes?: string | null;
  reference?: string | null;
}

/** Credits an account from a tenant system account; on a wallet pocket the credit is a lot with its own expiry and unlock instant (pure). */
export function credit(book: Book, cmd: Credit, now: Date): LedgerChange[] {
  const account = accountOf(book, cmd.accountId);
  const amount = amountFor(account, cmd.amount, cmd.currency);
  const source = systemAccount(accountOf(book, cmd.sourceAccountId), 'source');
  lotWindow(cmd.expiresAt, cmd.unlockAt, now);
  return postTransaction(
    book,
    { id: cmd.transactionId, type: cmd.type, notes: text(cmd.notes, 'notes', 500), reference: text(cmd.reference, 'reference', 200) },
    [
      { accountId: account.id, amount, lot: { id: cmd.lotId, expiresAt: cmd.expiresAt, unlockAt: cmd.unlockAt } },
      { accountId: source.id, amount: -amount },
    ],
    now,
  );
}
