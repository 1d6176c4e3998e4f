import { registerEnumType } from 'type-graphql';
import {
  AVAILABILITIES,
  BILLING_MODELS,
  CLASSIFICATIONS,
  COMPONENT_ITEM_TYPES,
  COMPOSITIONS,
  DAYS_OF_WEEK,
  GROUP_KINDS,
  INSTANCE_MODELS,
  PERIOD_UNITS,
  PRICE_MODELS,
  RECOMMENDATION_CATEGORY_TYPES,
  RECOMMENDATION_KINDS,
  SUPPLY_METHODS,
  TAX_MODELS,
} from '@crm/event-bus/contracts/catalogue';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ProductClassification = asEnum(CLASSIFICATIONS);
export const ProductComposition = asEnum(COMPOSITIONS);
export const ProductAvailability = asEnum(AVAILABILITIES);
export const InstanceModel = asEnum(INSTANCE_MODELS);
export const ProductGroupKind = asEnum(GROUP_KINDS);
export const TaxModel = asEnum(TAX_MODELS);
export const PriceModel = asEnum(PRICE_MODELS);
export const PeriodUnit = asEnum(PERIOD_UNITS);
export const BillingModel = asEnum(BILLING_MODELS);
export const SupplyMethod = asEnum(SUPPLY_METHODS);
export const ComponentItemType = asEnum(COMPONENT_ITEM_TYPES);
export const DayOfWeek = asEnum(DAYS_OF_WEEK);
export const RecommendationKind = asEnum(RECOMMENDATION_KINDS);
export const RecommendationCategoryType = asEnum(RECOMMENDATION_CATEGORY_TYPES);

registerEnumType(ProductClassification, { name: 'ProductClassification' });
registerEnumType(ProductComposition, {
  name: 'ProductComposition',
  description: 'COMPOSITE products have variants (products with `variantOf` set).',
});
registerEnumType(ProductAvailability, { name: 'ProductAvailability' });
registerEnumType(InstanceModel, { name: 'InstanceModel' });
registerEnumType(ProductGroupKind, { name: 'ProductGroupKind' });
registerEnumType(TaxModel, { name: 'TaxModel' });
registerEnumType(PriceModel, { name: 'PriceModel' });
registerEnumType(PeriodUnit, { name: 'PeriodUnit' });
registerEnumType(BillingModel, { name: 'BillingModel' });
registerEnumType(SupplyMethod, { name: 'SupplyMethod' });
registerEnumType(ComponentItemType, { name: 'ComponentItemType' });
registerEnumType(DayOfWeek, { name: 'DayOfWeek' });
registerEnumType(RecommendationKind, {
  name: 'RecommendationKind',
  description:
    'PRODUCTS (a named list with a category type), UPSELL / CROSS_SELL (with an order holding a source product), SERVICES (to subscribers of a source product; no source = to anyone).',
});
registerEnumType(RecommendationCategoryType, { name: 'RecommendationCategoryType' });
