import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Address } from '@crm/event-bus/contracts/contacts';
import { registry } from '@crm/event-bus/contracts';
import { type ContactChange, type ContactState, evolve } from './contact';
import { type RemoveContactAddress, removeContactAddress } from './remove-contact-address';

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
    when(cmd: RemoveContactAddress) {
      const run = () => removeContactAddress(state, cmd, { idOrCode: 'C-1' });
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
const removed = (addressId: string): ContactChange[] => [{ type: 'contact.address_removed', data: { addressId } }];
const three = () => created([address(A1, { isPrimary: true }), address(A2), address(A3, { isBilling: true })]);

describe('removeContactAddress', () => {
  it('removes a non-primary address', () => {
    const after = given(three()).when({ addressId: A2 }).then(removed(A2));
    assert.deepEqual(after.addresses.map((a) => a.id), [A1, A3]);
  });

  it('removes the billing address (billing is optional)', () => {
    const after = given(three()).when({ addressId: A3 }).then(removed(A3));
    assert.ok(after.addresses.every((a) => !a.isBilling));
  });

  it('refuses to remove the primary address while others exist (CONFLICT)', () => {
    given(three()).when({ addressId: A1 }).thenFails({ code: 'CONFLICT', field: 'addressId', reason: 'PRIMARY_ADDRESS' });
  });

  it('removes the primary address when it is the only one', () => {
    const after = given(created([address(A1, { isPrimary: true })])).when({ addressId: A1 }).then(removed(A1));
    assert.deepEqual(after.addresses, []);
  });

  it('allows removing the former primary once another address became primary', () => {
    given(three(), { type: 'contact.address_updated', data: { address: address(A2, { isPrimary: true }) } }).when({ addressId: A1 }).then(removed(A1));
  });

  it('reports an unknown or already removed address as NOT_FOUND', () => {
    given(three()).when({ addressId: uuid(999) }).thenFails({ code: 'NOT_FOUND', reason: 'ADDRESS_NOT_FOUND' });
    given(three(), { type: 'contact.address_removed', data: { addressId: A2 } }).when({ addressId: A2 }).thenFails({ code: 'NOT_FOUND', reason: 'ADDRESS_NOT_FOUND' });
  });

  it('rejects a command on a missing or unregistered contact as NOT_FOUND', () => {
    given().when({ addressId: A2 }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
    given(three(), unregistered).when({ addressId: A2 }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });
});
