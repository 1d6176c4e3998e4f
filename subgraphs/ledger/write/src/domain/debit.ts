import type { Book, LedgerChange, TransactionType } from './book';
import { accountOf, postTransaction } from './post';
import { amountFor, systemAccount, text } from './validate';

export interface Debit {
  transactionId: string;
  accountId: string;
  /** The tenant system account the value goes to (revenue, payout clearing, write-off…). */
  destinationAccountId: string;
  amount: string;
  currency: string;
  type: TransactionType;
  notes?: string | null;
  reference?: string | null;
}

/** Debits an account into a tenant system account; never beyond what the account can spend now, but for an INVOICE on a contact account (pure). */
export function debit(book: Book, cmd: Debit, now: Date): LedgerChange[] {
  const account = accountOf(book, cmd.accountId);
  const amount = amountFor(account, cmd.amount, cmd.currency);
  const destination = systemAccount(accountOf(book, cmd.destinationAccountId), 'destination');
  return postTransaction(
    book,
    { id: cmd.transactionId, type: cmd.type, notes: text(cmd.notes, 'notes', 500), reference: text(cmd.reference, 'reference', 200) },
    [
      { accountId: account.id, amount: -amount },
      { accountId: destination.id, amount },
    ],
    now,
    // an invoice is owed, not spent: it may take a contact account below its credit limit (overdue follows)
    { unchecked: cmd.type === 'INVOICE' && account.kind === 'CONTACT_ACCOUNT' },
  );
}
