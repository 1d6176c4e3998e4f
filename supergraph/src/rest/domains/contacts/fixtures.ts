import type { GqlContact } from './operations';

/** A GraphQL contact as the gateway returns it (test data). */
export function sampleContact(overrides: Partial<GqlContact> = {}): GqlContact {
  return {
    id: '0df9936c-7d5f-a878-4c05-9b942aa14295',
    code: '100000001908',
    type: 'PERSON',
    firstName: 'Ann',
    middleName: null,
    lastName: 'Lee',
    companyName: null,
    displayName: 'Ann Lee',
    companyProfile: null,
    email: 'ann@example.com',
    phones: [
      { id: 'p1', type: 'LANDLINE', countryCode: 'CYP', number: '22123456', isPrimary: false },
      { id: 'p2', type: 'MOBILE', countryCode: 'CYP', number: '99123456', isPrimary: true },
    ],
    addresses: [
      {
        id: 'a1',
        type: 'HOME',
        name: null,
        isPrimary: true,
        isBilling: false,
        addressLine1: '1 Main St',
        addressLine2: null,
        stateProvinceCounty: null,
        townCity: 'Nicosia',
        postalCode: null,
        countryCode: 'CYP',
        lat: null,
        lon: null,
        googlePlaceId: null,
      },
    ],
    demographics: {
      gender: 'FEMALE',
      dateOfBirth: { year: 1990, month: 2, day: 3 },
      nameDay: null,
      passport: null,
      idDetails: null,
      statutoryNumber: 'S1',
    },
    languageCode: 'EN',
    smsOptOut: false,
    emailOptOut: true,
    countryOfAgreement: null,
    referralCode: 'REF1',
    customFields: [{ key: 'k', value: 'v' }],
    tags: ['vip'],
    version: 3,
    createdAt: '2024-01-02T03:04:05.678Z',
    updatedAt: '2024-01-03T03:04:05.000Z',
    ...overrides,
  };
}
