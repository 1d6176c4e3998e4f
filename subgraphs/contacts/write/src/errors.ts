import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/**
 * Every error reason contacts-write raises besides the platform's (platform/src/errors/catalogue.ts).
 * AppError accepts only catalogued reasons; the REST facade maps them (supergraph/src/rest/kit/catalogues.ts).
 */
export const errors = defineErrors('contacts-write', {
  CONTACT_EXISTS: { code: 'CONFLICT' },
  CONTACT_ID_TAKEN: { code: 'CONFLICT' },
  CONTACT_CODE_TAKEN: { code: 'CONFLICT' },
  VERSION_CONFLICT: { code: 'CONFLICT' },
  PRIMARY_ADDRESS: { code: 'CONFLICT' },
  ADDRESS_NOT_FOUND: { code: 'NOT_FOUND' },
  INVALID_CODE: { code: 'VALIDATION' },
  INVALID_COUNTRY: { code: 'VALIDATION' },
  INVALID_LANGUAGE: { code: 'VALIDATION' },
  INVALID_PHONE: { code: 'VALIDATION' },
  INVALID_TAG: { code: 'VALIDATION' },
  MULTIPLE_PRIMARY: { code: 'VALIDATION' },
  PRIMARY_REQUIRED: { code: 'VALIDATION' },
  // communities (src/communities/)
  COMMUNITY_RELATIONSHIP_NOT_FOUND: { code: 'NOT_FOUND' },
  COMMUNITY_GROUP_NOT_FOUND: { code: 'NOT_FOUND' },
  PRODUCT_ALLOWANCE_NOT_FOUND: { code: 'NOT_FOUND' },
  COMMUNITY_RELATIONSHIP_EXISTS: { code: 'CONFLICT' },
  ALREADY_COMMUNITY_MEMBER: { code: 'CONFLICT' },
  INVITATION_ANSWERED: { code: 'CONFLICT' },
  DUPLICATE_ALLOWANCE: { code: 'CONFLICT' },
  INVITEE_NOT_FOUND: { code: 'VALIDATION' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
