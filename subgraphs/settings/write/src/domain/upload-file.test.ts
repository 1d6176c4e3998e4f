import { describe, it } from 'node:test';
import { type UploadFile, uploadFile } from './upload-file';
import { fileSpecification } from './spec-kit';
import type { FileChange } from './file';

const { given } = fileSpecification(uploadFile);
const sha256 = 'b'.repeat(64);
const limits = { maxBytes: 1000, maxFilesPerContact: 3 };
const png: UploadFile = {
  owner: { kind: 'contact', id: 'c1' },
  entityType: 'CONTACTS',
  name: ' scan.png ',
  sniffedContentType: 'image/png',
  sizeBytes: 1000,
  sha256,
  ownerFileCount: 2,
  limits,
};
const uploaded: FileChange = {
  type: 'file.uploaded',
  data: { owner: { kind: 'contact', id: 'c1' }, entityType: 'CONTACTS', name: 'scan.png', contentType: 'image/png', sizeBytes: 1000, sha256 },
};

describe('uploadFile', () => {
  it('stores a file of an allowed sniffed type at the size limit, under its trimmed name', () => {
    given().when(png).then([uploaded]);
  });

  it('refuses a file one byte over the limit (413), naming the file', () => {
    given()
      .when({ ...png, sizeBytes: 1001 })
      .thenFails({ code: 'PAYLOAD_TOO_LARGE', field: 'file', reason: 'FILE_TOO_LARGE' });
  });

  it('refuses bytes that sniff as an executable or as nothing known (415)', () => {
    given()
      .when({ ...png, sniffedContentType: 'application/x-msdownload' })
      .thenFails({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file', reason: 'FILE_TYPE_NOT_ALLOWED' });
    given()
      .when({ ...png, sniffedContentType: null })
      .thenFails({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file', reason: 'FILE_TYPE_NOT_ALLOWED' });
  });

  it("refuses a contact's upload past its file count; a user's uploads are not counted", () => {
    given()
      .when({ ...png, ownerFileCount: 3 })
      .thenFails({ code: 'VALIDATION', field: 'file', reason: 'TOO_MANY' });
    given()
      .when({ ...png, owner: { kind: 'user', id: 'u1' }, ownerFileCount: 3 })
      .then([{ ...uploaded, data: { ...uploaded.data, owner: { kind: 'user', id: 'u1' } } } as FileChange]);
  });

  it('refuses an empty file and a name over 255 characters', () => {
    given()
      .when({ ...png, sizeBytes: 0 })
      .thenFails({ code: 'VALIDATION', field: 'file', reason: 'REQUIRED' });
    given()
      .when({ ...png, name: 'x'.repeat(256) })
      .thenFails({ code: 'VALIDATION', field: 'name', reason: 'TOO_LONG' });
  });

  it('refuses to upload over an existing file', () => {
    given(uploaded).when(png).thenFails({ code: 'CONFLICT', reason: 'FILE_EXISTS' });
  });
});
