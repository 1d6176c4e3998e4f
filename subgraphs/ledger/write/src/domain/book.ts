import type {
  LedgerAccountOpenedV1,
  LedgerAccountPostedV1,
  LedgerAccountFundsReservedV1,
  LedgerAccountReservationReleasedV1,
  LedgerAccountUpdatedV1,
  WalletOpenedV1,
} from '@crm/event-bus/contracts/ledger';

/** A contact financial account's details beyond its name and primary flag (null: not set). */
export interface AccountDetails {
  classificationId: string | null;
  billingAddressId: string | null;
  paymentTermsId: string | null;
  /** How far below zero the account may go (minor units). */
  creditLimit: bigint;
}

export const noDetails = (): AccountDetails => ({ classificationId: null, billingAddressId: null, paymentTermsId: null, creditLimit: 0n });

export type AccountKind = LedgerAccountOpenedV1['data']['kind'];
export type Pocket = NonNullable<LedgerAccountOpenedV1['data']['pocket']>;
export type SystemAccount = NonNullable<LedgerAccountOpenedV1['data']['systemAccount']>;
export type TransactionType = LedgerAccountPostedV1['data']['transactionType'];

/** One ledger account as the write side decides on it (amounts in exact minor units). */
export interface Account {
  id: string;
  version: number;
  kind: AccountKind;
  walletId: string | null;
  contactId: string | null;
  pocket: Pocket | null;
  commercePoolId: string | null;
  systemAccount: SystemAccount | null;
  currency: string;
  name: string;
  isPrimary: boolean;
  /** Lowest balance allowed; null = unbounded (tenant system accounts are the other side of every movement). */
  minBalance: bigint | null;
  balance: bigint;
  blocked: bigint;
  details: AccountDetails;
}

/** A credit to a wallet pocket: spendable from `unlockAt` (null: at once) until `expiresAt` (null: never). */
export interface Lot {
  id: string;
  accountId: string;
  amount: bigint;
  remaining: bigint;
  expiresAt: Date | null;
  unlockAt: Date | null;
  createdAt: Date;
}

export interface Reservation {
  id: string;
  accountId: string;
  amount: bigint;
  state: 'ACTIVE' | 'CAPTURED' | 'RELEASED' | 'EXPIRED';
  expiresAt: Date | null;
  reference: string | null;
}

/** A posted transaction, as a reversal needs it. */
export interface PostedTransaction {
  id: string;
  type: TransactionType;
  postings: { accountId: string; amount: bigint }[];
  reversedBy: string | null;
  reversesId: string | null;
}

/**
 * The slice of the ledger a command decides on: the accounts it moves (locked by the store for
 * the command's transaction), their open lots, the reservation and transaction it names.
 */
export interface Book {
  accounts: Record<string, Account>;
  lots: Record<string, Lot>;
  reservations: Record<string, Reservation>;
  transactions: Record<string, PostedTransaction>;
  /** Wallets opened by this command (wallet.opened). */
  wallets: Record<string, { id: string; contactId: string; code: string; currency: string }>;
}

export const emptyBook = (): Book => ({ accounts: {}, lots: {}, reservations: {}, transactions: {}, wallets: {} });

type Data<E extends { type: string; data: unknown }> = Pick<E, 'type' | 'data'>;

