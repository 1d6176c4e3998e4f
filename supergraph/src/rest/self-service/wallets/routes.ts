import type { NotFoundSubject } from '@crm/platform/errors';
import { param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { GET_WALLET, LIST_JOURNALS, type GqlJournal, type GqlWallet } from '../../domains/ledger/operations';
import { ledgerFields, toSelfServiceJournal, toSelfServiceWallet } from '../../domains/ledger/mapper';
import { paged } from '../../domains/ledger/paging';
import { asOfParam } from '../../domains/ledger/as-of';
import { selfServiceJournalListResponse, selfServiceWalletResponse } from '../../domains/ledger/schemas';

const TAG = 'Contact Wallet';
const WALLET = 'wallet' as NotFoundSubject;

async function walletOf(ctx: Parameters<Handler>[0], asOf: string | null = null): Promise<GqlWallet> {
  const id = param(ctx, 'id');
  const data = await ctx.gateway.run(GET_WALLET, { id, asOf }, (p) => (p === 'asOf' ? 'as_of' : ledgerFields(p)));
  const wallet = data['wallet'] as GqlWallet | null | undefined;
  // another contact's wallet answers as if it did not exist
  if (!wallet) throw recordNotFound(WALLET, id);
  return wallet;
}

/** GET /self-service/v2/wallets/{id}[?as_of=epoch] (id or 16-digit code): balances per pocket type and the totals (at as_of: our extension). */
const getWallet: Handler = async (ctx) => {
  const asOf = asOfParam(queryParams(ctx.url.searchParams, ['as_of']));
  sendJson(ctx.res, 200, toSelfServiceWallet(await walletOf(ctx, asOf)));
};

const JOURNAL_PARAMS = [...PAGING_PARAMS, 'type', 'transaction_type'] as const;

/** GET /self-service/v2/wallets/{id}/journals: the wallet's postings, newest first. */
const listWalletJournals: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, JOURNAL_PARAMS);
  const paging = parsePaging(params);
  const wallet = await walletOf(ctx);
  const type = params.get('type');
  const data = await ctx.gateway.run(
    LIST_JOURNALS,
    {
      filter: { walletId: wallet.id, entry: type ?? null, type: params.get('transaction_type') ?? null },
      first: paging.size,
      offset: (paging.page - 1) * paging.size,
    },
    (path) => (path.endsWith('entry') ? 'type' : ledgerFields(path)),
  );
  sendJson(ctx.res, 200, paged(paging, data['ledgerJournals'] as { items: GqlJournal[]; total: number }, toSelfServiceJournal));
};

/** Contact Wallet: the wallet with its balances, and its journals. */
export const resource = defineResource({
  family: 'self-service',
  name: 'wallets',
  pathParameters: { id: 'WalletId' },
  openapi: {
    tags: [{ name: TAG, description: "A contact's wallet: balances per pocket and commerce pool, journals (the ledger domain)." }],
    responseSchemas: [
      { name: 'SelfServiceWallet', schema: selfServiceWalletResponse },
      { name: 'SelfServiceWalletJournalList', schema: selfServiceJournalListResponse },
    ],
    parameters: {
      WalletId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The wallet GUID or its 16-digit code. Another contact’s wallet is a 404.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
      JournalEntryType: {
        name: 'type',
        in: 'query',
        required: false,
        description: 'CREDIT or DEBIT.',
        schema: { type: 'string', enum: ['CREDIT', 'DEBIT'] },
      },
      JournalTransactionType: {
        name: 'transaction_type',
        in: 'query',
        required: false,
        description: 'AWARD, SPEND, TRANSFER, MANUAL_JOURNAL, CAPTURE, REVERSAL, EXPIRY, CREDIT, DEBIT…',
        schema: { type: 'string' },
      },
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/wallets/:id',
      handler: getWallet,
      operations: [GET_WALLET],
      doc: {
        operationId: 'getSingleWalletSS',
        summary: 'Get a wallet',
        description:
          'Balances per pocket type (CRM = the contact’s own money, BUSINESS = store credit and commerce pools) in major units. as_of (our extension, epoch seconds): the balances at that instant.',
        tag: TAG,
        audience: 'contactOrSecret',
        query: ['AsOf'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The wallet.', schema: 'SelfServiceWallet' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/wallets/:id/journals',
      handler: listWalletJournals,
      operations: [GET_WALLET, LIST_JOURNALS],
      doc: {
        operationId: 'listWalletJournalsSS',
        summary: 'List wallet journals',
        tag: TAG,
        audience: 'selfservice',
        query: ['JournalEntryType', 'JournalTransactionType', 'Page', 'Size', 'IncludeTotal'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The postings of the wallet, newest first.', schema: 'SelfServiceWalletJournalList' },
      },
    },
  ],
});
