import { z } from 'zod';
import { epoch, pagingResponse } from '../../kit/response-schemas';

const money = z.number();
const ref = z.strictObject({ id: z.string(), name: z.string().optional() });

export const selfServiceSchemeResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  sign_up_option: z.enum(['AUTO_SIGN_UP', 'SELF_SIGN_UP', 'CLOSE_LOOP_SIGN_UP']),
  sign_up_method: z.enum(['EMAIL_DOMAIN', 'CODE']).optional(),
  terms_and_conditions: z.string().optional(),
  is_signed: z.boolean(),
  email_domains: z.array(z.string()).optional(),
});
export const selfServiceSchemeListResponse = z.strictObject({ content: z.array(selfServiceSchemeResponse) });

export const backOfficeSchemeResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  sign_up_option: z.string(),
  email_domains: z.array(z.string()),
  terms_and_conditions: z.string().optional(),
  resolution: z.string(),
  claw_back: z.string(),
  state: z.string(),
  created_date: epoch,
  updated_date: epoch,
});
export const backOfficeSchemeListResponse = z.strictObject({ content: z.array(backOfficeSchemeResponse) });

const offerBase = {
  id: z.string(),
  name: z.string(),
  scheme: ref,
  short_description: z.string().optional(),
  terms_and_conditions: z.string().optional(),
  goal: z.enum(['ACHIEVEMENT', 'SPEND', 'VISITS', 'MEMBERSHIP']),
  type: z.enum([
    'LOTTERY',
    'ACHIEVEMENT',
    'GIFT',
    'DISCOUNT',
    'BUNDLE',
    'SIGNUP',
    'REFER',
    'PROFILE',
    'HAPPYHOUR',
    'REACH_TIER',
    'SUBSCRIPTION_MATURITY',
  ]),
  is_featured: z.boolean(),
  performance_enabled: z.boolean(),
};
export const selfServiceOfferResponse = z.strictObject(offerBase);
export const selfServiceOfferListResponse = z.strictObject({ paging: pagingResponse, content: z.array(selfServiceOfferResponse) });

export const backOfficeOfferResponse = z.strictObject({
  ...offerBase,
  state: z.enum(['ACTIVE', 'INACTIVE']),
  priority: z.int(),
  currency_code: z.string(),
  conditions: z.strictObject({
    min_amount: money.optional(),
    organisations: z.array(z.string()),
    classifications: z.array(z.string()),
    products: z.array(z.string()),
    product_categories: z.array(z.string()),
    days_of_week: z.array(z.string()),
    time_windows: z.array(z.strictObject({ from: z.string(), to: z.string() })),
    time_zone: z.string(),
    tiers: z.array(z.string()),
  }),
  award: z.strictObject({
    method: z.string(),
    amount: money.optional(),
    percent: money.optional(),
    products: z.array(z.string()),
    product_categories: z.array(z.string()),
  }),
  caps: z.strictObject({ per_purchase: money.optional(), per_contact: z.strictObject({ amount: money, period: z.string() }).optional() }),
  validity_days: z.int().optional(),
  commerce_pool_id: z.string().optional(),
  created_date: epoch,
  updated_date: epoch,
});
export const backOfficeOfferListResponse = z.strictObject({ paging: pagingResponse, content: z.array(backOfficeOfferResponse) });

const purchaseCommon = {
  id: z.string(),
  reference_number: z.string(),
  state: z.enum(['POSTED', 'CANCELLED']),
  currency_code: z.string(),
  date: epoch,
  classification: z.strictObject({ name: z.string() }).optional(),
  organisation: z.strictObject({ id: z.string() }).optional(),
  spend_request: z.strictObject({ amount: money }).optional(),
  rewards: z.strictObject({ award: money, spend: money }),
};
const product = z.strictObject({ product_sku: z.strictObject({ sku: z.string() }), quantity: z.number(), net_amount: money });

