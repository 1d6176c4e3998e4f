import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Address } from '@crm/event-bus/contracts/contacts';
import { addressInput as input, address, createdEvent, deciderKit, unregisteredEvent, uuid } from './decider-test-kit';
import type { ContactChange } from './contact';
import { type AddContactAddress, addContactAddress } from './add-contact-address';

const A1 = uuid(201);
const NEW_ID = uuid(300);
const created = (addresses: Address[]) => createdEvent({ addresses });
const unregistered = unregisteredEvent();
const { given } = deciderKit<AddContactAddress>((state, cmd) => addContactAddress(state, cmd, { idOrCode: 'C-1', addressId: NEW_ID }));
const added = (a: Address): ContactChange[] => [{ type: 'contact.address_added', data: { address: a } }];

describe('addContactAddress', () => {
  it('makes the first address of a contact its primary one', () => {
    given(created([]))
      .when({ address: input() })
      .then(added(address(NEW_ID, { isPrimary: true })));
  });

  it('adds a further address as non-primary unless flagged', () => {
    const after = given(created([address(A1, { isPrimary: true })]))
      .when({ address: input({ addressLine1: '2 Side St' }) })
      .then(added(address(NEW_ID, { addressLine1: '2 Side St' })));
    assert.deepEqual(
      after.addresses.map((a) => [a.id, a.isPrimary]),
      [
        [A1, true],
        [NEW_ID, false],
      ],
    );
  });

  it('a new primary address unflags the previous primary', () => {
    const after = given(created([address(A1, { isPrimary: true })]))
      .when({ address: input({ isPrimary: true }) })
      .then(added(address(NEW_ID, { isPrimary: true })));
    assert.deepEqual(
      after.addresses.map((a) => [a.id, a.isPrimary]),
      [
        [A1, false],
        [NEW_ID, true],
      ],
    );
  });

  it('a new billing address unflags the previous billing address', () => {
    const after = given(created([address(A1, { isPrimary: true, isBilling: true })]))
      .when({ address: input({ isBilling: true }) })
      .then(added(address(NEW_ID, { isBilling: true })));
    assert.deepEqual(
      after.addresses.map((a) => [a.id, a.isPrimary, a.isBilling]),
      [
        [A1, true, false],
        [NEW_ID, false, true],
      ],
    );
  });

  it('normalises the input (trimmed text, upper-case country, blanks to null)', () => {
    given(created([]))
      .when({ address: input({ addressLine1: '  1 Main St ', countryCode: 'cyp', name: ' ', addressLine2: 'Flat 2' }) })
      .then(added(address(NEW_ID, { isPrimary: true, addressLine2: 'Flat 2' })));
  });

  it('rejects invalid fields at address.<field>', () => {
    given(created([]))
      .when({ address: input({ addressLine1: '' }) })
      .thenFails({ code: 'VALIDATION', field: 'address.addressLine1', reason: 'REQUIRED' });
    given(created([]))
      .when({ address: input({ countryCode: 'Cyprus' }) })
      .thenFails({ code: 'VALIDATION', field: 'address.countryCode' });
    given(created([]))
      .when({ address: input({ townCity: 'Nic\u0000osia' }) })
      .thenFails({ code: 'VALIDATION', field: 'address.townCity' });
  });

  it('rejects a 21st address', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => address(uuid(400 + i), { isPrimary: i === 0 }));
    given(created(twenty)).when({ address: input() }).thenFails({ code: 'VALIDATION', field: 'address', reason: 'TOO_MANY' });
    given(created(twenty.slice(1).map((a, i) => ({ ...a, isPrimary: i === 0 }))))
      .when({ address: input() })
      .then(added(address(NEW_ID)));
  });

  it('rejects a command on a missing or unregistered contact as NOT_FOUND', () => {
    given().when({ address: input() }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
    given(created([]), unregistered).when({ address: input() }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });
});
