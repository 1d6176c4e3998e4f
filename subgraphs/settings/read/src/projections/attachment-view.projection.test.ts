import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectAttachment } from './attachment-view.projection';

const id = '00000000-0000-4000-8000-000000000003';
const contactId = '00000000-0000-4000-8000-0000000000c1';
const at = '2024-05-01T10:00:00.000Z';

describe('attachment view projection', () => {
  it('an added attachment is listed until it is removed', () => {
    const file = { id: '00000000-0000-4000-8000-0000000000f1', name: 'id.pdf', contentType: 'application/pdf' };
    const added = projectAttachment(null, {
      type: 'attachment.added',
      data: { contactId, file, link: null, description: 'ID card' },
      aggregateId: id,
      aggregateVersion: 1,
      occurredAt: at,
    });
    assert.deepEqual(added, { id, version: 1, contactId, file, link: null, description: 'ID card', removed: false, createdAt: new Date(at) });
    const removed = projectAttachment(added, { type: 'attachment.removed', data: {}, aggregateId: id, aggregateVersion: 2, occurredAt: at });
    assert.equal(removed.removed, true);
    assert.equal(removed.version, 2);
  });
});
