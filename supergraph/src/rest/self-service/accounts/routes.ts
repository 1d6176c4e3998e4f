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
import { validateBody } from '../../kit/body';
import {
  accountFields,
  CONTACT_ACCOUNT_FIELDS,
  LIST_JOURNALS,
  OPEN_CONTACT_ACCOUNT,
  UPDATE_CONTACT_ACCOUNT,
  type GqlContactAccount,
  type GqlIdPayload,
  type GqlJournal,
  type GqlLedgerAccount,
} from '../../domains/ledger/operations';
import { asOfParam, AS_OF_PARAMETER } from '../../domains/ledger/as-of';
import { ledgerFields, money } from '../../domains/ledger/mapper';
import { paged } from '../../domains/ledger/paging';

const TAG = 'Contact Accounts';
const ACCOUNT = 'ledger account' as NotFoundSubject;
const TRANSACTION = 'ledger transaction' as NotFoundSubject;

const ACCOUNT_FIELDS = CONTACT_ACCOUNT_FIELDS;
const LIST_ACCOUNTS = op(
  'query',
  'RestListContactAccounts',
  `query RestListContactAccounts($c: ID!) { ledgerAccounts(contactId: $c) { ${ACCOUNT_FIELDS} } }`,
);
const GET_ACCOUNT = op(
  'query',
  'RestGetLedgerAccount',
  `query RestGetLedgerAccount($id: ID!, $asOf: DateTimeISO) { ledgerAccount(id: $id, asOf: $asOf) { ${ACCOUNT_FIELDS} } }`,
);

type Account = GqlContactAccount;

const guidField = z.string().min(1).max(64);
/** POST /self-service/v2/contacts/{id}/accounts (custom_fields are accepted and not kept). */
export const accountCreateBody = z.strictObject({
  currency_code: z.string().regex(/^[A-Z]{3}$/),
  name: z.string().min(1).max(100).nullable().optional(),
  classification_id: guidField.nullable().optional(),
  billing_address_id: guidField.nullable().optional(),
  is_primary: z.boolean().nullable().optional(),
  custom_fields: z
    .array(z.strictObject({ key: z.string().max(100), value: z.string().max(1000) }))
    .max(50)
    .nullable()
    .optional(),
});
/** PUT /self-service/v2/accounts/{id}. */
export const accountUpdateBody = z.strictObject({
  classification_id: guidField.nullable().optional(),
  billing_address_id: guidField.nullable().optional(),
  is_primary: z.boolean().optional(),
});

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
const ref = z.strictObject({ id: z.string() });
const accountResponse = z.strictObject({
  ...accountSummary.shape,
  balance: z.number(),
  credit_limit: z.number(),
  classification: ref.optional(),
  billing_address: ref.optional(),
  payment_terms: ref.optional(),
});
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

async function accountOf(ctx: Parameters<Handler>[0], asOf: string | null = null): Promise<GqlLedgerAccount> {
  const id = param(ctx, 'id');
  const data = await ctx.gateway.run(GET_ACCOUNT, { id, asOf }, (p) => (p === 'asOf' ? 'as_of' : ledgerFields(p)));
  const account = data['ledgerAccount'] as GqlLedgerAccount | null;
  // a wallet pocket is not an account of this API; another contact's account answers as if it did not exist
  if (!account || account.kind !== 'CONTACT_ACCOUNT') throw recordNotFound(ACCOUNT, id);
  return account;
}

/** The account with its balance and details (what GET /accounts/{id} answers, both APIs). */
export const accountOut = (a: Account) => ({
  ...summary(a),
  balance: money(a.balance),
  credit_limit: money(a.creditLimit),
  ...(a.classificationId ? { classification: { id: a.classificationId } } : {}),
  ...(a.billingAddressId ? { billing_address: { id: a.billingAddressId } } : {}),
  ...(a.paymentTermsId ? { payment_terms: { id: a.paymentTermsId } } : {}),
});

/** GET /self-service/v2/accounts/{id}[?as_of=epoch]: the account with its balance (at as_of: our extension). */
const getAccount: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['as_of']);
  const a = await accountOf(ctx, asOfParam(params));
  sendJson(ctx.res, 200, accountOut(a as Account));
};

/** POST /self-service/v2/contacts/{id}/accounts → 201 {id}: another account of the contact (primary when asked; the first always is). */
const createAccount: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(accountCreateBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<GqlIdPayload>(
    OPEN_CONTACT_ACCOUNT,
    {
      contactId: param(ctx, 'id'),
      input: {
        currency: body.currency_code,
        name: body.name ?? null,
        isPrimary: body.is_primary ?? null,
        classificationId: body.classification_id ?? null,
        billingAddressId: body.billing_address_id ?? null,
      },
    },
    'openContactAccount',
    accountFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** PUT /self-service/v2/accounts/{id} → 200 {id}: classification, billing address, primary. */
const updateAccount: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(accountUpdateBody, await ctx.readBody());
  const input: Record<string, unknown> = {};
  if (body.classification_id !== undefined) input['classificationId'] = body.classification_id;
  if (body.billing_address_id !== undefined) input['billingAddressId'] = body.billing_address_id;
  if (body.is_primary !== undefined) input['isPrimary'] = body.is_primary;
  const payload = await ctx.gateway.mutate<GqlIdPayload>(
    UPDATE_CONTACT_ACCOUNT,
    { id: param(ctx, 'id'), input },
    'updateContactAccount',
    accountFields,
  );
  sendJson(ctx.res, 200, { id: payload.id });
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
    requestSchemas: [
      { name: 'SelfServiceAccountCreateRequest', schema: accountCreateBody },
      { name: 'SelfServiceAccountUpdateRequest', schema: accountUpdateBody },
    ],
    responseSchemas: [
      { name: 'SelfServiceAccount', schema: accountResponse },
      { name: 'SelfServiceAccountList', schema: accountListResponse },
      { name: 'SelfServiceAccountJournalList', schema: accountJournalListResponse },
      { name: 'SelfServiceJournal', schema: journalResponse },
    ],
    parameters: {
      AsOf: AS_OF_PARAMETER,
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
      method: 'POST',
      path: '/self-service/v2/contacts/:id/accounts',
      handler: createAccount,
      operations: [OPEN_CONTACT_ACCOUNT],
      pathParameters: { id: 'AccountsContactId' },
      doc: {
        operationId: 'addContactAccountSS',
        summary: 'Add an account to a contact',
        description: 'In one currency, at zero. is_primary: the previous primary loses the flag (the contact’s first account is always primary).',
        tag: TAG,
        audience: 'selfservice',
        body: 'SelfServiceAccountCreateRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Opened.', schema: 'IdResult' },
      },
    },
    {
      method: 'PUT',
      path: '/self-service/v2/accounts/:id',
      handler: updateAccount,
      operations: [UPDATE_CONTACT_ACCOUNT],
      doc: {
        operationId: 'updateAccountSS',
        summary: 'Update an account',
        description: 'is_primary true moves the primary flag here; false on the primary account is 400 (make another one primary).',
        tag: TAG,
        audience: 'selfservice',
        body: 'SelfServiceAccountUpdateRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Updated.', schema: 'IdResult' },
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
        description: 'as_of (our extension, epoch seconds): the balance at that instant.',
        tag: TAG,
        audience: 'selfservice',
        query: ['AsOf'],
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
