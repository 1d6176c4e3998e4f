import { z } from 'zod';
import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { invalid, recordNotFound } from '../../kit/errors';
import { epochSeconds } from '../../kit/format';
import { op } from '../../kit/operation';
import { boolean, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { epoch, pagingResponse } from '../../kit/response-schemas';
import {
  GET_WALLET_SETTINGS,
  LEDGER_TOTALS,
  LIST_COMMERCE_POOLS,
  LIST_JOURNALS,
  UPDATE_WALLET_SETTINGS,
  type GqlCommercePool,
  type GqlIdPayload,
  type GqlJournal,
  type GqlTotal,
  type GqlWalletSettings,
} from '../../domains/ledger/operations';
import { amountIn, ledgerFields, money } from '../../domains/ledger/mapper';
import { paged } from '../../domains/ledger/paging';
import { postedWindow, POSTED_ON_PARAMS } from '../../domains/ledger/posted-on';
import { limitRuleOut, limitRulesIn, walletLimitsBody, walletLimitsResponse } from '../../domains/ledger/limits';

const TAG = 'Contact Wallet';
const WALLET = 'wallet' as NotFoundSubject;
const currency = z.string().regex(/^[A-Z]{3}$/);

async function settingsOf(ctx: Parameters<Handler>[0]): Promise<GqlWalletSettings> {
  const id = param(ctx, 'id');
  const data = await ctx.gateway.run(GET_WALLET_SETTINGS, { id }, ledgerFields);
  const wallet = data['wallet'] as GqlWalletSettings | null | undefined;
  // another contact's wallet answers as if it did not exist
  if (!wallet) throw recordNotFound(WALLET, id);
  return wallet;
}

const method = z.strictObject({
  type: z.enum(['CARD', 'ACCOUNT_DEBIT', 'WALLET']),
  id: z.string().max(64).optional(),
  identifier: z.string().max(100).optional(),
});
const termedMethod = z.strictObject({
  type: z.enum(['CARD', 'ACCOUNT_DEBIT', 'WALLET']),
  identity: z.strictObject({ id: z.string().max(64).optional(), identifier: z.string().max(100).optional() }).optional(),
});
const autoTopupBody = z.strictObject({ threshold: z.number(), amount: z.number(), currency_code: currency.optional(), payment_method: method });
const termedTopupBody = z.strictObject({
  amount: z.number(),
  currency_code: currency.optional(),
  frequency: z.string().min(1).max(50),
  period: z.enum(['DAILY', 'WEEKLY', 'MONTHLY']).optional(),
  payment_method: termedMethod,
});

/** PUT /self-service/v2/wallets/{id}: top-up settings (null clears one). */
export const walletUpdateBody = z.strictObject({
  auto_topup: autoTopupBody.nullable().optional(),
  termed_topup: termedTopupBody.nullable().optional(),
});

const settingsFields = (path: string) =>
  path.includes('autoTopup')
    ? `auto_topup.${ledgerFields(path)}`
    : path.includes('termedTopup')
      ? `termed_topup.${ledgerFields(path)}`
      : path.startsWith('limitRules')
        ? path.replace(/^limitRules/, 'limit_rules').replace(/\.([a-zA-Z]+)$/, (_m, f: string) => `.${ledgerFields(f)}`)
        : ledgerFields(path);

async function saveSettings(ctx: Parameters<Handler>[0], input: Record<string, unknown>) {
  const wallet = await settingsOf(ctx);
  const payload = await ctx.gateway.mutate<GqlIdPayload>(
    UPDATE_WALLET_SETTINGS,
    { walletId: wallet.id, input },
    'updateWalletSettings',
    settingsFields,
  );
  sendJson(ctx.res, 200, { id: payload.id });
}

/** PUT /self-service/v2/wallets/{id}: the wallet's auto and termed top-up settings. */
const updateWallet: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(walletUpdateBody, await ctx.readBody());
  const input: Record<string, unknown> = {};
  const cur = (c: string | undefined, fallback: string) => c ?? fallback;
  const wallet = await settingsOf(ctx);
  if (body.auto_topup !== undefined)
    input['autoTopup'] = body.auto_topup && {
      threshold: amountIn(body.auto_topup.threshold, 'auto_topup.threshold'),
      amount: amountIn(body.auto_topup.amount, 'auto_topup.amount'),
      currency: cur(body.auto_topup.currency_code, wallet.currency),
      paymentMethod: { type: body.auto_topup.payment_method.type, id: body.auto_topup.payment_method.id ?? null },
    };
  if (body.termed_topup !== undefined)
    input['termedTopup'] = body.termed_topup && {
      amount: amountIn(body.termed_topup.amount, 'termed_topup.amount'),
      currency: cur(body.termed_topup.currency_code, wallet.currency),
      frequency: body.termed_topup.frequency,
      period: body.termed_topup.period ?? null,
      paymentMethod: { type: body.termed_topup.payment_method.type, id: body.termed_topup.payment_method.identity?.id ?? null },
    };
  await saveSettings(ctx, input);
};

