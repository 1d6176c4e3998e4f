import { AppError } from '@crm/platform/errors';
import type { RecommendationKind, RecommendationRuleDetails } from '@crm/event-bus/contracts/catalogue';
import type { RecommendationRuleChange, RecommendationRuleState } from '@crm/catalogue-model';
import { requireDistinct, requireProduct, type References } from './references';

/**
 * Checks a rule's details for its kind (pure): a name; PRODUCTS has a category type and no source
 * products; UPSELL and CROSS_SELL have at least one source; SERVICES may have none (then it
 * recommends to anyone); every product named is a product of the tenant, listed once, and a
 * product is not recommended on itself. References are checked when `given` says the command names them.
 */
export function checkRecommendationRule(
  kind: RecommendationKind,
  d: RecommendationRuleDetails,
  refs: References,
  given: { products: boolean; sources: boolean } = { products: true, sources: true },
): RecommendationRuleDetails {
  const name = d.name.trim();
  if (name.length === 0) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (kind === 'PRODUCTS') {
    if (d.categoryType === null) throw AppError.validation('category_type', 'a PRODUCTS rule needs a category type', 'REQUIRED');
    if (d.sourceProductIds.length > 0)
      throw AppError.validation('source_products', 'a PRODUCTS rule recommends to everyone: no source products', 'NOT_ALLOWED_FOR_KIND');
  } else if (d.categoryType !== null) {
    throw AppError.validation('category_type', `only PRODUCTS rules have a category type, not ${kind}`, 'NOT_ALLOWED_FOR_KIND');
  }
  if ((kind === 'UPSELL' || kind === 'CROSS_SELL') && d.sourceProductIds.length === 0)
    throw AppError.validation('source_products', `a ${kind} rule needs the products that trigger it`, 'REQUIRED');
  if (d.productIds.length === 0) throw AppError.validation('products', 'recommend at least one product', 'REQUIRED');
  requireDistinct('products', d.productIds);
  requireDistinct('source_products', d.sourceProductIds);
  const sources = new Set(d.sourceProductIds);
  d.productIds.forEach((id, i) => {
    if (sources.has(id))
      throw AppError.validation(`products.${i}`, `${id} is also a source product: a product is not recommended on itself`, 'INVALID_VALUE');
  });
  if (given.products) d.productIds.forEach((id, i) => requireProduct(refs, `products.${i}`, id));
  if (given.sources) d.sourceProductIds.forEach((id, i) => requireProduct(refs, `source_products.${i}`, id));
  return { ...d, name, description: d.description?.trim() || null };
}

export interface CreateRecommendationRule {
  kind: RecommendationKind;
  details: RecommendationRuleDetails;
  references: References;
}

/** Creates a rule (pure). */
export function createRecommendationRule(state: RecommendationRuleState | null, cmd: CreateRecommendationRule): RecommendationRuleChange[] {
  if (state) throw new Error('createRecommendationRule on an existing rule');
  return [{ type: 'recommendation_rule.created', data: { kind: cmd.kind, ...checkRecommendationRule(cmd.kind, cmd.details, cmd.references) } }];
}

function live(state: RecommendationRuleState | null, id: string): RecommendationRuleState {
  if (!state || state.deleted) throw AppError.notFound('recommendation rule', state?.id ?? id);
  return state;
}

export interface UpdateRecommendationRule {
  id: string;
  patch: Partial<RecommendationRuleDetails>;
  references: References;
}

/** Changes a live rule (pure): the merged result must be valid for its kind; only real changes are in the event. */
export function updateRecommendationRule(state: RecommendationRuleState | null, cmd: UpdateRecommendationRule): RecommendationRuleChange[] {
  const rule = live(state, cmd.id);
  const current: RecommendationRuleDetails = {
    name: rule.name,
    description: rule.description,
    categoryType: rule.categoryType,
    sourceProductIds: rule.sourceProductIds,
    productIds: rule.productIds,
    validUntil: rule.validUntil,
  };
  const defined = Object.fromEntries(Object.entries(cmd.patch).filter(([, v]) => v !== undefined));
  const next = checkRecommendationRule(rule.kind, { ...current, ...defined }, cmd.references, {
    products: cmd.patch.productIds !== undefined,
    sources: cmd.patch.sourceProductIds !== undefined,
  });
  const changed = Object.fromEntries(
    Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(current[k as keyof RecommendationRuleDetails])),
  ) as Partial<RecommendationRuleDetails>;
  return Object.keys(changed).length === 0 ? [] : [{ type: 'recommendation_rule.updated', data: changed }];
}

/** Deletes a live rule (pure); a second delete is a 404. */
export function deleteRecommendationRule(state: RecommendationRuleState | null, cmd: { id: string }): RecommendationRuleChange[] {
  live(state, cmd.id);
  return [{ type: 'recommendation_rule.deleted', data: {} }];
}
