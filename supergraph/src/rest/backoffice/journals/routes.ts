import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { op } from '../../kit/operation';
import { parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { epochSeconds } from '../../kit/format';
import { LIST_JOURNALS, MANUAL_JOURNAL, type GqlJournal, type GqlTransactionPayload } from '../../domains/ledger/operations';
import { amountIn, ledgerFields, toBackOfficeJournal } from '../../domains/ledger/mapper';
import { paged } from '../../domains/ledger/paging';
import {
  backOfficeJournalListResponse,
  backOfficeTransactionResponse,
  SPEND_BAD_REQUEST,
  spendBadRequestResponse,
} from '../../domains/ledger/schemas';

const TAG = 'Journals';
const TRANSACTION = 'ledger transaction' as NotFoundSubject;

/** POST /backoffice/v2/contacts/{id|code}/journals (a manual journal; NOTES §1.6 shows clients posting it by contact code). */
export const journalBody = z.strictObject({
  action: z.enum(['CREDIT', 'DEBIT']),
  entity: z.enum(['ACCOUNT', 'WALLET']),
  amount: z.number(),
  currency_code: z.string(),
  notes: z.string().max(500).optional(),
  commerce_pool_id: z.string().max(64).optional(),
});

const CONTACT_ID = op('query', 'RestJournalContactId', `query RestJournalContactId($id: ID!) { contact(id: $id) { id } }`);

const journalFields = (path: string) => (path.endsWith('action') ? 'action' : path.endsWith('entity') ? 'entity' : ledgerFields(path));

/** → 201 `{id}` (the ledger transaction). Insufficient funds: 400 CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION. */
const postJournal: Handler = async (ctx) => {
  noQuery(ctx);
  const ref = param(ctx, 'id');
  const body = validateBody(journalBody, await ctx.readBody());
  const amount = amountIn(body.amount);
  const contact = (await ctx.gateway.run(CONTACT_ID, { id: ref.slice(0, 100) }, 'backoffice-contact'))['contact'] as { id: string } | null;
  if (!contact) throw recordNotFound('contact', ref);
  const payload = await ctx.gateway.mutate<GqlTransactionPayload>(
    MANUAL_JOURNAL,
    {
      input: {
        contactId: contact.id,
        action: body.action,
        entity: body.entity,
        amount,
        currency: body.currency_code,
        commercePoolId: body.commerce_pool_id ?? null,
        notes: body.notes ?? null,
      },
      idempotencyKey: idempotencyKeyOf(ctx.req) ?? `rest:${randomUUID()}`,
    },
    'postManualJournal',
    journalFields,
  );
  // every side of the transaction (the tenant's account too) is visible to the caller's next read
  for (const token of payload.consistencyTokens) await ctx.gateway.remember(token);
  sendJson(ctx.res, 201, { id: payload.transaction?.id });
};

/** GET /backoffice/v2/journals?contact_id=&entity=ACCOUNT|WALLET&event=<transaction type>&type=CREDIT|DEBIT: postings, newest first. */
const listJournals: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'contact_id', 'wallet_id', 'account_id', 'entity', 'event', 'type']);
  const paging = parsePaging(params);
  const data = await ctx.gateway.run(
    LIST_JOURNALS,
    {
      filter: {
        contactId: params.get('contact_id') ?? null,
        walletId: params.get('wallet_id') ?? null,
        accountId: params.get('account_id') ?? null,
        type: params.get('event') ?? null,
        entry: params.get('type') ?? null,
        entity: params.get('entity') ?? null,
      },
      first: paging.size,
      offset: (paging.page - 1) * paging.size,
    },
    (path) => (path.endsWith('entry') ? 'type' : path.endsWith('.type') ? 'event' : ledgerFields(path)),
  );
  sendJson(ctx.res, 200, paged(paging, data['ledgerJournals'] as { items: GqlJournal[]; total: number }, toBackOfficeJournal));
};

