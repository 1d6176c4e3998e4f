import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EventEnvelope } from '../envelope';
import { dlqOf, topicOf } from '../envelope';
import { defineEvent, EventRegistry, InvalidEventError } from './define-event';
import { registry } from './index';
import { CONTACT_EVENTS, CONTACTS_TOPIC } from './contacts';
import { COMMUNITY_EVENTS } from './contacts/community';

const address = () => ({
  id: randomUUID(),
  type: 'HOME' as const,
  name: null,
  isPrimary: true,
  isBilling: false,
  addressLine1: '1 Main St',
  addressLine2: null,
  stateProvinceCounty: null,
  townCity: 'Nicosia',
  postalCode: '1010',
  countryCode: 'CYP' as const,
  lat: 35.17,
  lon: 33.36,
  googlePlaceId: null,
});

const profile = () => ({
  firstName: 'Ada',
  middleName: null,
  lastName: 'Lovelace',
  companyName: null,
  companyProfile: null,
  email: 'ada@example.com',
  phones: [{ id: randomUUID(), type: 'MOBILE' as const, countryCode: 'GRC' as const, number: '6900000000', isPrimary: true }],
  demographics: {
    gender: 'FEMALE' as const,
    dateOfBirth: { year: 1815, month: 12, day: 10 },
    nameDay: null,
    passport: { number: 'P1', issuingCountryCode: 'GBR' as const, expirationDate: 1900000000 },
    idDetails: null,
    statutoryNumber: null,
  },
  languageCode: 'en',
  smsOptOut: false,
  emailOptOut: true,
  countryOfAgreement: 'CYP' as const,
  customFields: [{ key: 'tier', value: 'gold' }],
});

/** A valid data payload for every contacts contract. */
const validData: Record<string, unknown> = {
  'contact.created': { ...profile(), code: 'C-0001', type: 'PERSON', referralCode: 'REF1', addresses: [address()], tags: ['vip'] },
  'contact.updated': { email: 'new@example.com', smsOptOut: true },
  'contact.tags_set': { tags: ['a', 'b'] },
  'contact.address_added': { address: address() },
  'contact.address_updated': { address: { ...address(), isBilling: true } },
  'contact.address_removed': { addressId: randomUUID() },
  'contact.unregistered': { code: 'C-0001' },
};

function envelope(type: string, data: unknown, overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    tenantId: 'tenant-1',
    aggregateType: 'contact',
    aggregateId: randomUUID(),
    aggregateVersion: 1,
    occurredAt: new Date().toISOString(),
    correlationId: 'corr-1',
    causationId: null,
    actor: { kind: 'user', id: 'u1' },
    data,
    ...overrides,
  };
}

const rejects = (raw: unknown, pattern: RegExp) =>
  assert.throws(
    () => registry.validate(raw),
    (err: unknown) => err instanceof InvalidEventError && err.name === 'InvalidEventError' && pattern.test(err.message),
  );

