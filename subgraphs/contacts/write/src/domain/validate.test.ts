import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addressSchema, companyProfileSchema, phoneSchema } from '@crm/event-bus/contracts/contacts';
import * as v from './validate';

const NOW = new Date('2024-05-01T10:00:00.000Z');
const idGen = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
};
const rejects = (fn: () => unknown, field: string, reason?: string) =>
  assert.throws(fn, reason === undefined ? { code: 'VALIDATION', field } : { code: 'VALIDATION', field, reason });

describe('validate.text', () => {
  it('trims, and treats a blank optional value as null', () => {
    assert.equal(v.text('firstName', '  Ada  ', 100), 'Ada');
    assert.equal(v.text('firstName', '   ', 100), null);
    assert.equal(v.text('firstName', undefined, 100), null);
  });

  it('rejects a blank or missing required value as REQUIRED', () => {
    rejects(() => v.text('addressLine1', '  ', 200, true), 'addressLine1', 'REQUIRED');
    rejects(() => v.text('addressLine1', null, 200, true), 'addressLine1', 'REQUIRED');
  });

  it('accepts exactly the maximum length and rejects one more as TOO_LONG', () => {
    assert.equal(v.text('lastName', 'x'.repeat(100), 100), 'x'.repeat(100));
    rejects(() => v.text('lastName', 'x'.repeat(101), 100), 'lastName', 'TOO_LONG');
  });

  it('rejects control characters (NUL, ESC, DEL)', () => {
    for (const bad of ['A\u0000da', 'A\u001Bda', 'Ada\u007F']) rejects(() => v.text('firstName', bad, 100), 'firstName');
  });
});

describe('validate.email', () => {
  it('lower-cases and trims a valid address', () => {
    assert.equal(v.email('email', '  Ada.Lovelace@Example.COM '), 'ada.lovelace@example.com');
  });

  it('rejects malformed addresses with INVALID_EMAIL', () => {
    for (const bad of ['ada', 'ada@', '@example.com', 'ada@example', 'ada lovelace@example.com']) {
      rejects(() => v.email('email', bad), 'email', 'INVALID_EMAIL');
    }
  });

  it('rejects a local part longer than 64 characters', () => {
    rejects(() => v.email('email', `${'a'.repeat(65)}@example.com`), 'email', 'INVALID_EMAIL');
    assert.equal(v.email('email', `${'a'.repeat(64)}@example.com`), `${'a'.repeat(64)}@example.com`);
  });
});

describe('validate.country / language / code', () => {
  it('upper-cases an alpha-3 country code', () => {
    assert.equal(v.country('countryOfAgreement', ' cyp '), 'CYP');
  });

  it('rejects alpha-2 and unknown country codes', () => {
    rejects(() => v.country('countryOfAgreement', 'CY'), 'countryOfAgreement', 'INVALID_COUNTRY');
    rejects(() => v.country('countryOfAgreement', 'XYZ'), 'countryOfAgreement', 'INVALID_COUNTRY');
  });

  it('requires a country when asked to', () => {
    rejects(() => v.country('phones.0.countryCode', '', true), 'phones.0.countryCode', 'REQUIRED');
  });

  it('upper-cases 2- and 3-letter language codes and rejects others', () => {
    assert.equal(v.language('languageCode', 'en'), 'EN');
    assert.equal(v.language('languageCode', 'ell'), 'ELL');
    rejects(() => v.language('languageCode', 'e1'), 'languageCode', 'INVALID_LANGUAGE');
    rejects(() => v.language('languageCode', 'e'), 'languageCode', 'INVALID_LANGUAGE');
    rejects(() => v.language('languageCode', 'english'), 'languageCode', 'TOO_LONG');
  });

  it('accepts letters, digits, dot, dash and underscore in a code', () => {
    assert.equal(v.code('code', ' ACME-01.x_y '), 'ACME-01.x_y');
    assert.equal(v.code('code', null), null);
  });

  it('rejects codes with spaces, a leading symbol or more than 64 characters', () => {
    rejects(() => v.code('code', 'acme 01'), 'code', 'INVALID_CODE');
    rejects(() => v.code('code', '-acme'), 'code', 'INVALID_CODE');
    rejects(() => v.code('code', 'a'.repeat(65)), 'code', 'TOO_LONG');
  });
});

