import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { epochSeconds } from '../../kit/format';
import { op } from '../../kit/operation';
import { parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { epoch, pagingResponse } from '../../kit/response-schemas';
import {
  accountFields,
  CONTACT_ACCOUNT_FIELDS,
  OPEN_CONTACT_ACCOUNT,
  UPDATE_CONTACT_ACCOUNT,
  type GqlContactAccount,
  type GqlIdPayload,
} from '../../domains/ledger/operations';
import { amountIn, ledgerFields, money } from '../../domains/ledger/mapper';
import { paged } from '../../domains/ledger/paging';
import { asOfParam } from '../../domains/ledger/as-of';

const TAG = 'Accounts';
const ACCOUNT = 'ledger account' as NotFoundSubject;

const FIELDS = CONTACT_ACCOUNT_FIELDS;
const LIST = op('query', 'RestListContactAccountsBO', `query RestListContactAccountsBO($c: ID!) { ledgerAccounts(contactId: $c) { ${FIELDS} } }`);
const GET = op(
  'query',
  'RestGetAccountBO',
  `query RestGetAccountBO($id: ID!, $asOf: DateTimeISO) { ledgerAccount(id: $id, asOf: $asOf) { ${FIELDS} } }`,
);

type Account = GqlContactAccount;

const currency = z.string().regex(/^[A-Z]{3}$/);
const id = z.string().min(1).max(64);
/** POST /backoffice/v2/contacts/{id}/accounts. */
export const boAccountCreateBody = z.strictObject({
  currency_code: currency,
  is_primary: z.boolean().optional(),
  name: z.string().min(1).max(100).optional(),
  classification_id: id.nullable().optional(),
  credit_limit: z.number().min(0).optional(),
  payment_terms_id: id.nullable().optional(),
  billing_address_id: id.nullable().optional(),
});
/** PUT /backoffice/v2/accounts/{id} (currency is fixed). */
export const boAccountUpdateBody = boAccountCreateBody.omit({ currency_code: true });

const boAccount = z.strictObject({
  id: z.string(),
  contact_id: z.string(),
  name: z.string(),
  currency_code: currency,
  is_primary: z.boolean(),
  state: z.literal('ACTIVE'),
  balance: z.number(),
  blocked: z.number(),
  available: z.number(),
  credit_limit: z.number(),
  classification_id: z.string().optional(),
  payment_terms_id: z.string().optional(),
  billing_address_id: z.string().optional(),
  created_date: epoch,
});

const out = (a: Account) => ({
  id: a.id,
  contact_id: a.contactId,
  name: a.name,
  currency_code: a.currency,
  is_primary: a.isPrimary,
  state: 'ACTIVE',
  balance: money(a.balance),
  blocked: money(a.blocked),
  available: money(a.available),
  credit_limit: money(a.creditLimit),
  ...(a.classificationId ? { classification_id: a.classificationId } : {}),
  ...(a.paymentTermsId ? { payment_terms_id: a.paymentTermsId } : {}),
  ...(a.billingAddressId ? { billing_address_id: a.billingAddressId } : {}),
  created_date: epochSeconds(a.createdAt),
});

const fields = accountFields;

const inputOf = (b: z.infer<typeof boAccountUpdateBody>) => {
  const input: Record<string, unknown> = {};
  if (b.name !== undefined) input['name'] = b.name;
  if (b.is_primary !== undefined) input['isPrimary'] = b.is_primary;
  if (b.classification_id !== undefined) input['classificationId'] = b.classification_id;
  if (b.payment_terms_id !== undefined) input['paymentTermsId'] = b.payment_terms_id;
  if (b.billing_address_id !== undefined) input['billingAddressId'] = b.billing_address_id;
  if (b.credit_limit !== undefined) input['creditLimit'] = b.credit_limit === 0 ? '0' : amountIn(b.credit_limit, 'credit_limit');
  return input;
};

/** GET /backoffice/v2/contacts/{id}/accounts: the contact's financial accounts, primary first. */
const list: Handler = async (ctx) => {
  const paging = parsePaging(queryParams(ctx.url.searchParams, PAGING_PARAMS));
  const data = await ctx.gateway.run(LIST, { c: param(ctx, 'id') }, ledgerFields);
  const all = (data['ledgerAccounts'] as Account[] | null) ?? [];
  sendJson(ctx.res, 200, paged(paging, { items: all.slice((paging.page - 1) * paging.size, paging.page * paging.size), total: all.length }, out));
};

/** POST /backoffice/v2/contacts/{id}/accounts → 201 {id}. */
const create: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(boAccountCreateBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<GqlIdPayload>(
    OPEN_CONTACT_ACCOUNT,
    { contactId: param(ctx, 'id'), input: { currency: body.currency_code, ...inputOf(body) } },
    'openContactAccount',
    fields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** GET /backoffice/v2/accounts/{id}[?as_of=epoch]. */
const get: Handler = async (ctx) => {
  const asOf = asOfParam(queryParams(ctx.url.searchParams, ['as_of']));
  const accountId = param(ctx, 'id');
  const data = await ctx.gateway.run(GET, { id: accountId, asOf }, (p) => (p === 'asOf' ? 'as_of' : ledgerFields(p)));
  const a = data['ledgerAccount'] as Account | null;
  if (!a || a.kind !== 'CONTACT_ACCOUNT') throw recordNotFound(ACCOUNT, accountId);
  sendJson(ctx.res, 200, out(a));
};

/** PUT /backoffice/v2/accounts/{id} → 200 {id}. */
const update: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(boAccountUpdateBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<GqlIdPayload>(
    UPDATE_CONTACT_ACCOUNT,
    { id: param(ctx, 'id'), input: inputOf(body) },
    'updateContactAccount',
    fields,
  );
  sendJson(ctx.res, 200, { id: payload.id });
};

/** Accounts: contacts' financial accounts (the ledger domain), CRM.COM-like shapes. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'accounts',
  pathParameters: { id: 'BackOfficeAccountId' },
  openapi: {
    tags: [{ name: TAG, description: "Contacts' financial accounts: balances, credit limits, classification (the ledger domain)." }],
    requestSchemas: [
      { name: 'BackOfficeAccountCreateRequest', schema: boAccountCreateBody },
      { name: 'BackOfficeAccountUpdateRequest', schema: boAccountUpdateBody },
    ],
    responseSchemas: [
      { name: 'BackOfficeAccount', schema: boAccount },
      { name: 'BackOfficeAccountList', schema: z.strictObject({ paging: pagingResponse, content: z.array(boAccount) }) },
    ],
    parameters: {
      BackOfficeAccountId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The account GUID.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
      BackOfficeAccountContactId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The contact GUID.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/contacts/:id/accounts',
      handler: list,
      operations: [LIST],
      pathParameters: { id: 'BackOfficeAccountContactId' },
      doc: {
        operationId: 'listContactAccountsBO',
        summary: "List a contact's accounts",
        description: 'Needs ledger.read or finance.read.',
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal'],
        reads: true,
        success: { status: 200, description: 'The accounts, primary first.', schema: 'BackOfficeAccountList' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/contacts/:id/accounts',
      handler: create,
      operations: [OPEN_CONTACT_ACCOUNT],
      pathParameters: { id: 'BackOfficeAccountContactId' },
      doc: {
        operationId: 'addContactAccountBO',
        summary: 'Add an account to a contact',
        description: 'Needs finance.write. credit_limit: how far below zero the account may go.',
        tag: TAG,
        audience: 'backoffice',
        body: 'BackOfficeAccountCreateRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Opened.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/accounts/:id',
      handler: get,
      operations: [GET],
      doc: {
        operationId: 'getAccountBO',
        summary: 'Get an account',
        description: 'Needs ledger.read or finance.read. as_of (our extension, epoch seconds): the balance at that instant.',
        tag: TAG,
        audience: 'backoffice',
        query: ['AsOf'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The account.', schema: 'BackOfficeAccount' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/accounts/:id',
      handler: update,
      operations: [UPDATE_CONTACT_ACCOUNT],
      doc: {
        operationId: 'updateAccountBO',
        summary: 'Update an account',
        description: 'Needs finance.write. A credit limit below what the account already owes is 400 naming credit_limit.',
        tag: TAG,
        audience: 'backoffice',
        body: 'BackOfficeAccountUpdateRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Updated.', schema: 'IdResult' },
      },
    },
  ],
});