/** An item of GET /contacts/{id}/purchases (the contract requires net, tax and total, tax nullable). */
export const selfServicePurchaseListItem = z.strictObject({
  ...purchaseCommon,
  transaction_amounts: z.strictObject({ net: money, tax: money.nullable(), discount: money.optional(), total: money }),
});
export const selfServicePurchaseListResponse = z.strictObject({ paging: pagingResponse, content: z.array(selfServicePurchaseListItem) });

export const selfServicePurchaseResponse = z.strictObject({
  ...purchaseCommon,
  transaction_amounts: z.strictObject({ net: money, tax: money.optional(), discount: money.optional(), total: money }),
  products: z.array(product),
  contact: z.strictObject({ id: z.string() }),
});

export const purchaseRewardsResponse = z.strictObject({
  content: z.array(
    z.strictObject({
      type: z.enum(['AWARD', 'SPEND', 'REDEEM']),
      reward_offer: ref.optional(),
      amount: money,
      currency_code: z.string(),
      commerce_pool: z.strictObject({ id: z.string() }).optional(),
    }),
  ),
});

const posting = z.strictObject({
  key: z.string(),
  type: z.string(),
  reward_offer_id: z.string().optional(),
  amount: money,
  currency_code: z.string(),
  commerce_pool_id: z.string().optional(),
  expires_on: epoch.optional(),
  outcome: z.string().optional().describe('POSTED, WRITTEN_OFF or CLAIMED; absent while the ledger step is pending.'),
  transaction_id: z.string().optional(),
});

export const backOfficePurchaseResponse = z.strictObject({
  ...purchaseCommon,
  transaction_amounts: z.strictObject({ net: money, tax: money.optional(), discount: money.optional(), total: money }),
  products: z.array(
    z.strictObject({
      product_sku: z.strictObject({ sku: z.string() }),
      product_category: z.string().optional(),
      quantity: z.number(),
      net_amount: money,
    }),
  ),
  contact: z.strictObject({ id: z.string() }),
  spend: z.strictObject({ requested: money, spent: money, transaction_id: z.string().optional() }).optional(),
  postings: z.array(posting),
  returns: z.array(z.strictObject({ number: z.int(), net_amount: money })),
  created_date: epoch,
  updated_date: epoch,
});
export const backOfficePurchaseListResponse = z.strictObject({ paging: pagingResponse, content: z.array(backOfficePurchaseResponse) });

export const purchaseExplanationResponse = z.strictObject({
  purchase_id: z.string(),
  reference_number: z.string(),
  offers: z.array(
    z.strictObject({
      reward_offer: ref,
      scheme_id: z.string(),
      priority: z.int(),
      eligible: z.boolean(),
      selected: z.boolean(),
      computed_amount: money,
      awarded_amount: money,
      note: z.string(),
      conditions: z.array(z.strictObject({ condition: z.string(), passed: z.boolean(), detail: z.string() })),
    }),
  ),
  resolutions: z.array(z.strictObject({ scheme_id: z.string(), rule: z.string() })),
  postings: z.array(posting),
});

export const purchaseCreatedResponse = z.strictObject({ id: z.string(), reference_number: z.string() });

export const contactTokenResponse = z.strictObject({ id: z.string(), value: z.string(), expiration: epoch, spend_amount: money.optional() });
export const contactTokenListResponse = z.strictObject({
  content: z.array(
    z.strictObject({
      id: z.string(),
      intent: z.enum(['APPROVE_PURCHASE', 'REJECT_PURCHASE', 'SPEND']),
      expiration: epoch,
      spend_amount: money.optional(),
    }),
  ),
});
export const contactRewardsResponse = z.strictObject({
  id: z.string(),
  reward_schemes: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      sign_up_option: z.string(),
      signed_up_on: epoch.optional(),
      email_address: z.string().optional(),
    }),
  ),
});

export const offerPerformanceResponse = z.strictObject({
  type: z.enum(['AMOUNT', 'PRODUCT', 'EVENT']),
  current: money,
  target: money.optional(),
  progress: z.number().optional(),
});
export const merchantListResponse = z.strictObject({ paging: pagingResponse, content: z.array(z.strictObject({ id: z.string() })) });
