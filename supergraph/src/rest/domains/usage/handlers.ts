import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds, isoOfEpochSeconds } from '../../kit/format';
import { integer, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { pathUuid, subscriberContact } from '../subscriptions/handlers';
import { SUBSCRIBER_CONTACT } from '../subscriptions/operations';
import { decimalOfNumber } from '../devices/mapper';
import { allowanceEstimateBody, postUsageBody, usageAllowanceBody } from './bodies';
import {
  ALLOWANCE_ESTIMATE,
  LIST_USAGE,
  POST_USAGE,
  SET_ALLOWANCE,
  USAGE_TOTALS,
  type GqlAllowanceEstimate,
  type GqlUsageRecord,
} from './operations';

const SERVICE = 'service' as NotFoundSubject;
const MAX_EPOCH = 253402300799;

/** A REST amount (decimal string, or JSON number read as its shortest decimal form) as the exact decimal string the domain takes. */
function decimalOf(field: string, v: string | number): string {
  const s = typeof v === 'number' ? decimalOfNumber(v) : v.trim();
  if (s === null || !/^-?[0-9]+(\.[0-9]+)?$/.test(s)) throw AppError.validation(field, 'must be a plain decimal number', 'INVALID_VALUE');
  return s;
}
const optionalDecimal = (field: string, v: string | number | undefined): string | null => (v === undefined ? null : decimalOf(field, v));

/** `name[op]` epoch-seconds filters as a half-open [from, to) window. */
function window(q: Map<string, string>, name: string): { from: string | null; to: string | null } {
  const at = (op: string) => {
    const raw = q.get(`${name}[${op}]`);
    return raw === undefined ? null : integer(`${name}[${op}]`, raw, 0, MAX_EPOCH);
  };
  const gte = at('gte');
  const gt = at('gt');
  const lt = at('lt');
  const lte = at('lte');
  const from = gte ?? (gt === null ? null : gt + 1);
  const to = lt ?? (lte === null ? null : lte + 1);
  return { from: from === null ? null : isoOfEpochSeconds(from), to: to === null ? null : isoOfEpochSeconds(to) };
}
const WINDOW_OPS = ['gte', 'gt', 'lt', 'lte'];

function idParam(q: Map<string, string>, name: string): string | null {
  const v = q.get(name);
  if (v === undefined) return null;
  if (!isUuid(v)) throw AppError.validation(name, 'must be an id (UUID)', 'INVALID_ID');
  return canonicalPathId(v);
}

function toUsageRecord(r: GqlUsageRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: r.id,
    usage_amount: Number(r.usageAmount),
    usage_timestamp: epochSeconds(r.usageTimestamp),
    created_date: epochSeconds(r.createdAt),
    state: 'POSTED',
    billing_state: 'PENDING',
    billing_directive: r.billingDirective,
  };
  if (r.chargedAmount !== null) out['charged_amount'] = Number(r.chargedAmount);
  if (r.currencyCode !== null) out['currency_code'] = r.currencyCode;
  if (r.measurementUnit !== null) out['measurement_unit'] = { name: r.measurementUnit };
  out['service'] = { id: r.serviceId };
  out['usage_product'] = { id: r.usageProductId };
  return out;
}

