import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import type { GqlUserError } from '../../kit/operation';
import { parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { backOfficeOrderActionBody, decimal, estimateOrderBody, fulfillmentBody, orderActionBody, placeOrderBody } from './bodies';
import { toEstimateResponse, toOrderListItem, toOrderResponse } from './mapper';
import { ESTIMATE_ORDER, GET_ORDER, LIST_ORDERS, ORDER_ACTION, ORDERING_CONTACT, PLACE_ORDER, type GqlEstimate, type GqlOrder } from './operations';

/** Its NOT_FOUND reason, ORDER_NOT_FOUND, is catalogued by orders-read/-write (src/errors.ts), loaded through the registry. */
const ORDER = 'order' as NotFoundSubject;

/** GraphQL input paths → the REST body's names (`items.0.productId` → `items.0.id`, `estimateId` → `estimation_id`). */
export function orderFields(gqlPath: string): string | undefined {
  const snake = snakeCaseFields(gqlPath);
  return snake?.replace(/^items\.(\d+)\.product_id$/, 'items.$1.id').replace(/^estimate_id$/, 'estimation_id');
}

function orderId(ctx: RestContext): string {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(ORDER, raw);
  return canonicalPathId(raw);
}

/** POST /self-service/v2/estimates/orders → 200: prices, invalid products, wallet funds reserved until the estimate expires. */
export const estimateOrder: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(estimateOrderBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<{ estimate: GqlEstimate | null; consistencyToken: null; errors: GqlUserError[] }>(
    ESTIMATE_ORDER,
    {
      input: {
        accountId: b.account_id,
        supplyMethod: b.supply_method,
        deliveryMethod: b.delivery_method,
        paymentMethodType: b.payment_method_type,
        fulfilledBy: b.fulfilled_by ?? null,
        addressId: b.address_id ?? null,
        notes: b.notes ?? null,
        items: b.items.map((i) => ({ productId: i.id, quantity: i.quantity, priceTermsId: i.price_terms_id ?? null, notes: i.notes ?? null })),
        useWalletFunds: b.use_wallet_funds ?? false,
        walletFundsAmount: b.wallet_funds_amount === undefined ? null : decimal(b.wallet_funds_amount),
      },
    },
    'estimateOrder',
    orderFields,
  );
  sendJson(ctx.res, 200, toEstimateResponse(payload.estimate!));
};

/**
 * POST /self-service/v2/estimates/order_fulfillment → 200. No fulfilment network (venues, delivery
 * areas, opening hours) is modelled yet: the business fulfils its orders itself, so the list is empty
 * and estimates take `fulfilled_by` as given.
 */
export const estimateFulfillment: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(fulfillmentBody, await ctx.readBody());
  if (b.contact_id !== undefined) {
    // the contact placing the order must be one the caller sees (a contact: itself)
    if (!isUuid(b.contact_id)) throw AppError.validation('contact_id', 'must be a contact id (UUID)', 'INVALID_ID');
    const found = await ctx.gateway.run(ORDERING_CONTACT, { id: canonicalPathId(b.contact_id) }, snakeCaseFields);
    if (!found['contact']) throw recordNotFound('contact', b.contact_id);
  }
  sendJson(ctx.res, 200, { fulfilled_by: [] });
};

/** POST /self-service/v2/orders → 201 `{id, number}`: the order of an estimate (once; not after it expired). */
export const placeOrder: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(placeOrderBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<{ id: string; number: string; consistencyToken: string | null; errors: GqlUserError[] }>(
    PLACE_ORDER,
    {
      input: {
        estimateId: b.estimation_id,
        useWalletFunds: b.use_wallet_funds ?? null,
        walletFundsAmount: b.wallet_funds_amount == null ? null : decimal(b.wallet_funds_amount),
        notes: b.notes ?? null,
        payments: b.payments.map((p) => ({
          paymentMethodType: p.payment_method_type,
          amount: p.amount === undefined ? null : decimal(p.amount),
          paymentMethodId: p.payment_method_id ?? null,
        })),
      },
    },
    'placeOrder',
    orderFields,
  );
  sendJson(ctx.res, 201, { id: payload.id, number: payload.number });
};

