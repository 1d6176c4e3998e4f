import { z } from 'zod';
import { sendJson, type Handler } from '../../kit/context';
import { invalid } from '../../kit/errors';
import { parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { pagingResponse } from '../../kit/response-schemas';
import { LEDGER_TOTALS, LIST_JOURNALS, type GqlJournal, type GqlTotal } from '../../domains/ledger/operations';
import { ledgerFields, money } from '../../domains/ledger/mapper';
import { paged } from '../../domains/ledger/paging';
import { CREATED_ON_PARAMS, postedWindow } from '../../domains/ledger/posted-on';

const TAG = 'Contact Financials';
const SETTLEMENT_TYPES = ['AWARD', 'SPEND'] as const;
const currency = z.string().regex(/^[A-Z]{3}$/);

const settlement = z.strictObject({
  id: z.string(),
  accounting_type: z.enum(['DEBIT', 'CREDIT']),
  currency_code: currency,
  event_amount: z.number(),
  settlement_amount: z.number(),
  settlement_type: z.enum(['AWARD', 'SPEND', 'AWARD_FEE', 'SPEND_FEE']),
  state: z.enum(['POSTED', 'CANCELLED']),
  is_reverted: z.boolean(),
});
const metrics = z.strictObject(
  Object.fromEntries(
    ['b2b_purchase', 'fees', 'orders', 'payments', 'payments_debit', 'payouts', 'payouts_credit', 'purchase_with_cash_pocket', 'top_ups'].flatMap(
      (k) => [
        [`number_of_${k}`, z.int().min(0)],
        [`total_${k}`, z.number()],
      ],
    ),
  ),
);

/**
 * GET /self-service/v2/settlement_transactions: the caller's awards and spends as settlement
 * transactions (AWARD: credit, SPEND: debit), newest first. The ledger has no merchant fees: no *_FEE rows.
 */
const listSettlements: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [
    ...PAGING_PARAMS,
    'order',
    'sort',
    'settlement_type',
    'accounting_type',
    'state',
    'currency_code',
    'account_journal_entry_id',
    'include_related_transactions',
    'created_on',
    ...CREATED_ON_PARAMS,
  ]);
  const paging = parsePaging(params);
  const type = params.get('settlement_type');
  if (type && !['AWARD', 'SPEND', 'AWARD_FEE', 'SPEND_FEE'].includes(type))
    throw invalid('settlement_type', 'must be AWARD, SPEND, AWARD_FEE or SPEND_FEE');
  const accounting = params.get('accounting_type');
  if (accounting && accounting !== 'CREDIT' && accounting !== 'DEBIT') throw invalid('accounting_type', 'must be CREDIT or DEBIT');
  const state = params.get('state');
  if (state && state !== 'POSTED' && state !== 'CANCELLED') throw invalid('state', 'must be POSTED or CANCELLED');
  const order = params.get('order') ?? 'DESC';
  if (order !== 'ASC' && order !== 'DESC') throw invalid('order', 'must be ASC or DESC');
  const window = postedWindow(params, 'created_on');
  const types = type ? (SETTLEMENT_TYPES as readonly string[]).filter((t) => t === type) : [...SETTLEMENT_TYPES];
  const empty = types.length === 0 || state === 'CANCELLED';
  const data = empty
    ? { ledgerJournals: { items: [], total: 0 } }
    : await ctx.gateway.run(
        LIST_JOURNALS,
        {
          filter: {
            entity: 'WALLET',
            types,
            entry: accounting ?? null,
            transactionId: params.get('account_journal_entry_id') ?? null,
            postedFrom: window.postedFrom,
            postedTo: window.postedTo,
            ascending: order === 'ASC',
          },
          first: paging.size,
          offset: (paging.page - 1) * paging.size,
        },
        (p) => (p.endsWith('transactionId') ? 'account_journal_entry_id' : ledgerFields(p)),
      );
  const page = data['ledgerJournals'] as { items: GqlJournal[]; total: number };
  const cur = params.get('currency_code');
  sendJson(
    ctx.res,
    200,
    paged(paging, { items: page.items.filter((j) => !cur || j.currency === cur), total: page.total }, (j) => ({
      id: j.transactionId,
      accounting_type: j.entry,
      currency_code: j.currency,
      event_amount: money(j.amount),
      settlement_amount: money(j.amount),
      settlement_type: j.type,
      state: 'POSTED',
      is_reverted: false,
    })),
  );
};

