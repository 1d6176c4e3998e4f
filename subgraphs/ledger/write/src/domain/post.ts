import { AppError } from '@crm/platform/errors';
import { type Account, available, type Book, type LedgerChange, spendableLots, tracksLots, type TransactionType } from './book';

/** One side of a transaction: a signed amount (+ credit, - debit) on one account; a credit to a wallet pocket opens the lot `lot`. */
export interface Leg {
  accountId: string;
  amount: bigint;
  lot?: { id: string; expiresAt: Date | null; unlockAt: Date | null } | null;
  /** The lots a debit consumes, when it names them (a lot's expiry); otherwise earliest expiry first. */
  consume?: { lotId: string; amount: bigint }[];
}

export interface TransactionHeader {
  id: string;
  type: TransactionType;
  notes?: string | null;
  reference?: string | null;
  reversesTransactionId?: string | null;
  reservationId?: string | null;
}

export function accountOf(book: Book, accountId: string): Account {
  const account = book.accounts[accountId];
  if (!account) throw AppError.notFound('ledger account', accountId);
  return account;
}

/** The refusal every overdraft gets (REST: CRM.EXCEPTIONS.CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION). */
export const insufficientFunds = (field = 'amount') =>
  new AppError('VALIDATION', `${field}: the balance is not enough to spend this amount`, { field, reason: 'INSUFFICIENT_FUNDS' });

/**
 * One balanced ledger transaction as the postings it makes (pure). Refuses: an empty or
 * unbalanced transaction (per currency the legs sum to zero), two legs on one account, a leg in
 * another currency than its account's, a debit beyond what the account can spend now (wallet
 * pockets: their unlocked, unexpired lots less blocked funds; other accounts: down to their
 * minimum balance). A debit on a wallet pocket consumes its lots earliest-expiry first.
 * `unchecked` debits (expiry of a lot, reversal of a credit already spent) skip the availability
 * check, never the balancing.
 */
export function postTransaction(book: Book, tx: TransactionHeader, legs: Leg[], now: Date, options: { unchecked?: boolean } = {}): LedgerChange[] {
  if (legs.length < 2) throw new AppError('VALIDATION', 'a transaction needs at least two postings', { reason: 'UNBALANCED_TRANSACTION' });
  const seen = new Set<string>();
  const sums = new Map<string, bigint>();
  for (const leg of legs) {
    const account = accountOf(book, leg.accountId);
    if (seen.has(account.id))
      throw new AppError('VALIDATION', 'the origin and destination must differ', { reason: 'SAME_ACCOUNT', field: 'destination' });
    seen.add(account.id);
    if (leg.amount === 0n) throw new AppError('VALIDATION', 'a posting of zero', { reason: 'UNBALANCED_TRANSACTION' });
    sums.set(account.currency, (sums.get(account.currency) ?? 0n) + leg.amount);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0n) throw new AppError('VALIDATION', `the postings in ${currency} do not sum to zero`, { reason: 'UNBALANCED_TRANSACTION' });
  }
  return legs.map((leg) => {
    const account = accountOf(book, leg.accountId);
    let consumedLots: { lotId: string; amount: string }[] = [];
    if (leg.amount < 0n) {
      const spend = -leg.amount;
      const can = available(book, account, now);
      if (!options.unchecked && can !== null && can < spend) throw insufficientFunds();
      if (tracksLots(account))
        consumedLots = leg.consume ? leg.consume.map((c) => ({ lotId: c.lotId, amount: c.amount.toString() })) : consume(book, account, spend, now);
    }
    const lot =
      leg.amount > 0n && tracksLots(account)
        ? {
            id: leg.lot?.id ?? missingLot(account.id),
            amount: leg.amount.toString(),
            expiresAt: leg.lot?.expiresAt?.toISOString() ?? null,
            unlockAt: leg.lot?.unlockAt?.toISOString() ?? null,
          }
        : null;
    return {
      aggregateType: 'ledger_account' as const,
      aggregateId: account.id,
      type: 'ledger_account.posted' as const,
      data: {
        transactionId: tx.id,
        transactionType: tx.type,
        amount: leg.amount.toString(),
        currency: account.currency,
        balance: (account.balance + leg.amount).toString(),
        blocked: account.blocked.toString(),
        lot,
        consumedLots,
        reversesTransactionId: tx.reversesTransactionId ?? null,
        reservationId: tx.reservationId ?? null,
        notes: tx.notes ?? null,
        reference: tx.reference ?? null,
      },
    };
  });
}

function missingLot(accountId: string): never {
  throw new Error(`a credit to wallet pocket ${accountId} needs a lot id`);
}

/**
 * The lots a spend of `amount` uses: spendable lots earliest expiry first; then (unchecked debits
 * only) any other lot with something left, so a lot-tracked balance stays the sum of its lots.
 */
function consume(book: Book, account: Account, amount: bigint, now: Date): { lotId: string; amount: string }[] {
  const first = spendableLots(book, account.id, now);
  const rest = Object.values(book.lots)
    .filter((l) => l.accountId === account.id && l.remaining > 0n && !first.includes(l))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const used: { lotId: string; amount: string }[] = [];
  let left = amount;
  for (const lot of [...first, ...rest]) {
    if (left === 0n) break;
    const take = lot.remaining < left ? lot.remaining : left;
    used.push({ lotId: lot.id, amount: take.toString() });
    left -= take;
  }
  return used;
}