describe('validate.phones', () => {
  const phone = (number: string, extra: Partial<v.PhoneInput> = {}): v.PhoneInput => ({ type: 'MOBILE', countryCode: 'CYP', number, ...extra });

  it('strips spaces, dashes, dots, brackets and a leading +', () => {
    const [p] = v.phones('phones', [phone('+357 (99) 12-34.56')], idGen());
    assert.equal(p?.number, '35799123456');
  });

  it('makes the first phone primary when none is flagged', () => {
    const out = v.phones('phones', [phone('99111111'), phone('99222222')], idGen());
    assert.deepEqual(
      out.map((p) => p.isPrimary),
      [true, false],
    );
  });

  it('keeps an explicitly flagged primary', () => {
    const out = v.phones('phones', [phone('99111111'), phone('99222222', { isPrimary: true })], idGen());
    assert.deepEqual(
      out.map((p) => p.isPrimary),
      [false, true],
    );
  });

  it('rejects two primary phones', () => {
    rejects(
      () => v.phones('phones', [phone('99111111', { isPrimary: true }), phone('99222222', { isPrimary: true })], idGen()),
      'phones',
      'MULTIPLE_PRIMARY',
    );
  });

  it('rejects non-digits and too few or too many digits at phones.N.number', () => {
    rejects(() => v.phones('phones', [phone('99111111'), phone('call me')], idGen()), 'phones.1.number', 'INVALID_PHONE');
    rejects(() => v.phones('phones', [phone('123')], idGen()), 'phones.0.number', 'INVALID_PHONE');
    rejects(() => v.phones('phones', [phone('1234567890123456')], idGen()), 'phones.0.number', 'INVALID_PHONE');
  });

  it('rejects an invalid country at phones.N.countryCode', () => {
    rejects(
      () => v.phones('phones', [phone('99111111'), phone('99222222', { countryCode: 'CY' })], idGen()),
      'phones.1.countryCode',
      'INVALID_COUNTRY',
    );
  });

  it('rejects the same number twice (after normalisation)', () => {
    rejects(() => v.phones('phones', [phone('99 111 111'), phone('99-111-111')], idGen()), 'phones.1.number', 'DUPLICATE');
  });

  it('accepts 20 phones and rejects 21', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => phone(`9900${String(i).padStart(4, '0')}`));
    assert.equal(v.phones('phones', many(20), idGen()).length, 20);
    rejects(() => v.phones('phones', many(21), idGen()), 'phones', 'TOO_MANY');
  });

  it('keeps the id of a phone that already exists (same country and number)', () => {
    const existing = {
      id: '00000000-0000-4000-8000-0000000000aa',
      type: 'MOBILE' as const,
      countryCode: 'CYP' as const,
      number: '99111111',
      isPrimary: true,
    };
    const out = v.phones('phones', [phone('99 111 111', { type: 'LANDLINE' }), phone('99222222')], idGen(), [existing]);
    assert.equal(out[0]?.id, existing.id);
    assert.equal(out[1]?.id, '00000000-0000-4000-8000-000000000001');
    for (const p of out) assert.ok(phoneSchema.safeParse(p).success);
  });
});

