import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adaptOpenApiSchema, loadSelfServiceResponseValidator } from './openapi-validator';
import { addressOut, toSelfServiceContact } from '../domains/contacts/mapper';
import { sampleContact } from '../domains/contacts/fixtures';
import { SELF_SERVICE_CONTRACT } from '../../contracts/paths';

const CONTACT = '/self-service/v2/contacts/{id}';

const validContact = {
  id: '0df9936c-7d5f-a878-4c05-9b942aa14295',
  code: '100000001908',
  type: 'PERSON',
  first_name: 'Ann',
  middle_name: 'Q',
  last_name: 'Lee',
  language_code: 'EN',
  email: 'ann@example.com',
  phone: { id: 'p1', type: 'MOBILE', country_code: 'CYP', number: '99123456' },
  demographics: {
    gender: 'FEMALE',
    date_of_birth: { year: 1990, month: 2, day: 3 },
    name_day: { month: 5, day: 21 },
    passport: { number: 'P1', issuing_country_code: 'GRC', expiration_date: 1900000000 },
    id_details: null,
  },
  referral_code: 'REF1',
  sms_opt_out: false,
  email_opt_out: true,
  country_of_agreement: 'CYP',
  custom_fields: [{ key: 'k', value: 'v' }],
  created_date: 1704164645,
};

describe('adaptOpenApiSchema', () => {
  it('drops prose patterns and turns nullable into anyOf null, leaving property names alone', () => {
    const out = adaptOpenApiSchema({
      type: 'object',
      properties: {
        pattern: { type: 'string', pattern: '^[a-z]+$' },
        country_code: { type: 'string', pattern: '3-letter ISO 3166-1 country code' },
        currency_code: { type: 'string', pattern: '3-letter ISO 4217 currency code.' },
        nullable: { type: 'string', nullable: true, example: 'x' },
      },
    });
    assert.deepEqual(out, {
      type: 'object',
      properties: {
        pattern: { type: 'string', pattern: '^[a-z]+$' },
        country_code: { type: 'string' },
        currency_code: { type: 'string' },
        nullable: { anyOf: [{ type: 'null' }, { type: 'string' }] },
      },
    });
  });
});

describe('Self-Service response validator', () => {
  const validate = loadSelfServiceResponseValidator(SELF_SERVICE_CONTRACT);

  it('accepts a valid contact (real country codes, nullable id_details, extra fields)', () => {
    assert.deepEqual(validate('GET', CONTACT, 200, validContact), []);
  });

  it('rejects null where the schema is not nullable, and wrong enums', () => {
    const errors = validate('GET', CONTACT, 200, { ...validContact, middle_name: null });
    assert.ok(errors.length > 0);
    assert.ok(
      errors.some((e) => e.includes('/middle_name')),
      errors.join('; '),
    );
    assert.ok(validate('GET', CONTACT, 200, { ...validContact, phone: { ...validContact.phone, country_code: 'XXX' } }).length > 0);
    assert.ok(validate('GET', CONTACT, 200, { ...validContact, demographics: { passport: { expiration_date: -1 } } }).length > 0);
  });

  it('accepts what the mapper produces', () => {
    assert.deepEqual(validate('GET', CONTACT, 200, toSelfServiceContact(sampleContact())), []);
    const list = { paging: { page: 1, size: 100, has_more: false }, content: sampleContact().addresses.map((a) => addressOut(a)) };
    assert.deepEqual(validate('GET', `${CONTACT}/addresses`, 200, list), []);
    assert.ok(validate('GET', `${CONTACT}/addresses`, 200, { ...list, paging: { ...list.paging, total: null } }).length > 0);
  });

  it('checks statuses and empty bodies', () => {
    assert.deepEqual(validate('DELETE', CONTACT, 200, undefined), []);
    assert.equal(validate('DELETE', CONTACT, 200, { id: 'x' }).length, 1);
    assert.equal(validate('DELETE', CONTACT, 204, undefined).length, 1);
    assert.deepEqual(validate('POST', `${CONTACT}/addresses`, 201, { id: 'CAD1E31269B76D7A65ACCE45B2E68DFD' }), []);
    assert.deepEqual(validate('PUT', CONTACT, 200, { id: 'x' }), []);
    assert.equal(validate('PATCH', CONTACT, 200, {}).length, 1);
  });
});
