import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Address } from '@crm/event-bus/contracts/contacts';
import { addressInput as input, address, createdEvent, deciderKit, unregisteredEvent, uuid } from './decider-test-kit';
import type { ContactChange } from './contact';
import { type UpdateContactAddress, updateContactAddress } from './update-contact-address';

const A1 = uuid(201);
const A2 = uuid(202);
const A3 = uuid(203);
const created = (addresses: Address[]) => createdEvent({ addresses });
const unregistered = unregisteredEvent();
const { given } = deciderKit<UpdateContactAddress>((state, cmd) => updateContactAddress(state, cmd, { idOrCode: 'C-1' }));
const updated = (a: Address): ContactChange[] => [{ type: 'contact.address_updated', data: { address: a } }];
const two = () => created([address(A1, { isPrimary: true }), address(A2, { addressLine1: '2 Side St', isBilling: true })]);

describe('updateContactAddress', () => {
  it('replaces the address, keeping its id and position', () => {
    const after = given(two())
      .when({ addressId: A2, address: input({ addressLine1: '3 New St', isBilling: true }) })
      .then(updated(address(A2, { addressLine1: '3 New St', isBilling: true })));
    assert.deepEqual(
      after.addresses.map((a) => [a.id, a.addressLine1]),
      [
        [A1, '1 Main St'],
        [A2, '3 New St'],
      ],
    );
  });

  it('has PUT semantics: fields left out are cleared', () => {
    given(two())
      .when({ addressId: A1, address: { type: 'BUSINESS', addressLine1: '1 Main St', isPrimary: true } })
      .then(updated(address(A1, { type: 'BUSINESS', isPrimary: true, townCity: null, postalCode: null, countryCode: null })));
  });

  it('emits nothing when the address does not change', () => {
    given(two())
      .when({ addressId: A1, address: input({ isPrimary: true, countryCode: 'cyp', addressLine1: ' 1 Main St ' }) })
      .then([]);
  });

  it('refuses to unflag the primary address', () => {
    given(two())
      .when({ addressId: A1, address: input({ isPrimary: false }) })
      .thenFails({ code: 'VALIDATION', field: 'address.isPrimary', reason: 'PRIMARY_REQUIRED' });
  });

  it('refuses to unflag the only (primary) address', () => {
    given(created([address(A1, { isPrimary: true })]))
      .when({ addressId: A1, address: input() })
      .thenFails({ code: 'VALIDATION', field: 'address.isPrimary', reason: 'PRIMARY_REQUIRED' });
  });

  it('making another address primary unflags the previous primary', () => {
    const after = given(two())
      .when({ addressId: A2, address: input({ addressLine1: '2 Side St', isPrimary: true, isBilling: true }) })
      .then(updated(address(A2, { addressLine1: '2 Side St', isPrimary: true, isBilling: true })));
    assert.deepEqual(
      after.addresses.map((a) => [a.id, a.isPrimary, a.isBilling]),
      [
        [A1, false, false],
        [A2, true, true],
      ],
    );
  });

  it('making another address billing unflags the previous billing address', () => {
    const after = given(two())
      .when({ addressId: A1, address: input({ isPrimary: true, isBilling: true }) })
      .then(updated(address(A1, { isPrimary: true, isBilling: true })));
    assert.deepEqual(
      after.addresses.map((a) => a.isBilling),
      [true, false],
    );
  });

  it('rejects invalid fields at address.<field>', () => {
    given(two())
      .when({ addressId: A2, address: input({ postalCode: '9'.repeat(21) }) })
      .thenFails({ code: 'VALIDATION', field: 'address.postalCode', reason: 'TOO_LONG' });
    given(two())
      .when({ addressId: A2, address: input({ lat: 91 }) })
      .thenFails({ code: 'VALIDATION', field: 'address.lat' });
  });

  it('reports an unknown address as NOT_FOUND', () => {
    given(two()).when({ addressId: A3, address: input() }).thenFails({ code: 'NOT_FOUND', reason: 'ADDRESS_NOT_FOUND' });
  });

  it('rejects a command on a missing or unregistered contact as NOT_FOUND', () => {
    given().when({ addressId: A1, address: input() }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
    given(two(), unregistered)
      .when({ addressId: A1, address: input({ isPrimary: true }) })
      .thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });
});
