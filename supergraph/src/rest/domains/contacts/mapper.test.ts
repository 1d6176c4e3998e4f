import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@crm/platform/errors';
import { backOfficeCreateBody, backOfficeUpdateBody, selfServiceUpdateBody, validateBody } from './bodies';
import {
  addressIn,
  backOfficeCreateIn,
  backOfficeUpdateIn,
  phonesWithPrimary,
  selfServiceUpdateIn,
  toBackOfficeContact,
  toSelfServiceContact,
} from './mapper';
import { sampleContact } from './fixtures';

describe('GraphQL contact → REST', () => {
  it('self-service: OpenAPI fields, primary phone, no nulls, epoch seconds', () => {
    const out = toSelfServiceContact(sampleContact());
    assert.deepEqual(out, {
      id: '0df9936c-7d5f-a878-4c05-9b942aa14295',
      code: '100000001908',
      type: 'PERSON',
      first_name: 'Ann',
      last_name: 'Lee',
      language_code: 'EN',
      email: 'ann@example.com',
      phone: { id: 'p2', type: 'MOBILE', country_code: 'CYP', number: '99123456' },
      demographics: { gender: 'FEMALE', date_of_birth: { year: 1990, month: 2, day: 3 }, statutory_number: 'S1' },
      referral_code: 'REF1',
      sms_opt_out: false,
      email_opt_out: true,
      custom_fields: [{ key: 'k', value: 'v' }],
      created_date: 1704164645,
      updated_date: 1704251045,
    });
    assert.ok(Object.values(out).every((v) => v !== null));
  });

  it('self-service: company profile as industry{id} and sub_industries[{id}]', () => {
    const out = toSelfServiceContact(
      sampleContact({
        companyProfile: {
          registrationNumber: 'R1',
          registrationCountry: 'CYP',
          taxReferenceNumber: null,
          vatRegistrationNumber: null,
          industryId: 'i1',
          subIndustryIds: ['s1'],
        },
        phones: [],
        demographics: null,
      }),
    );
    assert.deepEqual(out['company_profile'], {
      registration_number: 'R1',
      registration_country: 'CYP',
      industry: { id: 'i1' },
      sub_industries: [{ id: 's1' }],
    });
    assert.equal('phone' in out, false);
    assert.equal('demographics' in out, false);
  });

  it('back-office: adds contact_type, email_address, phones, addresses, tags', () => {
    const out = toBackOfficeContact(sampleContact());
    assert.equal(out['contact_type'], 'PERSON');
    assert.equal(out['email_address'], 'ann@example.com');
    assert.deepEqual(out['phones'], [
      { id: 'p1', phone_type: 'LANDLINE', country_code: 'CYP', number: '22123456', is_primary: false },
      { id: 'p2', phone_type: 'MOBILE', country_code: 'CYP', number: '99123456', is_primary: true },
    ]);
    assert.deepEqual(out['addresses'], [
      {
        id: 'a1',
        address_type: 'HOME',
        is_primary: true,
        is_billing_address: false,
        address_line_1: '1 Main St',
        town_city: 'Nicosia',
        country_code: 'CYP',
      },
    ]);
    assert.deepEqual(out['tags'], ['vip']);
  });
});

