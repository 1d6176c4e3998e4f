// Shared scaffolding for the ledger decider tests: fixed ids and clock, a history that opens a
// wallet and the tenant's system accounts, and a given/when/then harness (deciderSpecification)
// that checks every emitted change against its event contract.
// Not a *.test.ts file, so the test runner does not run it on its own.
import { registry } from '@crm/event-bus/contracts';
import { deciderSpecification } from '@crm/platform/testing';
import { type Book, emptyBook, evolve, type LedgerChange } from './book';
import { openWallet } from './open-wallet';
import { openSystemAccount } from './open-account';
import { credit, type Credit } from './credit';

export const NOW = new Date('2024-05-01T10:00:00.000Z');
export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const WALLET = uuid(1);
export const CONTACT = uuid(2);
export const OPEN = uuid(3);
export const BUSINESS = uuid(4);
export const PRIMARY = uuid(5);
export const LIABILITY = uuid(6);
export const REVENUE = uuid(7);
export const EXPIRY = uuid(8);
export const OTHER_OPEN = uuid(13);

/** The decider spec of one command (`decide(book, command, NOW)`), validating each change against its contract. */
/** Validates a decided change against its event contract (as the outbox would), at an aggregate version. */
export function validateChange(change: { type: string; aggregateType: string; aggregateId: string; data: unknown }, version: number): void {
  registry.validate({
    id: uuid(900),
    type: change.type,
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType: change.aggregateType,
    aggregateId: change.aggregateId,
    aggregateVersion: version,
    occurredAt: NOW.toISOString(),
    correlationId: 'corr-1',
    causationId: null,
    actor: { kind: 'service', id: 'rewards' },
    data: change.data,
  });
}

export function spec<C>(decide: (book: Book, cmd: C, now: Date) => LedgerChange[]) {
  return deciderSpecification<Book, LedgerChange, C>({
    decide: (book, cmd) => decide(book ?? emptyBook(), cmd, NOW),
    evolve: (book, change) => evolve(book, change, { at: NOW }),
    at: NOW,
    validate: validateChange,
  });
}

/** A wallet (EUR) for CONTACT, a second wallet's open pocket, and the tenant's liability, revenue and expiry accounts. */
export function opened(): LedgerChange[] {
  const b = emptyBook();
  return [
    ...openWallet(b, {
      walletId: WALLET,
      contactId: CONTACT,
      code: '1234567890123456',
      currency: 'EUR',
      openAccountId: OPEN,
      businessAccountId: BUSINESS,
      primaryAccountId: PRIMARY,
    }),
    ...openWallet(b, {
      walletId: uuid(11),
      contactId: uuid(12),
      code: '6543210987654321',
      currency: 'EUR',
      openAccountId: OTHER_OPEN,
      businessAccountId: uuid(14),
      primaryAccountId: uuid(15),
    }),
    ...openSystemAccount(b, { accountId: LIABILITY, systemAccount: 'REWARDS_LIABILITY', currency: 'EUR' }),
    ...openSystemAccount(b, { accountId: REVENUE, systemAccount: 'REVENUE', currency: 'EUR' }),
    ...openSystemAccount(b, { accountId: EXPIRY, systemAccount: 'EXPIRY', currency: 'EUR' }),
  ];
}

export function fold(history: LedgerChange[]): Book {
  return history.reduce<Book>((b, c) => evolve(b, c, { at: NOW }), emptyBook());
}

/** The changes of a credit of `amount` to the open pocket on top of `history` (a lot `lotId`). */
export function credited(history: LedgerChange[], amount: string, lotId: string, extra: Partial<Credit> = {}): LedgerChange[] {
  return credit(
    fold(history),
    {
      transactionId: uuid(100 + Number(lotId.slice(-3))),
      lotId,
      accountId: OPEN,
      sourceAccountId: LIABILITY,
      amount,
      currency: 'EUR',
      type: 'AWARD',
      expiresAt: null,
      unlockAt: null,
      ...extra,
    },
    new Date(NOW.getTime() - 60_000),
  );
}

/** The posting a change makes on `accountId` (amount and balance after), for short assertions. */
export function postingsOf(changes: LedgerChange[]): { account: string; amount: string; balance: string }[] {
  return changes.flatMap((c) =>
    c.type === 'ledger_account.posted' ? [{ account: c.aggregateId, amount: c.data.amount, balance: c.data.balance }] : [],
  );
}
