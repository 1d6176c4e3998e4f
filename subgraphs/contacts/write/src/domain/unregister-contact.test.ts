import { describe, it } from 'node:test';
import { createdEvent, deciderKit, unregisteredEvent } from './decider-test-kit';
import type { ContactChange } from './contact';
import { unregisterContact } from './unregister-contact';

const created = createdEvent({ firstName: null, companyName: 'Acme Ltd', code: 'ACME', type: 'COMPANY' });
const unregistered = unregisteredEvent('ACME');
const kit = deciderKit<void>((state) => unregisterContact(state, { idOrCode: 'ACME' }));
const given = (...history: ContactChange[]) => ({ whenUnregistered: kit.given(...history).when() });

describe('unregisterContact', () => {
  it('emits contact.unregistered carrying the code (so it can be reused)', () => {
    given(created).whenUnregistered.then([{ type: 'contact.unregistered', data: { code: 'ACME' } }]);
  });

  it('also unregisters a contact that has been changed since creation', () => {
    given(created, { type: 'contact.updated', data: { email: 'info@acme.example' } }).whenUnregistered.then([
      { type: 'contact.unregistered', data: { code: 'ACME' } },
    ]);
  });

  it('rejects unregistering twice as NOT_FOUND', () => {
    given(created, unregistered).whenUnregistered.thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });

  it('rejects unregistering a missing contact as NOT_FOUND', () => {
    given().whenUnregistered.thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });
});
