import type { NotFoundSubject } from '@crm/platform/errors';
import { param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { op } from '../../kit/operation';
import { parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { GET_WALLET, WALLET_FIELDS, type GqlWallet } from '../../domains/ledger/operations';
import { ledgerFields, toBackOfficeWallet } from '../../domains/ledger/mapper';
import { paged } from '../../domains/ledger/paging';
import { asOfParam } from '../../domains/ledger/as-of';
import { backOfficeWalletListResponse, backOfficeWalletResponse } from '../../domains/ledger/schemas';

const TAG = 'Wallets';
const WALLET = 'wallet' as NotFoundSubject;

const LIST_WALLETS = op(
  'query',
  'RestListWallets',
  `query RestListWallets($contactId: ID, $first: Int, $offset: Int) { wallets(contactId: $contactId, first: $first, offset: $offset) { items { ${WALLET_FIELDS} } total } }`,
);

/** GET /backoffice/v2/wallets[?contact_id=]: the tenant's wallets, newest first. */
const listWallets: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'contact_id']);
  const paging = parsePaging(params);
  const data = await ctx.gateway.run(
    LIST_WALLETS,
    { contactId: params.get('contact_id') ?? null, first: paging.size, offset: (paging.page - 1) * paging.size },
    (path) => (path.endsWith('contactId') ? 'contact_id' : ledgerFields(path)),
  );
  sendJson(ctx.res, 200, paged(paging, data['wallets'] as { items: GqlWallet[]; total: number }, toBackOfficeWallet));
};

/** GET /backoffice/v2/wallets/{id}[?as_of=epoch] (id or 16-digit code; balances at as_of: our extension). */
const getWallet: Handler = async (ctx) => {
  const asOf = asOfParam(queryParams(ctx.url.searchParams, ['as_of']));
  const id = param(ctx, 'id');
  const data = await ctx.gateway.run(GET_WALLET, { id, asOf }, (p) => (p === 'asOf' ? 'as_of' : ledgerFields(p)));
  const wallet = data['wallet'] as GqlWallet | null | undefined;
  if (!wallet) throw recordNotFound(WALLET, id);
  sendJson(ctx.res, 200, toBackOfficeWallet(wallet));
};

/** Wallets (our shape by analogy with the self-service wallet, plus each pocket's blocked and available amounts). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'wallets',
  pathParameters: { id: 'WalletRef' },
  openapi: {
    tags: [{ name: TAG, description: 'Contact wallets and their pockets (the ledger domain).' }],
    responseSchemas: [
      { name: 'BackOfficeWallet', schema: backOfficeWalletResponse },
      { name: 'BackOfficeWalletList', schema: backOfficeWalletListResponse },
    ],
    parameters: {
      WalletRef: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The wallet GUID or its 16-digit code.',
        schema: { type: 'string', minLength: 1, maxLength: 64 },
      },
      WalletContactId: { name: 'contact_id', in: 'query', required: false, description: 'Only this contact’s wallet.', schema: { type: 'string' } },
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/backoffice/v2/wallets',
      handler: listWallets,
      operations: [LIST_WALLETS],
      doc: {
        operationId: 'listWalletsBO',
        summary: 'List wallets',
        description: 'Needs ledger.read or finance.read.',
        tag: TAG,
        audience: 'backoffice',
        query: ['WalletContactId', 'Page', 'Size', 'IncludeTotal'],
        reads: true,
        success: { status: 200, description: 'The wallets.', schema: 'BackOfficeWalletList' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/wallets/:id',
      handler: getWallet,
      operations: [GET_WALLET],
      doc: {
        operationId: 'getWalletBO',
        summary: 'Get a wallet',
        description: 'Needs ledger.read or finance.read. as_of (our extension, epoch seconds): the balances at that instant.',
        tag: TAG,
        audience: 'backoffice',
        query: ['AsOf'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The wallet with its pockets.', schema: 'BackOfficeWallet' },
      },
    },
  ],
});