/** GET /self-service/v2/settlement_transactions/metrics: counts and totals of the caller's movements per kind in a window. */
const getMetrics: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['created_on', ...CREATED_ON_PARAMS]);
  const window = postedWindow(params, 'created_on');
  const data = await ctx.gateway.run(LEDGER_TOTALS, { walletId: null, contactId: null, ...window }, ledgerFields);
  const totals = data['ledgerTotals'] as GqlTotal[];
  const of = (pick: (t: GqlTotal) => boolean) => {
    const rows = totals.filter(pick);
    return { n: rows.reduce((s, t) => s + t.count, 0), total: Number(rows.reduce((s, t) => s + money(t.amount), 0).toFixed(6)) };
  };
  const kinds: Record<string, (t: GqlTotal) => boolean> = {
    b2b_purchase: () => false,
    fees: () => false,
    orders: (t) => t.type === 'CAPTURE' && t.entry === 'DEBIT',
    payments: (t) => t.type === 'PAYMENT' && t.entry === 'CREDIT',
    payments_debit: (t) => t.type === 'PAYMENT' && t.entry === 'DEBIT',
    payouts: (t) => t.type === 'PAYOUT' && t.entry === 'DEBIT',
    payouts_credit: (t) => t.type === 'PAYOUT' && t.entry === 'CREDIT',
    purchase_with_cash_pocket: (t) => t.type === 'SPEND' && t.entry === 'DEBIT',
    top_ups: (t) => t.type === 'TOP_UP' && t.entry === 'CREDIT',
  };
  const body: Record<string, number> = {};
  for (const [k, pick] of Object.entries(kinds)) {
    const m = of(pick);
    body[`number_of_${k}`] = m.n;
    body[`total_${k}`] = m.total;
  }
  sendJson(ctx.res, 200, body);
};

const param = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

/** Contact Financials: settlement transactions and their metrics, from the caller's ledger postings. */
export const resource = defineResource({
  family: 'self-service',
  name: 'settlement-transactions',
  openapi: {
    responseSchemas: [
      { name: 'SelfServiceSettlementTransactionList', schema: z.strictObject({ paging: pagingResponse, content: z.array(settlement) }) },
      { name: 'SelfServiceSettlementMetrics', schema: metrics },
    ],
    parameters: {
      ...Object.fromEntries(
        ['created_on', ...CREATED_ON_PARAMS].map((n) => [
          `SettlementCreatedOn${n.replace(/\W/g, '')}`,
          param(n, 'Epoch seconds.', { type: 'integer' }),
        ]),
      ),
      SettlementType: param('settlement_type', 'AWARD or SPEND (the ledger has no fees).', {
        type: 'string',
        enum: ['AWARD', 'SPEND', 'AWARD_FEE', 'SPEND_FEE'],
      }),
      SettlementAccountingType: param('accounting_type', 'CREDIT or DEBIT.', { type: 'string', enum: ['CREDIT', 'DEBIT'] }),
      SettlementState: param('state', 'POSTED (reversals are postings of their own: nothing is CANCELLED).', {
        type: 'string',
        enum: ['POSTED', 'CANCELLED'],
      }),
      SettlementCurrency: param('currency_code', 'Only this currency (on the page).'),
      SettlementJournalEntry: param('account_journal_entry_id', 'The ledger transaction.'),
      SettlementRelated: param('include_related_transactions', 'Accepted; not used.', { type: 'boolean' }),
      SettlementOrder: param('order', 'ASC or DESC.', { type: 'string', enum: ['ASC', 'DESC'] }),
      SettlementSort: param('sort', 'Accepted; posting time is the order.'),
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/settlement_transactions',
      handler: listSettlements,
      operations: [LIST_JOURNALS],
      doc: {
        operationId: 'listSettlementTransactionsSS',
        summary: 'List settlement transactions',
        description: "The caller's awards (CREDIT) and spends (DEBIT) on its wallet, newest first.",
        tag: TAG,
        audience: 'selfservice',
        query: [
          ...['created_on', ...CREATED_ON_PARAMS].map((n) => `SettlementCreatedOn${n.replace(/\W/g, '')}`),
          'SettlementType',
          'SettlementAccountingType',
          'SettlementState',
          'SettlementCurrency',
          'SettlementJournalEntry',
          'SettlementRelated',
          'SettlementOrder',
          'SettlementSort',
          'Page',
          'Size',
          'IncludeTotal',
        ],
        reads: true,
        success: { status: 200, description: 'The settlement transactions.', schema: 'SelfServiceSettlementTransactionList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/settlement_transactions/metrics',
      handler: getMetrics,
      operations: [LEDGER_TOTALS],
      doc: {
        operationId: 'getSettlementMetricsSS',
        summary: 'Settlement metrics',
        description: "Counts and totals of the caller's top-ups, payouts, payments, orders (captures) and spends in the window.",
        tag: TAG,
        audience: 'selfservice',
        query: ['created_on', ...CREATED_ON_PARAMS].map((n) => `SettlementCreatedOn${n.replace(/\W/g, '')}`),
        reads: true,
        success: { status: 200, description: 'The metrics.', schema: 'SelfServiceSettlementMetrics' },
      },
    },
  ],
});
