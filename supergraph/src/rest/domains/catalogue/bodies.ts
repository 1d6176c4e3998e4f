import { z } from 'zod';
import {
  AVAILABILITIES,
  BILLING_MODELS,
  CLASSIFICATIONS,
  COMPONENT_ITEM_TYPES,
  COMPOSITIONS,
  DAYS_OF_WEEK,
  INSTANCE_MODELS,
  PERIOD_UNITS,
  PRICE_MODELS,
  SUPPLY_METHODS,
  TAX_MODELS,
} from '@crm/event-bus/contracts/catalogue';

const text = (max: number) => z.string().max(max);
const id = z.string().max(100);
const flags = {
  availability: z.enum(AVAILABILITIES).optional(),
  instance_model: z.enum(INSTANCE_MODELS).optional(),
  is_stockable: z.boolean().optional(),
  is_provisionable: z.boolean().optional(),
  is_modifier: z.boolean().optional(),
  negative_balance_allowed: z.boolean().optional(),
};

/** POST /backoffice/v2/products. */
export const createProductBody = z.strictObject({
  sku: text(100),
  name: text(200),
  classification: z.enum(CLASSIFICATIONS),
  composition: z.enum(COMPOSITIONS).optional().describe('Default FLAT.'),
  description: text(2000).optional(),
  type_id: id.optional(),
  brand_id: id.optional(),
  family_id: id.optional(),
  category_ids: z.array(id).max(50).optional(),
  variant_of: id.optional().describe('The COMPOSITE product this one is a variant of.'),
  characteristics: z
    .array(z.strictObject({ key: text(50), value: text(200) }))
    .max(50)
    .optional(),
  ...flags,
});

/** PUT /backoffice/v2/products/{id}: absent = unchanged, null clears. */
export const updateProductBody = z.strictObject({
  name: text(200).optional(),
  description: text(2000).nullable().optional(),
  type_id: id.nullable().optional(),
  brand_id: id.nullable().optional(),
  family_id: id.nullable().optional(),
  category_ids: z.array(id).max(50).optional(),
  ...flags,
});

const amount = z.union([z.number().min(0), z.string().max(20)]).describe('A decimal amount (a JSON number or a decimal string; kept exactly).');
const period = z.strictObject({ duration: z.int().min(1).max(1000), uot: z.enum(PERIOD_UNITS) });

/** POST /backoffice/v2/products/{id}/prices. */
export const priceBody = z.strictObject({
  price: amount,
  currency_code: z.string().max(3),
  tax_model: z.enum(TAX_MODELS).optional(),
  price_model: z.enum(PRICE_MODELS).optional(),
  tiers: z
    .array(z.strictObject({ lower_tier: z.int().min(0), upper_tier: z.int().min(0).optional(), price: amount }))
    .max(50)
    .optional(),
  price_terms: z
    .strictObject({
      billing_period: period,
      trial_period: period.optional(),
      contract_period: period.optional(),
      auto_renewed: z.boolean().optional(),
      billing_model: z.enum(BILLING_MODELS).optional(),
    })
    .optional(),
  supply_method: z.enum(SUPPLY_METHODS).optional(),
  is_default: z.boolean().optional(),
});

/** POST /backoffice/v2/products/{id}/components. */
export const componentBody = z.strictObject({
  item_type: z.enum(COMPONENT_ITEM_TYPES).optional(),
  item_id: id,
  mandatory: z.boolean().optional(),
  minimum_quantity: z.int().min(0).max(10_000).optional(),
  maximum_quantity: z.int().min(1).max(10_000).optional(),
  price_inclusive: z.boolean().optional(),
});

/** POST|PUT /backoffice/v2/products/{types|brands|families|categories}[/{id}]. */
export const groupBody = z.strictObject({
  name: text(200).optional().describe('Required on create.'),
  description: text(2000).nullable().optional(),
  code: text(100).nullable().optional(),
  parent_id: id.nullable().optional().describe('Categories only.'),
  classification: z.enum(CLASSIFICATIONS).nullable().optional().describe('Types only.'),
  composition_method: z.enum(COMPOSITIONS).nullable().optional().describe('Types only.'),
});

/** POST /backoffice/v2/order_catalogues. */
export const orderCatalogueBody = z.strictObject({
  name: text(200),
  description: text(2000).optional(),
  supply_methods: z.array(z.enum(SUPPLY_METHODS)).max(3),
  products: z.array(id).max(500).optional(),
  categories: z.array(id).max(100).optional(),
  time_availability: z
    .array(
      z.strictObject({
        day_of_week: z.enum(DAYS_OF_WEEK),
        start_time: z.string().max(5).nullable().optional(),
        end_time: z.string().max(5).nullable().optional(),
      }),
    )
    .max(100)
    .optional(),
});

/** PUT /backoffice/v2/order_catalogues/{id}: absent fields are unchanged (the result must still list products or categories, not both). */
export const updateOrderCatalogueBody = orderCatalogueBody.partial();

/** A JSON number or string amount as the exact decimal string the subgraph takes (an exponent form is sent as is and refused there). */
export const decimalOf = (v: number | string): string => (typeof v === 'number' ? String(v) : v);
