import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Address } from '@crm/event-bus/contracts/contacts';
import { address as anAddress, createdData as baseCreatedData, fold, T0 } from './decider-test-kit';
import { type ChangeOf, type ContactChange, type ContactState, evolve, requireActive } from './contact';

const T1 = new Date('2024-05-02T10:00:00.000Z');
const A1 = '00000000-0000-4000-8000-0000000000a1';
const A2 = '00000000-0000-4000-8000-0000000000a2';

const address = (id: string, flags: Partial<Address> = {}): Address => anAddress(id, { addressLine1: `${id.slice(-2)} Main St`, ...flags });

const createdData = (overrides: Partial<ChangeOf<'contact.created'>> = {}): ChangeOf<'contact.created'> =>
  baseCreatedData({
    lastName: 'Lovelace',
    email: 'ada@example.com',
    languageCode: 'EN',
    countryOfAgreement: 'GBR',
    addresses: [address(A1, { isPrimary: true })],
    tags: ['vip'],
    ...overrides,
  });

const created: ContactChange = { type: 'contact.created', data: createdData() };

/** Folds the history with versions 1..n, all at T0. */
const given = (...events: ContactChange[]): ContactState | null => fold(events);
const active = (...events: ContactChange[]): ContactState => {
  const s = given(...events);
  assert.ok(s);
  return s;
};

describe('evolve', () => {
  it('contact.created starts an ACTIVE contact with the full initial state', () => {
    const s = active(created);
    const { code, type, referralCode, addresses, tags, ...profile } = createdData();
    assert.deepEqual(s, {
      id: '',
      ...profile,
      code,
      type,
      referralCode,
      addresses,
      tags,
      status: 'ACTIVE',
      version: 1,
      createdAt: T0,
      updatedAt: T0,
    });
  });

  it('refuses any other event for a contact that does not exist', () => {
    assert.throws(() => evolve(null, { type: 'contact.tags_set', data: { tags: [] } }, { version: 1, at: T0 }), /missing contact/);
  });

  it('contact.updated changes only the fields it carries and bumps version and updatedAt', () => {
    const before = active(created);
    const after = evolve(before, { type: 'contact.updated', data: { email: 'ada@lovelace.org', middleName: 'King' } }, { version: 2, at: T1 });
    assert.deepEqual(after, { ...before, email: 'ada@lovelace.org', middleName: 'King', version: 2, updatedAt: T1 });
    assert.equal(after.createdAt, T0);
  });

  it('contact.tags_set replaces the tags', () => {
    assert.deepEqual(active(created, { type: 'contact.tags_set', data: { tags: ['gold', 'eu'] } }).tags, ['gold', 'eu']);
  });

  it('contact.address_added appends the address', () => {
    const s = active(created, { type: 'contact.address_added', data: { address: address(A2) } });
    assert.deepEqual(
      s.addresses.map((a) => [a.id, a.isPrimary]),
      [
        [A1, true],
        [A2, false],
      ],
    );
  });

  it('a newly added primary and billing address unflags the previous ones', () => {
    const s = active(
      { type: 'contact.created', data: createdData({ addresses: [address(A1, { isPrimary: true, isBilling: true })] }) },
      { type: 'contact.address_added', data: { address: address(A2, { isPrimary: true, isBilling: true }) } },
    );
    assert.deepEqual(
      s.addresses.map((a) => [a.id, a.isPrimary, a.isBilling]),
      [
        [A1, false, false],
        [A2, true, true],
      ],
    );
  });

  it('contact.address_updated replaces the address in place', () => {
    const s = active(
      created,
      { type: 'contact.address_added', data: { address: address(A2) } },
      { type: 'contact.address_updated', data: { address: address(A1, { isPrimary: true, postalCode: '2020' }) } },
    );
    assert.deepEqual(
      s.addresses.map((a) => [a.id, a.postalCode]),
      [
        [A1, '2020'],
        [A2, '1010'],
      ],
    );
  });

  it('contact.address_removed drops the address', () => {
    const s = active(
      created,
      { type: 'contact.address_added', data: { address: address(A2) } },
      { type: 'contact.address_removed', data: { addressId: A2 } },
    );
    assert.deepEqual(
      s.addresses.map((a) => a.id),
      [A1],
    );
  });

  it('contact.unregistered marks the contact UNREGISTERED and keeps its data', () => {
    const s = active(created, { type: 'contact.unregistered', data: { code: 'C-1' } });
    assert.equal(s.status, 'UNREGISTERED');
    assert.equal(s.code, 'C-1');
    assert.equal(s.version, 2);
  });

  it('does not mutate the state it is given', () => {
    const before = active(created);
    const snapshot = structuredClone(before);
    evolve(before, { type: 'contact.address_added', data: { address: address(A2, { isPrimary: true }) } }, { version: 2, at: T1 });
    evolve(before, { type: 'contact.updated', data: { firstName: 'Augusta' } }, { version: 2, at: T1 });
    assert.deepEqual(before, snapshot);
  });
});

describe('requireActive', () => {
  it('returns an active contact', () => {
    const s = active(created);
    assert.equal(requireActive(s, 'C-1'), s);
  });

  it('reports a missing contact as NOT_FOUND', () => {
    assert.throws(() => requireActive(null, 'C-404'), { code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });

  it('reports an unregistered contact exactly like a missing one', () => {
    assert.throws(() => requireActive(active(created, { type: 'contact.unregistered', data: { code: 'C-1' } }), 'C-1'), {
      code: 'NOT_FOUND',
      reason: 'CONTACT_NOT_FOUND',
      message: 'contact C-1 was not found',
    });
  });
});
