import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { AppError, toHttpError } from '@crm/platform/errors';
import { addressOut, toBackOfficeContact, toSelfServiceContact } from './mapper';
import { sampleContact } from './fixtures';
import type { GqlContact } from './operations';
import {
  addressPageResponse,
  addressResponse,
  backOfficeAddressResponse,
  backOfficeContactResponse,
  contactPageResponse,
  selfServiceContactResponse,
} from './response-schemas';
import { errorResponse } from '../../kit/response-schemas';

/** Real mapper output must fit the response schemas the OpenAPI document is generated from. */

const full: GqlContact = sampleContact({
  middleName: 'Q',
  companyName: 'Acme',
  companyProfile: {
    registrationNumber: 'R1',
    registrationCountry: 'CYP',
    taxReferenceNumber: 'T1',
    vatRegistrationNumber: 'V1',
    industryId: 'i1',
    subIndustryIds: ['s1', 's2'],
  },
  addresses: [
    {
      id: 'a1',
      type: 'BUSINESS',
      name: 'HQ',
      isPrimary: true,
      isBilling: true,
      addressLine1: '1 Main St',
      addressLine2: 'Floor 2',
      stateProvinceCounty: 'Nicosia',
      townCity: 'Nicosia',
      postalCode: '1010',
      countryCode: 'CYP',
      lat: 35.17,
      lon: 33.36,
      googlePlaceId: 'g1',
    },
  ],
  demographics: {
    gender: 'MALE',
    dateOfBirth: { year: 1980, month: 12, day: 31 },
    nameDay: { month: 5, day: 21 },
    passport: { number: 'P1', issuingCountryCode: 'GRC', expirationDate: 1900000000 },
    idDetails: { number: 'I1', issuingCountryCode: 'CYP', expirationDate: 1800000000 },
    statutoryNumber: 'S1',
  },
  countryOfAgreement: 'CYP',
});

const bare: GqlContact = sampleContact({
  type: 'COMPANY',
  firstName: null,
  lastName: null,
  companyName: 'Bare Ltd',
  email: null,
  phones: [],
  addresses: [],
  demographics: { gender: null, dateOfBirth: null, nameDay: null, passport: null, idDetails: null, statutoryNumber: null },
  companyProfile: {
    registrationNumber: null,
    registrationCountry: null,
    taxReferenceNumber: null,
    vatRegistrationNumber: null,
    industryId: null,
    subIndustryIds: [],
  },
  languageCode: null,
  customFields: [],
  tags: [],
});

function fits(schema: z.ZodType, value: unknown, what: string): void {
  const result = schema.safeParse(value);
  assert.ok(result.success, `${what}: ${result.success ? '' : JSON.stringify(result.error.issues)}`);
}

describe('response schemas match the mapper', () => {
  for (const [name, contact] of [
    ['sample', sampleContact()],
    ['every field set', full],
    ['nothing optional set', bare],
  ] as const) {
    it(`contacts (${name})`, () => {
      fits(selfServiceContactResponse, toSelfServiceContact(contact), 'self-service contact');
      fits(backOfficeContactResponse, toBackOfficeContact(contact), 'back-office contact');
      for (const a of contact.addresses) {
        fits(addressResponse, addressOut(a), 'address');
        fits(backOfficeAddressResponse, addressOut(a, 'address_type'), 'back-office address');
      }
    });
  }

  it('the strict schemas catch a field the mapper would add or rename', () => {
    assert.equal(selfServiceContactResponse.safeParse({ ...toSelfServiceContact(full), extra: 1 }).success, false);
    assert.equal(backOfficeContactResponse.safeParse(toSelfServiceContact(full)).success, false);
    assert.equal(addressResponse.safeParse(addressOut(full.addresses[0]!, 'address_type')).success, false);
  });

  it('paging envelopes and error bodies', () => {
    fits(contactPageResponse, { paging: { page: 1, size: 10, has_more: false }, content: [toBackOfficeContact(full)] }, 'contact page');
    fits(
      addressPageResponse,
      { paging: { page: 1, size: 100, total: 1, has_more: false }, content: full.addresses.map((a) => addressOut(a)) },
      'address page',
    );
    fits(errorResponse, toHttpError(AppError.validation('phones.0.number', 'is too long'), 'corr-1').body, 'validation error');
    fits(errorResponse, toHttpError(new AppError('NOT_FOUND', 'gone', { exception: 'NOTFOUNDEXCEPTION' })).body, 'not found');
    fits(errorResponse, toHttpError(new Error('boom')).body, 'masked');
  });
});
