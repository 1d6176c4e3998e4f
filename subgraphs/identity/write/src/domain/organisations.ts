import { AppError } from '@crm/platform/errors';

export const ORGANISATION_TYPES = ['BUSINESS', 'MERCHANT', 'VENUE'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/**
 * The tenant hierarchy: one BUSINESS (created with the tenant) at the root, MERCHANTs under the
 * business, VENUEs under a merchant or directly under the business.
 */
const ALLOWED_PARENTS: Record<OrganisationType, readonly OrganisationType[]> = {
  BUSINESS: [],
  MERCHANT: ['BUSINESS'],
  VENUE: ['MERCHANT', 'BUSINESS'],
};

export function allowedParentTypes(type: OrganisationType): readonly OrganisationType[] {
  return ALLOWED_PARENTS[type];
}

/** Refuses a child type that cannot sit under the parent's type (VALIDATION naming the field). */
export function checkOrganisationParent(type: OrganisationType, parentType: OrganisationType, field = 'parentId'): void {
  if (type === 'BUSINESS') throw AppError.validation('type', 'a business is created with its tenant', 'INVALID_ORGANISATION_TYPE');
  const allowed = ALLOWED_PARENTS[type];
  if (!allowed.includes(parentType)) {
    throw AppError.validation(field, `a ${type} must belong to a ${allowed.join(' or ')}, not a ${parentType}`, 'INVALID_PARENT');
  }
}

export function checkOrganisationName(name: string, field = 'name'): string {
  const v = name.trim();
  if (v.length === 0 || v.length > 200) throw AppError.validation(field, 'must be 1-200 characters', 'INVALID_LENGTH');
  if (/\p{Cc}/u.test(v)) throw AppError.validation(field, 'must not contain control characters', 'INVALID_CHARACTERS');
  return v;
}
