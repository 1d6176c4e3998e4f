import { z } from 'zod';
import { DELIVERY_METHODS, ESTIMATE_PAYMENT_METHOD_TYPES, PAYMENT_METHOD_TYPES, SUPPLY_METHODS } from '@crm/event-bus/contracts/orders';

const id = z.string().min(1).max(64);
/** A JSON number amount (the contract's), at most 6 fraction digits, never negative; turned into an exact decimal string. */
export const amount = z
  .number()
  .min(0)
  .max(1e12)
  .refine((n) => /^\d+(\.\d{1,6})?$/.test(String(n)), 'must have at most 6 decimal places');
const ignored = (what: string) => z.unknown().optional().describe(`Accepted, not used yet (${what}).`);

/** POST /self-service/v2/estimates/orders (the contract's body; fields not served yet are refused by name). */
export const estimateOrderBody = z.strictObject({
  account_id: id.describe("The contact's account (its contact is the orderer)."),
  supply_method: z.enum(SUPPLY_METHODS),
  delivery_method: z.enum(DELIVERY_METHODS),
  payment_method_type: z.enum(ESTIMATE_PAYMENT_METHOD_TYPES),
  fulfilled_by: z.string().max(64).nullable().optional(),
  address_id: z.string().max(64).optional().describe('Required for DELIVERY.'),
  notes: z.string().max(2000).optional(),
  use_wallet_funds: z.boolean().optional().describe("Reserve the contact's wallet funds towards the total until the estimate expires."),
  wallet_funds_amount: amount.optional().describe('At most this much of the wallet.'),
  items: z
    .array(
      z.strictObject({
        id: id.describe('Product id.'),
        quantity: z.number().int().min(1).max(10_000),
        price_terms_id: id.optional().describe('Required for termed and one-time services; default: the default price.'),
        notes: z.string().max(500).optional(),
      }),
    )
    .min(1)
    .max(100),
  requested_delivery_at: ignored('delivery time selection'),
  queue_id: ignored('every order joins the default queue'),
  estimation_id: ignored('a new estimate is made'),
  block_wallet_funds: ignored('wallet funds are always reserved with use_wallet_funds'),
  current_location: ignored('fulfilment by location'),
  delivery_service_provider: ignored('delivery service providers'),
  delivery_service_provider_location: ignored('delivery service providers'),
  preferred_billing_day: ignored('billing'),
});
export type EstimateOrderBody = z.infer<typeof estimateOrderBody>;

/** POST /self-service/v2/orders. */
export const placeOrderBody = z.strictObject({
  id: ignored('the order id is assigned'),
  estimation_id: id.describe('The id POST /estimates/orders answered.'),
  use_wallet_funds: z.boolean().nullable().optional().describe('false: release the wallet funds the estimate holds instead of using them.'),
  wallet_funds_amount: amount.nullable().optional().describe('Use only this much of the funds the estimate holds.'),
  notes: z.string().max(2000).nullable().optional(),
  intent_id: ignored('payment intents'),
  payments: z
    .array(
      z.strictObject({
        payment_method_type: z.enum(PAYMENT_METHOD_TYPES),
        amount: amount.optional(),
        payment_method_id: z.string().max(64).nullable().optional(),
        paid_on: ignored('payment scheduling'),
        payment_token: ignored('payment gateways'),
      }),
    )
    .max(10),
});
export type PlaceOrderBody = z.infer<typeof placeOrderBody>;

/** PUT …/orders/{id}/actions (Self-Service: the contract's actions; PRINT_ORDER and ORDER_PROVISION are not served). */
export const orderActionBody = z.strictObject({
  id: ignored('the order is the path id'),
  action: z.enum(['START_PROGRESS', 'COMPLETE', 'CANCEL', 'MARK_FAVORITE']),
  cancellation_reason_id: id.nullable().optional().describe('CANCEL only.'),
});

/** PUT /backoffice/v2/orders/{id}/actions: the Self-Service actions plus HOLD and RESUME. */
export const backOfficeOrderActionBody = z.strictObject({
  action: z.enum(['START_PROGRESS', 'COMPLETE', 'CANCEL', 'HOLD', 'RESUME', 'MARK_FAVORITE']),
  cancellation_reason_id: id.nullable().optional().describe('CANCEL only.'),
});

/** POST /self-service/v2/estimates/order_fulfillment. */
export const fulfillmentBody = z.strictObject({
  supply_method: z.enum(SUPPLY_METHODS),
  postal_code: z.string().max(20).optional(),
  lat_lot: z.string().max(60).optional(),
  address_id: z.string().max(64).optional(),
  requested_delivery_at: z.unknown().optional(),
  is_open: z.boolean().optional(),
  requested_organisation_id: z.string().max(64).optional(),
  country_code: z.string().max(3).optional(),
  contact_id: z.string().max(64).optional(),
});

/** The JSON number as the exact decimal string the GraphQL API takes. */
export const decimal = (n: number) => String(n);
