import { z } from 'zod';

/** The contract's product classification (NOTES §4.6). */
export const CLASSIFICATIONS = [
  'TERMED_SERVICE',
  'USAGE_SERVICE',
  'ONE_TIME_SERVICE',
  'TRACEABLE_PHYSICAL_GOOD',
  'NON_TRACEABLE_PHYSICAL_GOOD',
  'EXPENSES_SERVICE',
] as const;
/** FLAT, the two bundles, and COMPOSITE (a product whose variants differ by characteristics). */
export const COMPOSITIONS = ['FLAT', 'FLEXIBLE_BUNDLE', 'FIXED_BUNDLE', 'COMPOSITE'] as const;
export const AVAILABILITIES = ['ENABLED', 'DISABLED'] as const;
export const INSTANCE_MODELS = ['QUANTITY_BASED', 'LINE_BASED'] as const;
export const GROUP_KINDS = ['TYPE', 'BRAND', 'FAMILY', 'CATEGORY'] as const;
export const TAX_MODELS = ['TAX_INCLUSIVE', 'TAX_EXCLUSIVE'] as const;
export const PRICE_MODELS = ['FLAT', 'TIERED', 'VOLUME', 'STAIRSTEP'] as const;
export const PERIOD_UNITS = ['SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR', 'OVERALL'] as const;
export const BILLING_MODELS = ['PRE_BILL', 'POST_BILL'] as const;
export const SUPPLY_METHODS = ['DELIVERY', 'PICK_UP', 'DIRECT_SALE'] as const;
export const COMPONENT_ITEM_TYPES = ['PRODUCT', 'FAMILY', 'TYPE', 'CATEGORY'] as const;
export const DAYS_OF_WEEK = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

export type Classification = (typeof CLASSIFICATIONS)[number];
export type Composition = (typeof COMPOSITIONS)[number];
export type Availability = (typeof AVAILABILITIES)[number];
export type InstanceModel = (typeof INSTANCE_MODELS)[number];
export type GroupKind = (typeof GROUP_KINDS)[number];
export type TaxModel = (typeof TAX_MODELS)[number];
export type PriceModel = (typeof PRICE_MODELS)[number];
export type PeriodUnit = (typeof PERIOD_UNITS)[number];
export type BillingModel = (typeof BILLING_MODELS)[number];
export type SupplyMethod = (typeof SUPPLY_METHODS)[number];
export type ComponentItemType = (typeof COMPONENT_ITEM_TYPES)[number];
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

const text = (max: number) => z.string().min(1).max(max);
/** A non-negative decimal amount as a string (exact; never a float): up to 12 integer and 6 fraction digits. */
export const amount = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/);
export const uuid = z.string().uuid();

export const period = z.object({ duration: z.number().int().min(1).max(1000), uot: z.enum(PERIOD_UNITS) });
export type Period = z.infer<typeof period>;

/** A tier of a TIERED / VOLUME / STAIRSTEP price: quantities lower..upper (upper null = no limit) at `price`. */
export const tier = z.object({ lower: z.number().int().min(0), upper: z.number().int().min(0).nullable(), price: amount });
export type Tier = z.infer<typeof tier>;

export const priceTerms = z.object({
  billingPeriod: period,
  trialPeriod: period.nullable(),
  contractPeriod: period.nullable(),
  autoRenewed: z.boolean(),
  billingModel: z.enum(BILLING_MODELS),
});
export type PriceTerms = z.infer<typeof priceTerms>;

/** One price of a product; its id is the `price_terms_id` clients order and subscribe with. */
export const price = z.object({
  id: uuid,
  price: amount,
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  taxModel: z.enum(TAX_MODELS),
  priceModel: z.enum(PRICE_MODELS),
  tiers: z.array(tier).max(50),
  priceTerms: priceTerms.nullable(),
  supplyMethod: z.enum(SUPPLY_METHODS).nullable(),
  isDefault: z.boolean(),
});
export type Price = z.infer<typeof price>;

/** A component of a bundle: a product (or any product of a family, type or category) with its quantities. */
export const component = z.object({
  id: uuid,
  itemType: z.enum(COMPONENT_ITEM_TYPES),
  itemId: uuid,
  mandatory: z.boolean(),
  minimumQuantity: z.number().int().min(0).max(10_000),
  maximumQuantity: z.number().int().min(1).max(10_000).nullable(),
  priceInclusive: z.boolean(),
});
export type Component = z.infer<typeof component>;