/** GET /self-service/v2/wallets/{id}/topup_settings. */
const getTopupSettings: Handler = async (ctx) => {
  noQuery(ctx);
  const s = (await settingsOf(ctx)).settings;
  const pm = (m: { type: string; id: string | null }) => ({ type: m.type, ...(m.id ? { identity: { id: m.id } } : {}) });
  sendJson(ctx.res, 200, {
    ...(s.autoTopup
      ? {
          auto_topup: {
            threshold: money(s.autoTopup.threshold),
            amount: money(s.autoTopup.amount),
            currency_code: s.autoTopup.currency,
            payment_method: pm(s.autoTopup.paymentMethod),
          },
        }
      : {}),
    ...(s.termedTopup
      ? {
          termed_topup: {
            amount: money(s.termedTopup.amount),
            currency_code: s.termedTopup.currency,
            frequency: s.termedTopup.frequency,
            ...(s.termedTopup.period ? { period: s.termedTopup.period } : {}),
            payment_method: pm(s.termedTopup.paymentMethod),
          },
        }
      : {}),
  });
};

/** GET /self-service/v2/wallets/{id}/limits: the rules in force (the wallet's own, else the tenant's defaults). */
const getLimits: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, { limit_rules: (await settingsOf(ctx)).limitRules.map(limitRuleOut) });
};

/** PUT /self-service/v2/wallets/{id}/limits: the wallet's own limit rules (secret key or a back-office user; finance.write). */
const updateLimits: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(walletLimitsBody, await ctx.readBody());
  await saveSettings(ctx, { limitRules: limitRulesIn(body.limit_rules) });
};

const ROTATE_CODE = op(
  'mutation',
  'RestIssueWalletCode',
  `mutation RestIssueWalletCode($walletId: String!) { issueWalletCode(walletId: $walletId) { code expiresAt errors { code reason field message } } }`,
);

/**
 * GET /self-service/v2/wallets/{id}/code: a rotating (dynamic) wallet code, 16 digits, that names
 * the wallet for LEDGER_WALLET_CODE_TTL_SECONDS (a transfer or spend may use it as the wallet id);
 * each call rotates it. The static code stays on GET /wallets/{id}.
 */
const getCode: Handler = async (ctx) => {
  noQuery(ctx);
  const wallet = await settingsOf(ctx);
  const data = await ctx.gateway.run(ROTATE_CODE, { walletId: wallet.id }, ledgerFields);
  const payload = data['issueWalletCode'] as { code: string | null; errors: { message: string }[] };
  if (!payload.code) throw recordNotFound(WALLET, wallet.id);
  sendJson(ctx.res, 200, { code: payload.code });
};

