import { z } from 'zod';
import { param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { snakeCaseFields } from '../../kit/field-names';
import { op } from '../../kit/operation';
import { canonicalPathId } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { FREQUENCIES, METRICS, monthsOf, parseAnalyticsQuery, sumOf, type Month } from './windows';

const TAG = 'Self-service contact analytics';

const TOTALS = op(
  'query',
  'RestContactAnalyticsTotals',
  `query RestContactAnalyticsTotals($contactId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { ledgerTotals(contactId: $contactId, postedFrom: $from, postedTo: $to) { type entry currency amount count } }`,
);
const ORDERS = op(
  'query',
  'RestContactAnalyticsOrders',
  `query RestContactAnalyticsOrders($contactId: ID!, $offset: Int!) { orders(contactId: $contactId, first: 100, offset: $offset, state: null, supplyMethod: null) { total items { submittedAt state } } }`,
);

/** Settings' contact profile query refuses a contact asking for another (the ledger would answer it nothing, not a refusal). */
const OWN = op(
  'query',
  'RestContactAnalyticsOwner',
  `query RestContactAnalyticsOwner($contactId: ID!) { contactProfile(contactId: $contactId) { contactId } }`,
);

type Total = { type: string; entry: string; currency: string; amount: string; count: number };

const monthly = z.array(z.strictObject({ amount: z.number(), timestamp: z.int().describe('The first second of the month (epoch seconds, UTC).') }));
const analyticsResponse = z.strictObject({
  total_orders: z.number().optional(),
  wallet_totals: z
    .strictObject({ total_top_ups: z.number(), total_spent: z.number(), total_sent: z.number(), total_received: z.number() })
    .optional(),
  awards_per_month: monthly.optional(),
  redeems_per_month: monthly.optional(),
});

/** How many orders are scanned at most for ORDER_TOTALS (newest first). */
const MAX_ORDERS_SCANNED = 1000;

async function totals(ctx: RestContext, contactId: string, m: Month): Promise<Total[]> {
  const data = await ctx.gateway.run(TOTALS, { contactId, from: m.from.toISOString(), to: m.to.toISOString() }, snakeCaseFields);
  return (data['ledgerTotals'] as Total[] | null | undefined) ?? [];
}

/** Orders submitted in the window (not cancelled), counted from the newest back to the window's start. */
async function orderCount(ctx: RestContext, contactId: string, from: Date, to: Date): Promise<number> {
  let count = 0;
  for (let offset = 0; offset < MAX_ORDERS_SCANNED; offset += 100) {
    const data = await ctx.gateway.run(ORDERS, { contactId, offset }, snakeCaseFields);
    const page = data['orders'] as { total: number; items: { submittedAt: string; state: string }[] } | null;
    const items = page?.items ?? [];
    for (const o of items) {
      const at = new Date(o.submittedAt);
      if (at >= from && at <= to && o.state !== 'CANCELLED') count++;
    }
    const oldest = items[items.length - 1];
    if (items.length < 100 || !oldest || new Date(oldest.submittedAt) < from) break;
  }
  return count;
}

/**
 * GET /self-service/v2/contacts/{id}/analytics?frequency=&metrics= → the contact's totals over
 * whole calendar months (UTC): orders submitted, wallet top-ups / spends / transfers from the
 * ledger's postings, and awards and redeems (spends) per month.
 */
const get: Handler = async (ctx) => {
  const { frequency, metrics } = parseAnalyticsQuery(ctx.url.searchParams);
  const contactId = canonicalPathId(param(ctx, 'id'));
  await ctx.gateway.run(OWN, { contactId }, snakeCaseFields);
  const months = monthsOf(frequency, new Date());
  const from = months[0]!.from;
  const to = months[months.length - 1]!.to;
  const out: z.infer<typeof analyticsResponse> = {};
  const perMonth = metrics.includes('AWARDS_PER_MONTH') || metrics.includes('REDEEMS_PER_MONTH');
  const monthTotals = perMonth ? await Promise.all(months.map((m) => totals(ctx, contactId, m))) : [];
  if (metrics.includes('ORDER_TOTALS')) out.total_orders = await orderCount(ctx, contactId, from, to);
  if (metrics.includes('WALLET_TOTALS')) {
    const t = perMonth ? monthTotals.flat() : await totals(ctx, contactId, { from, to });
    out.wallet_totals = {
      total_top_ups: sumOf(t, 'TOP_UP', 'CREDIT'),
      total_spent: sumOf(t, 'SPEND', 'DEBIT'),
      total_sent: sumOf(t, 'TRANSFER', 'DEBIT'),
      total_received: sumOf(t, 'TRANSFER', 'CREDIT'),
    };
  }
  const series = (type: string, entry: 'CREDIT' | 'DEBIT') =>
    months.map((m, i) => ({ amount: sumOf(monthTotals[i]!, type, entry), timestamp: Math.floor(m.from.getTime() / 1000) })).reverse();
  if (metrics.includes('AWARDS_PER_MONTH')) out.awards_per_month = series('AWARD', 'CREDIT');
  if (metrics.includes('REDEEMS_PER_MONTH')) out.redeems_per_month = series('SPEND', 'DEBIT');
  sendJson(ctx.res, 200, out);
};

export const resource = defineResource({
  family: 'self-service',
  name: 'contact-analytics',
  pathParameters: { id: 'AnalyticsContactId' },
  openapi: {
    tags: [{ name: TAG, description: "A contact's monthly totals: orders, wallet movements, awards and redeems." }],
    parameters: {
      AnalyticsContactId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The contact id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
      AnalyticsFrequency: {
        name: 'frequency',
        in: 'query',
        required: true,
        description: 'Whole calendar months (UTC): THIS_MONTH, LAST_MONTH, LAST_QUARTER (3 including this), LAST_SIX_MONTHS (6 including this).',
        schema: { type: 'string', enum: [...FREQUENCIES] },
      },
      AnalyticsMetrics: {
        name: 'metrics',
        in: 'query',
        required: true,
        description: `Comma separated, at least one of ${METRICS.join(', ')}.`,
        schema: { type: 'string' },
      },
    },
    responseSchemas: [{ name: 'ContactAnalytics', schema: analyticsResponse }],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/analytics',
      handler: get,
      operations: [OWN, TOTALS, ORDERS],
      doc: {
        operationId: 'getContactAnalyticsSS',
        summary: "Get the contact's analytics",
        description:
          'Only the metrics asked for are answered. Wallet totals and monthly series come from the ledger postings of the contact (TOP_UP credits, SPEND debits, TRANSFER debits / credits, AWARD credits); a month is listed newest first with its first second as timestamp. ORDER_TOTALS counts orders submitted in the window and not cancelled (the newest 1000 orders are scanned).',
        tag: TAG,
        audience: 'contact',
        query: ['AnalyticsFrequency', 'AnalyticsMetrics'],
        reads: true,
        success: { status: 200, description: 'The metrics asked for.', schema: 'ContactAnalytics' },
      },
    },
  ],
});
