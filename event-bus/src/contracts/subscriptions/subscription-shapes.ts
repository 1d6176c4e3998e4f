import { z } from 'zod';

/** Value shapes shared by the subscription events (the write model's snapshot, camelCase). */
export const SERVICE_STATES = ['DRAFT', 'EFFECTIVE', 'PAUSED', 'NOT_EFFECTIVE', 'CANCELLED', 'REGRETTED', 'SWAPPED', 'REMOVED'] as const;
export type ServiceStateName = (typeof SERVICE_STATES)[number];

/** What can be done to one service (PUT /services/{id} `action`, plus REMOVE for a draft). */
export const SERVICE_ACTIONS = ['ACTIVATE', 'DEACTIVATE', 'PAUSE', 'RESUME', 'CANCEL', 'REGRET', 'CHANGE', 'REMOVE'] as const;
export type ServiceAction = (typeof SERVICE_ACTIONS)[number];

/** What can be done to a whole subscription (PUT /subscriptions/{id} `action`). */
export const SUBSCRIPTION_ACTIONS = ['CHANGE_BILLING_DAY', 'CHANGE_PAYMENT_METHOD', 'CANCEL'] as const;
export type SubscriptionAction = (typeof SUBSCRIPTION_ACTIONS)[number];

export const SUBSCRIPTION_STATES = ['ACTIVE', 'INACTIVE', 'CHURNED'] as const;
export type SubscriptionStateName = (typeof SUBSCRIPTION_STATES)[number];

export const PAYMENT_METHOD_TYPES = ['CARD', 'ACCOUNT_DEBIT', 'WALLET', 'CRM_WALLET', 'CHEQUE'] as const;
export const AUTO_RENEWAL_PREFERENCES = ['OPT_IN', 'OPT_OUT', 'RENEW_TERMS', 'EXTEND_TERMS'] as const;
export const ACTION_STATES = ['SCHEDULED', 'EXECUTED', 'REJECTED', 'CANCELLED'] as const;
export type ActionStateName = (typeof ACTION_STATES)[number];

const iso = z.iso.datetime({ offset: true });
const opaqueId = z.string().min(1).max(64);

/** What an action asks for: one service's action, or one on the whole subscription. */
export const actionRequestSchema = z.discriminatedUnion('scope', [
  z.object({
    scope: z.literal('SERVICE'),
    serviceId: z.uuid(),
    action: z.enum(SERVICE_ACTIONS),
    /** CHANGE: the service it becomes (a new service id, product and price terms). */
    changeTo: z.object({ serviceId: z.uuid(), productId: opaqueId, priceTermsId: opaqueId.nullable(), quantity: z.int().min(1) }).nullable(),
  }),
  z.object({
    scope: z.literal('SUBSCRIPTION'),
    action: z.enum(SUBSCRIPTION_ACTIONS),
    billingDay: z.int().min(1).max(28).nullable(),
    paymentMethodType: z.enum(PAYMENT_METHOD_TYPES).nullable(),
    paymentMethodId: opaqueId.nullable(),
  }),
]);
export type ActionRequest = z.infer<typeof actionRequestSchema>;

export const serviceSchema = z.object({
  id: z.uuid(),
  productId: opaqueId,
  priceTermsId: opaqueId.nullable(),
  quantity: z.int().min(1).max(10000),
  state: z.enum(SERVICE_STATES),
  trialEndsAt: iso.nullable(),
  contractEndsAt: iso.nullable(),
  autoRenewal: z.enum(AUTO_RENEWAL_PREFERENCES),
  /** Last time it became EFFECTIVE (the regret window counts from the first activation). */
  firstEffectiveAt: iso.nullable(),
});
export type ServiceSnapshot = z.infer<typeof serviceSchema>;

export { iso as isoDateTime, opaqueId };
