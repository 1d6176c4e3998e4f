import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registry } from '@crm/event-bus/contracts';
import { type ChangeOf, type ContactChange, type ContactState, evolve } from './contact';
import { unregisterContact } from './unregister-contact';

const T0 = new Date('2024-05-01T10:00:00.000Z');
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

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

const createdData: ChangeOf<'contact.created'> = {
  firstName: null,
  middleName: null,
  lastName: null,
  companyName: 'Acme Ltd',
  companyProfile: null,
  email: null,
  phones: [],
  demographics: null,
  languageCode: null,
  smsOptOut: false,
  emailOptOut: false,
  countryOfAgreement: null,
  customFields: [],
  code: 'ACME',
  type: 'COMPANY',
  referralCode: 'REF12345',
  addresses: [],
  tags: [],
};
const created: ContactChange = { type: 'contact.created', data: createdData };
const unregistered: ContactChange = { type: 'contact.unregistered', data: { code: 'ACME' } };

function given(...history: ContactChange[]) {
  const state = history.reduce<ContactState | null>((s, e, i) => evolve(s, e, { version: i + 1, at: T0 }), null);
  const run = () => unregisterContact(state, { idOrCode: 'ACME' });
  return {
    whenUnregistered: {
      then(expected: ContactChange[]) {
        const changes = run();
        assertValidEvents(changes);
        assert.deepEqual(changes, expected);
      },
      thenFails(error: { code: string; reason?: string }) {
        assert.throws(run, error);
      },
    },
  };
}

describe('unregisterContact', () => {
  it('emits contact.unregistered carrying the code (so it can be reused)', () => {
    given(created).whenUnregistered.then([{ type: 'contact.unregistered', data: { code: 'ACME' } }]);
  });

  it('also unregisters a contact that has been changed since creation', () => {
    given(created, { type: 'contact.updated', data: { email: 'info@acme.example' } }).whenUnregistered.then([{ type: 'contact.unregistered', data: { code: 'ACME' } }]);
  });

  it('rejects unregistering twice as NOT_FOUND', () => {
    given(created, unregistered).whenUnregistered.thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });

  it('rejects unregistering a missing contact as NOT_FOUND', () => {
    given().whenUnregistered.thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });
});
