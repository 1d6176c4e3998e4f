/** The ledger GraphQL documents and shapes several ledger resources share (back-office and self-service). */
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';

const ACCOUNT_FIELDS = `id kind walletId contactId pocket commercePoolId systemAccount currency name isPrimary balance blocked available createdAt`;
export const WALLET_FIELDS = `id code contactId currency createdAt balances { ${ACCOUNT_FIELDS} } totals { currency balance blocked available }`;
const JOURNAL_FIELDS = `transactionId accountId walletId contactId type entry amount currency balanceAfter postedAt notes reference reversesTransactionId`;

export const GET_WALLET = op(
  'query',
  'RestGetWallet',
  `query RestGetWallet($id: String!, $asOf: DateTimeISO) { wallet(id: $id, asOf: $asOf) { ${WALLET_FIELDS} } }`,
);

const RULE_FIELDS = `id name appliesFor currency maximumAmount maximumNumber period`;
const METHOD_FIELDS = `paymentMethod { type id }`;
export const GET_WALLET_SETTINGS = op(
  'query',
  'RestGetWalletSettings',
  `query RestGetWalletSettings($id: String!) { wallet(id: $id) { id code contactId currency balances { id pocket commercePoolId currency balance }
  settings { autoTopup { threshold amount currency ${METHOD_FIELDS} } termedTopup { amount currency frequency period ${METHOD_FIELDS} } limitRules { ${RULE_FIELDS} } activatedCommercePools }
  limitRules { ${RULE_FIELDS} } lots { accountId remaining expiresAt } } }`,
);

export const UPDATE_WALLET_SETTINGS = op(
  'mutation',
  'RestUpdateWalletSettings',
  `mutation RestUpdateWalletSettings($walletId: String!, $input: WalletSettingsInput!) {
  updateWalletSettings(walletId: $walletId, input: $input) { id consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

export const LEDGER_TOTALS = op(
  'query',
  'RestLedgerTotals',
  `query RestLedgerTotals($walletId: String, $contactId: ID, $postedFrom: DateTimeISO, $postedTo: DateTimeISO) {
  ledgerTotals(walletId: $walletId, contactId: $contactId, postedFrom: $postedFrom, postedTo: $postedTo) { type entry currency amount count }
}`,
);

export const POOL_FIELDS = `id name description requiresActivation organisationIds productCategoryIds validFrom validTo isActive createdAt`;
export const LIST_COMMERCE_POOLS = op(
  'query',
  'RestListCommercePools',
  `query RestListCommercePools($ids: [ID!], $first: Int, $offset: Int) { commercePools(ids: $ids, first: $first, offset: $offset) { items { ${POOL_FIELDS} } total } }`,
);

export const OPEN_CONTACT_ACCOUNT = op(
  'mutation',
  'RestOpenContactAccount',
  `mutation RestOpenContactAccount($contactId: ID!, $input: LedgerContactAccountInput!) {
  openContactAccount(contactId: $contactId, input: $input) { id consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

export const UPDATE_CONTACT_ACCOUNT = op(
  'mutation',
  'RestUpdateContactAccount',
  `mutation RestUpdateContactAccount($id: ID!, $input: LedgerContactAccountInput!) {
  updateContactAccount(id: $id, input: $input) { id consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

/** A contact financial account as the account routes select it (both APIs). */
export const CONTACT_ACCOUNT_FIELDS = `id kind contactId currency name isPrimary balance blocked available createdAt classificationId billingAddressId paymentTermsId creditLimit`;

export type GqlContactAccount = GqlLedgerAccount & {
  classificationId: string | null;
  billingAddressId: string | null;
  paymentTermsId: string | null;
  creditLimit: string;
};

/** Ledger field paths of the account inputs → the REST body's names. */
export const accountFields = (path: string) =>
  path.endsWith('currency') ? 'currency_code' : path.endsWith('creditLimit') ? 'credit_limit' : ledgerFieldName(path.split('.').pop() ?? path);

const ledgerFieldName = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface GqlLimitRule {
  id: string;
  name: string | null;
  appliesFor: string[];
  currency: string;
  maximumAmount: string | null;
  maximumNumber: number | null;
  period: string;
}

export interface GqlWalletSettings {
  id: string;
  code: string;
  contactId: string;
  currency: string;
  balances: { id: string; pocket: string; commercePoolId: string | null; currency: string; balance: string }[];
  settings: {
    autoTopup: { threshold: string; amount: string; currency: string; paymentMethod: { type: string; id: string | null } } | null;
    termedTopup: {
      amount: string;
      currency: string;
      frequency: string;
      period: string | null;
      paymentMethod: { type: string; id: string | null };
    } | null;
    limitRules: GqlLimitRule[] | null;
    activatedCommercePools: string[];
  };
  limitRules: GqlLimitRule[];
  lots: { accountId: string; remaining: string; expiresAt: string | null }[];
}

export interface GqlCommercePool {
  id: string;
  name: string;
  description: string | null;
  requiresActivation: boolean;
  organisationIds: string[];
  productCategoryIds: string[];
  validFrom: string | null;
  validTo: string | null;
  isActive: boolean;
  createdAt: string;
}

export interface GqlTotal {
  type: string;
  entry: 'CREDIT' | 'DEBIT';
  currency: string;
  amount: string;
  count: number;
}

export interface GqlIdPayload {
  id: string | null;
  consistencyToken: string | null;
  errors: GqlUserError[];
}

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

/** Flow 16: does a wallet of the tenant have this identity (the application's public key is enough). */
export const WALLET_EXISTS = op(
  'query',
  'RestWalletExists',
  `query RestWalletExists($type: String!, $value: String!) { walletExists(type: $type, value: $value) }`,
);

/** Flow 16: a one-time code to the identity of an existing wallet. */
export const REQUEST_WALLET_OTP = op(
  'mutation',
  'RestRequestWalletOtp',
  `mutation RestRequestWalletOtp($contactId: ID, $identity: WalletIdentityInput!) {
  requestWalletOtp(contactId: $contactId, identity: $identity) { sent consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

/** Flow 16: set up the contact's wallet (identity, code) or link an existing one with the OTP. */
export const SET_UP_WALLET = op(
  'mutation',
  'RestSetUpWallet',
  `mutation RestSetUpWallet($contactId: ID!, $input: SetUpWalletInput!) {
  setUpWallet(contactId: $contactId, input: $input) { walletId code consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

/** POST /transfers/bulk: every transfer as one ledger unit. */
export const TRANSFER_BULK = op(
  'mutation',
  'RestLedgerTransferBulk',
  `mutation RestLedgerTransferBulk($inputs: [LedgerTransferInput!]!, $idempotencyKey: String!) {
  ledgerTransferBulk(inputs: $inputs, idempotencyKey: $idempotencyKey) { transactions { id } consistencyToken consistencyTokens ${USER_ERROR_FIELDS} }
}`,
);
