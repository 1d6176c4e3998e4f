import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Address } from '@crm/event-bus/contracts/contacts';
import { registry } from '@crm/event-bus/contracts';
import { type ContactChange, type ContactState, evolve } from './contact';
import { type AddContactAddress, addContactAddress } from './add-contact-address';
import type { AddressInput } from './validate';

const T0 = new Date('2024-05-01T10:00:00.000Z');
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const A1 = uuid(201);

function assertValidEvents(changes: ContactChange[]): void {
  changes.forEach((c, i) =>
    registry.validate({
      id: uuid(900 + i),
      type: c.type,
      schemaVersion: 1,
      tenantId: 't1',
      aggregateType: 'contact',
      aggregateId: uuid(999),
      aggregateVersion: 10 + i,
      occurredAt: T0.toISOString(),
      correlationId: 'corr-1',
      causationId: null,
      actor: { kind: 'user', id: 'u1' },
      data: c.data,
    }),
  );
}

const address = (id: string, extra: Partial<Address> = {}): Address => ({
  id,
  type: 'HOME',
  name: null,
  isPrimary: false,
  isBilling: false,
  addressLine1: '1 Main St',
  addressLine2: null,
  stateProvinceCounty: null,
  townCity: 'Nicosia',
  postalCode: '1010',
  countryCode: 'CYP',
  lat: null,
  lon: null,
  googlePlaceId: null,
  ...extra,
});

const created = (addresses: Address[]): ContactChange => ({
  type: 'contact.created',
  data: {
    firstName: 'Ada',
    middleName: null,
    lastName: null,
    companyName: null,
    companyProfile: null,
    email: null,
    phones: [],
    demographics: null,
    languageCode: null,
    smsOptOut: false,
    emailOptOut: false,
    countryOfAgreement: null,
    customFields: [],
    code: 'C-1',
    type: 'PERSON',
    referralCode: 'REF12345',
    addresses,
    tags: [],
  },
});
const unregistered: ContactChange = { type: 'contact.unregistered', data: { code: 'C-1' } };
const fold = (history: ContactChange[]) => history.reduce<ContactState | null>((s, e, i) => evolve(s, e, { version: i + 1, at: T0 }), null);
const NEW_ID = uuid(300);

function given(...history: ContactChange[]) {
  const state = fold(history);
  return {
    when(cmd: AddContactAddress) {
      const run = () => addContactAddress(state, cmd, { idOrCode: 'C-1', addressId: NEW_ID });
      return {
        then(expected: ContactChange[]) {
          const changes = run();
          assertValidEvents(changes);
          assert.deepEqual(changes, expected);
          return changes.reduce((s, e, i) => evolve(s, e, { version: 100 + i, at: T0 }), state!);
        },
        thenFails(error: { code: string; field?: string; reason?: string }) {
          assert.throws(run, error);
        },
      };
    },
  };
}
const input = (extra: Partial<AddressInput> = {}): AddressInput => ({ type: 'HOME', addressLine1: '1 Main St', townCity: 'Nicosia', postalCode: '1010', countryCode: 'CYP', ...extra });
const added = (a: Address): ContactChange[] => [{ type: 'contact.address_added', data: { address: a } }];

describe('addContactAddress', () => {
  it('makes the first address of a contact its primary one', () => {
    given(created([])).when({ address: input() }).then(added(address(NEW_ID, { isPrimary: true })));
  });

  it('adds a further address as non-primary unless flagged', () => {
    const after = given(created([address(A1, { isPrimary: true })])).when({ address: input({ addressLine1: '2 Side St' }) }).then(added(address(NEW_ID, { addressLine1: '2 Side St' })));
    assert.deepEqual(after.addresses.map((a) => [a.id, a.isPrimary]), [[A1, true], [NEW_ID, false]]);
  });

  it('a new primary address unflags the previous primary', () => {
    const after = given(created([address(A1, { isPrimary: true })])).when({ address: input({ isPrimary: true }) }).then(added(address(NEW_ID, { isPrimary: true })));
    assert.deepEqual(after.addresses.map((a) => [a.id, a.isPrimary]), [[A1, false], [NEW_ID, true]]);
  });

  it('a new billing address unflags the previous billing address', () => {
    const after = given(created([address(A1, { isPrimary: true, isBilling: true })])).when({ address: input({ isBilling: true }) }).then(added(address(NEW_ID, { isBilling: true })));
    assert.deepEqual(after.addresses.map((a) => [a.id, a.isPrimary, a.isBilling]), [[A1, true, false], [NEW_ID, false, true]]);
  });

  it('normalises the input (trimmed text, upper-case country, blanks to null)', () => {
    given(created([]))
      .when({ address: input({ addressLine1: '  1 Main St ', countryCode: 'cyp', name: ' ', addressLine2: 'Flat 2' }) })
      .then(added(address(NEW_ID, { isPrimary: true, addressLine2: 'Flat 2' })));
  });

  it('rejects invalid fields at address.<field>', () => {
    given(created([])).when({ address: input({ addressLine1: '' }) }).thenFails({ code: 'VALIDATION', field: 'address.addressLine1', reason: 'REQUIRED' });
    given(created([])).when({ address: input({ countryCode: 'Cyprus' }) }).thenFails({ code: 'VALIDATION', field: 'address.countryCode' });
    given(created([])).when({ address: input({ townCity: 'Nic\u0000osia' }) }).thenFails({ code: 'VALIDATION', field: 'address.townCity' });
  });

  it('rejects a 21st address', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => address(uuid(400 + i), { isPrimary: i === 0 }));
    given(created(twenty)).when({ address: input() }).thenFails({ code: 'VALIDATION', field: 'address', reason: 'TOO_MANY' });
    given(created(twenty.slice(1).map((a, i) => ({ ...a, isPrimary: i === 0 })))).when({ address: input() }).then(added(address(NEW_ID)));
  });

  it('rejects a command on a missing or unregistered contact as NOT_FOUND', () => {
    given().when({ address: input() }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
    given(created([]), unregistered).when({ address: input() }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });
});