describe('validate.address', () => {
  const ID = '00000000-0000-4000-8000-000000000001';
  const input: v.AddressInput = { type: 'HOME', addressLine1: ' 1 Main St ', townCity: 'Nicosia', countryCode: 'cyp', lat: 35.17, lon: 33.36 };

  it('normalises text and country, defaults flags to false and absent fields to null', () => {
    const a = v.address('addresses.0', input, ID);
    assert.deepEqual(a, {
      id: ID,
      type: 'HOME',
      name: null,
      isPrimary: false,
      isBilling: false,
      addressLine1: '1 Main St',
      addressLine2: null,
      stateProvinceCounty: null,
      townCity: 'Nicosia',
      postalCode: null,
      countryCode: 'CYP',
      lat: 35.17,
      lon: 33.36,
      googlePlaceId: null,
    });
    assert.ok(addressSchema.safeParse(a).success);
  });

  it('requires addressLine1 at its dotted path', () => {
    rejects(() => v.address('addresses.0', { ...input, addressLine1: '  ' }, ID), 'addresses.0.addressLine1', 'REQUIRED');
  });

  it('rejects an over-long postal code and a bad country at their paths', () => {
    rejects(() => v.address('addresses.2', { ...input, postalCode: '1'.repeat(21) }, ID), 'addresses.2.postalCode', 'TOO_LONG');
    rejects(() => v.address('addresses.2', { ...input, countryCode: 'XX' }, ID), 'addresses.2.countryCode', 'INVALID_COUNTRY');
  });

  it('accepts coordinates on the limits and rejects beyond them or non-finite ones', () => {
    assert.equal(v.address('a', { ...input, lat: -90, lon: 180 }, ID).lon, 180);
    rejects(() => v.address('address', { ...input, lat: 90.01 }, ID), 'address.lat');
    rejects(() => v.address('address', { ...input, lon: -180.5 }, ID), 'address.lon');
    rejects(() => v.address('address', { ...input, lat: Number.NaN }, ID), 'address.lat');
  });
});

describe('validate.tags', () => {
  it('trims and removes case-insensitive duplicates, keeping the first spelling', () => {
    assert.deepEqual(v.tags('tags', [' VIP ', 'vip', 'Gold', 'GOLD', 'region/eu']), ['VIP', 'Gold', 'region/eu']);
  });

  it('rejects a tag starting with a symbol or containing other symbols', () => {
    rejects(() => v.tags('tags', ['ok', '#vip']), 'tags.1', 'INVALID_TAG');
    rejects(() => v.tags('tags', ['a*b']), 'tags.0', 'INVALID_TAG');
  });

  it('rejects an empty or over-long (51 chars) tag', () => {
    rejects(() => v.tags('tags', ['ok', ' ']), 'tags.1', 'REQUIRED');
    assert.deepEqual(v.tags('tags', ['x'.repeat(50)]), ['x'.repeat(50)]);
    rejects(() => v.tags('tags', ['x'.repeat(51)]), 'tags.0', 'TOO_LONG');
  });

  it('accepts 50 tags and rejects 51', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
    assert.equal(v.tags('tags', many(50)).length, 50);
    rejects(() => v.tags('tags', many(51)), 'tags', 'TOO_MANY');
  });
});

describe('validate.customFields', () => {
  it('trims keys and turns a missing value into an empty string', () => {
    assert.deepEqual(v.customFields('customFields', [{ key: ' tier ', value: null as unknown as string }]), [{ key: 'tier', value: '' }]);
  });

  it('rejects a key listed twice and a blank key', () => {
    rejects(
      () =>
        v.customFields('customFields', [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ]),
      'customFields.1.key',
      'DUPLICATE',
    );
    rejects(() => v.customFields('customFields', [{ key: ' ', value: '1' }]), 'customFields.0.key', 'REQUIRED');
  });

  it('rejects a value over 2000 characters', () => {
    rejects(() => v.customFields('customFields', [{ key: 'note', value: 'x'.repeat(2001) }]), 'customFields.0.value', 'TOO_LONG');
  });

  it('accepts 100 custom fields and rejects 101', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    assert.equal(v.customFields('customFields', many(100)).length, 100);
    rejects(() => v.customFields('customFields', many(101)), 'customFields', 'TOO_MANY');
  });
});