/** What a ledger decider emits: an event (before its envelope) and the aggregate it belongs to. */
export type LedgerChange =
  | (Data<WalletOpenedV1> & { aggregateType: 'wallet'; aggregateId: string })
  | (Data<LedgerAccountOpenedV1> & { aggregateType: 'ledger_account'; aggregateId: string })
  | (Data<LedgerAccountPostedV1> & { aggregateType: 'ledger_account'; aggregateId: string })
  | (Data<LedgerAccountFundsReservedV1> & { aggregateType: 'ledger_account'; aggregateId: string })
  | (Data<LedgerAccountReservationReleasedV1> & { aggregateType: 'ledger_account'; aggregateId: string })
  | (Data<LedgerAccountUpdatedV1> & { aggregateType: 'ledger_account'; aggregateId: string });

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Applies one change to the book (pure; the read side's projections apply the same facts). */
export function evolve(book: Book | null, change: LedgerChange, meta: { at: Date }): Book {
  const b: Book = book
    ? {
        accounts: { ...book.accounts },
        lots: { ...book.lots },
        reservations: { ...book.reservations },
        transactions: { ...book.transactions },
        wallets: { ...book.wallets },
      }
    : emptyBook();
  const id = change.aggregateId;
  const account = b.accounts[id];
  const bump = (a: Account, patch: Partial<Account>): Account => ({ ...a, ...patch, version: a.version + 1 });
  switch (change.type) {
    case 'wallet.opened':
      b.wallets[id] = { id, contactId: change.data.contactId, code: change.data.code, currency: change.data.currency };
      return b;
    case 'ledger_account.opened': {
      const d = change.data;
      b.accounts[id] = {
        id,
        version: 1,
        kind: d.kind,
        walletId: d.walletId,
        contactId: d.contactId,
        pocket: d.pocket,
        commercePoolId: d.commercePoolId,
        systemAccount: d.systemAccount,
        currency: d.currency,
        name: d.name,
        isPrimary: d.isPrimary,
        minBalance: d.minBalance === null ? null : BigInt(d.minBalance),
        balance: 0n,
        blocked: 0n,
        details: noDetails(),
      };
      return b;
    }
    case 'ledger_account.updated': {
      const d = change.data;
      if (!account) throw new Error(`update of an account not in the book: ${id}`);
      const creditLimit = BigInt(d.creditLimit);
      b.accounts[id] = bump(account, {
        name: d.name,
        isPrimary: d.isPrimary,
        minBalance: -creditLimit,
        details: { classificationId: d.classificationId, billingAddressId: d.billingAddressId, paymentTermsId: d.paymentTermsId, creditLimit },
      });
      return b;
    }
    case 'ledger_account.posted': {
      const d = change.data;
      if (!account) throw new Error(`posting on an account not in the book: ${id}`);
      b.accounts[id] = bump(account, { balance: BigInt(d.balance), blocked: BigInt(d.blocked) });
      for (const used of d.consumedLots) {
        const lot = b.lots[used.lotId]!;
        b.lots[used.lotId] = { ...lot, remaining: lot.remaining - BigInt(used.amount) };
      }
      if (d.lot) {
        const amount = BigInt(d.lot.amount);
        b.lots[d.lot.id] = {
          id: d.lot.id,
          accountId: id,
          amount,
          remaining: amount,
          expiresAt: date(d.lot.expiresAt),
          unlockAt: date(d.lot.unlockAt),
          createdAt: meta.at,
        };
      }
      const tx = b.transactions[d.transactionId] ?? {
        id: d.transactionId,
        type: d.transactionType,
        postings: [],
        reversedBy: null,
        reversesId: d.reversesTransactionId,
      };
      b.transactions[d.transactionId] = { ...tx, postings: [...tx.postings, { accountId: id, amount: BigInt(d.amount) }] };
      if (d.reversesTransactionId) {
        const original = b.transactions[d.reversesTransactionId];
        if (original) b.transactions[d.reversesTransactionId] = { ...original, reversedBy: d.transactionId };
      }
      if (d.reservationId) {
        const r = b.reservations[d.reservationId];
        if (r) b.reservations[d.reservationId] = { ...r, state: 'CAPTURED' };
      }
      return b;
    }
    case 'ledger_account.funds_reserved': {
      const d = change.data;
      if (!account) throw new Error(`reservation on an account not in the book: ${id}`);
      b.accounts[id] = bump(account, { blocked: BigInt(d.blocked) });
      b.reservations[d.reservationId] = {
        id: d.reservationId,
        accountId: id,
        amount: BigInt(d.amount),
        state: 'ACTIVE',
        expiresAt: date(d.expiresAt),
        reference: d.reference,
      };
      return b;
    }
    case 'ledger_account.reservation_released': {
      const d = change.data;
      if (!account) throw new Error(`release on an account not in the book: ${id}`);
      b.accounts[id] = bump(account, { blocked: BigInt(d.blocked) });
      const r = b.reservations[d.reservationId];
      if (r) b.reservations[d.reservationId] = { ...r, state: d.outcome };
      return b;
    }
  }
}

/** Folds several changes (in order) onto the book. */
export function evolveAll(book: Book, changes: LedgerChange[], at: Date): Book {
  return changes.reduce<Book>((b, c) => evolve(b, c, { at }), book);
}

/** Lots of the account a spend may use at `now`, in spend order: earliest expiry first (never-expiring last), then oldest, then id. */
export function spendableLots(book: Book, accountId: string, now: Date): Lot[] {
  return Object.values(book.lots)
    .filter(
      (l) =>
        l.accountId === accountId && l.remaining > 0n && (l.unlockAt === null || l.unlockAt <= now) && (l.expiresAt === null || l.expiresAt > now),
    )
    .sort(
      (a, b) =>
        (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** Whether the account's balance is made of lots (wallet pockets): spends consume them. */
export const tracksLots = (a: Account): boolean => a.kind === 'WALLET_POCKET';

/**
 * What the account can spend now: for a wallet pocket, its unlocked, unexpired lots; otherwise its
 * balance down to its minimum (unbounded for system accounts). Reserved (blocked) funds are not available.
 */
export function available(book: Book, account: Account, now: Date): bigint | null {
  if (tracksLots(account)) return spendableLots(book, account.id, now).reduce((s, l) => s + l.remaining, 0n) - account.blocked;
  if (account.minBalance === null) return null;
  return account.balance - account.minBalance - account.blocked;
}
