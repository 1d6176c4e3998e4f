import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { epochSeconds } from '../../kit/format';
import { op } from '../../kit/operation';
import { boolean, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { epoch, pagingResponse } from '../../kit/response-schemas';
import { LIST_JOURNALS, type GqlJournal, type GqlLedgerAccount } from '../../domains/ledger/operations';
import { ledgerFields, money } from '../../domains/ledger/mapper';
import { paged } from '../../domains/ledger/paging';

const TAG = 'Contact Accounts';
const ACCOUNT = 'ledger account' as NotFoundSubject;
const TRANSACTION = 'ledger transaction' as NotFoundSubject;

const ACCOUNT_FIELDS = `id kind contactId currency name isPrimary balance blocked available createdAt`;
const LIST_ACCOUNTS = op(
  'query',
  'RestListContactAccounts',
  `query RestListContactAccounts($c: ID!) { ledgerAccounts(contactId: $c) { ${ACCOUNT_FIELDS} } }`,
);
const GET_ACCOUNT = op('query', 'RestGetLedgerAccount', `query RestGetLedgerAccount($id: ID!) { ledgerAccount(id: $id) { ${ACCOUNT_FIELDS} } }`);

/** The contract's account transaction types; the ledger's others (awards, spends…) are manual journals on an account. */
const ACCOUNT_TRANSACTION_TYPES = [
  'INVOICE',
  'CREDIT_NOTE',
  'PAYMENT',
  'REFUND',
  'PAYOUT',
  'TOP_UP',
  'TRANSFER',
  'MANUAL_JOURNAL',
  'SETTLEMENT_PROCESS',
] as const;
const accountTransactionType = (t: string) => ((ACCOUNT_TRANSACTION_TYPES as readonly string[]).includes(t) ? t : 'MANUAL_JOURNAL');

const accountSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  currency_code: z.string(),
  is_primary: z.boolean(),
  state: z.enum(['ACTIVE', 'SUSPENDED', 'TERMINATED']),
});
const accountResponse = z.strictObject({ ...accountSummary.shape, balance: z.number() });
const accountListResponse = z.strictObject({ paging: pagingResponse, content: z.array(accountSummary) });
const accountJournal = z.strictObject({
  id: z.string(),
  entity_id: z.string(),
  type: z.enum(['CREDIT', 'DEBIT']),
  transaction_type: z.enum(ACCOUNT_TRANSACTION_TYPES),
  amount: z.number(),
  currency_code: z.string(),
  posted_date: epoch,
});
const accountJournalListResponse = z.strictObject({ paging: pagingResponse, content: z.array(accountJournal) });
const journalResponse = z.strictObject({ id: z.string(), entity_id: z.string(), currency_code: z.string(), total: z.number(), posted_date: epoch });

const summary = (a: GqlLedgerAccount) => ({ id: a.id, name: a.name, currency_code: a.currency, is_primary: a.isPrimary, state: 'ACTIVE' });
const journalOf = (j: GqlJournal) => ({
  id: j.transactionId,
  entity_id: j.accountId,
  type: j.entry,
  transaction_type: accountTransactionType(j.type),
  amount: money(j.amount),
  currency_code: j.currency,
  posted_date: epochSeconds(j.postedAt),
});

/** GET /self-service/v2/contacts/{id}/accounts[?currency_code=&is_primary=]: the contact's financial accounts, primary first. */
const listAccounts: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'currency_code', 'is_primary']);
  const paging = parsePaging(params);
  const primary = params.has('is_primary') ? boolean('is_primary', params.get('is_primary')!) : null;
  const currency = params.get('currency_code') ?? null;
  const data = await ctx.gateway.run(LIST_ACCOUNTS, { c: param(ctx, 'id') }, ledgerFields);
  const all = ((data['ledgerAccounts'] as GqlLedgerAccount[] | null) ?? []).filter(
    (a) => (primary === null || a.isPrimary === primary) && (currency === null || a.currency === currency),
  );
  const items = all.slice((paging.page - 1) * paging.size, paging.page * paging.size);
  sendJson(ctx.res, 200, paged(paging, { items, total: all.length }, summary));
};

async function accountOf(ctx: Parameters<Handler>[0]): Promise<GqlLedgerAccount> {
  const id = param(ctx, 'id');
  const data = await ctx.gateway.run(GET_ACCOUNT, { id }, ledgerFields);
  const account = data['ledgerAccount'] as GqlLedgerAccount | null;
  // a wallet pocket is not an account of this API; another contact's account answers as if it did not exist
  if (!account || account.kind !== 'CONTACT_ACCOUNT') throw recordNotFound(ACCOUNT, id);
  return account;
}

/** GET /self-service/v2/accounts/{id}: the account with its balance. */
const getAccount: Handler = async (ctx) => {
  noQuery(ctx);
  const a = await accountOf(ctx);
  sendJson(ctx.res, 200, { ...summary(a), balance: money(a.balance) });
};

