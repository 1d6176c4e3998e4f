import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Address } from '@crm/event-bus/contracts/contacts';
import { registry } from '@crm/event-bus/contracts';
import { type ContactChange, type ContactState, evolve } from './contact';
import { type UpdateContactAddress, updateContactAddress } from './update-contact-address';
import type { AddressInput } from './validate';

const T0 = new Date('2024-05-01T10:00:00.000Z');
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const A1 = uuid(201);
const A2 = uuid(202);
const A3 = uuid(203);

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

function given(...history: ContactChange[]) {
  const state = fold(history);
  return {
    when(cmd: UpdateContactAddress) {
      const run = () => updateContactAddress(state, cmd, { idOrCode: 'C-1' });
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
const updated = (a: Address): ContactChange[] => [{ type: 'contact.address_updated', data: { address: a } }];
const two = () => created([address(A1, { isPrimary: true }), address(A2, { addressLine1: '2 Side St', isBilling: true })]);

describe('updateContactAddress', () => {
  it('replaces the address, keeping its id and position', () => {
    const after = given(two()).when({ addressId: A2, address: input({ addressLine1: '3 New St', isBilling: true }) }).then(updated(address(A2, { addressLine1: '3 New St', isBilling: true })));
    assert.deepEqual(after.addresses.map((a) => [a.id, a.addressLine1]), [[A1, '1 Main St'], [A2, '3 New St']]);
  });

  it('has PUT semantics: fields left out are cleared', () => {
    given(two()).when({ addressId: A1, address: { type: 'BUSINESS', addressLine1: '1 Main St', isPrimary: true } }).then(
      updated(address(A1, { type: 'BUSINESS', isPrimary: true, townCity: null, postalCode: null, countryCode: null })),
    );
  });

  it('emits nothing when the address does not change', () => {
    given(two()).when({ addressId: A1, address: input({ isPrimary: true, countryCode: 'cyp', addressLine1: ' 1 Main St ' }) }).then([]);
  });

  it('refuses to unflag the primary address', () => {
    given(two()).when({ addressId: A1, address: input({ isPrimary: false }) }).thenFails({ code: 'VALIDATION', field: 'address.isPrimary', reason: 'PRIMARY_REQUIRED' });
  });

  it('refuses to unflag the only (primary) address', () => {
    given(created([address(A1, { isPrimary: true })])).when({ addressId: A1, address: input() }).thenFails({ code: 'VALIDATION', field: 'address.isPrimary', reason: 'PRIMARY_REQUIRED' });
  });

  it('making another address primary unflags the previous primary', () => {
    const after = given(two()).when({ addressId: A2, address: input({ addressLine1: '2 Side St', isPrimary: true, isBilling: true }) }).then(
      updated(address(A2, { addressLine1: '2 Side St', isPrimary: true, isBilling: true })),
    );
    assert.deepEqual(after.addresses.map((a) => [a.id, a.isPrimary, a.isBilling]), [[A1, false, false], [A2, true, true]]);
  });

  it('making another address billing unflags the previous billing address', () => {
    const after = given(two()).when({ addressId: A1, address: input({ isPrimary: true, isBilling: true }) }).then(updated(address(A1, { isPrimary: true, isBilling: true })));
    assert.deepEqual(after.addresses.map((a) => a.isBilling), [true, false]);
  });

  it('rejects invalid fields at address.<field>', () => {
    given(two()).when({ addressId: A2, address: input({ postalCode: '9'.repeat(21) }) }).thenFails({ code: 'VALIDATION', field: 'address.postalCode', reason: 'TOO_LONG' });
    given(two()).when({ addressId: A2, address: input({ lat: 91 }) }).thenFails({ code: 'VALIDATION', field: 'address.lat' });
  });

  it('reports an unknown address as NOT_FOUND', () => {
    given(two()).when({ addressId: A3, address: input() }).thenFails({ code: 'NOT_FOUND', reason: 'ADDRESS_NOT_FOUND' });
  });

  it('rejects a command on a missing or unregistered contact as NOT_FOUND', () => {
    given().when({ addressId: A1, address: input() }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
    given(two(), unregistered).when({ addressId: A1, address: input({ isPrimary: true }) }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });
});
