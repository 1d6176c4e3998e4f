import { describe, it } from 'node:test';
import type { RecommendationKind, RecommendationRuleDetails } from '@crm/event-bus/contracts/catalogue';
import {
  createRecommendationRule,
  deleteRecommendationRule,
  updateRecommendationRule,
  type CreateRecommendationRule,
  type UpdateRecommendationRule,
} from './recommendation-rule';
import { BRAND_ID, BUNDLE_ID, COMPOSITE_ID, FLAT_PRODUCT_ID, refs, ruleSpec, uuid } from './test-kit';

const details = (extra: Partial<RecommendationRuleDetails> = {}): RecommendationRuleDetails => ({
  name: 'Goes with coffee',
  description: null,
  categoryType: null,
  sourceProductIds: [FLAT_PRODUCT_ID],
  productIds: [BUNDLE_ID, COMPOSITE_ID],
  validUntil: null,
  ...extra,
});
const create = ruleSpec<CreateRecommendationRule>(createRecommendationRule).given;
const update = ruleSpec<UpdateRecommendationRule>(updateRecommendationRule).given;
const remove = ruleSpec<{ id: string }>(deleteRecommendationRule).given;
const made = (kind: RecommendationKind, d: RecommendationRuleDetails) => ({ type: 'recommendation_rule.created' as const, data: { kind, ...d } });

describe('recommendation rules', () => {
  it('creates each kind with what it needs', () => {
    create()
      .when({ kind: 'CROSS_SELL', details: details({ name: ' Goes with coffee ' }), references: refs })
      .then([made('CROSS_SELL', details())]);
    const list = details({ categoryType: 'BEST_SELLING', sourceProductIds: [] });
    create()
      .when({ kind: 'PRODUCTS', details: list, references: refs })
      .then([made('PRODUCTS', list)]);
    // a SERVICES rule without sources recommends to new subscribers
    const anyone = details({ sourceProductIds: [] });
    create()
      .when({ kind: 'SERVICES', details: anyone, references: refs })
      .then([made('SERVICES', anyone)]);
  });

  it('refuses, naming the field, what the kind does not allow', () => {
    // table: kind, details, field, reason
    const cases: [RecommendationKind, Partial<RecommendationRuleDetails>, string, string][] = [
      ['PRODUCTS', { sourceProductIds: [] }, 'category_type', 'REQUIRED'],
      ['PRODUCTS', { categoryType: 'BEST_SELLING' }, 'source_products', 'NOT_ALLOWED_FOR_KIND'],
      ['UPSELL', { categoryType: 'COMMERCE_MONEY' }, 'category_type', 'NOT_ALLOWED_FOR_KIND'],
      ['UPSELL', { sourceProductIds: [] }, 'source_products', 'REQUIRED'],
      ['CROSS_SELL', { sourceProductIds: [] }, 'source_products', 'REQUIRED'],
      ['SERVICES', { productIds: [] }, 'products', 'REQUIRED'],
      ['SERVICES', { productIds: [BUNDLE_ID, BUNDLE_ID] }, 'products.1', 'DUPLICATE'],
      ['SERVICES', { productIds: [FLAT_PRODUCT_ID] }, 'products.0', 'INVALID_VALUE'],
      ['UPSELL', { productIds: [uuid(404)] }, 'products.0', 'UNKNOWN_REFERENCE'],
      ['UPSELL', { productIds: [BRAND_ID] }, 'products.0', 'UNKNOWN_REFERENCE'],
      ['CROSS_SELL', { sourceProductIds: [uuid(405)] }, 'source_products.0', 'UNKNOWN_REFERENCE'],
      ['CROSS_SELL', { name: '  ' }, 'name', 'REQUIRED'],
    ];
    for (const [kind, extra, field, reason] of cases)
      create()
        .when({ kind, details: details(extra), references: refs })
        .thenFails({ field, reason });
  });

  it('updates only what changes, checking the merged rule against its kind', () => {
    const given = update(made('UPSELL', details()));
    given
      .when({ id: uuid(999), patch: { name: 'Goes with coffee', productIds: [BUNDLE_ID] }, references: refs })
      .then([{ type: 'recommendation_rule.updated', data: { productIds: [BUNDLE_ID] } }]);
    given.when({ id: uuid(999), patch: { sourceProductIds: [] }, references: refs }).thenFails({ field: 'source_products', reason: 'REQUIRED' });
    given.when({ id: uuid(999), patch: { name: 'Goes with coffee' }, references: new Map() }).then([]);
    // the products it keeps are not looked up again
    given
      .when({ id: uuid(999), patch: { validUntil: '2030-01-01T00:00:00.000Z' }, references: new Map() })
      .then([{ type: 'recommendation_rule.updated', data: { validUntil: '2030-01-01T00:00:00.000Z' } }]);
  });

  it('deletes once; a deleted or missing rule is not found', () => {
    remove(made('UPSELL', details()))
      .when({ id: uuid(999) })
      .then([{ type: 'recommendation_rule.deleted', data: {} }]);
    remove(made('UPSELL', details()), { type: 'recommendation_rule.deleted', data: {} })
      .when({ id: uuid(999) })
      .thenFails({ code: 'NOT_FOUND' });
    update(made('UPSELL', details()), { type: 'recommendation_rule.deleted', data: {} })
      .when({ id: uuid(999), patch: { name: 'x' }, references: refs })
      .thenFails({ code: 'NOT_FOUND' });
    remove()
      .when({ id: uuid(1) })
      .thenFails({ code: 'NOT_FOUND' });
  });
});
