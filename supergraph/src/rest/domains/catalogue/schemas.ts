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
import { epoch, pagingResponse } from '../../kit/response-schemas';

const named = z.strictObject({ id: z.string(), name: z.string().optional() });
const period = z.strictObject({ duration: z.int(), uot: z.enum(PERIOD_UNITS) });

export const pricingResponse = z.strictObject({
  id: z.string().describe('The price id: the `price_terms_id` clients order and subscribe with.'),
  price: z.number().describe('Stored exactly as a decimal; sent as a JSON number.'),
  currency_code: z.string(),
  is_default: z.boolean(),
  price_model: z.enum(PRICE_MODELS),
  tax_model: z.enum(TAX_MODELS),
  supply_method: z.enum(SUPPLY_METHODS).optional(),
  tiers: z.array(z.strictObject({ lower_tier: z.int(), upper_tier: z.int().optional(), price: z.number() })),
  price_terms: z
    .strictObject({
      billing_period: period,
      trial_period: period.optional(),
      contract_period: period.optional(),
      auto_renewed: z.boolean(),
      billing_model: z.enum(BILLING_MODELS),
    })
    .optional(),
});

const core = {
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  description: z.string().optional(),
  classification: z.enum(CLASSIFICATIONS),
  type_composition: z.enum(COMPOSITIONS),
  instance_model: z.enum(INSTANCE_MODELS),
  is_modifier: z.boolean(),
  is_provisionable: z.boolean(),
  is_stockable: z.boolean(),
  negative_balance_allowed: z.boolean(),
  number_of_prices: z.int(),
  pricing: z.array(pricingResponse),
  characteristics: z.array(z.strictObject({ key: z.string(), value: z.string() })),
};
const groups = { type: named.optional(), brand: named.optional(), family: named.optional(), categories: z.array(named) };
const compositionItem = z.strictObject({
  id: z.string(),
  item_id: z.string(),
  item_type: z.enum(COMPONENT_ITEM_TYPES),
  mandatory: z.boolean(),
  minimum_quantity: z.int(),
  maximum_quantity: z.int().optional(),
  price_inclusive: z.boolean(),
});

export const productListItemResponse = z.strictObject({ ...core, availability: z.enum(AVAILABILITIES), components: z.int() });
export const productListResponse = z.strictObject({ content: z.array(productListItemResponse), paging: pagingResponse });
export const productDetailResponse = z.strictObject({ ...core, ...groups, composition: z.array(compositionItem) });
export const variantResponse = z.strictObject({ ...core, ...groups, availability: z.enum(AVAILABILITIES) });
export const variantListResponse = z.array(variantResponse);
export const backOfficeProductResponse = z.strictObject({
  ...core,
  ...groups,
  composition: z.array(compositionItem),
  availability: z.enum(AVAILABILITIES),
  variant_of: z.string().optional(),
  created_date: epoch,
  updated_date: epoch,
});
export const backOfficeProductListResponse = z.strictObject({ content: z.array(backOfficeProductResponse), paging: pagingResponse });
export const pricingListResponse = z.strictObject({ content: z.array(pricingResponse) });

export const componentResponse = compositionItem.extend({
  name: z.string().optional(),
  item_classification: z.enum(CLASSIFICATIONS).optional(),
  products: z.array(
    z.strictObject({ id: z.string(), sku: z.string(), name: z.string(), description: z.string().optional(), pricing: z.array(z.unknown()) }),
  ),
});
export const componentListResponse = z.array(componentResponse);

export const groupResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  code: z.string().optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
  composition_method: z.enum(COMPOSITIONS).optional(),
  parent: named.optional(),
  child_nodes: z.int().optional(),
  available_in_order_menus: z.boolean().optional(),
});
export const groupListResponse = z.strictObject({ content: z.array(groupResponse), paging: pagingResponse });
export const backOfficeGroupResponse = groupResponse.extend({ parent_id: z.string().optional(), created_date: epoch, updated_date: epoch });
export const backOfficeGroupListResponse = z.strictObject({ content: z.array(backOfficeGroupResponse), paging: pagingResponse });

export const orderCatalogueResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  supply_methods: z.array(z.enum(SUPPLY_METHODS)),
  time_availability: z.array(
    z.strictObject({ day_of_week: z.enum(DAYS_OF_WEEK), start_time: z.string().nullable(), end_time: z.string().nullable() }),
  ),
});
export const orderCatalogueListResponse = z.strictObject({ content: z.array(orderCatalogueResponse), paging: pagingResponse });
export const backOfficeOrderCatalogueResponse = orderCatalogueResponse.extend({
  products: z.array(z.string()),
  categories: z.array(z.string()),
  created_date: epoch,
  updated_date: epoch,
});
export const backOfficeOrderCatalogueListResponse = z.strictObject({ content: z.array(backOfficeOrderCatalogueResponse), paging: pagingResponse });
export const catalogueCategoryResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  code: z.string().optional(),
  parent: named.optional(),
  child_nodes: z.int(),
  products: z.array(z.strictObject({ id: z.string(), product: z.strictObject({ id: z.string(), name: z.string(), sku: z.string() }) })),
});
export const catalogueCategoryListResponse = z.strictObject({ content: z.array(catalogueCategoryResponse), paging: pagingResponse });
