import { z } from 'zod';

/** The contract's supply methods, delivery methods and payment method types (Self-Service v2). */
export const SUPPLY_METHODS = ['DELIVERY', 'PICK_UP', 'DIRECT_SALE'] as const;
export const DELIVERY_METHODS = ['DIRECT_DELIVERY', 'COURIER_SERVICE', 'PICKUP_POINT'] as const;
export const ESTIMATE_PAYMENT_METHOD_TYPES = ['CARD', 'ACCOUNT_DEBIT', 'WALLET', 'CRM_WALLET', 'CASH', 'CHEQUE'] as const;
export const PAYMENT_METHOD_TYPES = [
  'CASH',
  'CARD',
  'ACCOUNT',
  'ACCOUNT_DEBIT',
  'A2A',
  'PHONE',
  'TOKEN',
  'WALLET',
  'CHEQUE',
  'ELECTRONIC_TRANSFER',
  'CRM_WALLET',
  'ONE_TIME_CARD_PAYMENT',
] as const;
/** Why an ordered product is left out of an estimate (NOTES §4.8). */
export const UNAVAILABILITY_REASONS = ['STOCK', 'VALIDITY_PERIOD', 'AVAILABILITY', 'ORDER_CATALOGUE'] as const;
/** Order life-cycle states (NOTES §4.8; PENDING needs invoice milestones, not served). */
export const ORDER_STATES = ['NEW', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'ON_HOLD'] as const;
/** What moves an order between states; MARK_FAVORITE changes no state. */
export const ORDER_ACTIONS = ['START_PROGRESS', 'COMPLETE', 'CANCEL', 'HOLD', 'RESUME', 'MARK_FAVORITE'] as const;
export const TAX_MODELS = ['TAX_INCLUSIVE', 'TAX_EXCLUSIVE'] as const;
export const PERIOD_UNITS = ['SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR', 'OVERALL'] as const;

export type SupplyMethod = (typeof SUPPLY_METHODS)[number];
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];
export type UnavailabilityReason = (typeof UNAVAILABILITY_REASONS)[number];
export type OrderStateName = (typeof ORDER_STATES)[number];
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** An exact amount in the currency's minor-unit exponent, as a decimal string ("12.50"); never a float. */
export const money = z.string().regex(/^\d{1,15}(\.\d{1,6})?$/);
const uuid = z.string().uuid();
const period = z.object({ duration: z.number().int().min(1).max(1000), uot: z.enum(PERIOD_UNITS) });

/** The price terms an ordered service was priced with (a termed service becomes a subscription with them). */
export const orderedTerms = z.object({
  billingPeriod: period,
  trialPeriod: period.nullable(),
  contractPeriod: period.nullable(),
  autoRenewed: z.boolean(),
  billingModel: z.enum(['PRE_BILL', 'POST_BILL']),
});

/** One priced line of an estimate or order. */
export const orderLine = z.object({
  id: uuid,
  productId: uuid,
  sku: z.string().max(100),
  name: z.string().max(200),
  classification: z.string().max(40),
  priceTermsId: uuid,
  priceTerms: orderedTerms.nullable(),
  quantity: z.number().int().min(1).max(10_000),
  unitPrice: money,
  taxModel: z.enum(TAX_MODELS),
  net: money,
  tax: money,
  discount: money,
  total: money,
  notes: z.string().max(500).nullable(),
});
export type OrderLine = z.infer<typeof orderLine>;

export const invalidProduct = z.object({
  productId: uuid,
  sku: z.string().max(100).nullable(),
  name: z.string().max(200).nullable(),
  reason: z.enum(UNAVAILABILITY_REASONS),
});
export type InvalidProduct = z.infer<typeof invalidProduct>;

export const totals = z.object({ net: money, tax: money, discount: money, total: money });
export type Totals = z.infer<typeof totals>;

/** Wallet funds an estimate holds for its order: a ledger reservation of the contact's wallet. */
export const walletHold = z.object({ walletId: uuid, reservationId: uuid, amount: money });
export type WalletHold = z.infer<typeof walletHold>;

export const payment = z.object({
  paymentMethodType: z.enum(PAYMENT_METHOD_TYPES),
  amount: money.nullable(),
  paymentMethodId: z.string().max(64).nullable(),
});
export type Payment = z.infer<typeof payment>;

export const stage = z.object({ id: uuid, name: z.string().max(100) });