/** GET …/orders/{id} (a contact reads its own; another's is a 404). */
export const getOrder =
  (backOffice: boolean): Handler =>
  async (ctx) => {
    noQuery(ctx);
    const id = orderId(ctx);
    const data = await ctx.gateway.run(GET_ORDER, { id }, orderFields);
    const found = data['order'] as GqlOrder | null;
    if (!found) throw recordNotFound(ORDER, id);
    sendJson(ctx.res, 200, toOrderResponse(found, backOffice));
  };

const STATES = ['NEW', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'ON_HOLD'];
const SUPPLY = ['DELIVERY', 'PICK_UP', 'DIRECT_SALE'];

function oneOf(name: string, raw: string | undefined, values: string[]): string | null {
  if (raw === undefined) return null;
  if (!values.includes(raw)) throw AppError.validation(name, `must be one of ${values.join(', ')}`, 'INVALID_ENUM');
  return raw;
}

/** The contract's list filters not applied yet (documented as ignored). */
const IGNORED_FILTERS = ['completed_on', 'created_on', 'custom_fields', 'delivery_methods', 'include_custom_fields', 'scheduled_on'];

async function listOrders(ctx: RestContext, contactId: string | null, q: Map<string, string>, backOffice: boolean): Promise<void> {
  const paging = parsePaging(q);
  const sort = q.get('sort');
  if (sort !== undefined && sort !== 'CREATED_DATE') throw AppError.validation('sort', 'must be CREATED_DATE', 'INVALID_ENUM');
  const order = oneOf('order', q.get('order'), ['ASC', 'DESC']);
  const data = await ctx.gateway.run(
    LIST_ORDERS,
    {
      contactId,
      state: oneOf('state', q.get('state'), STATES),
      supplyMethod: oneOf('supply_method', q.get('supply_method'), SUPPLY),
      ascending: order === 'ASC',
      first: paging.size + 1,
      offset: (paging.page - 1) * paging.size,
    },
    orderFields,
  );
  const page = data['orders'] as { total: number; items: GqlOrder[] };
  const out: Record<string, unknown> = { page: paging.page, size: paging.size };
  if (paging.includeTotal) out['total'] = page.total;
  out['has_more'] = page.items.length > paging.size;
  sendJson(ctx.res, 200, { paging: out, content: page.items.slice(0, paging.size).map((o) => toOrderListItem(o, backOffice)) });
}

/** GET /self-service/v2/contacts/{id}/orders (the contact must exist and be the caller, for a contact). */
export const listContactOrders: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'state', 'supply_method', 'order', 'sort', ...IGNORED_FILTERS]);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound('contact', raw);
  const contactId = canonicalPathId(raw);
  const contact = await ctx.gateway.run(ORDERING_CONTACT, { id: contactId }, snakeCaseFields);
  if (!contact['contact']) throw recordNotFound('contact', contactId);
  await listOrders(ctx, contactId, q, false);
};

/** GET /backoffice/v2/orders (`contact_id`, `state`, `supply_method`, paging). */
export const listAllOrders: Handler = async (ctx) => {
  const q = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'state', 'supply_method', 'order', 'sort', 'contact_id']);
  const contact = q.get('contact_id');
  if (contact !== undefined && !isUuid(contact)) throw AppError.validation('contact_id', 'must be a contact id (UUID)', 'INVALID_ID');
  await listOrders(ctx, contact === undefined ? null : canonicalPathId(contact), q, true);
};

/** PUT …/orders/{id}/actions → 200 `{id}`. */
export const orderAction =
  (backOffice: boolean): Handler =>
  async (ctx) => {
    noQuery(ctx);
    const id = orderId(ctx);
    const raw = await ctx.readBody();
    const b = backOffice ? validateBody(backOfficeOrderActionBody, raw) : validateBody(orderActionBody, raw);
    const payload = await ctx.gateway.mutate<{ id: string; consistencyToken: string | null; errors: GqlUserError[] }>(
      ORDER_ACTION,
      { id, action: b.action, cancellationReasonId: b.cancellation_reason_id ?? null },
      'orderAction',
      orderFields,
    );
    sendJson(ctx.res, 200, { id: payload.id });
  };
