import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { camelToSnake, restFieldName, restMessage } from './field-names';

describe('camelToSnake', () => {
  it('splits words and digit runs', () => {
    assert.equal(camelToSnake('addressLine1'), 'address_line_1');
    assert.equal(camelToSnake('stateProvinceCounty'), 'state_province_county');
    assert.equal(camelToSnake('googlePlaceId'), 'google_place_id');
    assert.equal(camelToSnake('smsOptOut'), 'sms_opt_out');
    assert.equal(camelToSnake('id'), 'id');
  });
});

describe('restFieldName', () => {
  it('maps back-office contact fields, including renamed ones', () => {
    const bo = (f: string | null) => restFieldName(f, 'backoffice-contact');
    assert.equal(bo('phones.0.countryCode'), 'phones.0.country_code');
    assert.equal(bo('phones.1.type'), 'phones.1.phone_type');
    assert.equal(bo('email'), 'email_address');
    assert.equal(bo('type'), 'contact_type');
    assert.equal(bo('lastName'), 'last_name');
    assert.equal(bo('addresses.2.addressLine1'), 'addresses.2.address_line_1');
    assert.equal(bo('addresses.0.type'), 'addresses.0.address_type');
    assert.equal(bo('addresses.0.isBilling'), 'addresses.0.is_billing_address');
    assert.equal(bo('companyProfile.industryId'), 'company_profile.industry_id');
    assert.equal(bo('companyProfile.subIndustryIds'), 'company_profile.sub_industries');
    assert.equal(bo('demographics.dateOfBirth.year'), 'demographics.date_of_birth.year');
    assert.equal(bo('demographics.idDetails.issuingCountryCode'), 'demographics.id_details.issuing_country_code');
    assert.equal(bo('customFields.3.key'), 'custom_fields.3.key');
    assert.equal(bo('input.phones[0].number'), 'phones.0.number');
    assert.equal(bo('id'), 'id');
    assert.equal(bo(null), undefined);
  });

  it('maps self-service contact fields: one phone, `email`, `type`', () => {
    const ss = (f: string) => restFieldName(f, 'selfservice-contact');
    assert.equal(ss('phones.0.countryCode'), 'phone.country_code');
    assert.equal(ss('phones.0.number'), 'phone.number');
    assert.equal(ss('phones'), 'phone');
    assert.equal(ss('email'), 'email');
    assert.equal(ss('languageCode'), 'language_code');
  });

  it('maps address fields without the GraphQL wrapper', () => {
    const ad = (f: string) => restFieldName(f, 'address');
    assert.equal(ad('address.addressLine1'), 'address_line_1');
    assert.equal(ad('address.isBilling'), 'is_billing_address');
    assert.equal(ad('address.isPrimary'), 'is_primary');
    assert.equal(ad('input.countryCode'), 'country_code');
    assert.equal(ad('addressId'), 'address_id');
    assert.equal(ad('contactId'), 'id');
    assert.equal(ad('address'), undefined);
  });

  it('maps list arguments to query parameter names', () => {
    const li = (f: string) => restFieldName(f, 'list');
    assert.equal(li('filter.search'), 'search_value');
    assert.equal(li('filter.email'), 'email_address');
    assert.equal(li('filter.createdFrom'), 'created_on[gte]');
    assert.equal(li('filter.createdTo'), 'created_on[lte]');
    assert.equal(li('filter.tags'), 'tags');
    assert.equal(li('first'), 'size');
    assert.equal(li('offset'), 'page');
  });
});

describe('restMessage', () => {
  it('rewrites a message that starts with the GraphQL field', () => {
    assert.equal(
      restMessage('phones.0.countryCode: must be an ISO code', 'phones.0.countryCode', 'phones.0.country_code'),
      'phones.0.country_code: must be an ISO code',
    );
    assert.equal(restMessage('something else', 'email', 'email_address'), 'something else');
  });
});

describe('restFieldName for the user routes', () => {
  it('names the body fields and the path id', () => {
    assert.equal(restFieldName('input.username', 'auth'), 'username');
    assert.equal(restFieldName('password', 'auth'), 'password');
    assert.equal(restFieldName('organisationId', 'auth'), 'id');
    assert.equal(restFieldName('refreshToken', 'auth'), 'refresh_token');
    assert.equal(restFieldName(undefined, 'auth'), undefined);
  });
});
