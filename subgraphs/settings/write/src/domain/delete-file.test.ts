import { describe, it } from 'node:test';
import { deleteFile } from './delete-file';
import { fileSpecification } from './spec-kit';
import type { FileChange } from './file';

const { given } = fileSpecification(deleteFile);
const id = '00000000-0000-4000-8000-000000000999';
const uploaded: FileChange = {
  type: 'file.uploaded',
  data: {
    owner: { kind: 'contact', id: 'c1' },
    entityType: 'CONTACTS',
    name: 'a.pdf',
    contentType: 'application/pdf',
    sizeBytes: 10,
    sha256: 'c'.repeat(64),
  },
};

describe('deleteFile', () => {
  it('the owning contact, a user or a key deletes the file', () => {
    given(uploaded)
      .when({ id, caller: { kind: 'contact', id: 'c1' } })
      .then([{ type: 'file.deleted', data: {} }]);
    given(uploaded)
      .when({ id, caller: { kind: 'user', id: 'u1' } })
      .then([{ type: 'file.deleted', data: {} }]);
  });

  it("another contact's file, a missing file and a deleted file are not found", () => {
    given(uploaded)
      .when({ id, caller: { kind: 'contact', id: 'c2' } })
      .thenFails({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND' });
    given()
      .when({ id, caller: { kind: 'user', id: 'u1' } })
      .thenFails({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND' });
    given(uploaded, { type: 'file.deleted', data: {} })
      .when({ id, caller: { kind: 'contact', id: 'c1' } })
      .thenFails({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND' });
  });
});