/** GET /backoffice/v2/journals/{id}: one ledger transaction with all its postings. */
const getJournal: Handler = async (ctx) => {
  noQuery(ctx);
  const id = param(ctx, 'id');
  if (!isUuid(id)) throw recordNotFound(TRANSACTION, id);
  const data = await ctx.gateway.run(LIST_JOURNALS, { filter: { transactionId: id }, first: 100, offset: 0 }, ledgerFields);
  const entries = (data['ledgerJournals'] as { items: GqlJournal[] }).items;
  const first = entries[0];
  if (!first) throw recordNotFound(TRANSACTION, id);
  sendJson(ctx.res, 200, {
    id: first.transactionId,
    transaction_type: first.type,
    posted_on: epochSeconds(first.postedAt),
    entries: entries.map(toBackOfficeJournal),
  });
};

/** Journals: manual journals on a contact, and the ledger's postings (our shapes by analogy, NOTES §2.1 / §4.3). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'journals',
  pathParameters: { id: 'JournalId' },
  openapi: {
    tags: [{ name: TAG, description: 'Ledger journals: manual journals and every posting (the ledger domain).' }],
    requestSchemas: [{ name: 'ManualJournalRequest', schema: journalBody }],
    responses: { [SPEND_BAD_REQUEST]: spendBadRequestResponse },
    responseSchemas: [
      { name: 'BackOfficeJournalList', schema: backOfficeJournalListResponse },
      { name: 'BackOfficeLedgerTransaction', schema: backOfficeTransactionResponse },
    ],
    parameters: {
      JournalId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The ledger transaction GUID.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
      JournalContactRef: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The contact GUID or code.',
        schema: { type: 'string', minLength: 1, maxLength: 100 },
      },
      JournalContactId: {
        name: 'contact_id',
        in: 'query',
        required: false,
        description: 'Only this contact’s postings.',
        schema: { type: 'string' },
      },
      JournalWalletId: { name: 'wallet_id', in: 'query', required: false, description: 'Only this wallet’s postings.', schema: { type: 'string' } },
      JournalAccountId: {
        name: 'account_id',
        in: 'query',
        required: false,
        description: 'Only this ledger account’s postings.',
        schema: { type: 'string' },
      },
      JournalEntity: {
        name: 'entity',
        in: 'query',
        required: false,
        description: 'WALLET or ACCOUNT.',
        schema: { type: 'string', enum: ['WALLET', 'ACCOUNT'] },
      },
      JournalEvent: {
        name: 'event',
        in: 'query',
        required: false,
        description: 'The transaction type (MANUAL_JOURNAL, AWARD, SPEND, TRANSFER…).',
        schema: { type: 'string' },
      },
      JournalType: {
        name: 'type',
        in: 'query',
        required: false,
        description: 'CREDIT or DEBIT.',
        schema: { type: 'string', enum: ['CREDIT', 'DEBIT'] },
      },
    },
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/contacts/:id/journals',
      handler: postJournal,
      operations: [CONTACT_ID, MANUAL_JOURNAL],
      pathParameters: { id: 'JournalContactRef' },
      doc: {
        operationId: 'postContactJournalBO',
        summary: 'Post a manual journal',
        description:
          "CREDIT or DEBIT the contact's WALLET (its OPEN pocket, or commerce_pool_id's) or ACCOUNT, against the tenant's WRITE_OFF account. Needs ledger.journal or finance.write.",
        tag: TAG,
        audience: 'backoffice',
        body: 'ManualJournalRequest',
        idempotencyKey: true,
        badRequest: SPEND_BAD_REQUEST,
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Posted; the id of the ledger transaction.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/journals',
      handler: listJournals,
      operations: [LIST_JOURNALS],
      doc: {
        operationId: 'listJournalsBO',
        summary: 'List journals',
        description: 'Postings, newest first. Needs ledger.read or finance.read.',
        tag: TAG,
        audience: 'backoffice',
        query: [
          'JournalContactId',
          'JournalWalletId',
          'JournalAccountId',
          'JournalEntity',
          'JournalEvent',
          'JournalType',
          'Page',
          'Size',
          'IncludeTotal',
        ],
        reads: true,
        success: { status: 200, description: 'The postings.', schema: 'BackOfficeJournalList' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/journals/:id',
      handler: getJournal,
      operations: [LIST_JOURNALS],
      doc: {
        operationId: 'getJournalBO',
        summary: 'Get a journal',
        description: 'One ledger transaction with its postings (they sum to zero per currency).',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The transaction.', schema: 'BackOfficeLedgerTransaction' },
      },
    },
  ],
});