/** GET …/contacts/{id}/usage_records (service_id, subscription_id, billing_directive, usage_timestamp[gte|gt|lte|lt]; newest first). */
export const listUsageRecords: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, [
    ...PAGING_PARAMS,
    'order',
    'sort',
    'service_id',
    'subscription_id',
    'billing_directive',
    ...WINDOW_OPS.map((o) => `usage_timestamp[${o}]`),
  ]);
  const paging = parsePaging(q);
  const order = q.get('order');
  if (order !== undefined && order !== 'ASC' && order !== 'DESC') throw AppError.validation('order', 'must be ASC or DESC', 'INVALID_ENUM');
  const sort = q.get('sort');
  if (sort !== undefined && sort !== 'CREATED_DATE') throw AppError.validation('sort', 'must be CREATED_DATE', 'INVALID_ENUM');
  const directive = q.get('billing_directive');
  if (directive !== undefined && !['TO_BE_BILLED', 'NOT_TO_BE_BILLED', 'TO_BE_CREDITED'].includes(directive))
    throw AppError.validation('billing_directive', 'must be one of TO_BE_BILLED, NOT_TO_BE_BILLED, TO_BE_CREDITED', 'INVALID_ENUM');
  const { from, to } = window(q, 'usage_timestamp');
  const serviceId = idParam(q, 'service_id');
  const subscriptionId = idParam(q, 'subscription_id');
  const contactId = await subscriberContact(ctx);
  const data = await ctx.gateway.run(
    LIST_USAGE,
    {
      contactId,
      serviceId,
      subscriptionId,
      billingDirective: directive ?? null,
      from,
      to,
      limit: paging.size,
      offset: (paging.page - 1) * paging.size,
      newestFirst: order !== 'ASC',
    },
    snakeCaseFields,
  );
  const page = data['usageRecords'] as { total: number; items: GqlUsageRecord[] };
  const out: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (paging.includeTotal) out['total'] = page.total;
  out['has_more'] = (paging.page - 1) * paging.size + page.items.length < page.total;
  sendJson(ctx.res, 200, { paging: out, content: page.items.map(toUsageRecord) });
};

/** GET …/contacts/{id}/usage_records/metrics (created_on[gte|gt|lte|lt] over the usage timestamp): the total amount. */
export const usageMetrics: Handler = async (ctx) => {
  const q = queryParams(
    ctx.url.searchParams,
    WINDOW_OPS.map((o) => `created_on[${o}]`),
  );
  const { from, to } = window(q, 'created_on');
  const contactId = await subscriberContact(ctx);
  const data = await ctx.gateway.run(USAGE_TOTALS, { contactId, from, to }, snakeCaseFields);
  const totals = data['usageTotals'] as { usageProductId: string; amount: string }[];
  // sum the exact per-product totals as micro-units, then one conversion to the contract's number
  const micros = totals.reduce((sum, t) => sum + micro(t.amount), 0n);
  const whole = (micros < 0n ? -micros : micros) / 1_000_000n;
  const frac = ((micros < 0n ? -micros : micros) % 1_000_000n).toString().padStart(6, '0');
  const out: Record<string, unknown> = { amount: Number(`${micros < 0n ? '-' : ''}${whole}.${frac}`) };
  if (totals.length === 1) out['product'] = { id: totals[0]!.usageProductId };
  sendJson(ctx.res, 200, out);
};

function micro(s: string): bigint {
  const [i, f = ''] = s.split('.');
  const neg = i!.startsWith('-');
  const v = BigInt(i!.replace('-', '')) * 1_000_000n + BigInt((f + '000000').slice(0, 6));
  return neg ? -v : v;
}

/** POST /self-service/v2/estimates/allowance: what remains of the service's usage allowance and what of the requested usage it authorises. */
export const estimateAllowance: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const body = validateBody(allowanceEstimateBody, await ctx.readBody());
  if (!isUuid(body.contact_id)) throw AppError.validation('contact_id', 'must be a contact id (UUID)', 'INVALID_ID');
  if (!isUuid(body.service.id)) throw recordNotFound(SERVICE, body.service.id);
  const usage = (body.usage ?? []).map((u, i) => {
    if (!u.product.id) throw AppError.validation(`usage.${i}.product.id`, 'is required (products are named by id)', 'REQUIRED');
    return { productId: u.product.id, amount: decimalOf(`usage.${i}.usage_amount`, u.usage_amount) };
  });
  const contactId = canonicalPathId(body.contact_id);
  const contact = await ctx.gateway.run(SUBSCRIBER_CONTACT, { id: contactId }, snakeCaseFields);
  if (!contact['contact']) throw recordNotFound('contact', contactId);
  const data = await ctx.gateway.run(ALLOWANCE_ESTIMATE, { contactId, serviceId: canonicalPathId(body.service.id), usage }, (f) =>
    f.startsWith('usage.') ? f.replace(/\.amount$/, '.usage_amount') : snakeCaseFields(f),
  );
  const e = data['usageAllowanceEstimate'] as GqlAllowanceEstimate | null;
  if (!e) throw recordNotFound(SERVICE, body.service.id);
  const classification = body.service.classification === 'TERMED_SERVICE' ? 'TERMED_SERVICE' : 'USAGE_SERVICE';
  const service = { id: e.serviceId, classification, product: { id: e.productId } };
  const unit = (productId: string) => e.products.find((p) => p.productId === productId)?.measurementUnit ?? null;
  const num = (v: string | null) => (v === null ? undefined : Number(v));
  const out: Record<string, unknown> = {};
  if (body.estimation_id !== undefined) out['estimation_id'] = body.estimation_id;
  out['authorised_usage'] = e.authorised.map((a) => {
    const u = unit(a.productId);
    return {
      product: { id: a.productId },
      usage: Number(a.requested),
      amount: Number(a.authorised),
      ...(u ? { measurement_unit: { name: u } } : {}),
      services: [service],
    };
  });
  out['services'] = [
    {
      service,
      authorise_consumption: e.authoriseConsumption,
      products_allowance: e.products.map((p) => ({
        item_id: p.productId,
        item_type: 'PRODUCT',
        ...(p.measurementUnit ? { measurement_unit: { name: p.measurementUnit } } : {}),
        remaining_usage: Object.fromEntries(
          Object.entries({ per_transaction: num(p.perTransaction), per_day: num(p.perDay), per_billing_cycle: num(p.perBillingCycle) }).filter(
            ([, v]) => v !== undefined,
          ),
        ),
      })),
    },
  ];
  sendJson(ctx.res, 200, out);
};

