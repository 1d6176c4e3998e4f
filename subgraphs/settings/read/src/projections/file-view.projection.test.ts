import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectFile } from './file-view.projection';

const id = '00000000-0000-4000-8000-000000000001';
const occurredAt = '2024-05-01T10:00:00.000Z';
const later = '2024-05-02T10:00:00.000Z';
const uploaded = {
  type: 'file.uploaded' as const,
  data: {
    owner: { kind: 'contact' as const, id: 'c1' },
    entityType: 'CONTACTS' as const,
    name: 'scan.png',
    contentType: 'image/png',
    sizeBytes: 120,
    sha256: 'a'.repeat(64),
  },
  aggregateId: id,
  aggregateVersion: 1,
  occurredAt,
};

describe('file view projection', () => {
  it('an uploaded file becomes a view with its owner, type, size and time', () => {
    assert.deepEqual(projectFile(null, uploaded), {
      id,
      version: 1,
      ownerKind: 'contact',
      ownerId: 'c1',
      entityType: 'CONTACTS',
      name: 'scan.png',
      contentType: 'image/png',
      sizeBytes: 120,
      deleted: false,
      createdAt: new Date(occurredAt),
      updatedAt: new Date(occurredAt),
    });
  });

  it('a deleted file stays as a tombstone at the new version', () => {
    const view = projectFile(projectFile(null, uploaded), {
      type: 'file.deleted',
      data: {},
      aggregateId: id,
      aggregateVersion: 2,
      occurredAt: later,
    });
    assert.equal(view.deleted, true);
    assert.equal(view.version, 2);
    assert.deepEqual(view.updatedAt, new Date(later));
    assert.deepEqual(view.createdAt, new Date(occurredAt));
  });
});
