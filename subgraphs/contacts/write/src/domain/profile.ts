import { AppError } from '@crm/platform/errors';
import type { ContactProfile, ContactType, Phone } from '@crm/event-bus/contracts/contacts';
import * as v from './validate';

/** Profile fields as a command carries them: undefined = leave as is, null = clear. */
export interface ProfileInput {
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  companyProfile?: v.CompanyProfileInput | null;
  email?: string | null;
  phones?: v.PhoneInput[] | null;
  demographics?: v.DemographicsInput | null;
  languageCode?: string | null;
  smsOptOut?: boolean | null;
  emailOptOut?: boolean | null;
  countryOfAgreement?: string | null;
  customFields?: { key: string; value: string }[] | null;
}

/** Validates and normalises the fields present in `input`; absent fields are absent in the result. */
export function normaliseProfile(input: ProfileInput, now: Date, newId: () => string, existingPhones: Phone[] = []): Partial<ContactProfile> {
  const out: Partial<ContactProfile> = {};
  if (input.firstName !== undefined) out.firstName = v.text('firstName', input.firstName, 100);
  if (input.middleName !== undefined) out.middleName = v.text('middleName', input.middleName, 100);
  if (input.lastName !== undefined) out.lastName = v.text('lastName', input.lastName, 100);
  if (input.companyName !== undefined) out.companyName = v.text('companyName', input.companyName, 200);
  if (input.companyProfile !== undefined)
    out.companyProfile = input.companyProfile === null ? null : v.companyProfile('companyProfile', input.companyProfile);
  if (input.email !== undefined) out.email = v.email('email', input.email);
  if (input.phones !== undefined) out.phones = v.phones('phones', input.phones ?? [], newId, existingPhones);
  if (input.demographics !== undefined)
    out.demographics = input.demographics === null ? null : v.demographics('demographics', input.demographics, now);
  if (input.languageCode !== undefined) out.languageCode = v.language('languageCode', input.languageCode);
  if (input.smsOptOut !== undefined && input.smsOptOut !== null) out.smsOptOut = input.smsOptOut;
  if (input.emailOptOut !== undefined && input.emailOptOut !== null) out.emailOptOut = input.emailOptOut;
  if (input.countryOfAgreement !== undefined) out.countryOfAgreement = v.country('countryOfAgreement', input.countryOfAgreement);
  if (input.customFields !== undefined) out.customFields = v.customFields('customFields', input.customFields ?? []);
  return out;
}

/** A person needs a first or last name; a company needs its name. */
export function assertNamed(type: ContactType, p: Pick<ContactProfile, 'firstName' | 'lastName' | 'companyName'>): void {
  if (type === 'PERSON' && !p.firstName && !p.lastName) {
    throw AppError.validation('lastName', 'a person needs a first or last name', 'REQUIRED');
  }
  if (type === 'COMPANY' && !p.companyName) {
    throw AppError.validation('companyName', 'a company needs a company name', 'REQUIRED');
  }
}

export const EMPTY_PROFILE: ContactProfile = {
  firstName: null,
  middleName: null,
  lastName: null,
  companyName: null,
  companyProfile: null,
  email: null,
  phones: [],
  demographics: null,
  languageCode: null,
  smsOptOut: false,
  emailOptOut: false,
  countryOfAgreement: null,
  customFields: [],
};