/** GET /self-service/v2/wallets/{id}/summarised_totals[?posted_on[gte]=…]: what the wallet was topped up, spent, sent, received, awarded… per currency. */
const getSummarisedTotals: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['posted_on', ...POSTED_ON_PARAMS]);
  const window = postedWindow(params, 'posted_on');
  const wallet = await settingsOf(ctx);
  const data = await ctx.gateway.run(LEDGER_TOTALS, { walletId: wallet.id, contactId: null, ...window }, ledgerFields);
  const totals = data['ledgerTotals'] as GqlTotal[];
  const sum = (cur: string, pick: (t: GqlTotal) => boolean) =>
    Number(
      totals
        .filter((t) => t.currency === cur && pick(t))
        .reduce((s, t) => s + money(t.amount), 0)
        .toFixed(6),
    );
  const currencies = [...new Set([wallet.currency, ...totals.map((t) => t.currency)])];
  const KINDS: [string, (t: GqlTotal) => boolean][] = [
    ['TOP_UP', (t) => t.type === 'TOP_UP' && t.entry === 'CREDIT'],
    ['SPENT', (t) => ['SPEND', 'DEBIT', 'CAPTURE', 'PAYMENT'].includes(t.type) && t.entry === 'DEBIT'],
    ['SENT', (t) => t.type === 'TRANSFER' && t.entry === 'DEBIT'],
    ['RECEIVED', (t) => t.type === 'TRANSFER' && t.entry === 'CREDIT'],
    ['AWARDED', (t) => t.type === 'AWARD' && t.entry === 'CREDIT'],
    ['REDEEMED', () => false],
    ['DONATIONS', () => false],
    ['PAYOUTS', (t) => t.type === 'PAYOUT' && t.entry === 'DEBIT'],
  ];
  sendJson(ctx.res, 200, {
    wallet_totals: currencies.flatMap((c) => KINDS.map(([type, pick]) => ({ type, currency_code: c, total: sum(c, pick) }))),
  });
};

const DAY = 86_400_000;

/** GET /self-service/v2/wallets/{id}/commerce_balances: the tenant's commerce pools with the wallet's balance in each, activation and expiry buckets. */
const getCommerceBalances: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'commerce_pool_id', 'include_expiration', 'is_active']);
  const paging = parsePaging(params);
  const expiration = params.has('include_expiration') ? boolean('include_expiration', params.get('include_expiration')!) : false;
  const active = params.has('is_active') ? boolean('is_active', params.get('is_active')!) : null;
  const wallet = await settingsOf(ctx);
  const poolId = params.get('commerce_pool_id') ?? null;
  const data = await ctx.gateway.run(LIST_COMMERCE_POOLS, { ids: poolId ? [poolId] : null, first: 100, offset: 0 }, (p) =>
    p.startsWith('ids') ? 'commerce_pool_id' : ledgerFields(p),
  );
  const now = Date.now();
  const pools = (data['commercePools'] as { items: GqlCommercePool[] }).items
    .map((p) => {
      const pockets = wallet.balances.filter((b) => b.pocket === 'COMMERCE' && b.commercePoolId === p.id && b.currency === wallet.currency);
      const isActive = p.isActive && (!p.requiresActivation || wallet.settings.activatedCommercePools.includes(p.id));
      const lots = wallet.lots.filter((l) => pockets.some((b) => b.id === l.accountId) && l.expiresAt);
      const bucket = (from: number, to: number) =>
        Number(
          lots
            .filter((l) => {
              const left = new Date(l.expiresAt!).getTime() - now;
              return left >= from * DAY && left < to * DAY;
            })
            .reduce((s, l) => s + money(l.remaining), 0)
            .toFixed(6),
        );
      return {
        id: p.id,
        name: p.name,
        ...(p.description ? { description: p.description } : {}),
        amount: Number(pockets.reduce((s, b) => s + money(b.balance), 0).toFixed(6)),
        currency_code: wallet.currency,
        is_active: isActive,
        applicable_for_activation: p.requiresActivation && p.isActive && !isActive,
        ...(expiration
          ? {
              expiration: {
                zero_to_thirty: bucket(0, 30),
                thirty_to_sixty: bucket(30, 60),
                sixty_to_ninety: bucket(60, 90),
                ninety_plus: bucket(90, 1e9),
              },
            }
          : {}),
        ...(p.organisationIds.length > 0 ? { organisations: p.organisationIds.map((id) => ({ id })) } : {}),
        ...(p.productCategoryIds.length > 0 ? { products: p.productCategoryIds.map((id) => ({ id, id_type: 'TYPE' })) } : {}),
      };
    })
    .filter((p) => active === null || p.is_active === active);
  const items = pools.slice((paging.page - 1) * paging.size, paging.page * paging.size);
  sendJson(
    ctx.res,
    200,
    paged(paging, { items, total: pools.length }, (x) => x),
  );
};