describe('REST body → GraphQL input', () => {
  it('create: spelling variants resolved, nulls dropped', () => {
    const input = backOfficeCreateIn(
      validateBody(backOfficeCreateBody, {
        type: 'COMPANY',
        company_name: 'Acme',
        email: 'x@acme.co',
        middle_name: null,
        phones: [{ type: 'FAX', country_code: 'GRC', number: '2101234567' }],
        addresses: [{ type: 'BUSINESS', address_line_1: '1 Road', is_billing_address: true }],
        company_profile: { industry: { id: '0df9936c-7d5f-a878-4c05-9b942aa14295' } },
      }),
    );
    assert.deepEqual(input, {
      type: 'COMPANY',
      companyName: 'Acme',
      email: 'x@acme.co',
      phones: [{ type: 'FAX', countryCode: 'GRC', number: '2101234567' }],
      addresses: [{ type: 'BUSINESS', addressLine1: '1 Road', isBilling: true }],
      companyProfile: { industryId: '0df9936c-7d5f-a878-4c05-9b942aa14295' },
    });
  });

  it('create: a missing type or both spellings is a 400 naming the field', () => {
    const fails = (body: unknown, field: string) =>
      assert.throws(
        () => backOfficeCreateIn(validateBody(backOfficeCreateBody, body)),
        (e: unknown) => e instanceof AppError && e.field === field,
      );
    fails({ first_name: 'A' }, 'contact_type');
    fails({ type: 'PERSON', contact_type: 'PERSON', first_name: 'A' }, 'type');
    fails({ type: 'PERSON', email: 'a@b.co', email_address: 'a@b.co' }, 'email');
    fails({ type: 'PERSON', phones: [{ country_code: 'CYP', number: '1' }] }, 'phones.0.phone_type');
    fails({ type: 'PERSON', phones: [{ type: 'MOBILE', phone_type: 'MOBILE', country_code: 'CYP', number: '1' }] }, 'phones.0.type');
    fails({ type: 'PERSON', addresses: [{ address_line_1: 'x' }] }, 'addresses.0.address_type');
    fails(
      {
        type: 'PERSON',
        company_profile: { industry_id: '0df9936c-7d5f-a878-4c05-9b942aa14295', industry: { id: '0df9936c-7d5f-a878-4c05-9b942aa14295' } },
      },
      'company_profile.industry',
    );
  });

  it('update: null clears, omitted stays, nested objects merge with the current value', () => {
    const current = sampleContact();
    const input = backOfficeUpdateIn(
      validateBody(backOfficeUpdateBody, { middle_name: null, demographics: { gender: 'MALE' }, email_address: 'n@x.co' }),
      current,
    );
    assert.deepEqual(input, {
      middleName: null,
      email: 'n@x.co',
      demographics: {
        gender: 'MALE',
        dateOfBirth: { year: 1990, month: 2, day: 3 },
        statutoryNumber: 'S1',
        nameDay: null,
        passport: null,
        idDetails: null,
      },
    });
    assert.deepEqual(backOfficeUpdateIn(validateBody(backOfficeUpdateBody, { demographics: null }), current), { demographics: null });
  });

  it('self-service phone replaces the primary phone and keeps the others', () => {
    const phones = sampleContact().phones;
    assert.deepEqual(phonesWithPrimary({ type: 'MOBILE', country_code: 'GRC', number: '6912345678' }, phones), [
      { type: 'MOBILE', countryCode: 'GRC', number: '6912345678', isPrimary: true },
      { type: 'LANDLINE', countryCode: 'CYP', number: '22123456', isPrimary: false },
    ]);
    // only the type: the number stays
    assert.deepEqual(phonesWithPrimary({ type: 'LANDLINE' }, phones)?.[0], {
      type: 'LANDLINE',
      countryCode: 'CYP',
      number: '99123456',
      isPrimary: true,
    });
    // promoting a kept phone does not duplicate it
    assert.deepEqual(phonesWithPrimary({ type: 'LANDLINE', country_code: 'CYP', number: '22 123 456' }, phones), [
      { type: 'LANDLINE', countryCode: 'CYP', number: '22 123 456', isPrimary: true },
    ]);
    assert.deepEqual(phonesWithPrimary(null, phones), [{ type: 'LANDLINE', countryCode: 'CYP', number: '22123456', isPrimary: false }]);
    assert.throws(
      () => phonesWithPrimary({ type: 'MOBILE' }, []),
      (e: unknown) => e instanceof AppError && e.field === 'phone.country_code',
    );
    assert.throws(
      () => phonesWithPrimary({ country_code: 'CYP', number: '1' }, []),
      (e: unknown) => e instanceof AppError && e.field === 'phone.type',
    );
  });

  it('self-service update input', () => {
    const input = selfServiceUpdateIn(validateBody(selfServiceUpdateBody, { email: null, sms_opt_out: true, custom_fields: [] }), null);
    assert.deepEqual(input, { email: null, smsOptOut: true, customFields: [] });
  });

  it('address input', () => {
    assert.deepEqual(addressIn({ type: 'HOME', address_line_1: 'x', lat: null, name: 'n' }), {
      type: 'HOME',
      addressLine1: 'x',
      lat: null,
      name: 'n',
    });
    assert.throws(
      () => addressIn({ address_line_1: 'x' }),
      (e: unknown) => e instanceof AppError && e.field === 'type',
    );
  });
});
