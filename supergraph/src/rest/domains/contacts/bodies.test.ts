import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@crm/platform/errors';
import { addressBody, backOfficeCreateBody, backOfficeUpdateBody, selfServiceUpdateBody, tagsBody, validateBody } from './bodies';

function rejects(schema: Parameters<typeof validateBody>[0], body: unknown, field: string, message?: RegExp) {
  assert.throws(
    () => validateBody(schema, body),
    (err: unknown) => {
      assert.ok(err instanceof AppError, String(err));
      assert.equal(err.code, 'VALIDATION');
      assert.equal(err.field, field, `${JSON.stringify(body)} → ${err.message}`);
      assert.ok(err.message.startsWith(`${field}: `), err.message);
      if (message) assert.match(err.message, message);
      return true;
    },
  );
}

const person = { contact_type: 'PERSON', first_name: 'Ann' };

describe('back-office create body', () => {
  it('accepts the NOTES §3.2 fields and normalises enums and countries', () => {
    const body = validateBody(backOfficeCreateBody, {
      ...person,
      contact_type: 'person',
      email: 'a@b.co',
      phones: [{ phone_type: 'mobile', country_code: 'cyp', number: '99123456', is_primary: true }],
      addresses: [{ address_type: 'HOME', address_line_1: '1 Main', country_code: 'CYP', lat: 35.1, lon: 33.3, is_billing_address: true }],
      custom_fields: [{ key: 'k', value: 'v' }],
      tags: ['vip'],
      demographics: {
        gender: 'female',
        date_of_birth: { year: 1990, month: 2, day: 3 },
        passport: { number: 'P1', issuing_country_code: 'GRC', expiration_date: 1900000000 },
      },
      company_profile: { industry_id: 'CAD1E31269B76D7A65ACCE45B2E68DFD', sub_industries: [{ id: '0df9936c-7d5f-a878-4c05-9b942aa14295' }] },
      country_of_agreement: 'cyp',
      sms_opt_out: true,
    });
    assert.equal(body.contact_type, 'PERSON');
    assert.equal(body.phones?.[0]?.phone_type, 'MOBILE');
    assert.equal(body.phones?.[0]?.country_code, 'CYP');
    assert.equal(body.demographics?.gender, 'FEMALE');
    assert.equal(body.company_profile?.industry_id, 'cad1e312-69b7-6d7a-65ac-ce45b2e68dfd');
    assert.equal(body.country_of_agreement, 'CYP');
  });

  it('rejects unknown fields at any depth, naming them', () => {
    rejects(backOfficeCreateBody, { ...person, nickname: 'x' }, 'nickname', /not a known field/);
    rejects(
      backOfficeCreateBody,
      { ...person, phones: [{ phone_type: 'MOBILE', country_code: 'CYP', number: '1', extension: '2' }] },
      'phones.0.extension',
    );
    rejects(backOfficeCreateBody, { ...person, addresses: [{ address_type: 'HOME', address_line_1: 'x', care_of: '' }] }, 'addresses.0.care_of');
    rejects(backOfficeCreateBody, { ...person, demographics: { shoe_size: 44 } }, 'demographics.shoe_size');
    rejects(
      backOfficeCreateBody,
      { ...person, company_profile: { industry: { id: '0df9936c-7d5f-a878-4c05-9b942aa14295', x: 1 } } },
      'company_profile.industry.x',
    );
  });

  it('rejects wrong JSON types and bad values, naming the field', () => {
    rejects(backOfficeCreateBody, { ...person, first_name: 5 }, 'first_name', /expected string/);
    rejects(backOfficeCreateBody, { ...person, sms_opt_out: 'yes' }, 'sms_opt_out');
    rejects(backOfficeCreateBody, { ...person, tags: 'vip' }, 'tags');
    rejects(backOfficeCreateBody, { ...person, tags: [1] }, 'tags.0');
    rejects(backOfficeCreateBody, { ...person, contact_type: 'ROBOT' }, 'contact_type', /PERSON, COMPANY/);
    rejects(
      backOfficeCreateBody,
      { ...person, phones: [{ phone_type: 'MOBILE', country_code: 'XXX', number: '1' }] },
      'phones.0.country_code',
      /ISO 3166/,
    );
    rejects(backOfficeCreateBody, { ...person, phones: [{ phone_type: 'MOBILE', number: '1' }] }, 'phones.0.country_code', /is required/);
    rejects(backOfficeCreateBody, { ...person, addresses: [{ address_type: 'HOME' }] }, 'addresses.0.address_line_1', /is required/);
    rejects(backOfficeCreateBody, { ...person, addresses: [{ address_type: 'HOME', address_line_1: 'x', lat: '35' }] }, 'addresses.0.lat');
    rejects(
      backOfficeCreateBody,
      { ...person, demographics: { date_of_birth: { year: 1990, month: 13, day: 1 } } },
      'demographics.date_of_birth.month',
    );
    rejects(
      backOfficeCreateBody,
      { ...person, demographics: { passport: { number: 'x', issuing_country_code: 'CYP', expiration_date: 1.5 } } },
      'demographics.passport.expiration_date',
    );
    rejects(backOfficeCreateBody, { ...person, company_profile: { industry_id: 'not-a-guid' } }, 'company_profile.industry_id', /GUID/);
    rejects(backOfficeCreateBody, { ...person, custom_fields: [{ key: 'k' }] }, 'custom_fields.0.value');
  });

  it('takes null as "not given"', () => {
    const body = validateBody(backOfficeCreateBody, { ...person, middle_name: null, phones: null, demographics: null });
    assert.equal(body.middle_name, null);
  });
});