const POCKETS = { CRMCOM: 'OPEN', BUSINESS: 'BUSINESS', BUSINESS_COMMERCE: 'COMMERCE' } as const;
const pocketOf = (p: string | undefined) => (p === 'OPEN' ? 'CRMCOM' : p === 'BUSINESS' ? 'BUSINESS' : 'BUSINESS_COMMERCE');

/** GET /self-service/v2/wallets/{id}/transactions[?pocket=&type=&posted_on[gte]=…]: the wallet's postings with their pocket, newest first. */
const listTransactions: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [
    ...PAGING_PARAMS,
    'pocket',
    'type',
    'order',
    'sort',
    'is_wallet_fee',
    'community_member_id',
    'posted_on',
    ...POSTED_ON_PARAMS,
  ]);
  const paging = parsePaging(params);
  const pocket = params.get('pocket');
  if (pocket && !(pocket in POCKETS)) throw invalid('pocket', 'must be CRMCOM, BUSINESS or BUSINESS_COMMERCE');
  const type = params.get('type');
  if (type && type !== 'CREDIT' && type !== 'DEBIT') throw invalid('type', 'must be CREDIT or DEBIT');
  const order = params.get('order') ?? 'DESC';
  if (order !== 'ASC' && order !== 'DESC') throw invalid('order', 'must be ASC or DESC');
  const window = postedWindow(params, 'posted_on');
  const wallet = await settingsOf(ctx);
  const accounts = wallet.balances.filter((b) => !pocket || b.pocket === POCKETS[pocket as keyof typeof POCKETS]).map((b) => b.id);
  // a fee filter: the ledger has no wallet fees
  const none = accounts.length === 0 || params.get('is_wallet_fee') === 'true';
  const data = none
    ? { ledgerJournals: { items: [], total: 0 } }
    : await ctx.gateway.run(
        LIST_JOURNALS,
        {
          filter: {
            walletId: wallet.id,
            accountIds: accounts,
            entry: type ?? null,
            postedFrom: window.postedFrom,
            postedTo: window.postedTo,
            ascending: order === 'ASC',
          },
          first: paging.size,
          offset: (paging.page - 1) * paging.size,
        },
        (path) => (path.endsWith('entry') ? 'type' : ledgerFields(path)),
      );
  const pocketById = new Map(wallet.balances.map((b) => [b.id, b]));
  sendJson(
    ctx.res,
    200,
    paged(paging, data['ledgerJournals'] as { items: GqlJournal[]; total: number }, (j) => {
      const b = pocketById.get(j.accountId);
      return {
        id: j.transactionId,
        type: j.entry,
        amount: money(j.amount),
        currency: j.currency,
        pocket: pocketOf(b?.pocket),
        posted_on: epochSeconds(j.postedAt),
        ...(j.type === 'EXPIRY'
          ? { wallet_expiration: { date: epochSeconds(j.postedAt), ...(b?.commercePoolId ? { commerce_pool: { id: b.commercePoolId } } : {}) } }
          : {}),
        ...(j.type === 'TRANSFER' && b?.commercePoolId ? { transfer: { commerce_pool: { id: b.commercePoolId } } } : {}),
      };
    }),
  );
};

const topupMethod = z.strictObject({ type: z.enum(['CARD', 'ACCOUNT_DEBIT', 'WALLET']), identity: z.strictObject({ id: z.string() }).optional() });
export const topupSettingsResponse = z.strictObject({
  auto_topup: z.strictObject({ threshold: z.number(), amount: z.number(), currency_code: currency, payment_method: topupMethod }).optional(),
  termed_topup: z
    .strictObject({
      amount: z.number(),
      currency_code: currency,
      frequency: z.string(),
      period: z.enum(['DAILY', 'WEEKLY', 'MONTHLY']).optional(),
      payment_method: topupMethod,
    })
    .optional(),
});
const summarisedTotalsResponse = z.strictObject({
  wallet_totals: z.array(
    z.strictObject({
      type: z.enum(['TOP_UP', 'SPENT', 'SENT', 'RECEIVED', 'AWARDED', 'REDEEMED', 'DONATIONS', 'PAYOUTS']),
      currency_code: currency,
      total: z.number(),
    }),
  ),
});
const commerceBalance = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  amount: z.number(),
  currency_code: currency,
  is_active: z.boolean(),
  applicable_for_activation: z.boolean(),
  expiration: z
    .strictObject({ zero_to_thirty: z.number(), thirty_to_sixty: z.number(), sixty_to_ninety: z.number(), ninety_plus: z.number() })
    .optional(),
  organisations: z.array(z.strictObject({ id: z.string() })).optional(),
  products: z.array(z.strictObject({ id: z.string(), id_type: z.literal('TYPE') })).optional(),
});
const walletTransaction = z.strictObject({
  id: z.string(),
  type: z.enum(['CREDIT', 'DEBIT']),
  amount: z.number(),
  currency: currency,
  pocket: z.enum(['CRMCOM', 'BUSINESS', 'BUSINESS_COMMERCE']),
  posted_on: epoch,
  wallet_expiration: z.strictObject({ date: epoch, commerce_pool: z.strictObject({ id: z.string() }).optional() }).optional(),
  transfer: z.strictObject({ commerce_pool: z.strictObject({ id: z.string() }) }).optional(),
});

