import { z } from 'zod';

const opaqueId = z.string().min(1).max(64);
const epochSeconds = z.int().min(0).max(253402300799).describe('Epoch seconds');
const period = z.strictObject({ duration: z.int().min(1).max(1000), uot: z.enum(['DAY', 'WEEK', 'MONTH', 'YEAR']) });
const PAYMENT_METHOD_TYPES = ['CARD', 'ACCOUNT_DEBIT', 'WALLET', 'CRM_WALLET', 'CHEQUE'] as const;

const serviceItem = z.strictObject({
  product_id: opaqueId,
  price_terms_id: opaqueId.optional(),
  quantity: z.int().min(1).max(10000).optional(),
  trial_period: period.optional().describe('Ours: a free trial from the start (until the catalogue supplies price terms).'),
  contract_period: period.optional().describe('Ours: a contract from the start; no CANCEL before its end.'),
  auto_renewal_preference: z.enum(['OPT_IN', 'OPT_OUT', 'RENEW_TERMS', 'EXTEND_TERMS']).optional(),
});

/** POST /backoffice/v2/contacts/{id}/services. */
export const addServicesBody = z.strictObject({
  account_id: opaqueId.optional().describe('Services of one account share a subscription.'),
  payment_method_type: z.enum(PAYMENT_METHOD_TYPES).optional(),
  scheduled_date: epochSeconds.optional().describe('A later start: the services join as DRAFT and are activated then.'),
  services: z.array(serviceItem).min(1).max(50),
});
export type AddServicesBody = z.infer<typeof addServicesBody>;

const whenFields = {
  scheduled_date: epochSeconds.optional(),
  use_proposed_date: z.boolean().optional().describe("Run at the engine's proposed date: the subscription's next billing date."),
};

/** PUT /services/{id}. */
export const changeServiceBody = z.strictObject({
  action: z.enum(['ACTIVATE', 'CANCEL', 'CHANGE', 'DEACTIVATE', 'PAUSE', 'REGRET', 'RESUME']),
  change_to_service: z
    .strictObject({ product_id: opaqueId, price_terms_id: opaqueId.optional() })
    .optional()
    .describe('CHANGE: the service it becomes.'),
  quantity: z.int().min(1).max(10000).optional().describe('CHANGE: the quantity of the new service.'),
  ...whenFields,
});
export type ChangeServiceBody = z.infer<typeof changeServiceBody>;

/** PUT /subscriptions/{id}. */
export const changeSubscriptionBody = z.strictObject({
  action: z.enum(['CHANGE_BILLING_DAY', 'CHANGE_PAYMENT_METHOD', 'CANCEL']),
  billing_day: z.strictObject({ day_of_month: z.int().min(1).max(28) }).optional(),
  payment_method_type: z.enum(PAYMENT_METHOD_TYPES).optional(),
  payment_method_id: opaqueId.optional(),
  ...whenFields,
});
export type ChangeSubscriptionBody = z.infer<typeof changeSubscriptionBody>;

/** PUT /subscriptions/actions/{id}: only CANCEL is served. */
export const updateActionBody = z.strictObject({ action: z.enum(['CANCEL']) });

/** The mutation's `scheduledDate`/`useProposedDate` from the REST body. */
export function whenInput(b: { scheduled_date?: number | undefined; use_proposed_date?: boolean | undefined }) {
  return {
    scheduledDate: b.scheduled_date === undefined ? null : new Date(b.scheduled_date * 1000).toISOString(),
    useProposedDate: b.use_proposed_date ?? null,
  };
}

export function addServicesInput(b: AddServicesBody) {
  return {
    accountId: b.account_id ?? null,
    paymentMethodType: b.payment_method_type ?? null,
    scheduledDate: b.scheduled_date === undefined ? null : new Date(b.scheduled_date * 1000).toISOString(),
    services: b.services.map((s) => ({
      productId: s.product_id,
      priceTermsId: s.price_terms_id ?? null,
      quantity: s.quantity ?? 1,
      trialPeriod: s.trial_period ?? null,
      contractPeriod: s.contract_period ?? null,
      autoRenewal: s.auto_renewal_preference ?? null,
    })),
  };
}

export function changeServiceInput(b: ChangeServiceBody) {
  return {
    action: b.action,
    changeTo: b.change_to_service
      ? { productId: b.change_to_service.product_id, priceTermsId: b.change_to_service.price_terms_id ?? null, quantity: b.quantity ?? null }
      : null,
    ...whenInput(b),
  };
}

export function changeSubscriptionInput(b: ChangeSubscriptionBody) {
  return {
    action: b.action,
    billingDay: b.billing_day?.day_of_month ?? null,
    paymentMethodType: b.payment_method_type ?? null,
    paymentMethodId: b.payment_method_id ?? null,
    ...whenInput(b),
  };
}

const notSupported = (what: string) => z.array(z.unknown()).max(0, `${what} are not supported yet`);

/** POST /self-service/v2/contacts/{id}/services: the contract's body (components, devices and passes are not served yet: 400). */
export const selfServiceAddServicesBody = z.strictObject({
  services: z
    .array(
      z.strictObject({
        product_id: opaqueId,
        price_terms_id: opaqueId.optional(),
        quantity: z.int().min(1).max(10000).optional(),
        components: notSupported('components').optional(),
        devices: notSupported('devices').optional(),
      }),
    )
    .min(1)
    .max(50),
  scheduled_date: epochSeconds.optional(),
  payment_method_type: z.enum(PAYMENT_METHOD_TYPES).optional(),
  payment_method_id: opaqueId.optional(),
  pass: z.never({ message: 'passes are not supported yet' }).optional(),
});

/** The Back-Office body of the same request (the Self-Service fields it shares). */
export function fromSelfServiceAddServices(b: z.infer<typeof selfServiceAddServicesBody>): AddServicesBody {
  return {
    services: b.services.map((s) => ({ product_id: s.product_id, price_terms_id: s.price_terms_id, quantity: s.quantity })),
    scheduled_date: b.scheduled_date,
    payment_method_type: b.payment_method_type,
  };
}
