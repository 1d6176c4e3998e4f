// Shared scaffolding of the decider tests: fixed ids and clock, fixtures, and specifications whose
// every emitted change is validated against its event contract. Not a *.test.ts file.
import { registry } from '@crm/event-bus/contracts';
import { deciderSpecification } from '@crm/platform/testing';
import type { Change } from '@crm/event-bus/kit';
import {
  ORDER_CATALOGUE_AGGREGATE,
  PRODUCT_AGGREGATE,
  PRODUCT_GROUP_AGGREGATE,
  RECOMMENDATION_RULE_AGGREGATE,
  type Price,
  type ProductDefinition,
} from '@crm/event-bus/contracts/catalogue';
import {
  evolveOrderCatalogue,
  evolveProduct,
  evolveProductGroup,
  evolveRecommendationRule,
  type OrderCatalogueChange,
  type OrderCatalogueState,
  type ProductChange,
  type ProductGroupChange,
  type ProductGroupState,
  type ProductState,
  type RecommendationRuleChange,
  type RecommendationRuleState,
} from '@crm/catalogue-model';
import type { Reference, References } from './references';

export const T0 = new Date('2024-05-01T10:00:00.000Z');
export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const validator = (aggregateType: string) => (change: Change, version: number) =>
  registry.validate({
    id: uuid(900),
    type: change.type,
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType,
    aggregateId: uuid(999),
    aggregateVersion: version,
    occurredAt: T0.toISOString(),
    correlationId: 'corr-1',
    causationId: null,
    actor: { kind: 'user', id: 'u1' },
    data: change.data,
  });

export const productSpec = <C>(decide: (s: ProductState | null, c: C) => ProductChange[]) =>
  deciderSpecification<ProductState, ProductChange, C>({ decide, evolve: evolveProduct, at: T0, validate: validator(PRODUCT_AGGREGATE) });
export const groupSpec = <C>(decide: (s: ProductGroupState | null, c: C) => ProductGroupChange[]) =>
  deciderSpecification<ProductGroupState, ProductGroupChange, C>({
    decide,
    evolve: evolveProductGroup,
    at: T0,
    validate: validator(PRODUCT_GROUP_AGGREGATE),
  });
export const catalogueSpec = <C>(decide: (s: OrderCatalogueState | null, c: C) => OrderCatalogueChange[]) =>
  deciderSpecification<OrderCatalogueState, OrderCatalogueChange, C>({
    decide,
    evolve: evolveOrderCatalogue,
    at: T0,
    validate: validator(ORDER_CATALOGUE_AGGREGATE),
  });

export const ruleSpec = <C>(decide: (s: RecommendationRuleState | null, c: C) => RecommendationRuleChange[]) =>
  deciderSpecification<RecommendationRuleState, RecommendationRuleChange, C>({
    decide,
    evolve: evolveRecommendationRule,
    at: T0,
    validate: validator(RECOMMENDATION_RULE_AGGREGATE),
  });

export const TYPE_ID = uuid(11);
export const BRAND_ID = uuid(12);
export const FAMILY_ID = uuid(13);
export const CATEGORY_ID = uuid(14);
export const COMPOSITE_ID = uuid(15);
export const FLAT_PRODUCT_ID = uuid(16);
export const BUNDLE_ID = uuid(17);
export const DELETED_BRAND_ID = uuid(18);

const group = (kind: string, extra: Partial<Reference> = {}): Reference => ({
  aggregateType: PRODUCT_GROUP_AGGREGATE,
  kind,
  deleted: false,
  composition: null,
  classification: null,
  ...extra,
});
const product = (composition: string, classification = 'TERMED_SERVICE'): Reference => ({
  aggregateType: PRODUCT_AGGREGATE,
  kind: null,
  deleted: false,
  composition,
  classification,
});

/** Every reference the tests name, resolved as the application would. */
export const refs: References = new Map([
  [TYPE_ID, group('TYPE', { classification: 'TERMED_SERVICE' })],
  [BRAND_ID, group('BRAND')],
  [FAMILY_ID, group('FAMILY')],
  [CATEGORY_ID, group('CATEGORY')],
  [DELETED_BRAND_ID, group('BRAND', { deleted: true })],
  [COMPOSITE_ID, product('COMPOSITE')],
  [FLAT_PRODUCT_ID, product('FLAT')],
  [BUNDLE_ID, product('FIXED_BUNDLE')],
]);

export const definition = (extra: Partial<ProductDefinition> = {}): ProductDefinition => ({
  sku: 'GOLD-1',
  name: 'Gold plan',
  classification: 'TERMED_SERVICE',
  composition: 'FLAT',
  description: null,
  typeId: null,
  brandId: null,
  familyId: null,
  categoryIds: [],
  availability: 'ENABLED',
  instanceModel: 'QUANTITY_BASED',
  isStockable: false,
  isProvisionable: false,
  isModifier: false,
  negativeBalanceAllowed: false,
  variantOf: null,
  characteristics: [],
  ...extra,
});

export const created = (extra: Partial<ProductDefinition> = {}): ProductChange => ({ type: 'product.created', data: definition(extra) });

export const monthly = (extra: Partial<Price> = {}): Price => ({
  id: uuid(50),
  price: '9.99',
  currencyCode: 'EUR',
  taxModel: 'TAX_INCLUSIVE',
  priceModel: 'FLAT',
  tiers: [],
  priceTerms: { billingPeriod: { duration: 1, uot: 'MONTH' }, trialPeriod: null, contractPeriod: null, autoRenewed: true, billingModel: 'PRE_BILL' },
  supplyMethod: null,
  isDefault: false,
  ...extra,
});