describe('update bodies', () => {
  it('back-office update refuses immutable and separately-managed fields', () => {
    rejects(backOfficeUpdateBody, { contact_type: 'COMPANY' }, 'contact_type');
    rejects(backOfficeUpdateBody, { code: 'X' }, 'code');
    rejects(backOfficeUpdateBody, { tags: ['a'] }, 'tags');
    rejects(backOfficeUpdateBody, { addresses: [] }, 'addresses');
    assert.deepEqual(validateBody(backOfficeUpdateBody, {}), {});
  });

  it('self-service update follows updateContactSS', () => {
    const body = validateBody(selfServiceUpdateBody, {
      first_name: null,
      phone: { type: 'MOBILE', country_code: 'CYP', number: '99' },
      email: 'a@b.co',
    });
    assert.equal(body.first_name, null);
    rejects(selfServiceUpdateBody, { phones: [] }, 'phones');
    rejects(selfServiceUpdateBody, { phone: { type: 'PAGER' } }, 'phone.type');
    rejects(selfServiceUpdateBody, { code: 'X' }, 'code');
    rejects(selfServiceUpdateBody, { country_of_agreement: 'CYP' }, 'country_of_agreement');
    rejects(selfServiceUpdateBody, { referral_code: 'X' }, 'referral_code');
    rejects(selfServiceUpdateBody, { demographics: { gender: 'X' } }, 'demographics.gender');
  });
});

describe('address and tags bodies', () => {
  it('address body: both type spellings, required address_line_1', () => {
    assert.equal(validateBody(addressBody, { type: 'home', address_line_1: 'x' }).type, 'HOME');
    assert.equal(validateBody(addressBody, { address_type: 'BUSINESS', address_line_1: 'x' }).address_type, 'BUSINESS');
    rejects(addressBody, { type: 'HOME' }, 'address_line_1');
    rejects(addressBody, { type: 'CASTLE', address_line_1: 'x' }, 'type');
    rejects(addressBody, { type: 'HOME', address_line_1: 'x', id: 'y' }, 'id');
  });

  it('tags body', () => {
    assert.deepEqual(validateBody(tagsBody, { tags: ['a', 'b'] }), { tags: ['a', 'b'] });
    rejects(tagsBody, {}, 'tags', /is required/);
    rejects(tagsBody, { tags: [null] }, 'tags.0');
    rejects(tagsBody, { tags: [], other: 1 }, 'other');
  });
});
