import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

const money = z.number().min(0);
const ref = z.strictObject({ id: z.string(), name: z.string().optional(), sku: z.string().optional() });
const stateEnum = z.enum(['NEW', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'ON_HOLD']);

/** POST /self-service/v2/estimates/orders → 200. */
export const orderEstimateResponse = z.strictObject({
  id: z.string().describe('The estimation id (send it as estimation_id to POST /orders before expiration_date).'),
  order_estimate: z.strictObject({
    ordering_allowed: z.boolean(),
    queue: z.strictObject({ id: z.string(), name: z.string() }),
    net_amount: money,
    tax_amount: money,
    discount_amount: money,
    total_price: money,
    currency_code: z.string(),
    expiration_date: epoch,
    items: z.array(
      z.strictObject({
        id: z.string(),
        product: ref,
        quantity: z.int(),
        price_terms_id: z.string(),
        tax_model: z.enum(['TAX_INCLUSIVE', 'TAX_EXCLUSIVE']),
        unit_price: money,
        net_amount: money,
        tax_amount: money,
        discount_amount: money,
        total_price: money,
      }),
    ),
  }),
  invoice_estimate: z.strictObject({
    currency_code: z.string(),
    net: money,
    discount: money,
    tax: money,
    total: money,
    total_price: money,
    discount_incl_tax: money,
    wallet_funds_amount: money.describe('Wallet funds reserved for the order until the estimate expires.'),
    amount_due: money,
    amount_to_collect: money,
  }),
  invalid_products: z.array(
    z.strictObject({ unavailability_reason: z.enum(['STOCK', 'VALIDITY_PERIOD', 'AVAILABILITY', 'ORDER_CATALOGUE']), product: ref }),
  ),
});

/** POST /self-service/v2/orders → 201. */
export const placedOrderResponse = z.strictObject({ id: z.string(), number: z.string() });

const period = z.strictObject({ duration: z.int(), uot: z.string() });

/** An order (GET /self-service/v2/orders/{id}, GET /backoffice/v2/orders/{id}). */
export const orderResponse = z.strictObject({
  id: z.string(),
  number: z.string(),
  supply_method: z.enum(['DELIVERY', 'PICK_UP', 'DIRECT_SALE']),
  delivery_method: z.string().optional(),
  state: stateEnum,
  is_favorite: z.boolean(),
  notes: z.string().optional(),
  total: money,
  wallet_funds: money,
  amount_due: money,
  amount_to_collect: money,
  currency_code: z.string(),
  fulfilled_by: z.strictObject({ id: z.string() }).optional(),
  address: z.strictObject({ id: z.string() }).optional(),
  key_dates: z.strictObject({ submitted_on: epoch, started_on: epoch.optional(), completed_on: epoch.optional(), cancelled_on: epoch.optional() }),
  cancellation_reason: z.strictObject({ id: z.string() }).optional(),
  discount: z.strictObject({ amount: money, amount_incl_tax: money }),
  sub_total: money,
  net_amount: money,
  tax_amount: money,
  items: z.array(
    z.strictObject({
      id: z.string(),
      notes: z.string().optional(),
      quantity: z.number(),
      price: money,
      tax: money,
      net: money,
      discount: z.strictObject({ amount: money }),
      sub_total: money,
      total: money,
      tax_model: z.enum(['TAX_INCLUSIVE', 'TAX_EXCLUSIVE']),
      product: ref,
      price_terms: z
        .strictObject({
          id: z.string(),
          billing_period: period,
          trial_period: period.optional(),
          contract_period: period.optional(),
          auto_renewed: z.boolean(),
          billing_model: z.string(),
        })
        .optional(),
    }),
  ),
  // Back-Office only
  contact: z.strictObject({ id: z.string() }).optional(),
  account_id: z.string().optional(),
  estimation_id: z.string().optional(),
  queue: z.strictObject({ id: z.string(), name: z.string() }).optional(),
  stage: z.strictObject({ id: z.string(), name: z.string() }).optional(),
  payments: z.array(z.strictObject({ payment_method_type: z.string(), amount: money.optional() })).optional(),
  refunded_wallet_funds: money.optional(),
});

/** An order of a list (GET /self-service/v2/contacts/{id}/orders, GET /backoffice/v2/orders). */
export const orderListItem = z.strictObject({
  id: z.string(),
  number: z.string(),
  supply_method: z.enum(['DELIVERY', 'PICK_UP', 'DIRECT_SALE']),
  delivery_method: z.string().optional(),
  state: stateEnum,
  is_favorite: z.boolean(),
  total: money,
  wallet_funds: money,
  amount_due: money,
  amount_to_collect: money,
  currency: z.string(),
  submitted_date: epoch,
  discount: z.strictObject({ amount: money, amount_incl_tax: money }),
  sub_total: money,
  net_amount: money,
  tax_amount: money,
  stage: z.strictObject({ id: z.string(), name: z.string() }),
  items: z.array(
    z.strictObject({
      id: z.string(),
      quantity: z.number(),
      notes: z.string().optional(),
      life_cycle_state: z.enum(['PENDING_DELIVERY', 'DELIVERED', 'PENDING_STOCK_MOVEMENT']),
      product: ref,
    }),
  ),
  contact: z.strictObject({ id: z.string() }).optional(),
});

export const orderPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(orderListItem) });

/** POST /self-service/v2/estimates/order_fulfillment → 200. */
export const fulfillmentResponse = z.strictObject({
  fulfilled_by: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});
