import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Address } from '@crm/event-bus/contracts/contacts';
import { address, createdEvent, deciderKit, unregisteredEvent, uuid } from './decider-test-kit';
import type { ContactChange } from './contact';
import { type RemoveContactAddress, removeContactAddress } from './remove-contact-address';

const A1 = uuid(201);
const A2 = uuid(202);
const A3 = uuid(203);
const created = (addresses: Address[]) => createdEvent({ addresses });
const unregistered = unregisteredEvent();
const { given } = deciderKit<RemoveContactAddress>((state, cmd) => removeContactAddress(state, cmd, { idOrCode: 'C-1' }));
const removed = (addressId: string): ContactChange[] => [{ type: 'contact.address_removed', data: { addressId } }];
const three = () => created([address(A1, { isPrimary: true }), address(A2), address(A3, { isBilling: true })]);

describe('removeContactAddress', () => {
  it('removes a non-primary address', () => {
    const after = given(three()).when({ addressId: A2 }).then(removed(A2));
    assert.deepEqual(
      after.addresses.map((a) => a.id),
      [A1, A3],
    );
  });

  it('removes the billing address (billing is optional)', () => {
    const after = given(three()).when({ addressId: A3 }).then(removed(A3));
    assert.ok(after.addresses.every((a) => !a.isBilling));
  });

  it('refuses to remove the primary address while others exist (CONFLICT)', () => {
    given(three()).when({ addressId: A1 }).thenFails({ code: 'CONFLICT', field: 'addressId', reason: 'PRIMARY_ADDRESS' });
  });

  it('removes the primary address when it is the only one', () => {
    const after = given(created([address(A1, { isPrimary: true })]))
      .when({ addressId: A1 })
      .then(removed(A1));
    assert.deepEqual(after.addresses, []);
  });

  it('allows removing the former primary once another address became primary', () => {
    given(three(), { type: 'contact.address_updated', data: { address: address(A2, { isPrimary: true }) } })
      .when({ addressId: A1 })
      .then(removed(A1));
  });

  it('reports an unknown or already removed address as NOT_FOUND', () => {
    given(three())
      .when({ addressId: uuid(999) })
      .thenFails({ code: 'NOT_FOUND', reason: 'ADDRESS_NOT_FOUND' });
    given(three(), { type: 'contact.address_removed', data: { addressId: A2 } })
      .when({ addressId: A2 })
      .thenFails({ code: 'NOT_FOUND', reason: 'ADDRESS_NOT_FOUND' });
  });

  it('rejects a command on a missing or unregistered contact as NOT_FOUND', () => {
    given().when({ addressId: A2 }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
    given(three(), unregistered).when({ addressId: A2 }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });
});
