import { z } from 'zod';
import {
  BILLING_MODELS,
  COMPOSITIONS,
  INSTANCE_MODELS,
  PERIOD_UNITS,
  PRICE_MODELS,
  RECOMMENDATION_CATEGORY_TYPES,
  RECOMMENDATION_KINDS,
  TAX_MODELS,
} from '@crm/event-bus/contracts/catalogue';
import { op, USER_ERROR_FIELDS } from '../../kit/operation';
import { epochSeconds } from '../../kit/format';
import { epoch, pagingResponse } from '../../kit/response-schemas';
import { compact, amount, toPricing } from './mapper';
import { pricingResponse } from './schemas';
import type { GqlPrice, GqlProduct } from './operations';

type Json = Record<string, unknown>;

// ---- GraphQL operations -------------------------------------------------------------------------

const RULE_FIELDS = `id kind name description categoryType sourceProductIds productIds validUntil createdAt updatedAt`;
const PAYLOAD = `id consistencyToken ${USER_ERROR_FIELDS}`;

export const GET_RULE = op(
  'query',
  'RestGetRecommendationRule',
  `query RestGetRecommendationRule($id: ID!) { recommendationRule(id: $id) { ${RULE_FIELDS} } }`,
);
export const LIST_RULES = op(
  'query',
  'RestListRecommendationRules',
  `query RestListRecommendationRules($filter: RecommendationRuleFilterInput, $page: CataloguePageInput) { recommendationRules(filter: $filter, page: $page) { items { ${RULE_FIELDS} } hasMore total } }`,
);
export const CREATE_RULE = op(
  'mutation',
  'RestCreateRecommendationRule',
  `mutation RestCreateRecommendationRule($kind: RecommendationKind!, $input: RecommendationRuleInput!, $idempotencyKey: String) { createRecommendationRule(kind: $kind, input: $input, idempotencyKey: $idempotencyKey) { ${PAYLOAD} } }`,
);
export const UPDATE_RULE = op(
  'mutation',
  'RestUpdateRecommendationRule',
  `mutation RestUpdateRecommendationRule($id: ID!, $input: RecommendationRuleInput!) { updateRecommendationRule(id: $id, input: $input) { ${PAYLOAD} } }`,
);
export const DELETE_RULE = op(
  'mutation',
  'RestDeleteRecommendationRule',
  `mutation RestDeleteRecommendationRule($id: ID!) { deleteRecommendationRule(id: $id) { ${PAYLOAD} } }`,
);
/** The products of an order estimate (a contact's own only). */
export const ESTIMATE_PRODUCTS = op(
  'query',
  'RestRecommendationEstimate',
  `query RestRecommendationEstimate($id: ID!) { orderEstimate(id: $id) { id contactId lines { productId } } }`,
);
/** The product a service is of (a contact's own only). */
export const SERVICE_PRODUCT = op(
  'query',
  'RestRecommendationService',
  `query RestRecommendationService($id: ID!) { service(id: $id) { id productId contactId } }`,
);
/** The products a contact holds services of (live ones). */
export const CONTACT_SERVICE_PRODUCTS = op(
  'query',
  'RestRecommendationContactServices',
  `query RestRecommendationContactServices($contactId: ID!) { contact(id: $contactId) { id } contactServices(contactId: $contactId) { productId state } }`,
);
export const RECOMMENDATION_CONTACT = op(
  'query',
  'RestRecommendationContact',
  `query RestRecommendationContact($id: ID!) { contact(id: $id) { id } }`,
);