describe('EventRegistry', () => {
  it('knows every contacts contract, all on the contacts topic', () => {
    assert.equal(CONTACTS_TOPIC, 'crm.contacts.events');
    assert.equal(dlqOf(topicOf('contacts')), 'crm.contacts.events.dlq');
    const onTopic = registry.all().filter((c) => c.topic === CONTACTS_TOPIC);
    assert.deepEqual(
      onTopic
        .filter((c) => c.aggregateType === 'contact')
        .map((c) => `${c.type}@${c.schemaVersion}`)
        .sort(),
      Object.keys(validData)
        .map((t) => `${t}@1`)
        .sort(),
    );
    // the contact's community relationships share the topic (their own aggregate, keyed by relationship)
    assert.deepEqual(
      onTopic
        .filter((c) => c.aggregateType !== 'contact')
        .map((c) => `${c.aggregateType}:${c.type}@${c.schemaVersion}`)
        .sort(),
      COMMUNITY_EVENTS.map((c) => `${c.aggregateType}:${c.type}@${c.schemaVersion}`).sort(),
    );
    for (const c of CONTACT_EVENTS) {
      assert.equal(c.topic, CONTACTS_TOPIC);
      assert.equal(c.aggregateType, 'contact');
      assert.equal(registry.get(c.type, c.schemaVersion), c);
    }
    assert.equal(registry.get('contact.created', 2), undefined);
  });

  it('accepts a valid envelope of every contacts contract', () => {
    for (const c of CONTACT_EVENTS) {
      const e = envelope(c.type, validData[c.type]);
      const validated = registry.validate(JSON.parse(JSON.stringify(e)));
      assert.deepEqual(validated, e, c.type);
    }
  });

  it('accepts system actors and causation ids; timestamps must be ISO-8601', () => {
    const e = envelope('contact.tags_set', { tags: [] }, { actor: { kind: 'system', id: null }, causationId: randomUUID() });
    assert.deepEqual(registry.validate(e), e);
    rejects({ ...e, occurredAt: '2024-01-01 10:00:00' }, /invalid envelope/);
  });

  it('strips unknown data fields rather than passing them on', () => {
    const e = envelope('contact.tags_set', { tags: ['x'], injected: true });
    assert.deepEqual(registry.validate(e).data, { tags: ['x'] });
  });

  it('rejects bad envelopes', () => {
    const good = envelope('contact.tags_set', { tags: [] });
    const bad: [string, unknown][] = [
      ['not an object', 'contact.tags_set'],
      ['null', null],
      ['id', { ...good, id: 'not-a-uuid' }],
      ['type format', { ...good, type: 'ContactCreated' }],
      ['type single word', { ...good, type: 'contact' }],
      ['schemaVersion', { ...good, schemaVersion: 0 }],
      ['tenantId empty', { ...good, tenantId: '' }],
      ['tenantId long', { ...good, tenantId: 't'.repeat(65) }],
      ['aggregateId long', { ...good, aggregateId: 'a'.repeat(65) }],
      ['aggregateVersion', { ...good, aggregateVersion: 0 }],
      ['aggregateVersion fractional', { ...good, aggregateVersion: 1.5 }],
      ['occurredAt', { ...good, occurredAt: 'yesterday' }],
      ['actor kind', { ...good, actor: { kind: 'robot', id: null } }],
      ['missing correlationId', { ...good, correlationId: undefined }],
      ['causationId type', { ...good, causationId: 5 }],
    ];
    for (const [what, raw] of bad) {
      assert.throws(() => registry.validate(raw), InvalidEventError, what);
      rejects(raw, /^invalid envelope/);
    }
  });

  it('rejects unknown types and versions', () => {
    rejects(envelope('contact.merged', {}), /unknown event contact\.merged@1/);
    rejects(envelope('contact.created', validData['contact.created'], { schemaVersion: 2 }), /unknown event contact\.created@2/);
  });

  it('rejects invalid data for every contract', () => {
    const invalid: Record<string, unknown[]> = {
      'contact.created': [
        {},
        { ...(validData['contact.created'] as object), type: 'ROBOT' },
        { ...(validData['contact.created'] as object), tags: ['x'.repeat(51)] },
      ],
      'contact.updated': [{}, { email: 5 }, { countryOfAgreement: 'XXX' }],
      'contact.tags_set': [{}, { tags: 'vip' }, { tags: Array.from({ length: 51 }, () => 't') }],
      'contact.address_added': [{}, { address: { ...address(), id: 'nope' } }, { address: { ...address(), lat: 91 } }],
      'contact.address_updated': [{ address: { ...address(), type: 'MOON' } }, { address: { ...address(), countryCode: 'ZZZ' } }],
      'contact.address_removed': [{}, { addressId: '123' }],
      'contact.unregistered': [{}, { code: 'c'.repeat(65) }],
    };
    for (const c of CONTACT_EVENTS) {
      const cases = invalid[c.type];
      assert.ok(cases && cases.length > 0, c.type);
      for (const data of cases) rejects(envelope(c.type, data), new RegExp(`^invalid data for ${c.type.replace('.', '\\.')}@1`));
    }
  });

  it('refuses duplicate contracts', () => {
    const a = defineEvent({ type: 'x.happened', schemaVersion: 1, aggregateType: 'x', topic: 't', description: '', data: z.object({}) });
    assert.throws(() => new EventRegistry([a, { ...a }]), /duplicate event contract x\.happened@1/);
    assert.doesNotThrow(() => new EventRegistry([a, { ...a, schemaVersion: 2 }]));
  });
});
