import { describe, it } from 'node:test';
import { createdData, deciderKit, unregisteredEvent, T0, uuid } from './decider-test-kit';
import type { ChangeOf, ContactChange } from './contact';
import { type UpdateContact, updateContact } from './update-contact';

const P1 = uuid(101);
const created = (overrides: Partial<ChangeOf<'contact.created'>> = {}): ContactChange => ({
  type: 'contact.created',
  data: createdData({
    firstName: null,
    lastName: 'Lovelace',
    email: 'ada@example.com',
    phones: [{ id: P1, type: 'MOBILE', countryCode: 'CYP', number: '99123456', isPrimary: true }],
    demographics: {
      gender: 'FEMALE',
      dateOfBirth: { year: 1990, month: 12, day: 10 },
      nameDay: null,
      passport: null,
      idDetails: null,
      statutoryNumber: null,
    },
    languageCode: 'EN',
    countryOfAgreement: 'GBR',
    customFields: [{ key: 'tier', value: 'gold' }],
    ...overrides,
  }),
});
const unregistered = unregisteredEvent();
const { given } = deciderKit<UpdateContact>((state, cmd) => {
  let n = 0;
  return updateContact(state, cmd, { now: T0, newId: () => uuid(++n), idOrCode: 'C-1' });
});
const updated = (data: ChangeOf<'contact.updated'>): ContactChange[] => [{ type: 'contact.updated', data }];

describe('updateContact', () => {
  it('emits only the fields whose value changes', () => {
    given(created())
      .when({ lastName: 'Lovelace', firstName: 'Ada', email: 'ada@example.com' })
      .then(updated({ firstName: 'Ada' }));
  });

  it('emits nothing when every given value is already the current one (after normalisation)', () => {
    given(created())
      .when({
        lastName: ' Lovelace ',
        email: 'ADA@Example.com',
        languageCode: 'en',
        countryOfAgreement: 'gbr',
        phones: [{ type: 'MOBILE', countryCode: 'cyp', number: '99-123-456' }],
      })
      .then([]);
  });

  it('emits nothing for an empty command', () => {
    given(created()).when({}).then([]);
  });

  it('clears a field given as null', () => {
    given(created())
      .when({ email: null, demographics: null })
      .then(updated({ email: null, demographics: null }));
  });

  it('normalises what it emits (email lower-cased, country upper-cased)', () => {
    given(created())
      .when({ email: 'Ada@Lovelace.ORG', countryOfAgreement: 'cyp' })
      .then(updated({ email: 'ada@lovelace.org', countryOfAgreement: 'CYP' }));
  });

  it('refuses to leave a person without any name', () => {
    given(created()).when({ lastName: null }).thenFails({ code: 'VALIDATION', field: 'lastName', reason: 'REQUIRED' });
    given(created())
      .when({ lastName: null, firstName: 'Ada' })
      .then(updated({ lastName: null, firstName: 'Ada' }));
  });

  it('refuses to clear the name of a company', () => {
    given(created({ type: 'COMPANY', companyName: 'Acme', lastName: null }))
      .when({ companyName: '  ' })
      .thenFails({ code: 'VALIDATION', field: 'companyName', reason: 'REQUIRED' });
  });

  it('cannot change type or code (such keys are ignored)', () => {
    const sneaky = { type: 'COMPANY', code: 'OTHER', referralCode: 'HACK', middleName: 'King' } as UpdateContact;
    given(created())
      .when(sneaky)
      .then(updated({ middleName: 'King' }));
  });

  it('ignores null opt-out flags and emits real changes to them', () => {
    given(created()).when({ smsOptOut: null, emailOptOut: null }).then([]);
    given(created())
      .when({ smsOptOut: true, emailOptOut: false })
      .then(updated({ smsOptOut: true }));
  });

  it('keeps the id of a phone that stays and gives new phones new ids', () => {
    given(created())
      .when({
        phones: [
          { type: 'LANDLINE', countryCode: 'CYP', number: '22 000000', isPrimary: true },
          { type: 'MOBILE', countryCode: 'CYP', number: '+99123456' },
        ],
      })
      .then(
        updated({
          phones: [
            { id: uuid(1), type: 'LANDLINE', countryCode: 'CYP', number: '22000000', isPrimary: true },
            { id: P1, type: 'MOBILE', countryCode: 'CYP', number: '99123456', isPrimary: false },
          ],
        }),
      );
  });

  it('rejects an invalid phone at phones.N', () => {
    given(created())
      .when({
        phones: [
          { type: 'MOBILE', countryCode: 'CYP', number: '99123456' },
          { type: 'MOBILE', countryCode: 'XX', number: '99000000' },
        ],
      })
      .thenFails({ code: 'VALIDATION', field: 'phones.1.countryCode' });
  });

  it('rejects invalid values with their field path', () => {
    given(created()).when({ email: 'nope' }).thenFails({ code: 'VALIDATION', field: 'email', reason: 'INVALID_EMAIL' });
    given(created()).when({ languageCode: 'eng1' }).thenFails({ code: 'VALIDATION', field: 'languageCode' });
    given(created())
      .when({ demographics: { dateOfBirth: { year: 1990, month: 6, day: 31 } } })
      .thenFails({ code: 'VALIDATION', field: 'demographics.dateOfBirth.day' });
    given(created())
      .when({
        customFields: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
      })
      .thenFails({ code: 'VALIDATION', field: 'customFields.1.key', reason: 'DUPLICATE' });
  });

  it('replaces the whole custom field list', () => {
    given(created())
      .when({ customFields: [] })
      .then(updated({ customFields: [] }));
  });

  it('rejects a command on a missing contact as NOT_FOUND', () => {
    given().when({ firstName: 'Ada' }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });

  it('rejects a command on an unregistered contact as NOT_FOUND', () => {
    given(created(), unregistered).when({ firstName: 'Ada' }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });
});