/** POST /backoffice/v2/usage_records → 201 {id}; an Idempotency-Key makes a retry answer the first record. */
export const postUsageRecord: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, []);
  const body = validateBody(postUsageBody, await ctx.readBody());
  if (!isUuid(body.service_id)) throw recordNotFound(SERVICE, body.service_id);
  const payload = await ctx.gateway.mutate<{ usageRecordId: string | null; consistencyToken: string | null; errors: never[] }>(
    POST_USAGE,
    {
      serviceId: canonicalPathId(body.service_id),
      input: {
        usageProductId: body.usage_product_id,
        usageAmount: decimalOf('usage_amount', body.usage_amount),
        measurementUnit: body.measurement_unit ?? null,
        usageTimestamp: isoOfEpochSeconds(body.usage_timestamp),
        chargedAmount: optionalDecimal('charged_amount', body.charged_amount),
        currencyCode: body.currency_code ?? null,
        billingDirective: body.billing_directive ?? null,
      },
      idempotencyKey: idempotencyKeyOf(ctx.req),
    },
    'postUsageRecord',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.usageRecordId });
};

/** PUT /backoffice/v2/services/{id}/usage_allowance → 200 {id} (the service). */
export const setUsageAllowance: Handler = async (ctx: RestContext) => {
  queryParams(ctx.url.searchParams, []);
  const id = pathUuid(ctx, 'id', SERVICE);
  const body = validateBody(usageAllowanceBody, await ctx.readBody());
  const allowances = body.allowances.map((a, i) => ({
    productId: a.product_id,
    measurementUnit: a.measurement_unit ?? null,
    perTransaction: optionalDecimal(`allowances.${i}.per_transaction`, a.per_transaction),
    perDay: optionalDecimal(`allowances.${i}.per_day`, a.per_day),
    perBillingCycle: optionalDecimal(`allowances.${i}.per_billing_cycle`, a.per_billing_cycle),
  }));
  const payload = await ctx.gateway.mutate<{ serviceId: string | null; consistencyToken: string | null; errors: never[] }>(
    SET_ALLOWANCE,
    { serviceId: id, allowances },
    'setServiceUsageAllowance',
    (f) => snakeCaseFields(f.replace(/\.limits\./, '.')),
  );
  sendJson(ctx.res, 200, { id: payload.serviceId ?? id });
};

export const USAGE_OPERATIONS = {
  listUsageRecords: [SUBSCRIBER_CONTACT, LIST_USAGE],
  usageMetrics: [SUBSCRIBER_CONTACT, USAGE_TOTALS],
  estimateAllowance: [SUBSCRIBER_CONTACT, ALLOWANCE_ESTIMATE],
  postUsageRecord: [POST_USAGE],
  setUsageAllowance: [SET_ALLOWANCE],
};