/** Contact Wallet: settings, limits, rotating code, totals, commerce balances and transactions (the ledger domain). */
export const resource = defineResource({
  family: 'self-service',
  name: 'wallet-settings',
  pathParameters: { id: 'WalletId' },
  openapi: {
    requestSchemas: [
      { name: 'SelfServiceWalletUpdateRequest', schema: walletUpdateBody },
      { name: 'SelfServiceWalletLimitsRequest', schema: walletLimitsBody },
    ],
    responseSchemas: [
      { name: 'SelfServiceWalletLimits', schema: walletLimitsResponse },
      { name: 'SelfServiceWalletTopupSettings', schema: topupSettingsResponse },
      { name: 'SelfServiceWalletCode', schema: z.strictObject({ code: z.string().regex(/^\d{16}$/) }) },
      { name: 'SelfServiceWalletSummarisedTotals', schema: summarisedTotalsResponse },
      { name: 'SelfServiceCommerceBalanceList', schema: z.strictObject({ paging: pagingResponse, content: z.array(commerceBalance) }) },
      { name: 'SelfServiceWalletTransactionList', schema: z.strictObject({ paging: pagingResponse, content: z.array(walletTransaction) }) },
    ],
    parameters: {
      ...Object.fromEntries(
        ['posted_on', ...POSTED_ON_PARAMS].map((name) => [
          `WalletPostedOn${name.replace(/\W/g, '')}`,
          {
            name,
            in: 'query',
            required: false,
            description: 'Epoch seconds: posted on (or before/after) this instant.',
            schema: { type: 'integer' },
          },
        ]),
      ),
      WalletPocket: { name: 'pocket', in: 'query', required: false, schema: { type: 'string', enum: ['CRMCOM', 'BUSINESS', 'BUSINESS_COMMERCE'] } },
      WalletTransactionType: { name: 'type', in: 'query', required: false, schema: { type: 'string', enum: ['CREDIT', 'DEBIT'] } },
      WalletOrder: { name: 'order', in: 'query', required: false, schema: { type: 'string', enum: ['ASC', 'DESC'], default: 'DESC' } },
      WalletSort: { name: 'sort', in: 'query', required: false, description: 'Accepted; posting time is the order.', schema: { type: 'string' } },
      WalletIsFee: {
        name: 'is_wallet_fee',
        in: 'query',
        required: false,
        description: 'The ledger has no wallet fees: true lists nothing.',
        schema: { type: 'boolean' },
      },
      WalletCommunityMember: {
        name: 'community_member_id',
        in: 'query',
        required: false,
        description: 'Accepted; not used.',
        schema: { type: 'string' },
      },
      CommercePoolFilter: { name: 'commerce_pool_id', in: 'query', required: false, schema: { type: 'string' } },
      IncludeExpiration: { name: 'include_expiration', in: 'query', required: false, schema: { type: 'boolean' } },
      CommercePoolIsActive: { name: 'is_active', in: 'query', required: false, schema: { type: 'boolean' } },
    },
  },
  routes: [
    {
      method: 'PUT',
      path: '/self-service/v2/wallets/:id',
      handler: updateWallet,
      operations: [GET_WALLET_SETTINGS, UPDATE_WALLET_SETTINGS],
      doc: {
        operationId: 'updateWalletSS',
        summary: "Update a wallet's top-up settings",
        description: 'auto_topup / termed_topup (null clears one). The ledger keeps the settings; the billing domain performs top-ups.',
        tag: TAG,
        audience: 'contactOrSecret',
        body: 'SelfServiceWalletUpdateRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Updated.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/wallets/:id/topup_settings',
      handler: getTopupSettings,
      operations: [GET_WALLET_SETTINGS],
      doc: {
        operationId: 'getWalletTopUpSettingsSS',
        summary: "Get a wallet's top-up settings",
        tag: TAG,
        audience: 'contactOrSecret',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The settings.', schema: 'SelfServiceWalletTopupSettings' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/wallets/:id/limits',
      handler: getLimits,
      operations: [GET_WALLET_SETTINGS],
      doc: {
        operationId: 'getWalletLimitsSS',
        summary: "Get a wallet's limits",
        description: "The rules in force: the wallet's own, else the tenant's defaults (PUT /backoffice/v2/wallet_limits).",
        tag: TAG,
        audience: 'contactOrSecret',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The limit rules.', schema: 'SelfServiceWalletLimits' },
      },
    },
    {
      method: 'PUT',
      path: '/self-service/v2/wallets/:id/limits',
      handler: updateLimits,
      operations: [GET_WALLET_SETTINGS, UPDATE_WALLET_SETTINGS],
      doc: {
        operationId: 'updateWalletLimitsSS',
        summary: "Set a wallet's own limits",
        description:
          'Secret key or a back-office user with finance.write (a contact cannot change its limits). DEBIT and TRANSFER rules are enforced on movements out of the wallet: beyond them a movement is 400 naming amount.',
        tag: TAG,
        audience: 'backoffice',
        body: 'SelfServiceWalletLimitsRequest',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Updated.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/wallets/:id/code',
      handler: getCode,
      operations: [GET_WALLET_SETTINGS, ROTATE_CODE],
      doc: {
        operationId: 'getWalletCodeSS',
        summary: 'Get a rotating wallet code',
        description: 'A dynamic 16-digit code naming the wallet for a short time (LEDGER_WALLET_CODE_TTL_SECONDS); each call rotates it.',
        tag: TAG,
        audience: 'selfservice',
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The code.', schema: 'SelfServiceWalletCode' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/wallets/:id/summarised_totals',
      handler: getSummarisedTotals,
      operations: [GET_WALLET_SETTINGS, LEDGER_TOTALS],
      doc: {
        operationId: 'getWalletSummarisedTotalsSS',
        summary: "A wallet's summarised totals",
        tag: TAG,
        audience: 'contactOrSecret',
        query: ['WalletPostedOnposted_on', ...POSTED_ON_PARAMS.map((n) => `WalletPostedOn${n.replace(/\W/g, '')}`)],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Totals per kind and currency.', schema: 'SelfServiceWalletSummarisedTotals' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/wallets/:id/commerce_balances',
      handler: getCommerceBalances,
      operations: [GET_WALLET_SETTINGS, LIST_COMMERCE_POOLS],
      doc: {
        operationId: 'getWalletCommerceBalancesSS',
        summary: "A wallet's commerce pool balances",
        tag: TAG,
        audience: 'selfservice',
        query: ['CommercePoolFilter', 'IncludeExpiration', 'CommercePoolIsActive', 'Page', 'Size', 'IncludeTotal'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The pools with the balance in each.', schema: 'SelfServiceCommerceBalanceList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/wallets/:id/transactions',
      handler: listTransactions,
      operations: [GET_WALLET_SETTINGS, LIST_JOURNALS],
      doc: {
        operationId: 'listWalletTransactionsSS',
        summary: "List a wallet's transactions",
        tag: TAG,
        audience: 'selfservice',
        query: [
          'WalletPocket',
          'WalletTransactionType',
          'WalletOrder',
          'WalletSort',
          'WalletIsFee',
          'WalletCommunityMember',
          'WalletPostedOnposted_on',
          ...POSTED_ON_PARAMS.map((n) => `WalletPostedOn${n.replace(/\W/g, '')}`),
          'Page',
          'Size',
          'IncludeTotal',
        ],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The postings, newest first.', schema: 'SelfServiceWalletTransactionList' },
      },
    },
  ],
});
