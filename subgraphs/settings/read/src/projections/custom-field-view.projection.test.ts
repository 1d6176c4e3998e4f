import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectCustomField } from './custom-field-view.projection';

const id = '00000000-0000-4000-8000-000000000002';
const t1 = '2024-05-01T10:00:00.000Z';
const t2 = '2024-05-02T10:00:00.000Z';
const data = {
  entity: 'CONTACTS' as const,
  key: 'tier',
  label: 'Tier',
  field: 'SELECTION' as const,
  options: ['gold'],
  mandatory: false,
  tooltip: null,
  visible: true,
};

describe('custom field view projection', () => {
  it('a definition, a change and a removal fold into one view', () => {
    const defined = projectCustomField(null, { type: 'custom_field.defined', data, aggregateId: id, aggregateVersion: 1, occurredAt: t1 });
    assert.deepEqual(defined, { id, version: 1, ...data, removed: false, createdAt: new Date(t1), updatedAt: new Date(t1) });
    const changed = projectCustomField(defined, {
      type: 'custom_field.changed',
      data: { ...data, mandatory: true },
      aggregateId: id,
      aggregateVersion: 2,
      occurredAt: t2,
    });
    assert.equal(changed.mandatory, true);
    assert.deepEqual(changed.createdAt, new Date(t1));
    const removed = projectCustomField(changed, {
      type: 'custom_field.removed',
      data: { entity: 'CONTACTS', key: 'tier' },
      aggregateId: id,
      aggregateVersion: 3,
      occurredAt: t2,
    });
    assert.equal(removed.removed, true);
    assert.equal(removed.version, 3);
  });
});
