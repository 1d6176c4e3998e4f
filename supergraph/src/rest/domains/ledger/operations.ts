/** The ledger GraphQL documents and shapes several ledger resources share (back-office and self-service). */
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';

const ACCOUNT_FIELDS = `id kind walletId contactId pocket commercePoolId systemAccount currency name isPrimary balance blocked available createdAt`;
export const WALLET_FIELDS = `id code contactId currency createdAt balances { ${ACCOUNT_FIELDS} } totals { currency balance blocked available }`;
const JOURNAL_FIELDS = `transactionId accountId walletId contactId type entry amount currency balanceAfter postedAt notes reference reversesTransactionId`;

export const GET_WALLET = op('query', 'RestGetWallet', `query RestGetWallet($id: String!) { wallet(id: $id) { ${WALLET_FIELDS} } }`);

export const LIST_JOURNALS = op(
  'query',
  'RestListJournals',
  `query RestListJournals($filter: LedgerJournalFilter, $first: Int, $offset: Int) {
  ledgerJournals(filter: $filter, first: $first, offset: $offset) { items { ${JOURNAL_FIELDS} } total }
}`,
);

export const TRANSFER = op(
  'mutation',
  'RestLedgerTransfer',
  `mutation RestLedgerTransfer($input: LedgerTransferInput!, $idempotencyKey: String!) {
  ledgerTransfer(input: $input, idempotencyKey: $idempotencyKey) { transaction { id } consistencyToken consistencyTokens ${USER_ERROR_FIELDS} }
}`,
);

export const MANUAL_JOURNAL = op(
  'mutation',
  'RestPostManualJournal',
  `mutation RestPostManualJournal($input: LedgerManualJournalInput!, $idempotencyKey: String!) {
  postManualJournal(input: $input, idempotencyKey: $idempotencyKey) { transaction { id } consistencyToken consistencyTokens ${USER_ERROR_FIELDS} }
}`,
);

export interface GqlLedgerAccount {
  id: string;
  kind: string;
  walletId: string | null;
  contactId: string | null;
  pocket: string | null;
  commercePoolId: string | null;
  systemAccount: string | null;
  currency: string;
  name: string;
  isPrimary: boolean;
  balance: string;
  blocked: string | null;
  available: string | null;
  createdAt: string;
}

export interface GqlWallet {
  id: string;
  code: string;
  contactId: string;
  currency: string;
  createdAt: string;
  balances: GqlLedgerAccount[];
  totals: { currency: string; balance: string; blocked: string | null; available: string | null }[];
}

export interface GqlJournal {
  transactionId: string;
  accountId: string;
  walletId: string | null;
  contactId: string | null;
  type: string;
  entry: string;
  amount: string;
  currency: string;
  balanceAfter: string;
  postedAt: string;
  notes: string | null;
  reference: string | null;
  reversesTransactionId: string | null;
}

/** A ledger transaction payload as the REST routes select it. */
export interface GqlTransactionPayload {
  transaction: { id: string } | null;
  consistencyToken: string | null;
  consistencyTokens: string[];
  errors: GqlUserError[];
}
