import type { OpenApiFragment } from '../../kit/resource';
import { errorResponseOf, exactlyOneOf, notBoth } from '../../kit/openapi';
import { MAX_SEGMENT_LENGTH } from '../../kit/router';
import { addressBody, backOfficePhone, companyProfileBody, countryCode, demographicsBody, idDocument, selfServicePhone } from './bodies';
import { addressResponse, backOfficeAddressResponse, companyProfileResponse, demographicsResponse, idDocumentResponse } from './response-schemas';

/**
 * The OpenAPI components the contact resources share (back-office contacts, self-service
 * contacts, addresses, contact auth): path parameters, the contact/address 404, and the body and
 * response parts they nest. Each resource spreads this into its own fragment.
 */
export const contactComponents: OpenApiFragment = {
  parameters: {
    ContactId: {
      name: 'id',
      in: 'path',
      required: true,
      description:
        'The contact GUID (dashed or 32 hex digits, any case) or the contact code. Percent-decoded; control characters and `/` are refused.',
      schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
    },
    AddressId: {
      name: 'address_id',
      in: 'path',
      required: true,
      description: 'The address GUID (dashed or 32 hex digits, any case).',
      schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
    },
  },
  responses: {
    NotFound: errorResponseOf('The contact (or address) does not exist (CRM.EXCEPTIONS.NOTFOUNDEXCEPTION).'),
  },
  requestSchemas: [
    {
      name: 'AddressRequest',
      schema: addressBody,
      extend: {
        description: 'Exactly one of type / address_type is required (self-service documents `type`, back-office addresses[] `address_type`).',
        ...exactlyOneOf('type', 'address_type'),
      },
    },
    {
      name: 'BackOfficePhoneRequest',
      schema: backOfficePhone,
      extend: {
        description:
          'Exactly one of phone_type / type is required. `id` is tolerated (a GET result written back) and ignored: phones are matched by number.',
        ...exactlyOneOf('phone_type', 'type'),
      },
    },
    {
      name: 'SelfServicePhoneRequest',
      schema: selfServicePhone,
      extend: {
        description:
          'Replaces the primary phone. Exactly one of type / phone_type is required; a missing country_code or number is taken from the current primary phone.',
        ...exactlyOneOf('type', 'phone_type'),
      },
    },
    { name: 'DemographicsRequest', schema: demographicsBody },
    {
      name: 'CompanyProfileRequest',
      schema: companyProfileBody,
      extend: {
        description: 'industry_id / industry{id} are alternative spellings: send at most one.',
        ...notBoth('industry_id', 'industry'),
      },
    },
    { name: 'IdDocumentRequest', schema: idDocument },
    { name: 'CountryCodeInput', schema: countryCode },
  ],
  responseSchemas: [
    { name: 'Address', schema: addressResponse },
    { name: 'BackOfficeAddress', schema: backOfficeAddressResponse },
    { name: 'Demographics', schema: demographicsResponse },
    { name: 'CompanyProfile', schema: companyProfileResponse },
    { name: 'IdDocument', schema: idDocumentResponse },
  ],
};
