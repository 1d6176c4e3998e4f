import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registry } from '@crm/event-bus/contracts';
import { type ChangeOf, type ContactChange, type ContactState, evolve } from './contact';
import { type SetContactTags, setContactTags } from './set-contact-tags';

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
  addresses: [],
  tags: ['vip', 'eu'],
};
const created: ContactChange = { type: 'contact.created', data: createdData };
const unregistered: ContactChange = { type: 'contact.unregistered', data: { code: 'C-1' } };

function given(...history: ContactChange[]) {
  const state = history.reduce<ContactState | null>((s, e, i) => evolve(s, e, { version: i + 1, at: T0 }), null);
  return {
    when(cmd: SetContactTags) {
      const run = () => setContactTags(state, cmd, { idOrCode: 'C-1' });
      return {
        then(expected: ContactChange[]) {
          const changes = run();
          assertValidEvents(changes);
          assert.deepEqual(changes, expected);
        },
        thenFails(error: { code: string; field?: string; reason?: string }) {
          assert.throws(run, error);
        },
      };
    },
  };
}
const tagsSet = (tags: string[]): ContactChange[] => [{ type: 'contact.tags_set', data: { tags } }];

describe('setContactTags', () => {
  it('replaces the tags with the given set', () => {
    given(created).when({ tags: ['gold', 'b2b'] }).then(tagsSet(['gold', 'b2b']));
  });

  it('deduplicates case-insensitively and trims before emitting', () => {
    given(created).when({ tags: [' Gold ', 'GOLD', 'gold', 'vip'] }).then(tagsSet(['Gold', 'vip']));
  });

  it('emits nothing when the tags stay the same', () => {
    given(created).when({ tags: ['vip', ' eu', 'VIP'] }).then([]);
  });

  it('treats a new order as a change', () => {
    given(created).when({ tags: ['eu', 'vip'] }).then(tagsSet(['eu', 'vip']));
  });

  it('clears all tags with an empty list', () => {
    given(created).when({ tags: [] }).then(tagsSet([]));
  });

  it('rejects an invalid tag at tags.N', () => {
    given(created).when({ tags: ['ok', 'fine', '!bad'] }).thenFails({ code: 'VALIDATION', field: 'tags.2', reason: 'INVALID_TAG' });
  });

  it('accepts 50 tags and rejects 51', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `tag-${i}`);
    given(created).when({ tags: many(50) }).then(tagsSet(many(50)));
    given(created).when({ tags: many(51) }).thenFails({ code: 'VALIDATION', field: 'tags', reason: 'TOO_MANY' });
  });

  it('rejects a command on a missing or unregistered contact as NOT_FOUND', () => {
    given().when({ tags: ['x'] }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
    given(created, unregistered).when({ tags: ['x'] }).thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });
});
