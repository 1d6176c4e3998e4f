import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Address, ContactEvent } from '@crm/event-bus/contracts/contacts';
import { registry } from '@crm/event-bus/contracts';
import type { ContactSnapshot } from '@crm/contacts-model';
import { type ContactView, projectContact, searchTextOf } from './contact-view.projection';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const CONTACT = uuid(1);
const A1 = uuid(201);
const A2 = uuid(202);
const P1 = uuid(101);
const at = (day: number) => `2024-05-${String(day).padStart(2, '0')}T10:00:00.000Z`;

type Change = Pick<ContactEvent, 'type' | 'data'>;
type ProjectedEvent = Parameters<typeof projectContact>[1];

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
  lat: 35.17,
  lon: 33.36,
  googlePlaceId: null,
  ...extra,
});

const created: Change = {
  type: 'contact.created',
  data: {
    firstName: 'Ada',
    middleName: null,
    lastName: 'Lovelace',
    companyName: null,
    companyProfile: null,
    email: 'ada@example.com',
    phones: [{ id: P1, type: 'MOBILE', countryCode: 'CYP', number: '35799123456', isPrimary: true }],
    demographics: null,
    languageCode: 'EN',
    smsOptOut: false,
    emailOptOut: false,
    countryOfAgreement: 'GBR',
    customFields: [],
    code: 'C-1',
    type: 'PERSON',
    referralCode: 'REF12345',
    addresses: [address(A1, { isPrimary: true })],
    tags: ['vip'],
  },
};

/** A realistic life of one contact, touching every event type. */
const HISTORY: Change[] = [
  created,
  { type: 'contact.updated', data: { middleName: 'King', email: 'ada@lovelace.org' } },
  { type: 'contact.tags_set', data: { tags: ['vip', 'newsletter'] } },
  { type: 'contact.address_added', data: { address: address(A2, { addressLine1: '2 Side St', isBilling: true }) } },
  { type: 'contact.address_updated', data: { address: address(A2, { addressLine1: '2 Side St', isPrimary: true, isBilling: true }) } },
  { type: 'contact.address_removed', data: { addressId: A1 } },
  {
    type: 'contact.updated',
    data: {
      demographics: {
        gender: 'FEMALE',
        dateOfBirth: { year: 1990, month: 12, day: 10 },
        nameDay: null,
        passport: null,
        idDetails: null,
        statutoryNumber: null,
      },
      customFields: [{ key: 'tier', value: 'gold' }],
      smsOptOut: true,
    },
  },
  { type: 'contact.tags_set', data: { tags: [] } },
  { type: 'contact.unregistered', data: { code: 'C-1' } },
];

const envelope = (change: Change, version: number): ProjectedEvent & { id: string } =>
  ({
    id: uuid(500 + version),
    type: change.type,
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType: 'contact',
    aggregateId: CONTACT,
    aggregateVersion: version,
    occurredAt: at(version),
    correlationId: 'corr-1',
    causationId: null,
    actor: { kind: 'user', id: 'u1' },
    data: change.data,
  }) as ProjectedEvent & { id: string };

const project = (changes: Change[]): ContactView | null =>
  changes.reduce<ContactView | null>((v, c, i) => projectContact(v, envelope(c, i + 1)), null);
const view = (...changes: Change[]): ContactView => {
  const v = project(changes);
  assert.ok(v);
  return v;
};