describe('validate.demographics', () => {
  const dob = (year: number, month: number, day: number) => v.demographics('demographics', { dateOfBirth: { year, month, day } }, NOW);

  it('keeps a valid date of birth and fills absent parts with null', () => {
    assert.deepEqual(dob(1990, 2, 28), {
      gender: null,
      dateOfBirth: { year: 1990, month: 2, day: 28 },
      nameDay: null,
      passport: null,
      idDetails: null,
      statutoryNumber: null,
    });
  });

  it('accepts 29 February in a leap year', () => {
    assert.deepEqual(dob(2000, 2, 29).dateOfBirth, { year: 2000, month: 2, day: 29 });
  });

  it('rejects a day the month does not have at dateOfBirth.day', () => {
    assert.throws(() => dob(1990, 4, 31), { code: 'VALIDATION', field: 'demographics.dateOfBirth.day', reason: 'INVALID_DATE' });
    assert.throws(() => dob(1990, 1, 0), { field: 'demographics.dateOfBirth.day' });
  });

  it('rejects 29 February in a non-leap year', () => {
    assert.throws(() => dob(2023, 2, 29), { code: 'VALIDATION', reason: 'INVALID_DATE' });
  });

  it('rejects a month outside 1..12 at dateOfBirth.month', () => {
    assert.throws(() => dob(1990, 13, 1), { field: 'demographics.dateOfBirth.month', reason: 'INVALID_DATE' });
  });

  it('rejects years before 1900 or after the current one at dateOfBirth.year', () => {
    assert.throws(() => dob(1899, 12, 31), { field: 'demographics.dateOfBirth.year' });
    assert.throws(() => dob(2025, 1, 1), { field: 'demographics.dateOfBirth.year' });
  });

  it('rejects a date later this year (in the future)', () => {
    assert.throws(() => dob(2024, 5, 2), { code: 'VALIDATION', field: 'demographics.dateOfBirth', reason: 'INVALID_DATE' });
    assert.deepEqual(dob(2024, 5, 1).dateOfBirth, { year: 2024, month: 5, day: 1 });
  });

  it('validates the name day (29 February allowed, day 0 not)', () => {
    assert.deepEqual(v.demographics('demographics', { nameDay: { month: 2, day: 29 } }, NOW).nameDay, { month: 2, day: 29 });
    assert.throws(() => v.demographics('demographics', { nameDay: { month: 6, day: 0 } }, NOW), { field: 'demographics.nameDay.day' });
  });

  it('validates identity documents at their paths', () => {
    const passport = { number: 'K123', issuingCountryCode: 'grc', expirationDate: 1_900_000_000 };
    assert.deepEqual(v.demographics('demographics', { passport }, NOW).passport, { ...passport, issuingCountryCode: 'GRC' });
    assert.throws(() => v.demographics('demographics', { passport: { ...passport, expirationDate: -1 } }, NOW), {
      field: 'demographics.passport.expirationDate',
    });
    assert.throws(() => v.demographics('demographics', { idDetails: { ...passport, issuingCountryCode: 'GR' } }, NOW), {
      field: 'demographics.idDetails.issuingCountryCode',
    });
  });
});

describe('validate.companyProfile', () => {
  const IND = '6F1C2A4B-8D3E-4F5A-9B6C-7D8E9F0A1B2C';

  it('lower-cases industry UUIDs and normalises the registration country', () => {
    const c = v.companyProfile('companyProfile', { industryId: IND, subIndustryIds: [IND], registrationCountry: 'cyp' });
    assert.equal(c.industryId, IND.toLowerCase());
    assert.deepEqual(c.subIndustryIds, [IND.toLowerCase()]);
    assert.equal(c.registrationCountry, 'CYP');
    assert.ok(companyProfileSchema.safeParse(c).success);
  });

  it('rejects a non-UUID industry at companyProfile.industryId', () => {
    assert.throws(() => v.companyProfile('companyProfile', { industryId: 'retail' }), {
      code: 'VALIDATION',
      field: 'companyProfile.industryId',
      reason: 'INVALID_ID',
    });
  });

  it('rejects a non-UUID sub-industry at its index', () => {
    assert.throws(() => v.companyProfile('companyProfile', { subIndustryIds: [IND, 'nope'] }), {
      field: 'companyProfile.subIndustryIds.1',
      reason: 'INVALID_ID',
    });
  });

  it('rejects UUID-shaped ids the event contract would refuse (bad version/variant)', () => {
    assert.throws(() => v.companyProfile('companyProfile', { industryId: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa' }), {
      field: 'companyProfile.industryId',
      reason: 'INVALID_ID',
    });
  });

  it('rejects more than 50 sub-industries', () => {
    assert.throws(() => v.companyProfile('companyProfile', { subIndustryIds: Array.from({ length: 51 }, () => IND) }), {
      field: 'companyProfile.subIndustryIds',
      reason: 'TOO_MANY',
    });
  });
});
