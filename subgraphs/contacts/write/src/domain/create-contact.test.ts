import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createdData, deciderKit, T0, uuid } from './decider-test-kit';
import { evolve } from './contact';
import { type CreateContact, createContact, type CreateContext } from './create-contact';
import type { AddressInput } from './validate';

const context = (): CreateContext => {
  let n = 0;
  return { now: T0, newId: () => uuid(++n), generatedCode: '100000000001', referralCode: 'REF23456' };
};

/** Emitted changes are numbered from aggregate version 1 (a new contact). */
const { from: given } = deciderKit<CreateContact>((state, cmd) => createContact(state, cmd, context()), 1);

const person = (extra: Partial<CreateContact> = {}): CreateContact => ({ type: 'PERSON', lastName: 'Lovelace', ...extra });
const home = (line: string, extra: Partial<AddressInput> = {}): AddressInput => ({ type: 'HOME', addressLine1: line, ...extra });

describe('createContact', () => {
  it('emits contact.created with defaults, the generated code and the referral code', () => {
    given()
      .when({ type: 'PERSON', firstName: ' Ada ' })
      .then([{ type: 'contact.created', data: createdData({ code: '100000000001', referralCode: 'REF23456' }) }]);
  });

  it('accepts a person with only a last name', () => {
    assert.equal(given().when(person()).created().lastName, 'Lovelace');
  });

  it('requires a person to have a first or last name', () => {
    given().when({ type: 'PERSON', companyName: 'Acme' }).thenFails({ code: 'VALIDATION', field: 'lastName', reason: 'REQUIRED' });
  });

  it('treats whitespace-only names as missing', () => {
    given().when({ type: 'PERSON', firstName: '   ', lastName: '\t' }).thenFails({ code: 'VALIDATION', field: 'lastName', reason: 'REQUIRED' });
  });

  it('requires a company to have a company name, whatever person names it has', () => {
    given()
      .when({ type: 'COMPANY', firstName: 'Ada', lastName: 'Lovelace' })
      .thenFails({ code: 'VALIDATION', field: 'companyName', reason: 'REQUIRED' });
    assert.equal(given().when({ type: 'COMPANY', companyName: ' Acme Ltd ' }).created().companyName, 'Acme Ltd');
  });

  it('refuses to create over an existing contact (CONFLICT)', () => {
    const existing = evolve(null, { type: 'contact.created', data: given().when(person()).created() }, { version: 1, at: T0 });
    given(existing).when(person()).thenFails({ code: 'CONFLICT', reason: 'CONTACT_EXISTS' });
  });

  it('uses the given code (trimmed) instead of the generated one', () => {
    assert.equal(
      given()
        .when(person({ code: ' ACME-42 ' }))
        .created().code,
      'ACME-42',
    );
  });

  it('rejects an invalid code at field code', () => {
    given()
      .when(person({ code: 'has space' }))
      .thenFails({ code: 'VALIDATION', field: 'code', reason: 'INVALID_CODE' });
  });

  it('lower-cases the email and rejects an invalid one', () => {
    assert.equal(
      given()
        .when(person({ email: 'Ada@Example.COM' }))
        .created().email,
      'ada@example.com',
    );
    given()
      .when(person({ email: 'ada(at)example.com' }))
      .thenFails({ code: 'VALIDATION', field: 'email', reason: 'INVALID_EMAIL' });
  });

  it('normalises phones and makes the first one primary', () => {
    const { phones } = given()
      .when(
        person({
          phones: [
            { type: 'MOBILE', countryCode: 'cyp', number: '+357 99-123456' },
            { type: 'LANDLINE', countryCode: 'CYP', number: '22 123456' },
          ],
        }),
      )
      .created();
    assert.deepEqual(phones, [
      { id: uuid(1), type: 'MOBILE', countryCode: 'CYP', number: '35799123456', isPrimary: true },
      { id: uuid(2), type: 'LANDLINE', countryCode: 'CYP', number: '22123456', isPrimary: false },
    ]);
  });

  it('rejects an invalid phone country at phones.1.countryCode', () => {
    given()
      .when(
        person({
          phones: [
            { type: 'MOBILE', countryCode: 'CYP', number: '99123456' },
            { type: 'MOBILE', countryCode: 'Cyprus', number: '99654321' },
          ],
        }),
      )
      .thenFails({ code: 'VALIDATION', field: 'phones.1.countryCode' });
  });

  it('makes the first address primary when none is flagged', () => {
    const { addresses } = given()
      .when(person({ addresses: [home('1 Main St'), home('2 Side St')] }))
      .created();
    assert.deepEqual(
      addresses.map((a) => [a.addressLine1, a.isPrimary]),
      [
        ['1 Main St', true],
        ['2 Side St', false],
      ],
    );
  });

  it('keeps the last address flagged primary or billing as the only one', () => {
    const { addresses } = given()
      .when(
        person({
          addresses: [
            home('1 Main St', { isPrimary: true }),
            home('2 Side St', { isPrimary: true, isBilling: true }),
            home('3 Back St', { isBilling: true }),
          ],
        }),
      )
      .created();
    assert.deepEqual(
      addresses.map((a) => [a.addressLine1, a.isPrimary, a.isBilling]),
      [
        ['1 Main St', false, false],
        ['2 Side St', true, false],
        ['3 Back St', false, true],
      ],
    );
  });

  it('rejects an address without its first line at addresses.N.addressLine1', () => {
    given()
      .when(person({ addresses: [home('1 Main St'), home('   ')] }))
      .thenFails({ code: 'VALIDATION', field: 'addresses.1.addressLine1', reason: 'REQUIRED' });
  });

  it('accepts 20 addresses and rejects 21', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => home(`${i + 1} Main St`));
    assert.equal(
      given()
        .when(person({ addresses: many(20) }))
        .created().addresses.length,
      20,
    );
    given()
      .when(person({ addresses: many(21) }))
      .thenFails({ code: 'VALIDATION', field: 'addresses', reason: 'TOO_MANY' });
  });

  it('deduplicates tags case-insensitively and rejects invalid ones at tags.N', () => {
    assert.deepEqual(
      given()
        .when(person({ tags: ['VIP', 'vip', 'Newsletter'] }))
        .created().tags,
      ['VIP', 'Newsletter'],
    );
    given()
      .when(person({ tags: ['ok', 'not ok!'] }))
      .thenFails({ code: 'VALIDATION', field: 'tags.1', reason: 'INVALID_TAG' });
  });

  it('rejects an impossible date of birth at demographics.dateOfBirth.day', () => {
    given()
      .when(person({ demographics: { dateOfBirth: { year: 1990, month: 2, day: 30 } } }))
      .thenFails({ code: 'VALIDATION', field: 'demographics.dateOfBirth.day', reason: 'INVALID_DATE' });
  });

  it('rejects control characters in a name', () => {
    given()
      .when(person({ firstName: 'Ada\u0007' }))
      .thenFails({ code: 'VALIDATION', field: 'firstName' });
  });

  it('rejects an over-long first name', () => {
    given()
      .when(person({ firstName: 'x'.repeat(101) }))
      .thenFails({ code: 'VALIDATION', field: 'firstName', reason: 'TOO_LONG' });
  });

  it('normalises country of agreement and language, and rejects bad ones', () => {
    const d = given()
      .when(person({ countryOfAgreement: 'grc', languageCode: 'el' }))
      .created();
    assert.deepEqual([d.countryOfAgreement, d.languageCode], ['GRC', 'EL']);
    given()
      .when(person({ countryOfAgreement: 'GR' }))
      .thenFails({ code: 'VALIDATION', field: 'countryOfAgreement', reason: 'INVALID_COUNTRY' });
    given()
      .when(person({ languageCode: '12' }))
      .thenFails({ code: 'VALIDATION', field: 'languageCode', reason: 'INVALID_LANGUAGE' });
  });

  it('emits a valid event for a fully filled-in company', () => {
    const d = given()
      .when({
        type: 'COMPANY',
        companyName: 'Acme Ltd',
        code: 'ACME',
        companyProfile: {
          registrationNumber: 'HE123',
          registrationCountry: 'cyp',
          industryId: '6f1c2a4b-8d3e-4f5a-9b6c-7d8e9f0a1b2c',
          subIndustryIds: [],
        },
        email: 'info@acme.example',
        phones: [{ type: 'LANDLINE', countryCode: 'CYP', number: '22 000000' }],
        languageCode: 'en',
        smsOptOut: true,
        emailOptOut: null,
        countryOfAgreement: 'CYP',
        customFields: [{ key: 'tier', value: 'gold' }],
        addresses: [home('1 Main St', { type: 'BUSINESS', isBilling: true, countryCode: 'cyp', lat: 35.1, lon: 33.3 })],
        tags: ['b2b'],
      })
      .created();
    assert.equal(d.smsOptOut, true);
    assert.equal(d.emailOptOut, false);
    assert.equal(d.addresses[0]?.isPrimary, true);
    assert.equal(d.addresses[0]?.isBilling, true);
  });
});
