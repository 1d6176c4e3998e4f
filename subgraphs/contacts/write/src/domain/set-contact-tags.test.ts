import { describe, it } from 'node:test';
import { createdEvent, deciderKit, unregisteredEvent } from './decider-test-kit';
import type { ContactChange } from './contact';
import { type SetContactTags, setContactTags } from './set-contact-tags';

const created = createdEvent({ tags: ['vip', 'eu'] });
const unregistered = unregisteredEvent();
const { given } = deciderKit<SetContactTags>((state, cmd) => setContactTags(state, cmd, { idOrCode: 'C-1' }));
const tagsSet = (tags: string[]): ContactChange[] => [{ type: 'contact.tags_set', data: { tags } }];

describe('setContactTags', () => {
  it('replaces the tags with the given set', () => {
    given(created)
      .when({ tags: ['gold', 'b2b'] })
      .then(tagsSet(['gold', 'b2b']));
  });

  it('deduplicates case-insensitively and trims before emitting', () => {
    given(created)
      .when({ tags: [' Gold ', 'GOLD', 'gold', 'vip'] })
      .then(tagsSet(['Gold', 'vip']));
  });

  it('emits nothing when the tags stay the same', () => {
    given(created)
      .when({ tags: ['vip', ' eu', 'VIP'] })
      .then([]);
  });

  it('treats a new order as a change', () => {
    given(created)
      .when({ tags: ['eu', 'vip'] })
      .then(tagsSet(['eu', 'vip']));
  });

  it('clears all tags with an empty list', () => {
    given(created).when({ tags: [] }).then(tagsSet([]));
  });

  it('rejects an invalid tag at tags.N', () => {
    given(created)
      .when({ tags: ['ok', 'fine', '!bad'] })
      .thenFails({ code: 'VALIDATION', field: 'tags.2', reason: 'INVALID_TAG' });
  });

  it('accepts 50 tags and rejects 51', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `tag-${i}`);
    given(created)
      .when({ tags: many(50) })
      .then(tagsSet(many(50)));
    given(created)
      .when({ tags: many(51) })
      .thenFails({ code: 'VALIDATION', field: 'tags', reason: 'TOO_MANY' });
  });

  it('rejects a command on a missing or unregistered contact as NOT_FOUND', () => {
    given()
      .when({ tags: ['x'] })
      .thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
    given(created, unregistered)
      .when({ tags: ['x'] })
      .thenFails({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND' });
  });
});