describe('projectContact', () => {
  it('contact.created builds the full view with the aggregate id, version and timestamps', () => {
    const { code, type, referralCode, addresses, tags, ...profile } = created.data as Extract<ContactEvent, { type: 'contact.created' }>['data'];
    assert.deepEqual(view(created), {
      ...profile,
      code,
      type,
      referralCode,
      addresses,
      tags,
      id: CONTACT,
      version: 1,
      createdAt: new Date(at(1)),
      updatedAt: new Date(at(1)),
      deleted: false,
    });
  });

  it('contact.updated changes only the carried fields and moves version and updatedAt', () => {
    const before = view(created);
    const after = view(created, { type: 'contact.updated', data: { email: null, languageCode: 'EL' } });
    assert.deepEqual(after, { ...before, email: null, languageCode: 'EL', version: 2, updatedAt: new Date(at(2)) });
  });

  it('contact.tags_set replaces the tags', () => {
    assert.deepEqual(view(created, { type: 'contact.tags_set', data: { tags: ['a', 'b'] } }).tags, ['a', 'b']);
  });

  it('a new primary address unflags the previous primary', () => {
    const v = view(created, { type: 'contact.address_added', data: { address: address(A2, { isPrimary: true }) } });
    assert.deepEqual(
      v.addresses.map((a) => [a.id, a.isPrimary]),
      [
        [A1, false],
        [A2, true],
      ],
    );
  });

  it('contact.address_updated replaces the address in place', () => {
    const v = view(...HISTORY.slice(0, 4), {
      type: 'contact.address_updated',
      data: { address: address(A1, { isPrimary: true, postalCode: '2020' }) },
    });
    assert.deepEqual(
      v.addresses.map((a) => [a.id, a.postalCode]),
      [
        [A1, '2020'],
        [A2, '1010'],
      ],
    );
  });

  it('contact.address_removed drops the address', () => {
    assert.deepEqual(
      view(...HISTORY.slice(0, 6)).addresses.map((a) => a.id),
      [A2],
    );
  });

  it('contact.unregistered leaves a tombstone that keeps the data', () => {
    const v = view(created, { type: 'contact.unregistered', data: { code: 'C-1' } });
    assert.equal(v.deleted, true);
    assert.equal(v.code, 'C-1');
    assert.equal(v.version, 2);
  });

  it('refuses a non-creation event for an unknown contact, naming it', () => {
    assert.throws(() => projectContact(null, envelope({ type: 'contact.tags_set', data: { tags: [] } }, 2)), new RegExp(CONTACT));
  });

  it('does not mutate the view it is given', () => {
    const before = view(created);
    const copy = structuredClone(before);
    projectContact(before, envelope({ type: 'contact.address_added', data: { address: address(A2, { isPrimary: true }) } }, 2));
    projectContact(before, envelope({ type: 'contact.updated', data: { firstName: 'Augusta' } }, 2));
    assert.deepEqual(before, copy);
  });
});

describe('projection / write-side parity', () => {
  type WriteState = ContactSnapshot & { status: 'ACTIVE' | 'UNREGISTERED' };
  type Evolve = (state: WriteState | null, event: Change, meta: { version: number; at: Date }) => WriteState;
  // The write side is another workspace; it is loaded from its build output at run time only, so
  // the read workspace keeps compiling on its own.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { evolve } = require('@crm/contacts-write/dist/domain/contact') as { evolve: Evolve };

  it('every event of the history is valid against its contract', () => {
    HISTORY.forEach((c, i) => assert.doesNotThrow(() => registry.validate(envelope(c, i + 1)), c.type));
  });

  it('folds a realistic history to the same fields as the write side, after every event', () => {
    let state: WriteState | null = null;
    let v: ContactView | null = null;
    HISTORY.forEach((change, i) => {
      const version = i + 1;
      state = evolve(state, change, { version, at: new Date(at(version)) });
      v = projectContact(v, envelope(change, version));
      const { id: _writeId, status, ...written } = state;
      const { id, deleted, ...projected } = v;
      assert.deepEqual(projected, written, `after ${change.type} (v${version})`);
      assert.equal(deleted, status === 'UNREGISTERED');
      assert.equal(id, CONTACT);
    });
    assert.equal((v as ContactView | null)?.deleted, true);
  });
});

describe('searchTextOf', () => {
  it('joins names, company, email, code and phone numbers in lower case', () => {
    const v = view(created, { type: 'contact.updated', data: { middleName: 'King', companyName: 'Analytical Engines' } });
    assert.equal(searchTextOf(v), 'ada king lovelace analytical engines ada@example.com c-1 35799123456');
  });

  it('skips missing values', () => {
    const v = view(created, { type: 'contact.updated', data: { firstName: null, email: null, phones: [] } });
    assert.equal(searchTextOf(v), 'lovelace c-1');
  });
});