export const characteristic = z.object({ key: text(50), value: text(200) });
export type Characteristic = z.infer<typeof characteristic>;

/** What can change on a product after its creation (absent = unchanged). */
export const productDetails = z.object({
  name: text(200),
  description: z.string().max(2000).nullable(),
  typeId: uuid.nullable(),
  brandId: uuid.nullable(),
  familyId: uuid.nullable(),
  categoryIds: z.array(uuid).max(50),
  availability: z.enum(AVAILABILITIES),
  instanceModel: z.enum(INSTANCE_MODELS),
  isStockable: z.boolean(),
  isProvisionable: z.boolean(),
  isModifier: z.boolean(),
  negativeBalanceAllowed: z.boolean(),
});
export type ProductDetails = z.infer<typeof productDetails>;

export const productDefinition = productDetails.extend({
  sku: text(100),
  classification: z.enum(CLASSIFICATIONS),
  composition: z.enum(COMPOSITIONS),
  /** The composite product this one is a variant of (null for every other product). */
  variantOf: uuid.nullable(),
  characteristics: z.array(characteristic).max(50),
});
export type ProductDefinition = z.infer<typeof productDefinition>;

export const groupDetails = z.object({
  name: text(200),
  description: z.string().max(2000).nullable(),
  code: z.string().max(100).nullable(),
  /** CATEGORY only: the parent category. */
  parentId: uuid.nullable(),
  /** TYPE only: the classification and composition products of the type have. */
  classification: z.enum(CLASSIFICATIONS).nullable(),
  composition: z.enum(COMPOSITIONS).nullable(),
});
export type GroupDetails = z.infer<typeof groupDetails>;

export const timeSlot = z.object({
  dayOfWeek: z.enum(DAYS_OF_WEEK),
  /** `HH:MM` (24h), start inclusive, end exclusive; null = from the start / until the end of the day. */
  startTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable(),
  endTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable(),
});
export type TimeSlot = z.infer<typeof timeSlot>;

/** An order catalogue: either lists products, or lists product categories (whose products it then offers). */
export const orderCatalogueDetails = z.object({
  name: text(200),
  description: z.string().max(2000).nullable(),
  supplyMethods: z.array(z.enum(SUPPLY_METHODS)).min(1).max(3),
  productIds: z.array(uuid).max(500),
  categoryIds: z.array(uuid).max(100),
  /** Empty = always open. */
  timeAvailability: z.array(timeSlot).max(100),
});
export type OrderCatalogueDetails = z.infer<typeof orderCatalogueDetails>;

/**
 * What a recommendation rule drives: PRODUCTS = a named list for GET /products/recommendation
 * (with its category_type); UPSELL / CROSS_SELL = products offered with an order estimate holding
 * a source product (GET /orders/recommendation); SERVICES = services offered to a subscriber of a
 * source product, or to anyone when the rule has no source (GET /services/recommendation).
 */
export const RECOMMENDATION_KINDS = ['PRODUCTS', 'UPSELL', 'CROSS_SELL', 'SERVICES'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];
/** The contract's `category_type` of a product recommendation. */
export const RECOMMENDATION_CATEGORY_TYPES = ['BEST_SELLING', 'REWARD_OFFER_PROMOTION', 'COMMERCE_MONEY'] as const;
export type RecommendationCategoryType = (typeof RECOMMENDATION_CATEGORY_TYPES)[number];

/** A recommendation rule: which products it recommends (in order) and, for some kinds, on which source products. */
export const recommendationRuleDetails = z.object({
  name: text(200),
  description: z.string().max(2000).nullable(),
  categoryType: z.enum(RECOMMENDATION_CATEGORY_TYPES).nullable(),
  sourceProductIds: z.array(uuid).max(100),
  productIds: z.array(uuid).min(1).max(100),
  /** ISO instant after which the rule no longer recommends anything (null = no end). */
  validUntil: z.string().datetime().nullable(),
});
export type RecommendationRuleDetails = z.infer<typeof recommendationRuleDetails>;
