import { z } from 'zod';
import { COUNTRY_CODES } from '@crm/platform/reference';

/** Value shapes shared by the contact events (the write model's snapshot, camelCase). */
export const countryCode = z.enum(COUNTRY_CODES);
const text = (max: number) => z.string().max(max);

export const CONTACT_TYPES = ['PERSON', 'COMPANY'] as const;
export const PHONE_TYPES = ['MOBILE', 'LANDLINE', 'FAX'] as const;
export const ADDRESS_TYPES = ['HOME', 'BUSINESS', 'ALTERNATIVE'] as const;
export const GENDERS = ['FEMALE', 'MALE', 'OTHER'] as const;

export const phoneSchema = z.object({
  id: z.uuid(),
  type: z.enum(PHONE_TYPES),
  countryCode: countryCode,
  number: text(20),
  isPrimary: z.boolean(),
});

export const addressSchema = z.object({
  id: z.uuid(),
  type: z.enum(ADDRESS_TYPES),
  name: text(100).nullable(),
  isPrimary: z.boolean(),
  isBilling: z.boolean(),
  addressLine1: text(200),
  addressLine2: text(200).nullable(),
  stateProvinceCounty: text(100).nullable(),
  townCity: text(100).nullable(),
  postalCode: text(20).nullable(),
  countryCode: countryCode.nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  googlePlaceId: text(300).nullable(),
});

const idDocument = z.object({ number: text(50), issuingCountryCode: countryCode, expirationDate: z.number().int() });

export const demographicsSchema = z.object({
  gender: z.enum(GENDERS).nullable(),
  dateOfBirth: z.object({ year: z.number().int(), month: z.number().int(), day: z.number().int() }).nullable(),
  nameDay: z.object({ month: z.number().int(), day: z.number().int() }).nullable(),
  passport: idDocument.nullable(),
  idDetails: idDocument.nullable(),
  statutoryNumber: text(50).nullable(),
});

export const companyProfileSchema = z.object({
  registrationNumber: text(50).nullable(),
  registrationCountry: countryCode.nullable(),
  taxReferenceNumber: text(50).nullable(),
  vatRegistrationNumber: text(50).nullable(),
  industryId: z.uuid().nullable(),
  subIndustryIds: z.array(z.uuid()).max(50),
});

export const customFieldSchema = z.object({ key: text(100), value: text(2000) });

/** Every mutable profile field of a contact (what create sets and update patches). */
export const contactProfileSchema = z.object({
  firstName: text(100).nullable(),
  middleName: text(100).nullable(),
  lastName: text(100).nullable(),
  companyName: text(200).nullable(),
  companyProfile: companyProfileSchema.nullable(),
  email: text(254).nullable(),
  phones: z.array(phoneSchema).max(20),
  demographics: demographicsSchema.nullable(),
  languageCode: text(3).nullable(),
  smsOptOut: z.boolean(),
  emailOptOut: z.boolean(),
  countryOfAgreement: countryCode.nullable(),
  customFields: z.array(customFieldSchema).max(100),
});

export type Phone = z.infer<typeof phoneSchema>;
export type Address = z.infer<typeof addressSchema>;
export type Demographics = z.infer<typeof demographicsSchema>;
export type CompanyProfile = z.infer<typeof companyProfileSchema>;
export type CustomField = z.infer<typeof customFieldSchema>;
export type ContactProfile = z.infer<typeof contactProfileSchema>;
export type ContactType = (typeof CONTACT_TYPES)[number];
