/** The contact GraphQL documents and shapes that several contact resources (back-office and self-service) share. */
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';

export const ADDRESS_FIELDS = `
  id type name isPrimary isBilling addressLine1 addressLine2 stateProvinceCounty townCity
  postalCode countryCode lat lon googlePlaceId`;

const ID_DOCUMENT_FIELDS = `number issuingCountryCode expirationDate`;

export const CONTACT_FRAGMENT = `
fragment RestContact on Contact {
  id code type firstName middleName lastName companyName displayName
  companyProfile { registrationNumber registrationCountry taxReferenceNumber vatRegistrationNumber industryId subIndustryIds }
  email
  phones { id type countryCode number isPrimary }
  addresses { ${ADDRESS_FIELDS} }
  demographics {
    gender
    dateOfBirth { year month day }
    nameDay { month day }
    passport { ${ID_DOCUMENT_FIELDS} }
    idDetails { ${ID_DOCUMENT_FIELDS} }
    statutoryNumber
  }
  languageCode smsOptOut emailOptOut countryOfAgreement referralCode
  customFields { key value }
  tags version createdAt updatedAt
  wallet { id code }
}`;

export const GET_CONTACT = op(
  'query',
  'RestGetContact',
  `query RestGetContact($id: ID!) { contact(id: $id) { ...RestContact } }
${CONTACT_FRAGMENT}`,
);

export const UPDATE_CONTACT = op(
  'mutation',
  'RestUpdateContact',
  `mutation RestUpdateContact($id: ID!, $input: UpdateContactInput!) {
  updateContact(id: $id, input: $input) { contact { id } consistencyToken ${USER_ERROR_FIELDS} }
}`,
);

export const UNREGISTER_CONTACT = op(
  'mutation',
  'RestUnregisterContact',
  `mutation RestUnregisterContact($id: ID!) { unregisterContact(id: $id) { id consistencyToken ${USER_ERROR_FIELDS} } }`,
);

/** The shapes the operations above select (GraphQL names, nullable as in the schema). */
export interface GqlPhone {
  id: string;
  type: string;
  countryCode: string;
  number: string;
  isPrimary: boolean;
}

export interface GqlAddress {
  id: string;
  type: string;
  name: string | null;
  isPrimary: boolean;
  isBilling: boolean;
  addressLine1: string;
  addressLine2: string | null;
  stateProvinceCounty: string | null;
  townCity: string | null;
  postalCode: string | null;
  countryCode: string | null;
  lat: number | null;
  lon: number | null;
  googlePlaceId: string | null;
}

export interface GqlIdDocument {
  number: string;
  issuingCountryCode: string;
  expirationDate: number;
}

export interface GqlDemographics {
  gender: string | null;
  dateOfBirth: { year: number; month: number; day: number } | null;
  nameDay: { month: number; day: number } | null;
  passport: GqlIdDocument | null;
  idDetails: GqlIdDocument | null;
  statutoryNumber: string | null;
}

export interface GqlCompanyProfile {
  registrationNumber: string | null;
  registrationCountry: string | null;
  taxReferenceNumber: string | null;
  vatRegistrationNumber: string | null;
  industryId: string | null;
  subIndustryIds: string[];
}

export interface GqlContact {
  id: string;
  code: string;
  type: string;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  companyName: string | null;
  displayName: string;
  companyProfile: GqlCompanyProfile | null;
  email: string | null;
  phones: GqlPhone[];
  addresses: GqlAddress[];
  demographics: GqlDemographics | null;
  languageCode: string | null;
  smsOptOut: boolean;
  emailOptOut: boolean;
  countryOfAgreement: string | null;
  referralCode: string;
  customFields: { key: string; value: string }[];
  tags: string[];
  version: number;
  /** DateTimeISO scalar: an ISO-8601 string. */
  createdAt: string;
  updatedAt: string;
  /** From the ledger subgraph (absent when it is not composed or not projected yet). */
  wallet?: { id: string; code: string } | null;
}

export interface GqlContactPayload {
  contact: { id: string } | null;
  address?: { id: string } | null;
  consistencyToken: string | null;
  errors: GqlUserError[];
}

export interface GqlUnregisterPayload {
  id: string | null;
  consistencyToken: string | null;
  errors: GqlUserError[];
}