/** GET /self-service/v2/accounts/{id}/journals[?type=&transaction_type=]: the account's postings, newest first. */
const listAccountJournals: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'type', 'transaction_type']);
  const paging = parsePaging(params);
  const account = await accountOf(ctx);
  const data = await ctx.gateway.run(
    LIST_JOURNALS,
    {
      filter: { accountId: account.id, entry: params.get('type') ?? null, type: params.get('transaction_type') ?? null },
      first: paging.size,
      offset: (paging.page - 1) * paging.size,
    },
    (path) => (path.endsWith('entry') ? 'type' : path.endsWith('.type') ? 'transaction_type' : ledgerFields(path)),
  );
  sendJson(ctx.res, 200, paged(paging, data['ledgerJournals'] as { items: GqlJournal[]; total: number }, journalOf));
};

/** GET /self-service/v2/journals/{id}: a journal (ledger transaction) on one of the contact's accounts. */
const getJournal: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, ['include_lines']);
  const id = param(ctx, 'id');
  const data = await ctx.gateway.run(LIST_JOURNALS, { filter: { transactionId: id, entity: 'ACCOUNT' }, first: 10, offset: 0 }, ledgerFields);
  const entry = (data['ledgerJournals'] as { items: GqlJournal[] }).items[0];
  if (!entry) throw recordNotFound(TRANSACTION, id);
  sendJson(ctx.res, 200, {
    id: entry.transactionId,
    entity_id: entry.accountId,
    currency_code: entry.currency,
    total: money(entry.amount),
    posted_date: epochSeconds(entry.postedAt),
  });
};

/** Contact Accounts: a contact's financial accounts (ledger accounts), their balances and journals. */
export const resource = defineResource({
  family: 'self-service',
  name: 'accounts',
  pathParameters: { id: 'LedgerAccountId' },
  openapi: {
    tags: [{ name: TAG, description: "A contact's financial accounts (the ledger domain): balances and journals." }],
    responseSchemas: [
      { name: 'SelfServiceAccount', schema: accountResponse },
      { name: 'SelfServiceAccountList', schema: accountListResponse },
      { name: 'SelfServiceAccountJournalList', schema: accountJournalListResponse },
      { name: 'SelfServiceJournal', schema: journalResponse },
    ],
    parameters: {
      LedgerAccountId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The account GUID.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
      AccountsContactId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The contact GUID.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
      AccountCurrency: {
        name: 'currency_code',
        in: 'query',
        required: false,
        description: 'Only accounts in this currency.',
        schema: { type: 'string' },
      },
      AccountIsPrimary: {
        name: 'is_primary',
        in: 'query',
        required: false,
        description: 'Only the primary account (true) or the others.',
        schema: { type: 'boolean' },
      },
      AccountJournalType: {
        name: 'type',
        in: 'query',
        required: false,
        description: 'CREDIT or DEBIT.',
        schema: { type: 'string', enum: ['CREDIT', 'DEBIT'] },
      },
      AccountJournalTransactionType: {
        name: 'transaction_type',
        in: 'query',
        required: false,
        description: 'The ledger transaction type.',
        schema: { type: 'string' },
      },
      IncludeLines: {
        name: 'include_lines',
        in: 'query',
        required: false,
        description: 'Accepted; journals of the ledger have no invoice lines.',
        schema: { type: 'boolean' },
      },
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/accounts',
      handler: listAccounts,
      operations: [LIST_ACCOUNTS],
      pathParameters: { id: 'AccountsContactId' },
      doc: {
        operationId: 'listContactAccountsSS',
        summary: "List a contact's accounts",
        tag: TAG,
        audience: 'selfservice',
        query: ['AccountCurrency', 'AccountIsPrimary', 'Page', 'Size', 'IncludeTotal'],
        reads: true,
        success: { status: 200, description: 'The accounts, primary first.', schema: 'SelfServiceAccountList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/accounts/:id',
      handler: getAccount,
      operations: [GET_ACCOUNT],
      doc: {
        operationId: 'getSingleAccountSS',
        summary: 'Get an account',
        tag: TAG,
        audience: 'selfservice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The account with its balance.', schema: 'SelfServiceAccount' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/accounts/:id/journals',
      handler: listAccountJournals,
      operations: [GET_ACCOUNT, LIST_JOURNALS],
      doc: {
        operationId: 'listAccountJournalsSS',
        summary: 'List account journals',
        tag: TAG,
        audience: 'selfservice',
        query: ['AccountJournalType', 'AccountJournalTransactionType', 'Page', 'Size', 'IncludeTotal'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The postings of the account, newest first.', schema: 'SelfServiceAccountJournalList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/journals/:id',
      handler: getJournal,
      operations: [LIST_JOURNALS],
      pathParameters: { id: 'JournalId' },
      doc: {
        operationId: 'getAccountJournalSS',
        summary: 'Get an account journal',
        tag: TAG,
        audience: 'selfservice',
        query: ['IncludeLines'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The journal.', schema: 'SelfServiceJournal' },
      },
    },
  ],
});
