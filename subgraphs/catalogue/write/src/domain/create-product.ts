import { AppError } from '@crm/platform/errors';
import { PRODUCT_AGGREGATE, type ProductDefinition } from '@crm/event-bus/contracts/catalogue';
import type { ProductChange, ProductState } from '@crm/catalogue-model';
import { notAllowed, requireDistinct, requireGroup, type References } from './references';

export interface CreateProduct {
  definition: ProductDefinition;
  /** The groups and the parent product the definition names, resolved. */
  references: References;
}

export const MAX_NAME_LENGTH = 200;

/** Trims and checks a product's name (shared by create and update). */
export function productName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (name.length > MAX_NAME_LENGTH) throw AppError.validation('name', `must be at most ${MAX_NAME_LENGTH} characters`, 'TOO_LONG');
  return name;
}

/** Checks the groups a product names: a live type (whose classification, if set, is the product's), brand, family and categories. */
export function checkGroups(
  refs: References,
  classification: string,
  d: Partial<Pick<ProductDefinition, 'typeId' | 'brandId' | 'familyId' | 'categoryIds'>>,
): void {
  requireGroup(refs, 'type_id', 'TYPE', d.typeId);
  requireGroup(refs, 'brand_id', 'BRAND', d.brandId);
  requireGroup(refs, 'family_id', 'FAMILY', d.familyId);
  (d.categoryIds ?? []).forEach((id, i) => requireGroup(refs, `category_ids.${i}`, 'CATEGORY', id));
  requireDistinct('category_ids', d.categoryIds ?? []);
  const typeClassification = d.typeId ? refs.get(d.typeId)?.classification : null;
  if (typeClassification && typeClassification !== classification)
    throw notAllowed('type_id', `the type is for ${typeClassification} products, this product is ${classification}`);
}

/**
 * Creates a product (pure): a trimmed name and SKU, existing groups, and for a variant
 * (`variantOf`) a COMPOSITE parent, a FLAT composition and at least one characteristic.
 */
export function createProduct(state: ProductState | null, cmd: CreateProduct): ProductChange[] {
  if (state) throw new Error('createProduct on an existing product');
  const d = cmd.definition;
  const name = productName(d.name);
  const sku = d.sku.trim();
  if (sku.length === 0) throw AppError.validation('sku', 'must not be empty', 'REQUIRED');
  if (/\s/.test(sku)) throw AppError.validation('sku', 'must not contain spaces', 'INVALID_CHARACTERS');
  checkGroups(cmd.references, d.classification, d);
  if (d.variantOf) {
    const parent = cmd.references.get(d.variantOf);
    if (!parent || parent.aggregateType !== PRODUCT_AGGREGATE)
      throw new AppError('VALIDATION', `variant_of: ${d.variantOf} is not a product of this business`, {
        field: 'variant_of',
        reason: 'UNKNOWN_REFERENCE',
      });
    if (parent.composition !== 'COMPOSITE') throw notAllowed('variant_of', 'only a COMPOSITE product has variants');
    if (parent.classification !== d.classification)
      throw notAllowed('classification', `a variant has its parent's classification (${parent.classification})`);
    if (d.composition !== 'FLAT') throw notAllowed('composition', 'a variant is FLAT');
    if (d.characteristics.length === 0)
      throw AppError.validation('characteristics', 'a variant is told apart by at least one characteristic', 'REQUIRED');
  } else if (d.characteristics.length > 0) {
    throw notAllowed('characteristics', 'only variants of a COMPOSITE product have characteristics');
  }
  requireDistinct(
    'characteristics',
    d.characteristics.map((c) => c.key),
  );
  return [{ type: 'product.created', data: { ...d, name, sku, description: d.description?.trim() || null } }];
}