export interface GqlRule {
  id: string;
  kind: string;
  name: string;
  description: string | null;
  categoryType: string | null;
  sourceProductIds: string[];
  productIds: string[];
  validUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

// ---- Back-Office bodies and answers -------------------------------------------------------------

const id = z.string().max(100);
const ruleFields = {
  name: z.string().max(200),
  description: z.string().max(2000).nullable().optional(),
  category_type: z.enum(RECOMMENDATION_CATEGORY_TYPES).optional().describe('PRODUCTS rules only, and required there.'),
  source_products: z
    .array(id)
    .max(100)
    .optional()
    .describe('The products that trigger the rule (none for PRODUCTS; at least one for UPSELL and CROSS_SELL).'),
  products: z.array(id).min(1).max(100).describe('The products recommended, in order.'),
  valid_until: z.int().min(0).nullable().optional().describe('Epoch seconds after which the rule recommends nothing (null = no end).'),
};

/** POST /backoffice/v2/recommendation_rules. */
export const createRuleBody = z.strictObject({
  kind: z.enum(RECOMMENDATION_KINDS).describe('PRODUCTS, UPSELL, CROSS_SELL or SERVICES; fixed once created.'),
  ...ruleFields,
});
/** PUT /backoffice/v2/recommendation_rules/{id}: absent = unchanged, null clears. */
export const updateRuleBody = z.strictObject({
  name: ruleFields.name.optional(),
  description: ruleFields.description,
  category_type: ruleFields.category_type,
  source_products: ruleFields.source_products,
  products: ruleFields.products.optional(),
  valid_until: ruleFields.valid_until,
});

/** The GraphQL input of a rule body (absent fields stay absent). */
export function ruleInputOf(b: Partial<z.infer<typeof createRuleBody>>): Json {
  return {
    name: b.name,
    description: b.description,
    categoryType: b.category_type,
    sourceProductIds: b.source_products,
    productIds: b.products,
    validUntil: b.valid_until === undefined ? undefined : b.valid_until === null ? null : new Date(b.valid_until * 1000).toISOString(),
  };
}

export const ruleResponse = z.strictObject({
  id: z.string(),
  kind: z.enum(RECOMMENDATION_KINDS),
  name: z.string(),
  description: z.string().optional(),
  category_type: z.enum(RECOMMENDATION_CATEGORY_TYPES).optional(),
  source_products: z.array(z.string()),
  products: z.array(z.string()),
  valid_until: epoch.optional(),
  created_date: epoch,
  updated_date: epoch,
});
export const ruleListResponse = z.strictObject({ content: z.array(ruleResponse), paging: pagingResponse });

export function toRule(r: GqlRule): Json {
  return compact({
    id: r.id,
    kind: r.kind,
    name: r.name,
    description: r.description,
    category_type: r.categoryType,
    source_products: r.sourceProductIds,
    products: r.productIds,
    valid_until: r.validUntil ? epochSeconds(r.validUntil) : undefined,
    created_date: epochSeconds(r.createdAt),
    updated_date: epochSeconds(r.updatedAt),
  });
}

/** Whether a rule still recommends at `now` (rules are filtered by time here, not cached per instant). */
export const ruleIsLive = (r: GqlRule, now: Date): boolean => r.validUntil === null || new Date(r.validUntil).getTime() > now.getTime();

// ---- Self-Service answers (the contract's shapes) ----------------------------------------------

const recommendedProduct = z.strictObject({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  description: z.string().optional(),
  pricing: z.array(pricingResponse),
});
export const productRecommendationResponse = z.array(
  z.strictObject({
    category: z.strictObject({
      id: z.string().describe('The recommendation rule.'),
      name: z.string(),
      description: z.string().optional(),
      type: z.enum(RECOMMENDATION_CATEGORY_TYPES),
      has_more: z.boolean().describe('More products than `size` were recommended.'),
      validity_ends: epoch.optional(),
      products: z.array(recommendedProduct),
    }),
  }),
);

const period = z.strictObject({ duration: z.int(), uot: z.enum(PERIOD_UNITS) });
const orderPricing = z.strictObject({
  id: z.string(),
  price: z.number(),
  currency_code: z.string(),
  price_model: z.enum(PRICE_MODELS),
  tax_model: z.enum(TAX_MODELS),
  billing_period: period.optional(),
  tiers: z.strictObject({ number_of_tiers: z.int(), upper_tier: z.int().optional() }).optional(),
});
const orderRecommended = z.strictObject({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  description: z.string().optional(),
  pricing: orderPricing.optional().describe('The default price (or the first).'),
});
export const orderRecommendationResponse = z.strictObject({
  cross_sells: z.array(orderRecommended).optional(),
  upsells: z.array(orderRecommended).optional(),
  promotions: z
    .array(z.strictObject({ id: z.string(), name: z.string() }))
    .optional()
    .describe('No promotions engine yet: always empty.'),
  reward_offers: z
    .array(z.strictObject({ id: z.string(), name: z.string() }))
    .optional()
    .describe('Not linked to rewards yet: always empty.'),
});

const servicePrice = z.strictObject({
  id: z.string(),
  price: z.number(),
  currency_code: z.string(),
  is_default: z.boolean(),
  price_model: z.enum(PRICE_MODELS),
  tax_model: z.enum(TAX_MODELS),
  tiers: z.int().optional().describe('How many tiers the price has.'),
  price_terms: z
    .strictObject({
      billing_period: period,
      trial_period: period.optional(),
      contract_period: period.optional(),
      auto_renew: z.boolean(),
      billing_model: z.enum(BILLING_MODELS),
    })
    .optional(),
});
export const serviceRecommendationResponse = z.strictObject({
  content: z.array(
    z.strictObject({
      id: z.string(),
      sku: z.string(),
      name: z.string(),
      description: z.string().optional(),
      composition: z.enum(COMPOSITIONS),
      instance_model: z.enum(INSTANCE_MODELS),
      prices: z.array(servicePrice),
    }),
  ),
  paging: pagingResponse,
});

/** A product as `GET /products/recommendation` lists it. */
export function toRecommendedProduct(p: GqlProduct): Json {
  return compact({ id: p.id, sku: p.sku, name: p.name, description: p.description, pricing: p.prices.map(toPricing) });
}

const defaultPrice = (prices: GqlPrice[]): GqlPrice | undefined => prices.find((x) => x.isDefault) ?? prices[0];

/** A product as a cross-sell / up-sell of an order: its default price as one `pricing`. */
export function toOrderRecommended(p: GqlProduct): Json {
  const x = defaultPrice(p.prices);
  return compact({
    id: p.id,
    sku: p.sku,
    name: p.name,
    description: p.description,
    pricing: x
      ? compact({
          id: x.id,
          price: amount(x.price),
          currency_code: x.currencyCode,
          price_model: x.priceModel,
          tax_model: x.taxModel,
          billing_period: x.priceTerms ? { duration: x.priceTerms.billingPeriod.duration, uot: x.priceTerms.billingPeriod.uot } : undefined,
          tiers:
            x.tiers.length > 0
              ? compact({ number_of_tiers: x.tiers.length, upper_tier: x.tiers[x.tiers.length - 1]!.upper ?? undefined })
              : undefined,
        })
      : undefined,
  });
}

const periodOf = (p: { duration: number; uot: string } | null) => (p ? { duration: p.duration, uot: p.uot } : undefined);

/** A service product as `GET /services/recommendation` lists it, with the prices that pass `keep`. */
export function toRecommendedService(p: GqlProduct, keep: (x: GqlPrice) => boolean): Json {
  return compact({
    id: p.id,
    sku: p.sku,
    name: p.name,
    description: p.description,
    composition: p.composition,
    instance_model: p.instanceModel,
    prices: p.prices.filter(keep).map((x) =>
      compact({
        id: x.id,
        price: amount(x.price),
        currency_code: x.currencyCode,
        is_default: x.isDefault,
        price_model: x.priceModel,
        tax_model: x.taxModel,
        tiers: x.tiers.length > 0 ? x.tiers.length : undefined,
        price_terms: x.priceTerms
          ? compact({
              billing_period: periodOf(x.priceTerms.billingPeriod),
              trial_period: periodOf(x.priceTerms.trialPeriod),
              contract_period: periodOf(x.priceTerms.contractPeriod),
              auto_renew: x.priceTerms.autoRenewed,
              billing_model: x.priceTerms.billingModel,
            })
          : undefined,
      }),
    ),
  });
}
